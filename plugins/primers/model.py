"""Load and validate the roles and the role primers (no MkDocs import here).

Two kinds of files, both YAML:

``toolkit_content/roles.yml``::

    roles:
      - id: executive-leadership          # [a-z0-9-]+, unique
        name: Executive leadership and chiefs of police
        short_name: Executive leadership  # optional, used on cards and in running heads
        description: One or two plain sentences.

``toolkit_content/primers/ROLE.yml`` (one per role, file stem = role id)::

    role: executive-leadership
    title: Primer for executive leadership and chiefs of police
    summary: Two or three sentences shown under the title.
    key_takeaways: [text, ...]                  # 3 to 6
    reading_path:                               # 3 to 8, in reading order
      - page: principles/lawfulness.md#necessity  # docs-relative path, optional #anchor
        title: Necessity
        why: One sentence.
    tools:                                      # 1 to 5
      - page: tools/readiness.md
        title: Organizational Readiness Assessment
        stages: [planning-design]               # life-cycle stage ids
        use: One sentence on when and why.
    life_cycle:                                 # every stage id, each 1 to 4 items
      planning-design: [text, ...]
      development-procurement: [...]
      deployment-use: [...]
      monitoring-evaluation: [...]
    approaches:                                 # every approach id, each 1 to 4 items
      develop: [text, ...]
      procure: [...]
      deploy: [...]
    use_cases:                                  # 1 to 3
      - title: Short title
        approach: procure                       # optional: develop | procure | deploy
        text: Three or four sentences.

Text fields are short Markdown (inline emphasis and code only).  Every
error names the file, the line and the field, taken from PyYAML's marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pyscript_tools.definition import ROLES as CANONICAL_ROLES

# The roles every edition must keep (the minimum); editors may add more in roles.yml.
ROLE_IDS = CANONICAL_ROLES
APPROACHES = {"develop": "Develop", "procure": "Procure", "deploy": "Deploy"}
STAGES = {
    "planning-design": "Planning and design",
    "development-procurement": "Development or procurement",
    "deployment-use": "Deployment and use",
    "monitoring-evaluation": "Monitoring and evaluation",
}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_./-]*\.md(?:#[a-z0-9][a-z0-9_-]*)?$")


class PrimerError(Exception):
    """A content error with file, line and field; its str() is the whole message."""

    def __init__(self, path: Path | str, line: int | None, fieldname: str, message: str):
        self.path, self.line, self.field = str(path), line, fieldname
        where = f"{self.path}:{line}" if line else self.path
        label = f" field '{fieldname}':" if fieldname else ""
        super().__init__(f"{where}:{label} {message}")


# --------------------------------------------------------------------------- YAML with marks


def _load_with_marks(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse *path*; return the data and a map from field path to 1-based line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PrimerError(path, None, "", f"cannot read the file ({exc.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise PrimerError(path, line, "", f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise PrimerError(path, None, "", f"YAML error: {exc}") from None
    marks: dict[tuple, int] = {}

    def walk(n, at: tuple):
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                marks[at + (k,)] = key.start_mark.line + 1
                walk(value, at + (k,))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                marks[at + (i,)] = item.start_mark.line + 1
                walk(item, at + (i,))

    if node is not None:
        marks[()] = node.start_mark.line + 1
        walk(node, ())
    return data, marks


class _Checker:
    """Field checks that raise PrimerError with the right line."""

    def __init__(self, path: Path, marks: dict[tuple, int]):
        self.path, self.marks = path, marks

    def line(self, at: tuple) -> int | None:
        while at not in self.marks and at:
            at = at[:-1]
        return self.marks.get(at)

    def fail(self, at: tuple, message: str):
        name = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in at).replace(".[", "[")
        raise PrimerError(self.path, self.line(at), name, message)

    def mapping(self, value, at, required=(), optional=()):
        if not isinstance(value, dict):
            self.fail(at, f"expected a mapping, got {_kind(value)}")
        for key in required:
            if key not in value:
                self.fail(at, f"missing required key '{key}'")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.fail(at + (key,), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return value

    def text(self, value, at, max_len=600):
        if not isinstance(value, str) or not value.strip():
            self.fail(at, f"expected non-empty text, got {_kind(value)}")
        if len(value) > max_len:
            self.fail(at, f"text is {len(value)} characters long; keep it under {max_len}")
        return " ".join(value.split())

    def items(self, value, at, lo, hi):
        if not isinstance(value, list):
            self.fail(at, f"expected a list, got {_kind(value)}")
        if not lo <= len(value) <= hi:
            self.fail(at, f"expected {lo} to {hi} items, got {len(value)}")
        return value

    def texts(self, value, at, lo, hi, max_len=400):
        return [self.text(v, at + (i,), max_len) for i, v in enumerate(self.items(value, at, lo, hi))]

    def choice(self, value, at, choices):
        if value not in choices:
            self.fail(at, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def page(self, value, at):
        if not isinstance(value, str) or not PAGE_RE.match(value) or ".." in value:
            self.fail(at, f"expected a docs-relative page such as principles/lawfulness.md#necessity, got {value!r}")
        return value


def _kind(value) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short_name: str
    description: str


@dataclass(frozen=True)
class Link:
    page: str  # docs-relative path with optional #anchor
    title: str
    note: str  # "why" for the reading path, "use" for tools
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class UseCase:
    title: str
    text: str
    approach: str | None = None


@dataclass(frozen=True)
class Primer:
    role: Role
    title: str
    summary: str
    key_takeaways: tuple[str, ...]
    reading_path: tuple[Link, ...]
    tools: tuple[Link, ...]
    life_cycle: dict[str, tuple[str, ...]]
    approaches: dict[str, tuple[str, ...]]
    use_cases: tuple[UseCase, ...]
    source: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # page link -> line, for messages


# --------------------------------------------------------------------------- loaders


def load_roles(path: Path) -> list[Role]:
    data, marks = _load_with_marks(path)
    ck = _Checker(path, marks)
    ck.mapping(data, (), required=("roles",))
    roles, seen = [], set()
    for i, entry in enumerate(ck.items(data["roles"], ("roles",), 1, 20)):
        at = ("roles", i)
        ck.mapping(entry, at, required=("id", "name", "description"), optional=("short_name",))
        rid = entry["id"]
        if not isinstance(rid, str) or not ID_RE.match(rid):
            ck.fail(at + ("id",), f"expected an id of lower-case letters, digits and hyphens, got {rid!r}")
        if rid in seen:
            ck.fail(at + ("id",), f"duplicate role id '{rid}'")
        seen.add(rid)
        name = ck.text(entry["name"], at + ("name",), 120)
        short = ck.text(entry.get("short_name", name), at + ("short_name",), 60)
        roles.append(Role(rid, name, short, ck.text(entry["description"], at + ("description",), 400)))
    missing = [r for r in ROLE_IDS if r not in seen]
    if missing:
        ck.fail(("roles",), f"the canonical roles are missing: {', '.join(missing)}")
    return roles


def load_primer(path: Path, roles: dict[str, Role]) -> Primer:
    data, marks = _load_with_marks(path)
    ck = _Checker(path, marks)
    keys = ("role", "title", "summary", "key_takeaways", "reading_path", "tools", "life_cycle", "approaches", "use_cases")
    ck.mapping(data, (), required=keys)
    role_id = ck.choice(data["role"], ("role",), list(roles))
    if role_id != path.stem:
        ck.fail(("role",), f"role '{role_id}' does not match the file name '{path.name}'")
    lines: dict[str, int] = {}

    def links(key, lo, hi, note_key, with_stages):
        out = []
        for i, entry in enumerate(ck.items(data[key], (key,), lo, hi)):
            at = (key, i)
            req = ("page", "title", note_key) + (("stages",) if with_stages else ())
            ck.mapping(entry, at, required=req)
            page = ck.page(entry["page"], at + ("page",))
            lines.setdefault(page, ck.line(at + ("page",)) or 0)
            stages = ()
            if with_stages:
                stages = tuple(
                    ck.choice(s, at + ("stages", j), list(STAGES))
                    for j, s in enumerate(ck.items(entry["stages"], at + ("stages",), 1, 4))
                )
            out.append(Link(page, ck.text(entry["title"], at + ("title",), 120),
                            ck.text(entry[note_key], at + (note_key,), 300), stages))
        return tuple(out)

    def keyed(key, ids, lo, hi):
        value = ck.mapping(data[key], (key,), required=tuple(ids))
        return {k: tuple(ck.texts(value[k], (key, k), lo, hi, 300)) for k in ids}

    use_cases = []
    for i, entry in enumerate(ck.items(data["use_cases"], ("use_cases",), 1, 3)):
        at = ("use_cases", i)
        ck.mapping(entry, at, required=("title", "text"), optional=("approach",))
        approach = entry.get("approach")
        if approach is not None:
            ck.choice(approach, at + ("approach",), list(APPROACHES))
        use_cases.append(UseCase(ck.text(entry["title"], at + ("title",), 120),
                                 ck.text(entry["text"], at + ("text",), 700), approach))

    return Primer(
        role=roles[role_id],
        title=ck.text(data["title"], ("title",), 120),
        summary=ck.text(data["summary"], ("summary",), 600),
        key_takeaways=tuple(ck.texts(data["key_takeaways"], ("key_takeaways",), 3, 6, 300)),
        reading_path=links("reading_path", 3, 8, "why", False),
        tools=links("tools", 1, 5, "use", True),
        life_cycle=keyed("life_cycle", STAGES, 1, 4),
        approaches=keyed("approaches", APPROACHES, 1, 4),
        use_cases=tuple(use_cases),
        source=str(path),
        lines=lines,
    )


def load_all(roles_file: Path, primers_dir: Path) -> tuple[list[Role], list[Primer]]:
    """Load roles.yml and one primer per role; every role needs a primer and vice versa."""
    roles = load_roles(roles_file)
    by_id = {r.id: r for r in roles}
    if not primers_dir.is_dir():
        raise PrimerError(primers_dir, None, "", "the primers folder does not exist")
    files = {p.stem: p for p in sorted(primers_dir.glob("*.yml"))}
    for stem, p in files.items():
        if stem not in by_id:
            raise PrimerError(p, None, "", f"no role '{stem}' in {roles_file}")
    primers = []
    for role in roles:
        if role.id not in files:
            raise PrimerError(primers_dir / f"{role.id}.yml", None, "", f"role '{role.id}' has no primer file")
        primers.append(load_primer(files[role.id], by_id))
    return roles, primers
