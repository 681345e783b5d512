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
    legal_checkpoints: true                     # optional: what each legal frame classifies, from toolkit_content/legal/

Text fields are short Markdown (inline emphasis and code only). Every problem in every file is reported
at once, as ``file:line: field: message``. Roles are read by the project's one reader of roles.yml,
:func:`pyscript_tools.authoring.content.load_roles`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyscript_tools.authoring.checks import Checker, ContentError
from pyscript_tools.authoring.content import Role, display_path, load_roles, read_yaml, sort_problems
from pyscript_tools.engine.vocabulary import APPROACHES, STAGES

__all__ = ["ContentError", "Link", "Primer", "Role", "UseCase", "load_all", "load_primer"]


# --------------------------------------------------------------------------- data classes


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
    legal_checkpoints: bool = False  # a section "Legal checkpoints", generated from toolkit_content/legal/
    source: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # page link -> line, for messages


# --------------------------------------------------------------------------- loaders


def load_primer(path: Path, roles: dict[str, Role]) -> tuple[Primer | None, list[str]]:
    """One primer file: (primer, problems). Every problem is reported, not just the first."""
    data, marks, problems = read_yaml(path, str(path))
    if data is None:
        return None, problems
    ck = Checker(str(path), marks)
    keys = ("role", "title", "summary", "key_takeaways", "reading_path", "tools", "life_cycle", "approaches", "use_cases")
    data = ck.mapping(data, (), required=keys, optional=("legal_checkpoints",))
    if not isinstance(data.get("legal_checkpoints", False), bool):
        ck.fail(("legal_checkpoints",), "expected true (add the legal checkpoints, from toolkit_content/legal/) or false")
    role_id = ck.choice(data.get("role"), ("role",), list(roles))
    if role_id in roles and role_id != path.stem:
        ck.fail(("role",), f"role '{role_id}' does not match the file name '{path.name}'")
    lines: dict[str, int] = {}

    def links(key, lo, hi, note_key, with_stages):
        out = []
        for i, entry in enumerate(ck.items(data.get(key), (key,), lo, hi)):
            at = (key, i)
            req = ("page", "title", note_key) + (("stages",) if with_stages else ())
            entry = ck.mapping(entry, at, required=req)
            page = ck.page(entry.get("page"), at + ("page",))
            lines.setdefault(page, marks.get(at + ("page",), 0))
            stages = ()
            if with_stages:
                stages = tuple(ck.choice(s, at + ("stages", j), list(STAGES))
                               for j, s in enumerate(ck.items(entry.get("stages"), at + ("stages",), 1, 4)))
            out.append(Link(page, ck.text(entry.get("title"), at + ("title",), 120),
                            ck.text(entry.get(note_key), at + (note_key,), 300), stages))
        return tuple(out)

    def keyed(key, ids, lo, hi):
        value = ck.mapping(data.get(key), (key,), required=tuple(ids))
        return {k: tuple(ck.texts(value.get(k), (key, k), lo, hi, 300)) for k in ids}

    use_cases = []
    for i, entry in enumerate(ck.items(data.get("use_cases"), ("use_cases",), 1, 3)):
        at = ("use_cases", i)
        entry = ck.mapping(entry, at, required=("title", "text"), optional=("approach",))
        approach = entry.get("approach")
        if approach is not None:
            ck.choice(approach, at + ("approach",), list(APPROACHES))
        use_cases.append(UseCase(ck.text(entry.get("title"), at + ("title",), 120),
                                 ck.text(entry.get("text"), at + ("text",), 700), approach))

    primer = Primer(
        role=roles.get(role_id) or Role(str(role_id), "", "", ""),
        title=ck.text(data.get("title"), ("title",), 120),
        summary=ck.text(data.get("summary"), ("summary",), 600),
        key_takeaways=tuple(ck.texts(data.get("key_takeaways"), ("key_takeaways",), 3, 6, 300)),
        reading_path=links("reading_path", 3, 8, "why", False),
        tools=links("tools", 1, 5, "use", True),
        life_cycle=keyed("life_cycle", STAGES, 1, 4),
        approaches=keyed("approaches", APPROACHES, 1, 4),
        use_cases=tuple(use_cases),
        legal_checkpoints=bool(data.get("legal_checkpoints", False)),
        source=str(path),
        lines=lines,
    )
    return primer, sort_problems(problems + ck.problems)


def load_all(roles_file: Path, primers_dir: Path) -> tuple[list[Role], list[Primer]]:
    """roles.yml and one primer per role (every role needs a primer and every primer a role). Raises
    :class:`ContentError` listing every problem in every file."""
    roles, problems = load_roles(roles_file, display_path(roles_file))
    by_id = {r.id: r for r in roles}
    if not primers_dir.is_dir():
        raise ContentError(problems + [f"{primers_dir}:1: (file): the primers folder does not exist"])
    files = {p.stem: p for p in sorted(primers_dir.glob("*.yml"))}
    problems += [f"{p}:1: (file): no role '{stem}' in {roles_file}" for stem, p in files.items() if stem not in by_id]
    primers = []
    for role in roles:
        if role.id not in files:
            problems.append(f"{primers_dir / (role.id + '.yml')}:1: (file): role '{role.id}' has no primer file")
            continue
        primer, found = load_primer(files[role.id], by_id)
        problems += found
        if primer is not None:
            primers.append(primer)
    if problems:
        raise ContentError(problems)
    return roles, primers
