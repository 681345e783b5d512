"""Validation of a questionnaire definition: every problem at once.

``validate_definition(definition, lines=None, file="questionnaire", stem=None,
vocabulary=None) -> list[str]`` returns messages ``file:line: field: message``
(empty list = valid).  It never raises on malformed data.  ``lines`` maps a
path tuple such as ``("sections", 0, "questions", 2, "scale")`` to a 1-based
line number (see :mod:`pyscript_tools.yaml_source`).  Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import definition as d
from .kinds import KINDS
from .text import shown
from .vocabulary import APPROACHES, FILTER_DIMENSIONS, ID_RE, QUESTION_TYPES, SPECIALS, STAGES

SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
LINK_RE = re.compile(r"^[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_:.-]+)?$")

TOP_KEYS = {"$schema", "id", "version", "kind", "title", "description", "introduction", "note", "purpose", "who", "time",
            "scales", "levels", "sections", "likelihood", "severity", "matrix"}
LEVEL_KEYS = {"id", "name", "min", "action", "description", "next_step", "links"}
OPTION_KEYS = {"value", "label", "points", "special", "min_level", "description"}
SECTION_KEYS = {"id", "title", "short_title", "description", "weight", "learn_more", "screening", "questions",
                "recommendation"}
SHORT_TITLE_MAX = 26  # characters: a chart's axis label or a menu entry on a phone
QUESTION_KEYS = {"id", "text", "help", "type", "scale", "options", "learn_more", "recommendation",
                 "tags", "stage"}
TAG_KEYS = set(FILTER_DIMENSIONS)
AXIS_KEYS = {"value", "label", "description"}
RISK_ACTIONS = ("proceed", "mitigate", "escalate", "do-not-proceed")


Path = tuple[Any, ...]  # a field's path, e.g. ("sections", 0, "questions", 2, "scale")
Lines = dict[Path, int]  # path -> 1-based line in the YAML file
Vocabulary = dict[str, set[str]]

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_$-]+$")


def format_path(path: Path) -> str:
    """A field's path as people write it: ``sections[0].questions[2].scale`` (odd keys quoted)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            key = str(part) if _PLAIN_KEY.match(str(part)) else shown(str(part), 40)
            out += ("." if out else "") + key
    return out or "(file)"


def line_of(lines: Lines | None, path: Path) -> int:
    if not lines:
        return 1
    path = tuple(path)
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return 1
        path = path[:-1]


def tag_vocabulary(roles: Iterable[str] | None = None) -> Vocabulary:
    """The ids tags may use: stages and approaches from the engine's vocabulary, roles as given (from
    ``toolkit_content/roles.yml``; without them, role ids are not checked)."""
    out = {"stages": set(STAGES), "approaches": set(APPROACHES)}
    if roles is not None:
        out["roles"] = set(roles)
    return out


class _Checker:
    def __init__(self, data: Any, lines: Lines | None, file: str, stem: str | None, vocabulary: Vocabulary | None):
        self.data = data
        self.lines = lines or {}
        self.file = file
        self.stem = stem
        self.vocab = vocabulary or tag_vocabulary()
        self.errors: list[str] = []

    # -- reporting
    def err(self, path: Path, message: str) -> None:
        self.errors.append("%s:%d: %s: %s" % (self.file, line_of(self.lines, path),
                                               format_path(path), message))

    def keys(self, obj: dict[str, Any], allowed: set[str], path: Path, what: str) -> None:
        for key in obj:
            if key not in allowed:
                hint = ", ".join(sorted(k for k in allowed if k != "$schema"))
                self.err(tuple(path) + (key,), "unknown key %r in %s (allowed: %s)" % (key, what, hint))

    def text(self, obj: dict[str, Any], key: str, path: Path, required: bool = True) -> str | None:
        if key not in obj or obj[key] is None:
            if required:
                self.err(path, "missing required field %r" % key)
            return None
        if not isinstance(obj[key], str) or not obj[key].strip():
            self.err(tuple(path) + (key,), "must be a non-empty text")
            return None
        return obj[key]

    def ident(self, obj: dict[str, Any], path: Path, what: str) -> str | None:
        if "id" not in obj:
            self.err(path, "%s has no 'id'" % what)
            return None
        val = obj["id"]
        if not isinstance(val, str) or not ID_RE.match(val):
            self.err(tuple(path) + ("id",), "%r is not a valid id (lowercase letters, digits and "
                                            "single hyphens, e.g. culture-vision)" % (val,))
            return None
        return val

    def link(self, value: Any, path: Path) -> None:
        if not isinstance(value, str) or not LINK_RE.match(value) or value.startswith("/"):
            self.err(path, "%r is not a docs-relative link like "
                           "'roadmap/processes.md#oversight-committee'" % (value,))

    # -- main
    def run(self) -> list[str]:
        data = self.data
        if not isinstance(data, dict):
            self.err((), "the file must contain a mapping (key: value pairs) at the top level")
            return self.errors
        self.keys(data, TOP_KEYS, (), "the questionnaire")
        qid = self.ident(data, (), "the questionnaire")
        if qid and self.stem and qid != self.stem:
            self.err(("id",), "id %r must equal the file name %r" % (qid, self.stem + ".yml"))
        version = data.get("version")
        if version is None:
            self.err((), "missing required field 'version'")
        elif not isinstance(version, str):
            self.err(("version",), "must be a quoted string like \"1.0.0\", not %r" % (version,))
        elif not SEMVER_RE.match(version):
            self.err(("version",), "%r is not a semantic version like \"1.0.0\"" % version)
        kind = data.get("kind")
        if kind not in KINDS:
            if kind is None:
                self.err((), "missing required field 'kind' (readiness, risk or workbook)")
            else:
                self.err(("kind",), "%r is not one of: %s" % (kind, ", ".join(KINDS)))
            kind = None
        self.kind = kind
        self.text(data, "title", ())
        if "note" not in data:
            self.err((), "missing required field 'note' (shown with every result, e.g. "
                         "'Indicative self-assessment aid, not an official formula.')")
        for key in ("introduction", "note", "description", "purpose", "who", "time"):
            self.text(data, key, (), required=False)
        self.level_ids = self.check_levels(data)
        self.scale_names = self.check_scales(data)
        if kind == "risk":
            self.check_risk_axes(data)
        elif kind is not None:
            for key in ("likelihood", "severity", "matrix"):
                if key in data:
                    self.err((key,), "only risk questionnaires have %r" % key)
        self.check_sections(data)
        return self.errors

    def check_levels(self, data: dict[str, Any]) -> list[str]:
        kind = self.kind
        levels = data.get("levels")
        if levels is None:
            if kind in ("readiness", "risk"):
                self.err((), "missing required field 'levels'")
            return []
        if not isinstance(levels, list) or not levels:
            self.err(("levels",), "must be a non-empty list of levels, lowest first")
            return []
        ids = []
        prev_min = None
        for i, lv in enumerate(levels):
            path = ("levels", i)
            if not isinstance(lv, dict):
                self.err(path, "a level must be a mapping with id and name")
                continue
            self.keys(lv, LEVEL_KEYS, path, "a level")
            lid = self.ident(lv, path, "level")
            if lid:
                if lid in ids:
                    self.err(path + ("id",), "duplicate level id %r" % lid)
                ids.append(lid)
            self.text(lv, "name", path)
            for key in ("description", "next_step"):
                self.text(lv, key, path, required=False)
            if "links" in lv:
                links = lv["links"]
                if not isinstance(links, list):
                    self.err(path + ("links",), "must be a list of docs-relative links")
                else:
                    for j, link in enumerate(links):
                        self.link(link, path + ("links", j))
            if kind == "risk":
                if "min" in lv:
                    self.err(path + ("min",), "risk levels come from the matrix; remove 'min'")
                if "action" in lv and (not isinstance(lv["action"], str) or lv["action"] not in RISK_ACTIONS):
                    self.err(path + ("action",), "%r is not one of: %s" % (lv["action"], ", ".join(RISK_ACTIONS)))
            elif kind in ("readiness", "workbook"):
                if "action" in lv:
                    self.err(path + ("action",), "'action' is only for risk levels")
                m = lv.get("min")
                if m is None:
                    self.err(path, "missing required field 'min' (percentage 0-100)")
                elif not d.is_number(m) or not 0 <= m <= 100:
                    self.err(path + ("min",), "must be a number from 0 to 100, not %r" % (m,))
                else:
                    if i == 0 and m != 0:
                        self.err(path + ("min",), "the lowest level must start at 0, not %r" % (m,))
                    if prev_min is not None and m <= prev_min:
                        self.err(path + ("min",), "thresholds out of order: %r is not above the "
                                                  "previous level's %r (list levels lowest first)" % (m, prev_min))
                    prev_min = m
        return ids

    def check_options(self, options: Any, path: Path, context: str | None) -> None:
        """Check a list of options; context: 'readiness' | 'risk' | other."""
        if not isinstance(options, list) or not options:
            self.err(path, "a question needs a non-empty list of options")
            return
        values: list[Any] = []
        specials = []
        best = None
        for i, opt in enumerate(options):
            p = tuple(path) + (i,)
            if not isinstance(opt, dict):
                self.err(p, "an option must be a mapping with value and label")
                continue
            self.keys(opt, OPTION_KEYS, p, "an option")
            if "value" not in opt or opt["value"] is None:
                self.err(p, "missing required field 'value'")
            elif not isinstance(opt["value"], (str, int)) or isinstance(opt["value"], bool):
                self.err(p + ("value",), "must be a text or a whole number, not %r" % (opt["value"],))
            else:
                if opt["value"] in values:
                    self.err(p + ("value",), "duplicate option value %r" % (opt["value"],))
                values.append(opt["value"])
            self.text(opt, "label", p)
            special = opt.get("special")
            if special is not None:
                if not isinstance(special, str) or special not in SPECIALS:
                    self.err(p + ("special",), "%r is not one of: %s" % (special, ", ".join(SPECIALS)))
                elif special in specials:
                    self.err(p + ("special",), "only one option may be %r" % special)
                else:
                    specials.append(special)
                if "points" in opt:
                    self.err(p + ("points",), "a %r option does not score: remove 'points'" % (special,))
            pts = opt.get("points")
            if pts is not None and not d.is_number(pts):
                self.err(p + ("points",), "must be a number, not %r" % (pts,))
            elif pts is not None and pts < 0:
                self.err(p + ("points",), "must not be negative")
            elif pts is not None and special is None:
                best = pts if best is None else max(best, pts)
            elif pts is None and special is None and context == "readiness":
                self.err(p, "missing required field 'points' (or mark it special: dont-know / not-applicable)")
            if "min_level" in opt:
                if context != "risk":
                    self.err(p + ("min_level",), "'min_level' is only for risk screening options")
                elif not isinstance(opt["min_level"], str) or opt["min_level"] not in self.level_ids:
                    self.err(p + ("min_level",), "%r is not a level id (levels: %s)"
                             % (opt["min_level"], ", ".join(self.level_ids)))
        if context == "readiness" and best is not None and best <= 0:
            self.err(path, "no option scores above 0 points, so the question cannot be scored")
        if not [o for o in options if isinstance(o, dict) and not o.get("special")]:
            self.err(path, "at least one option must not be special")

    def check_scales(self, data: dict[str, Any]) -> set[Any]:
        scales = data.get("scales")
        if scales is None:
            return set()
        if not isinstance(scales, dict):
            self.err(("scales",), "must be a mapping from scale name to a list of options")
            return set()
        if self.kind == "workbook":
            self.err(("scales",), "workbook questionnaires do not use scales")
        for name, options in scales.items():
            if not isinstance(name, str) or not ID_RE.match(name):
                self.err(("scales", name), "%r is not a valid scale name" % (name,))
            self.check_options(options, ("scales", name), self.kind)
        return set(scales)

    def check_risk_axes(self, data: dict[str, Any]) -> None:
        sizes = {}
        for axis in ("likelihood", "severity"):
            items = data.get(axis)
            if items is None:
                self.err((), "missing required field %r (a list of %s values)" % (axis, axis))
                continue
            if not isinstance(items, list) or not items:
                self.err((axis,), "must be a non-empty list, lowest first")
                continue
            values: list[Any] = []
            for i, item in enumerate(items):
                p = (axis, i)
                if not isinstance(item, dict):
                    self.err(p, "must be a mapping with value and label")
                    continue
                self.keys(item, AXIS_KEYS, p, "a %s value" % axis)
                v = item.get("value")
                if not isinstance(v, int) or isinstance(v, bool):
                    self.err(p + ("value",), "must be a whole number, not %r" % (v,))
                elif values and v <= values[-1]:
                    self.err(p + ("value",), "values out of order: %r is not above %r (list lowest first)"
                             % (v, values[-1]))
                    values.append(v)
                else:
                    values.append(v)
                self.text(item, "label", p)
                self.text(item, "description", p, required=False)
            sizes[axis] = len(items)
        matrix = data.get("matrix")
        if matrix is None:
            self.err((), "missing required field 'matrix' (rows = likelihood, columns = severity)")
            return
        if not isinstance(matrix, list) or not all(isinstance(r, list) for r in matrix):
            self.err(("matrix",), "must be a list of rows, each a list of level ids")
            return
        nl, ns = sizes.get("likelihood"), sizes.get("severity")
        if nl is not None and len(matrix) != nl:
            self.err(("matrix",), "has %d rows but likelihood has %d values" % (len(matrix), nl))
        rank = {lid: i for i, lid in enumerate(self.level_ids)}
        ok = True
        for i, row in enumerate(matrix):
            if ns is not None and len(row) != ns:
                self.err(("matrix", i), "row %d has %d cells but severity has %d values" % (i + 1, len(row), ns))
                ok = False
            for j, cell in enumerate(row):
                if not isinstance(cell, str) or cell not in rank:
                    self.err(("matrix", i, j), "%r is not a level id (levels: %s)"
                             % (cell, ", ".join(self.level_ids)))
                    ok = False
        if not ok or (nl is not None and len(matrix) != nl):
            return
        for i, row in enumerate(matrix):
            for j, cell in enumerate(row):
                if j + 1 < len(row) and rank[row[j + 1]] < rank[cell]:
                    self.err(("matrix", i, j + 1), "matrix not monotone: %r is lower than %r to its left "
                             "(a higher severity must never lower the level)" % (row[j + 1], cell))
                if i + 1 < len(matrix) and j < len(matrix[i + 1]) and rank[matrix[i + 1][j]] < rank[cell]:
                    self.err(("matrix", i + 1, j), "matrix not monotone: %r is lower than %r above it "
                             "(a higher likelihood must never lower the level)" % (matrix[i + 1][j], cell))

    def check_tags(self, tags: Any, path: Path) -> None:
        if not isinstance(tags, dict):
            self.err(path, "must be a mapping with roles, stages and/or approaches")
            return
        self.keys(tags, TAG_KEYS, path, "tags")
        for dim in FILTER_DIMENSIONS:
            if dim not in tags:
                continue
            vals = tags[dim]
            if not isinstance(vals, list):
                self.err(path + (dim,), "must be a list")
                continue
            known = self.vocab.get(dim)  # None: no list to check against (roles without roles.yml)
            what = "approach" if dim == "approaches" else dim[:-1]
            for k, v in enumerate(vals):
                if not isinstance(v, str) or not ID_RE.match(v):
                    self.err(path + (dim, k), "%r is not a valid %s id" % (v, what))
                elif known is not None and v not in known:
                    self.err(path + (dim, k), "unknown %s id %r (known: %s)" % (what, v, ", ".join(sorted(known))))

    def check_sections(self, data: dict[str, Any]) -> None:
        sections = data.get("sections")
        if sections is None:
            self.err((), "missing required field 'sections'")
            return
        if not isinstance(sections, list) or not sections:
            self.err(("sections",), "must be a non-empty list of sections")
            return
        section_ids: dict[str, int] = {}
        question_ids: dict[str, int] = {}
        kind = self.kind
        for i, sec in enumerate(sections):
            path = ("sections", i)
            if not isinstance(sec, dict):
                self.err(path, "a section must be a mapping with id, title and questions")
                continue
            self.keys(sec, SECTION_KEYS, path, "a section")
            self.unique(self.ident(sec, path, "section"), section_ids, path, "section")
            self.text(sec, "title", path)
            short = self.text(sec, "short_title", path, required=False)
            if short and len(short) > SHORT_TITLE_MAX:
                self.err(path + ("short_title",), "%d characters; keep it to %d or fewer" % (len(short), SHORT_TITLE_MAX))
            self.text(sec, "description", path, required=False)
            self.text(sec, "recommendation", path, required=False)
            if "learn_more" in sec:
                self.link(sec["learn_more"], path + ("learn_more",))
            if "weight" in sec:
                w = sec["weight"]
                if kind != "readiness":
                    self.err(path + ("weight",), "'weight' is only for readiness sections")
                elif not d.is_number(w) or w < 0:
                    self.err(path + ("weight",), "must be a number of 0 or more, not %r" % (w,))
            screening = sec.get("screening", False)
            if "screening" in sec:
                if kind != "risk":
                    self.err(path + ("screening",), "'screening' is only for risk sections")
                elif not isinstance(screening, bool):
                    self.err(path + ("screening",), "must be true or false")
            questions = sec.get("questions")
            if questions is None:
                self.err(path, "missing required field 'questions'")
                continue
            if not isinstance(questions, list) or not questions:
                self.err(path + ("questions",), "must be a non-empty list of questions")
                continue
            for j, q in enumerate(questions):
                self.check_question(sec, q, path + ("questions", j), question_ids, screening is True)

    def unique(self, ident: str | None, seen: dict[str, int], path: Path, what: str) -> None:
        """Report `ident` if an earlier `what` used it; otherwise remember the line it is on."""
        if not ident:
            return
        if ident in seen:
            self.err(path + ("id",), "duplicate %s id %r (first used at line %d)" % (what, ident, seen[ident]))
        else:
            seen[ident] = line_of(self.lines, path + ("id",))

    def check_question(self, sec: dict[str, Any], q: Any, path: Path, question_ids: dict[str, int],
                       screening: bool) -> None:
        kind = self.kind
        if not isinstance(q, dict):
            self.err(path, "a question must be a mapping with id and text")
            return
        self.keys(q, QUESTION_KEYS, path, "a question")
        self.unique(self.ident(q, path, "question"), question_ids, path, "question")
        self.text(q, "text", path)
        for key in ("help", "recommendation"):
            self.text(q, key, path, required=False)
        if "learn_more" in q:
            self.link(q["learn_more"], path + ("learn_more",))
        if "tags" in q:
            self.check_tags(q["tags"], path + ("tags",))
        qtype = q.get("type")
        if qtype is not None and (not isinstance(qtype, str) or qtype not in QUESTION_TYPES):
            self.err(path + ("type",), "%r is not one of: %s" % (qtype, ", ".join(QUESTION_TYPES)))
            return
        if kind is None:
            return
        qtype = d.question_type({"kind": kind}, {"screening": screening}, q)
        allowed = KINDS[kind].allowed_types(screening)
        if qtype not in allowed:
            self.err(path + ("type",), "type %r is not allowed here (allowed: %s)" % (qtype, ", ".join(allowed)))
            return
        has_scale, has_options = "scale" in q, "options" in q
        if qtype == "choice":
            if has_scale and has_options:
                self.err(path, "give either 'scale' or 'options', not both")
            elif has_scale:
                if not isinstance(q["scale"], str) or q["scale"] not in self.scale_names:
                    self.err(path + ("scale",), "unknown scale %r (scales: %s)"
                             % (q["scale"], ", ".join(sorted(map(str, self.scale_names))) or "none defined"))
            elif has_options:
                self.check_options(q["options"], path + ("options",), kind)
            else:
                self.err(path, "question has no options: give 'scale' or 'options'")
        else:
            for key in ("scale", "options"):
                if key in q:
                    self.err(path + (key,), "a %s question takes no %r" % (qtype, key))
        if "stage" in q:
            if kind != "workbook":
                self.err(path + ("stage",), "'stage' is only for workbook prompts (use tags.stages)")
            elif not isinstance(q["stage"], str) or q["stage"] not in self.vocab.get("stages", ()):
                self.err(path + ("stage",), "unknown stage id %r (known: %s)"
                         % (q["stage"], ", ".join(sorted(self.vocab.get("stages", ())))))
        elif kind == "workbook":
            self.err(path, "missing required field 'stage' (a life-cycle stage id)")


def validate_definition(definition: Any, lines: Lines | None = None, file: str = "questionnaire",
                        stem: str | None = None, vocabulary: Vocabulary | None = None) -> list[str]:
    """Return every problem of ``definition`` as ``file:line: field: message``."""
    return _Checker(definition, lines, file, stem, vocabulary).run()


def iter_links(definition: Any) -> Iterator[tuple[Path, Any]]:
    """Yield (path, link) for every learn_more / level link in the definition."""
    if not isinstance(definition, dict):
        return
    levels = definition.get("levels")
    if isinstance(levels, list):
        for i, lv in enumerate(levels):
            if isinstance(lv, dict) and isinstance(lv.get("links"), list):
                for j, link in enumerate(lv["links"]):
                    yield ("levels", i, "links", j), link
    sections = definition.get("sections")
    if not isinstance(sections, list):
        return
    for i, sec in enumerate(sections):
        if not isinstance(sec, dict):
            continue
        if "learn_more" in sec:
            yield ("sections", i, "learn_more"), sec["learn_more"]
        qs = sec.get("questions")
        if not isinstance(qs, list):
            continue
        for j, q in enumerate(qs):
            if isinstance(q, dict) and "learn_more" in q:
                yield ("sections", i, "questions", j, "learn_more"), q["learn_more"]


def validate_links(definition: Any, anchors_by_page: dict[str, set[str]], lines: Lines | None = None,
                   file: str = "questionnaire") -> list[str]:
    """Check every link against ``anchors_by_page`` {"roadmap/processes.md": {"oversight-committee", ...}}."""
    errors = []
    for path, link in iter_links(definition):
        if not isinstance(link, str):
            continue
        page, _, anchor = link.partition("#")
        where = "%s:%d: %s" % (file, line_of(lines, path), format_path(path))
        if page not in anchors_by_page:
            errors.append("%s: link %r: page %r does not exist in docs/" % (where, link, page))
        elif anchor and anchor not in anchors_by_page[page]:
            errors.append("%s: link %r: page %r has no anchor #%s" % (where, link, page, anchor))
    return errors
