"""The site's editions as mkdocs.yml declares them (the i18n plugin's languages), read once for every test:
adding a language to mkdocs.yml brings it into every test that goes through the editions."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative); their values do not matter here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@cache
def _languages() -> tuple[tuple[str, bool], ...]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return tuple((language["locale"], bool(language.get("default"))) for language in plugin["i18n"]["languages"]
                         if language.get("build", True))
    return (("en", True),)


DEFAULT = next(locale for locale, default in _languages() if default)
TRANSLATED = tuple(locale for locale, default in _languages() if not default)  # each under its folder, e.g. fr/
ALL = (DEFAULT, *TRANSLATED)


def edition(path: str) -> str:
    """The language of a built page from its path in the site (`fr/tools/risk/` -> `fr`)."""
    first = path.split("/", 1)[0]
    return first if first in TRANSLATED else DEFAULT


def source(path: str) -> str:
    """A built page's path in the default edition (`fr/tools/risk/` -> `tools/risk/`)."""
    language = edition(path)
    return path if language == DEFAULT else path.removeprefix(f"{language}/")
