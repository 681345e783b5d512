"""One search index per language.

mkdocs-static-i18n writes a single index holding every language's pages. Split it so that each
language's pages search only their own language: the default language keeps `search/search_index.json`,
every other language gets `LANG/search/search_index.json` with locations relative to its own root (its
pages point the theme's search there, see `plugin.on_page_context`), each with its own stemmer.
"""
from __future__ import annotations

import json
from pathlib import Path


def split_index(site: Path, default: str, others: list[str]) -> dict[str, int]:
    """Rewrite the site's search index as one per language; return {language: entries} (none: no search)."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    docs, counts = index["docs"], {}
    for language in others:
        prefix = language + "/"
        own = [dict(doc, location=doc["location"][len(prefix):]) for doc in docs if doc["location"].startswith(prefix)]
        counts[language] = _write(site / language / "search" / "search_index.json", index, language, own)
    foreign = tuple(language + "/" for language in others)
    counts[default] = _write(path, index, default, [doc for doc in docs if not doc["location"].startswith(foreign)])
    return counts


def _write(path: Path, index: dict, language: str, docs: list[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    config = dict(index["config"], lang=[language])
    path.write_text(json.dumps({**index, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return len(docs)
