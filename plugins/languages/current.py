"""Which language a build is for, and its interface catalogue: shared by the toolkit's plugins.

A multilingual build (mkdocs-static-i18n) runs the whole build once per language on the same config;
its plugin names the language of the run from the start of each run (``current_language``; Material's
``theme.language`` only follows at the end of ``on_config``). Pages keep their English source path
(``page.fr.md`` is ``page.md``) for links and anchors.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from pyscript_tools.authoring.catalog import Catalog, Message, extract, load_catalog
from pyscript_tools.authoring.content import ROLES_FILE
from pyscript_tools.engine import i18n

from .config import LanguagesConfig

DEFAULT = i18n.DEFAULT


def project(config) -> Path:
    return Path(config.config_file_path or ".").parent


def code(config) -> str:
    """The language of this run of the build."""
    running = getattr(config.plugins.get("i18n"), "current_language", None)
    return str(running or default(config))


def default(config) -> str:
    """The site's default language (at the root of the site)."""
    plugin = config.plugins.get("i18n")
    languages = getattr(getattr(plugin, "config", None), "languages", None) or []
    return next((lang.locale for lang in languages if lang.default), DEFAULT)


def is_default(config) -> bool:
    return code(config) == default(config)


def prefix(config) -> str:
    """Where this language's pages live in the site: '' for the default language, else 'fr/'."""
    return "" if is_default(config) else code(config) + "/"


def content_dir(config) -> str:
    """The structured content's folder (relative to mkdocs.yml), as the toolkit-languages plugin's
    `content_dir` names it: the one setting every plugin reads it from."""
    plugin = config.plugins.get("toolkit-languages")
    return str(plugin.config.content_dir if plugin is not None else LanguagesConfig.content_dir.default).rstrip("/")


def roles_file(config) -> str:
    """The reader roles' file (relative to mkdocs.yml), in the content folder: both plugins that read roles
    find it here."""
    return f"{content_dir(config)}/{ROLES_FILE}"


def translated(config, path: str) -> str:
    """A content file of this run's language: CONTENT/X -> CONTENT/i18n/LANG/X (the default language's is
    X itself; a file outside the content folder has no translation)."""
    root = content_dir(config) + "/"
    if is_default(config) or not path.startswith(root):
        return path
    return f"{root}i18n/{code(config)}/{path[len(root):]}"


def source_uri(file) -> str:
    """A page's source path without its language suffix (tools/risk.fr.md -> tools/risk.md)."""
    return getattr(file, "norm_src_uri", None) or file.src_uri


@cache
def messages(root: Path) -> dict[str, Message]:
    """Every interface string of the project (found once per process)."""
    return extract(root)


@cache
def catalog(root: Path, content: str, language: str) -> Catalog:
    return load_catalog(root / content, language, display=f"{content}/i18n/{language}/interface.yml")


def catalog_for(config) -> Catalog | None:
    """This run's catalogue (None for English, which is the text in the code)."""
    language = code(config)
    return None if language == DEFAULT else catalog(project(config), content_dir(config), language)


@contextmanager
def speaking(config) -> Iterator[None]:
    """Within the block, the engine's and the form's texts are in this run's language."""
    found = catalog_for(config)
    with i18n.language(code(config), found.translations() if found else None):
        yield
