"""Loading the content in ``toolkit_content/`` at build time and on the command line (needs PyYAML).

Nothing here raises on bad content: every loader returns what it could read and the list of problems,
each ``file:line: field: message``.

- ``load_roles(path) -> (roles, problems)``: the one reader of ``roles.yml``.
- ``load_questionnaire_file(path, anchors_by_page=None, roles=None) -> (definition, problems)``
- ``load_questionnaire_dir(directory, anchors_by_page=None, roles=None) -> ({id: definition}, problems)``
- ``validate_links(definition, anchors_by_page, lines=None, file=...) -> problems``
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.validate import tag_vocabulary, validate_definition
from ..engine.validate import validate_links as validate_links  # re-exported for the plugin and the CLI
from .checks import Checker
from .yaml_source import load_yaml_with_lines


def display_path(path: str | os.PathLike) -> str:
    """``path`` relative to the working folder when it is below it (for messages)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_yaml(path: str | os.PathLike, display: str | None = None) -> tuple[Any, dict[tuple, int], list[str]]:
    """A YAML file's data, its line map and its problems (data is None when it cannot be parsed)."""
    file = display or display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, ["%s:1: (file): cannot read: %s" % (file, exc)]
    return load_yaml_with_lines(text, file=file)


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short_name: str
    description: str


def load_roles(path: str | os.PathLike, display: str | None = None) -> tuple[list[Role], list[str]]:
    """The reader roles from ``roles.yml``, in its order, and every problem with the file."""
    data, lines, problems = read_yaml(path, display)
    if data is None:
        return [], problems
    check = Checker(display or display_path(path), lines)
    entries = check.items(check.mapping(data, (), required=("roles",)).get("roles"), ("roles",), 1, 30)
    roles, seen = [], set()
    for i, entry in enumerate(entries):
        at = ("roles", i)
        entry = check.mapping(entry, at, required=("id", "name", "description"), optional=("short_name",))
        if not entry:
            continue
        rid = check.ident(entry.get("id"), at + ("id",))
        if rid in seen:
            check.fail(at + ("id",), "duplicate role id '%s'" % rid)
        seen.add(rid)
        name = check.text(entry.get("name"), at + ("name",), 120)
        short = check.text(entry["short_name"], at + ("short_name",), 60) if "short_name" in entry else name
        roles.append(Role(rid, name, short, check.text(entry.get("description"), at + ("description",), 400)))
    return roles, problems + check.problems


# --------------------------------------------------------------------------- questionnaires


def sort_problems(problems: list[str]) -> list[str]:
    """One file's problems in line order (stable)."""
    def line(message: str) -> int:
        parts = message.split(":", 2)
        try:
            return int(parts[1])
        except (IndexError, ValueError):
            return 0
    return sorted(problems, key=line)


def load_questionnaire_file(path: str | os.PathLike, anchors_by_page: dict[str, set[str]] | None = None,
                            roles: list[str] | None = None,
                            lines_out: dict | None = None) -> tuple[dict[str, Any] | None, list[str]]:
    """Load and validate one questionnaire; links are checked too when ``anchors_by_page`` is given, and
    role tags when ``roles`` (ids) is. ``lines_out``, if given, receives the line map."""
    file = display_path(path)
    data, lines, problems = read_yaml(path)
    if lines_out is not None:
        lines_out.update(lines)
    if data is None:
        return None, problems
    problems = problems + validate_definition(data, lines=lines, file=file, stem=Path(path).stem,
                                              vocabulary=tag_vocabulary(roles))
    if anchors_by_page is not None:
        problems += validate_links(data, anchors_by_page, lines=lines, file=file)
    return data, sort_problems(problems)


def load_questionnaire_dir(directory: str | os.PathLike, anchors_by_page: dict[str, set[str]] | None = None,
                           roles: list[str] | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every ``*.yml`` questionnaire in ``directory``: ({id: definition}, problems)."""
    found: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith((".yml", ".yaml")))
    except OSError as exc:
        return {}, ["%s:1: (file): cannot list directory: %s" % (directory, exc)]
    for name in names:
        definition, errors = load_questionnaire_file(os.path.join(directory, name), anchors_by_page, roles)
        problems += errors
        if definition is not None and not errors and isinstance(definition, dict):
            found[definition["id"]] = definition
    return found, problems
