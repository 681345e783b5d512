"""The HTML vocabulary the Python side writes and the browser scripts read (`data-tk-*` attributes) agrees
both ways: a script never looks for an attribute nothing writes, and nothing writes an attribute that no
script or style reads."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "overrides" / "assets" / "toolkit"
NAME = r"data-tk-[a-z0-9-]*[a-z0-9]"
# Read only by the tests and by an agency's own styles, on purpose.
HOOKS = {"data-tk-bar"}  # the summary bar that stays in view while answering


def _attribute(dataset_key: str) -> str:
    """dataset.tkSavedAt -> data-tk-saved-at"""
    return "data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), dataset_key)


def _names(paths, pattern: str = NAME) -> set[str]:
    return {match for path in paths for match in re.findall(pattern, path.read_text(encoding="utf-8"))}


def written() -> dict[str, set[str]]:
    """Every data-tk-* name written, by where: the engine's HTML and the form's templates, the plugins (and
    their templates) and theme overrides, and the scripts that set attributes or write HTML."""
    scripts = list(SCRIPTS.rglob("*.js"))
    by_scripts = {_attribute(key) for path in scripts
                  for key in re.findall(r"dataset\.(tk[A-Za-z0-9]+)\s*=(?!=)", path.read_text(encoding="utf-8"))}
    by_scripts |= _names(scripts, rf"(?:set|toggle)Attribute\(\s*[\"']({NAME})")
    by_scripts |= _names(scripts, rf"<[a-z][^<>]*?\s({NAME})")  # inside an HTML string
    return {
        "Python": _names([*(ROOT / "pyscript_tools").rglob("*.py"), *(ROOT / "pyscript_tools").rglob("*.html")]),
        "plugins and overrides": _names([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "plugins").rglob("*.html"),
                                         *(ROOT / "overrides").rglob("*.html")]),
        "scripts": by_scripts,
    }


def read() -> set[str]:
    """Every data-tk-* name a script (the templates' inline ones too) or a style sheet looks for."""
    scripts = list(SCRIPTS.rglob("*.js"))
    found = _names(scripts, rf"\[({NAME})") | _names(scripts, rf"(?:get|has)Attribute\(\s*[\"']({NAME})")
    found |= {_attribute(key) for path in scripts
              for key in re.findall(r"dataset\.(tk[A-Za-z0-9]+)\b(?!\s*=(?!=))", path.read_text(encoding="utf-8"))}
    found |= _names((ROOT / "overrides").rglob("*.html"), rf"\[({NAME})")  # the templates' inline scripts
    return found | _names(SCRIPTS.glob("*.css"), rf"\[({NAME})")


def test_scripts_look_only_for_attributes_something_writes():
    everything_written = set().union(*written().values())
    assert sorted(read() - everything_written) == []


def test_every_attribute_written_is_read():
    everything_written = set().union(*written().values())
    assert sorted(everything_written - read() - HOOKS) == []


def test_the_scan_sees_both_sides():
    """The scan finds the names it must (a failing scan would pass the two tests above vacuously)."""
    assert {"data-tk-action", "data-tk-live"} <= read()
    assert "data-tk-action" in written()["Python"]
