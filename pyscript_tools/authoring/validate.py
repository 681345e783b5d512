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

from ..engine import definition as d
from ..engine.answers import answer_problem
from ..engine.kinds import KINDS
from ..engine.law import CLASSES as LEGAL_CLASSES
from ..engine.text import shown
from ..engine.vocabulary import (
    APPROACHES,
    FILTER_DIMENSIONS,
    ID_RE,
    LEGAL_FRAMES_OPTION,
    OPTIONS_FROM,
    QUESTION_TYPES,
    SPECIALS,
    STAGES,
)

SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
LINK_RE = re.compile(r"^[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_:.-]+)?$")

TOP_KEYS = {"$schema", "id", "version", "kind", "title", "description", "introduction", "note", "purpose", "who", "time",
            "scales", "levels", "sections", "likelihood", "severity", "matrix", "profiles", "migrations", "examples",
            "legal", "continue_with"}
# Written by the build for a language (see ..i18n), never in the YAML.
TOP_KEYS |= {"language", "interface", "link_titles"}
EXAMPLE_FILE_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\.json$")
LEVEL_KEYS = {"id", "name", "min", "action", "description", "next_step", "links"}
OPTION_KEYS = {"value", "label", "points", "special", "min_level", "description"}
SECTION_KEYS = {"id", "title", "short_title", "description", "weight", "learn_more", "screening", "questions",
                "recommendation", "profile"}
SHORT_TITLE_MAX = 26  # characters: a chart's axis label or a menu entry on a phone
QUESTION_KEYS = {"id", "text", "help", "type", "scale", "options", "options_from", "learn_more",
                 "recommendation", "tags", "stage", "ask_if"}
# A kind of AI system, as a risk definition carries it (its harms are the questions of its section).
PROFILE_KEYS = {"id", "harm_prefix", "title", "short_title", "summary", "uses", "application_area", "min_level",
                "min_level_reason", "failure_modes", "mitigations", "guidance"}
FAILURE_MODE_KEYS = {"title", "text"}
GUIDANCE_KEYS = {"page", "title", "why"}
MIGRATION_KEYS = {"from", "answers"}
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
        self.questions: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # id -> (section, question)
        self.choosers: list[Path] = []  # the questions that choose among the profiles

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
        self.profile_ids = self.check_profiles(data)
        self.check_legal(data)
        self.check_sections(data)
        self.check_choosers()
        self.check_migrations(data)
        self.check_examples(data)
        self.check_language(data)
        self.check_continuation(data)
        return self.errors

    def check_continuation(self, data: dict[str, Any]) -> None:
        """``continue_with``: the next questionnaire, its page, and which of this one's questions and answer
        values become which of its (the target's own ids are checked where every questionnaire is known)."""
        spec = data.get("continue_with")
        if spec is None:
            return
        at: Path = ("continue_with",)
        if not isinstance(spec, dict):
            self.err(at, "expected a mapping with questionnaire, page, questions and values")
            return
        self.keys(spec, {"questionnaire", "page", "questions", "values", "target"}, at, "continue_with")
        if not isinstance(spec.get("questionnaire"), str) or not ID_RE.match(spec["questionnaire"]):
            self.err(at + ("questionnaire",), "expected the id of the next questionnaire")
        self.link(spec.get("page"), at + ("page",))
        questions, values = spec.get("questions"), spec.get("values")
        if not isinstance(questions, dict) or not questions:
            self.err(at + ("questions",), "expected a mapping of this questionnaire's question ids to the next one's")
            questions = {}
        for qid in questions:
            if qid not in self.questions:
                self.err(at + ("questions", qid), "unknown question id %r" % qid)
        if not isinstance(values, dict) or not values:
            self.err(at + ("values",), "expected a mapping of answer values to the next questionnaire's")
            return
        offered = {str(o.get("value")) for qid in questions if qid in self.questions
                   for o in d.options_of(data, self.questions[qid][1])}
        for value in values:
            if str(value) not in offered:
                self.err(at + ("values", value), "%r is not an answer of the questions carried over" % value)

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

    def check_options_from(self, q: dict[str, Any], qtype: str, path: Path) -> None:
        source = q["options_from"]
        if not isinstance(source, str) or source not in OPTIONS_FROM:
            self.err(path + ("options_from",), "%r is not one of: %s" % (source, ", ".join(OPTIONS_FROM)))
        elif source == LEGAL_FRAMES_OPTION:
            if qtype != "choice":
                self.err(path + ("options_from",), "a question takes one legal frame: make it a choice")
            elif not d.legal_frames(self.data):
                self.err(path + ("options_from",), "the questionnaire has no legal frames to choose from (legal_from)")
        elif qtype != "multi":
            self.err(path + ("options_from",), "only a multi question takes its options from the profiles")
        elif not self.profile_ids:
            self.err(path + ("options_from",), "the questionnaire has no profiles to choose from")
        else:
            self.choosers.append(path)

    def check_condition(self, condition: Any, path: Path) -> None:
        """``ask_if``: {question id: [values]}, naming questions asked before this one and their options."""
        if not isinstance(condition, dict) or not condition:
            self.err(path, "expected a mapping of earlier question ids to lists of their values")
            return
        for qid, values in condition.items():
            if qid not in self.questions:
                self.err(path + (qid,), "a condition can only name a question asked before this one")
                continue
            q = self.questions[qid][1]
            allowed = {str(o.get("value")) for o in d.options_of(self.data, q)}
            if not isinstance(values, list) or not values:
                self.err(path + (qid,), "expected a list of the question's values")
                continue
            for i, value in enumerate(values):
                if str(value) not in allowed:
                    self.err(path + (qid, i), "%r is not an option of %s (options: %s)"
                             % (value, qid, ", ".join(sorted(allowed))))

    def check_legal(self, data: dict[str, Any]) -> None:
        """The legal frames merged in (checked where they are read), and the floor each class sets."""
        if "legal" not in data:
            return
        if self.kind != "risk":
            self.err(("legal",), "only risk questionnaires have legal frames")
            return
        floors = (data["legal"] or {}).get("floors") if isinstance(data["legal"], dict) else None
        for cls, level in (floors or {}).items():
            if cls not in LEGAL_CLASSES:
                self.err(("legal_floors", cls), "unknown class %r (classes: %s)" % (cls, ", ".join(LEGAL_CLASSES)))
            elif level not in self.level_ids:
                self.err(("legal_floors", cls), "unknown level %r (levels: %s)" % (level, ", ".join(self.level_ids)))

    def check_multi_options(self, q: dict[str, Any], path: Path) -> None:
        """Any number of a multi question's options may be chosen: none of them is special or scores."""
        for i, option in enumerate(d.options_of(self.data, q)):
            if option.get("special") is not None or option.get("points") is not None:
                at = path + (("options", i) if "options" in q else ("scale",))
                self.err(at, "the options of a multi question are neither special nor scored")

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

    # -- profiles: the kinds of AI system a risk questionnaire offers
    def check_profiles(self, data: dict[str, Any]) -> list[str]:
        profiles = data.get("profiles")
        if profiles is None:
            return []
        if self.kind != "risk":
            self.err(("profiles",), "only risk questionnaires have profiles")
            return []
        if not isinstance(profiles, list) or not profiles:
            self.err(("profiles",), "must be a non-empty list of profiles")
            return []
        ids: dict[str, int] = {}
        for i, profile in enumerate(profiles):
            path = ("profiles", i)
            if not isinstance(profile, dict):
                self.err(path, "a profile must be a mapping with id, title, summary and so on")
                continue
            self.keys(profile, PROFILE_KEYS, path, "a profile")
            self.unique(self.ident(profile, path, "profile"), ids, path, "profile")
            for key in ("title", "short_title", "summary", "uses"):
                self.text(profile, key, path)
            if "application_area" in profile:
                self.link(profile["application_area"], path + ("application_area",))
            else:
                self.err(path, "missing required field 'application_area'")
            self.check_profile_floor(profile, path)
            self.check_list(profile, "failure_modes", path, FAILURE_MODE_KEYS)
            self.check_list(profile, "mitigations", path, None)
            self.check_list(profile, "guidance", path, GUIDANCE_KEYS)
        return list(ids)

    def check_profile_floor(self, profile: dict[str, Any], path: Path) -> None:
        """``min_level`` is a level id, and ``min_level_reason`` is given exactly when it is."""
        if "min_level" in profile and profile["min_level"] not in self.level_ids:
            self.err(path + ("min_level",), "%r is not a level id (levels: %s)"
                     % (profile["min_level"], ", ".join(self.level_ids)))
        if ("min_level" in profile) != ("min_level_reason" in profile):
            self.err(path, "give 'min_level' and 'min_level_reason' together, or neither")
        self.text(profile, "min_level_reason", path, required=False)

    def check_list(self, obj: dict[str, Any], key: str, path: Path, keys: set[str] | None) -> None:
        """A required non-empty list: of texts (``keys`` None), or of mappings whose fields are all texts
        (a ``page`` field is a link)."""
        items = obj.get(key)
        if not isinstance(items, list) or not items:
            self.err(path + (key,) if key in obj else path, "%r must be a non-empty list" % key)
            return
        for i, item in enumerate(items):
            at = path + (key, i)
            if keys is None:
                if not isinstance(item, str) or not item.strip():
                    self.err(at, "must be a non-empty text")
            elif not isinstance(item, dict):
                self.err(at, "must be a mapping with %s" % ", ".join(sorted(keys)))
            else:
                self.keys(item, keys, at, "an entry of %r" % key)
                for field in sorted(keys):
                    if field == "page" and field in item:
                        self.link(item[field], at + (field,))
                    else:
                        self.text(item, field, at)

    def check_choosers(self) -> None:
        """Profiles need exactly one question that chooses among them."""
        if self.profile_ids and not self.choosers:
            self.err(("profiles",), "no question chooses among the profiles (give one multi question "
                                    "'options_from: profiles')")
        for path in self.choosers[1:]:
            self.err(path + ("options_from",), "only one question may choose among the profiles")

    # -- what the build adds: language, worked examples
    def check_language(self, data: dict[str, Any]) -> None:
        """What the build adds for a language: its code, its interface catalogue, its guidance titles."""
        if "language" in data and not (isinstance(data["language"], str) and ID_RE.match(data["language"])):
            self.err(("language",), "must be a language code such as 'fr'")
        for key in ("interface", "link_titles"):
            value = data.get(key)
            if value is not None and not (isinstance(value, dict) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
                self.err((key,), "must map texts to texts")

    def check_examples(self, data: dict[str, Any]) -> None:
        """Worked examples: answers files in the site's examples folder, each with a short title."""
        examples = data.get("examples")
        if examples is None:
            return
        if not isinstance(examples, list) or not examples:
            self.err(("examples",), "must be a non-empty list of worked examples, each with 'file' and 'title'")
            return
        for i, example in enumerate(examples):
            path = ("examples", i)
            if not isinstance(example, dict) or set(example) - {"file", "title"}:
                self.err(path, "a worked example has only 'file' and 'title'")
                continue
            file = self.text(example, "file", path)
            if file is not None and not EXAMPLE_FILE_RE.match(file):
                self.err(path + ("file",), "%r must be a file name ending in .json, such as risk-example.json" % file)
            self.text(example, "title", path)

    # -- migrations: answers saved under an older version, converted
    def check_migrations(self, data: dict[str, Any]) -> None:
        migrations = data.get("migrations")
        if migrations is None:
            return
        if not isinstance(migrations, list) or not migrations:
            self.err(("migrations",), "must be a non-empty list of migrations")
            return
        versions: dict[str, int] = {}
        for i, migration in enumerate(migrations):
            path = ("migrations", i)
            if not isinstance(migration, dict):
                self.err(path, "a migration must be a mapping with 'from' and 'answers'")
                continue
            self.keys(migration, MIGRATION_KEYS, path, "a migration")
            self.check_migration_version(migration.get("from"), path, versions, data.get("version"))
            answers = migration.get("answers")
            if not isinstance(answers, dict) or not answers:
                self.err(path + ("answers",) if "answers" in migration else path,
                         "'answers' must map question ids to {old value: new answer}")
                continue
            for qid, mapping in answers.items():
                self.check_conversions(qid, mapping, path + ("answers", qid))

    def check_migration_version(self, version: Any, path: Path, seen: dict[str, int], current: Any) -> None:
        if not isinstance(version, str) or not SEMVER_RE.match(version):
            self.err(path + ("from",) if version is not None else path,
                     "'from' must be a quoted semantic version like \"1.0.0\", not %r" % (version,))
        elif version == current:
            self.err(path + ("from",), "%r is this questionnaire's own version: migrate from an older one" % version)
        elif version in seen:
            self.err(path + ("from",), "duplicate migration from %r (first at line %d)" % (version, seen[version]))
        else:
            seen[version] = line_of(self.lines, path + ("from",))

    def check_conversions(self, qid: Any, mapping: Any, path: Path) -> None:
        """Old option values of question ``qid`` and the answers they become, valid answers of it now."""
        if qid not in self.questions:
            self.err(path, "unknown question id %r" % (qid,))
            return
        section, question = self.questions[qid]
        qtype = d.question_type(self.data, section, question)
        if qtype not in ("choice", "multi"):
            self.err(path, "only answers of choice and multi questions can be converted, not %s" % qtype)
            return
        if not isinstance(mapping, dict) or not mapping:
            self.err(path, "must map old values to new answers")
            return
        for old, new in mapping.items():
            if isinstance(old, bool) or not isinstance(old, (str, int)):
                self.err(path + (old,), "old value %r must be a text or a whole number (quote \"yes\" and \"no\")"
                         % (old,))
            why = answer_problem(self.data, section, question, new)
            if why or new is None:
                self.err(path + (old,), "not an answer to %r: %s" % (qid, why or "nothing given"))

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
        profile_sections: dict[str, int] = {}
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
            if "profile" in sec:
                self.check_section_profile(sec, path, profile_sections)
            questions = sec.get("questions")
            if questions is None:
                self.err(path, "missing required field 'questions'")
                continue
            if not isinstance(questions, list) or not questions:
                self.err(path + ("questions",), "must be a non-empty list of questions")
                continue
            for j, q in enumerate(questions):
                self.check_question(sec, q, path + ("questions", j), question_ids, screening is True)

    def check_section_profile(self, sec: dict[str, Any], path: Path, seen: dict[str, int]) -> None:
        """A profile's section: it names a profile, only one section does, and it rates harms."""
        profile = sec["profile"]
        if not isinstance(profile, str) or profile not in self.profile_ids:
            self.err(path + ("profile",), "%r is not a profile id (profiles: %s)"
                     % (profile, ", ".join(self.profile_ids) or "none defined"))
        elif profile in seen:
            self.err(path + ("profile",), "profile %r already has a section (at line %d)" % (profile, seen[profile]))
        else:
            seen[profile] = line_of(self.lines, path + ("profile",))
        if sec.get("screening"):
            self.err(path + ("screening",), "a profile's section rates harms: it cannot be a screening section")

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
        qid = self.ident(q, path, "question")
        if "ask_if" in q:
            self.check_condition(q["ask_if"], path + ("ask_if",))
        self.unique(qid, question_ids, path, "question")
        if qid and qid not in self.questions:
            self.questions[qid] = (sec, q)
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
        sources = [key for key in ("scale", "options", "options_from") if key in q]
        if qtype in ("choice", "multi"):
            if len(sources) > 1:
                self.err(path, "give one of 'scale', 'options' or 'options_from', not %s" % " and ".join(sources))
            elif sources == ["scale"]:
                if not isinstance(q["scale"], str) or q["scale"] not in self.scale_names:
                    self.err(path + ("scale",), "unknown scale %r (scales: %s)"
                             % (q["scale"], ", ".join(sorted(map(str, self.scale_names))) or "none defined"))
            elif sources == ["options"]:
                self.check_options(q["options"], path + ("options",), kind)
            elif sources == ["options_from"]:
                self.check_options_from(q, qtype, path)
            else:
                self.err(path, "question has no options: give 'scale' or 'options'")
            if qtype == "multi":
                self.check_multi_options(q, path)
        else:
            for key in sources:
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
    if isinstance(definition.get("continue_with"), dict) and "page" in definition["continue_with"]:
        yield ("continue_with", "page"), definition["continue_with"]["page"]
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


def link_problem(link: str, anchors_by_page: dict[str, set[str]]) -> str | None:
    """What is wrong with a docs link, given the anchors of every page, or None."""
    page, _, anchor = link.partition("#")
    if page not in anchors_by_page:
        return "link %r: page %r does not exist in docs/" % (link, page)
    if anchor and anchor not in anchors_by_page[page]:
        return "link %r: page %r has no anchor #%s" % (link, page, anchor)
    return None

