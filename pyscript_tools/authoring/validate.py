"""Validation of a questionnaire definition: every problem at once.

``validate_definition(definition, lines=None, file="questionnaire", stem=None, vocabulary=None) -> list[str]``
returns problems ``file:line: field: message`` (empty list = valid); it never raises on malformed data.
``lines`` maps a field's path such as ``("sections", 0, "questions", 2, "scale")`` to its line (see
:mod:`.yaml_source`).

The structure (which fields, of which type, which kind has which field) is the JSON Schema's
(:mod:`.schema`); this adds what a schema cannot say: unique ids, references between fields (scales,
levels, profiles, earlier questions, migrations, the next questionnaire), and, through :mod:`.kinds`,
each kind's own rules (thresholds, the risk matrix). Where the data has the wrong shape, the schema has
said so and the rules here pass over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..engine import definition as d
from ..engine.answers import answer_problem
from ..engine.kinds import KINDS, is_kind
from ..engine.law import CLASSES as LEGAL_CLASSES
from ..engine.vocabulary import LEGAL_FRAMES_OPTION, QUESTION_TYPES
from .checks import Checker, FieldPath, Lines, Locate, sort_problems
from .kinds import RULES
from .schema import check_structure, profile_keys

PROFILE_KEYS = profile_keys()  # what a questionnaire carries of a profile (its file's fields but the harms)
Vocabulary = dict[str, set[str]]
CHOICES = ("choice", "multi")


def tag_vocabulary(roles: Iterable[str] | None = None) -> Vocabulary:
    """The ids tags may use beyond the schema's lists (stages, approaches): the roles of
    ``toolkit_content/roles.yml``, when given (without them, role ids are not checked)."""
    return {} if roles is None else {"roles": set(roles)}


def validate_definition(definition: Any, lines: Lines | None = None, file: str = "questionnaire",
                        stem: str | None = None, vocabulary: Vocabulary | None = None,
                        locate: Locate | None = None) -> list[str]:
    """Return every problem of ``definition`` as ``file:line: field: message``, in the file's order (a
    field `locate` places elsewhere, such as a translated text, at its own file and line)."""
    check = Checker(file, lines, locate)
    check_structure(check, definition, "questionnaire")
    if isinstance(definition, dict):
        for i, profile in entries(definition.get("profiles")):
            check_structure(check, profile, "profile-public", ("profiles", i))
        Definition(definition, check, stem, vocabulary or {}).run()
    return sort_problems(check.problems, lines)


def entries(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list, with their places (anything else: none; the schema reports it)."""
    return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)] if isinstance(value, list) else []


def _key(value: Any) -> bool:
    """Whether ``value`` can be looked up (a plain value, not a list or mapping)."""
    return value is not None and not isinstance(value, (dict, list))


class Definition:
    """One definition being checked: what its rules (here and in :mod:`.kinds`) read and report to."""

    def __init__(self, data: dict[str, Any], check: Checker, stem: str | None, vocabulary: Vocabulary):
        self.data = data
        self.check = check
        self.fail = check.fail
        self.stem = stem
        self.vocabulary = vocabulary
        self.kind = data["kind"] if is_kind(data.get("kind")) else None
        self.level_ids = [lv["id"] for _, lv in entries(data.get("levels")) if isinstance(lv.get("id"), str)]
        scales = data.get("scales")
        self.scales: dict[Any, Any] = scales if isinstance(scales, dict) else {}
        self.profile_ids: list[str] = []
        self.questions: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # id -> (section, question)
        self.choosers: list[FieldPath] = []  # the questions that choose among the profiles

    def run(self) -> None:
        data = self.data
        if self.stem and isinstance(data.get("id"), str) and data["id"] != self.stem:
            self.fail(("id",), "id %r must equal the file name %r" % (data["id"], self.stem + ".yml"))
        self.unique_ids(entries(data.get("levels")), ("levels",), "level id")
        for name, options in self.scales.items():
            self.check_options(options, ("scales", name))
        self.check_profiles()
        self.check_legal_floors()
        self.check_sections()
        self.check_choosers()
        self.check_migrations()
        self.check_continuation()
        if self.kind is not None:
            RULES[self.kind].check(self)

    # -- helpers
    def unique_ids(self, items: list[tuple[int, dict[str, Any]]], at: FieldPath, what: str) -> list[str]:
        """Report an id used twice among ``items``; return the ids, in order."""
        seen: dict[Any, int] = {}
        for i, item in items:
            self.check.unique(item.get("id"), seen, at + (i, "id"), what)
        return [str(i) for i in seen]

    def option_lists(self) -> Iterator[tuple[FieldPath, list[Any]]]:
        """Every list of options written in the definition (its scales and its questions' own options)."""
        for name, options in self.scales.items():
            if isinstance(options, list):
                yield ("scales", name), options
        for i, section in entries(self.data.get("sections")):
            for j, question in entries(section.get("questions")):
                if isinstance(question.get("options"), list):
                    yield ("sections", i, "questions", j, "options"), question["options"]

    def level(self, value: Any, at: FieldPath) -> None:
        """Report ``value`` unless it is one of the definition's level ids."""
        if value not in self.level_ids:
            self.fail(at, "%r is not a level id (levels: %s)" % (value, ", ".join(self.level_ids) or "none"))

    # -- options
    def check_options(self, options: Any, at: FieldPath) -> None:
        values: dict[Any, int] = {}
        specials: dict[Any, int] = {}
        for i, option in entries(options):
            self.check.unique(option.get("value"), values, at + (i, "value"), "option value")
            self.check.unique(option.get("special"), specials, at + (i, "special"), "special option")
            if "min_level" in option:
                self.level(option["min_level"], at + (i, "min_level"))
        if entries(options) and all(o.get("special") for _, o in entries(options)):
            self.fail(at, "at least one option must not be special")

    # -- profiles: the kinds of AI system a risk questionnaire offers
    def check_profiles(self) -> None:
        profiles = entries(self.data.get("profiles"))
        self.profile_ids = self.unique_ids(profiles, ("profiles",), "profile id")
        for i, profile in profiles:
            if "min_level" in profile:
                self.level(profile["min_level"], ("profiles", i, "min_level"))

    def check_choosers(self) -> None:
        """Profiles need exactly one question that chooses among them."""
        if self.profile_ids and not self.choosers:
            self.fail(("profiles",), "no question chooses among the profiles (give one multi question "
                                     "'options_from: profiles')")
        for at in self.choosers[1:]:
            self.fail(at + ("options_from",), "only one question may choose among the profiles")

    def check_legal_floors(self) -> None:
        """The floor each legal class sets (``legal_floors``, merged into ``legal`` by the build)."""
        legal = self.data.get("legal")
        floors = legal.get("floors") if isinstance(legal, dict) else None
        for cls, level in (floors.items() if isinstance(floors, dict) else ()):
            if cls not in LEGAL_CLASSES:
                self.fail(("legal_floors", cls), "unknown class %r (classes: %s)" % (cls, ", ".join(LEGAL_CLASSES)))
            else:
                self.level(level, ("legal_floors", cls))

    # -- sections and questions
    def check_sections(self) -> None:
        sections = entries(self.data.get("sections"))
        self.unique_ids(sections, ("sections",), "section id")
        question_ids: dict[Any, int] = {}
        profile_sections: dict[Any, int] = {}
        for i, section in sections:
            at = ("sections", i)
            if "profile" in section:
                self.check_section_profile(section, at, profile_sections)
            for j, question in entries(section.get("questions")):
                self.check.unique(question.get("id"), question_ids, at + ("questions", j, "id"), "question id")
                self.check_question(section, question, at + ("questions", j))

    def check_section_profile(self, section: dict[str, Any], at: FieldPath, seen: dict[Any, int]) -> None:
        """A profile's section: it names a profile, only one section does, and it rates harms."""
        profile = section["profile"]
        if profile not in self.profile_ids:
            self.fail(at + ("profile",), "%r is not a profile id (profiles: %s)"
                      % (profile, ", ".join(self.profile_ids) or "none defined"))
        elif profile in seen:
            self.fail(at + ("profile",), "profile %r already has a section (at line %d)" % (profile, seen[profile]))
        else:
            seen[profile] = self.check.line(at + ("profile",))
        if section.get("screening"):
            self.fail(at + ("screening",), "a profile's section rates harms: it cannot be a screening section")

    def check_question(self, section: dict[str, Any], q: dict[str, Any], at: FieldPath) -> None:
        if "ask_if" in q:
            self.check_condition(q["ask_if"], at + ("ask_if",))
        if isinstance(q.get("id"), str):
            self.questions.setdefault(q["id"], (section, q))
        self.check_roles(q.get("tags"), at + ("tags",))
        if self.kind is None or not (q.get("type") is None or q.get("type") in QUESTION_TYPES):
            return
        screening = section.get("screening") is True
        qtype = d.question_type({"kind": self.kind}, {"screening": screening}, q)
        allowed = KINDS[self.kind].allowed_types(screening)
        if qtype not in allowed:
            self.fail(at + ("type",), "type %r is not allowed here (allowed: %s)" % (qtype, ", ".join(allowed)))
            return
        sources = [key for key in ("scale", "options", "options_from") if key in q]
        if qtype not in CHOICES:
            for key in sources:
                self.fail(at + (key,), "a %s question takes no %r" % (qtype, key))
        elif not sources:
            self.fail(at, "question has no options: give 'scale' or 'options'")
        elif len(sources) == 1:
            if sources == ["scale"] and _key(q["scale"]) and q["scale"] not in self.scales:
                self.fail(at + ("scale",), "unknown scale %r (scales: %s)"
                          % (q["scale"], ", ".join(sorted(map(str, self.scales))) or "none defined"))
            elif sources == ["options"]:
                self.check_options(q["options"], at + ("options",))
            elif sources == ["options_from"]:
                self.check_options_from(q, qtype, at)
            if qtype == "multi":
                self.check_multi_options(q, at)
        if qtype != "multi":  # an option ticked alone, in the question's own options or in its scale
            scale = self.scales.get(q["scale"]) if _key(q.get("scale")) else None
            for where, listed in ((("options",), q.get("options")), (("scale",), scale)):
                if any("exclusive" in option for _, option in entries(listed)):
                    self.fail(at + where, "'exclusive' is only for multi questions")

    def check_roles(self, tags: Any, at: FieldPath) -> None:
        """Role tags name roles of roles.yml (stages and approaches are the schema's)."""
        known = self.vocabulary.get("roles")
        roles = tags.get("roles") if isinstance(tags, dict) else None
        if known is None or not isinstance(roles, list):
            return
        for k, role in enumerate(roles):
            if isinstance(role, str) and role not in known:
                self.fail(at + ("roles", k), "unknown role id %r (known: %s)" % (role, ", ".join(sorted(known))))

    def check_options_from(self, q: dict[str, Any], qtype: str, at: FieldPath) -> None:
        source, at = q["options_from"], at + ("options_from",)
        if source == LEGAL_FRAMES_OPTION:
            if qtype != "choice":
                self.fail(at, "a question takes one legal frame: make it a choice")
            elif not d.legal_frames(self.data):
                self.fail(at, "the questionnaire has no legal frames to choose from (legal_from)")
        elif qtype != "multi":
            self.fail(at, "only a multi question takes its options from the profiles")
        elif not self.profile_ids:
            self.fail(at, "the questionnaire has no profiles to choose from")
        else:
            self.choosers.append(at[:-1])

    def check_multi_options(self, q: dict[str, Any], at: FieldPath) -> None:
        """Any number of a multi question's options may be chosen: none of them is special or scores."""
        for i, option in enumerate(d.options_of(self.data, q)):
            if option.get("special") is not None or option.get("points") is not None:
                self.fail(at + (("options", i) if "options" in q else ("scale",)),
                          "the options of a multi question are neither special nor scored")

    def values_of(self, qid: str) -> set[str]:
        """The answer values of an earlier question, as text."""
        return {str(o.get("value")) for o in d.options_of(self.data, self.questions[qid][1])}

    def check_condition(self, condition: Any, at: FieldPath) -> None:
        """``ask_if``: {question id: [values]}, naming questions asked before this one and their options."""
        for qid, values in (condition.items() if isinstance(condition, dict) else ()):
            if qid not in self.questions:
                self.fail(at + (qid,), "a condition can only name a question asked before this one")
                continue
            allowed = self.values_of(qid)
            for i, value in enumerate(values if isinstance(values, list) else ()):
                if str(value) not in allowed:
                    self.fail(at + (qid, i), "%r is not an option of %s (options: %s)"
                              % (value, qid, ", ".join(sorted(allowed))))

    # -- migrations: answers saved under an older version, converted
    def check_migrations(self) -> None:
        versions: dict[Any, int] = {}
        for i, migration in entries(self.data.get("migrations")):
            at = ("migrations", i)
            version = migration.get("from")
            if version == self.data.get("version"):
                self.fail(at + ("from",), "%r is this questionnaire's own version: migrate from an older one" % version)
            else:
                self.check.unique(version, versions, at + ("from",), "migration from")
            answers = migration.get("answers")
            for qid, mapping in (answers.items() if isinstance(answers, dict) else ()):
                self.check_conversions(qid, mapping, at + ("answers", qid))

    def check_conversions(self, qid: Any, mapping: Any, at: FieldPath) -> None:
        """Old option values of question ``qid`` and the answers they become, valid answers of it now."""
        if qid not in self.questions:
            self.fail(at, "unknown question id %r" % (qid,))
            return
        section, question = self.questions[qid]
        qtype = d.question_type(self.data, section, question)
        if qtype not in CHOICES:
            self.fail(at, "only answers of choice and multi questions can be converted, not %s" % qtype)
            return
        for old, new in (mapping.items() if isinstance(mapping, dict) else ()):
            if isinstance(old, bool) or not isinstance(old, (str, int)):
                self.fail(at + (old,), "old value %r must be a text or a whole number (quote \"yes\" and \"no\")" % (old,))
            why = answer_problem(self.data, section, question, new)
            if why or new is None:
                self.fail(at + (old,), "not an answer to %r: %s" % (qid, why or "nothing given"))

    # -- the next questionnaire
    def check_continuation(self) -> None:
        """``continue_with``: which of this questionnaire's questions and answer values become which of the
        next one's (the next one's own ids are checked where every questionnaire is known)."""
        spec = self.data.get("continue_with")
        if not isinstance(spec, dict):
            return
        at: FieldPath = ("continue_with",)
        questions: dict[Any, Any] = spec["questions"] if isinstance(spec.get("questions"), dict) else {}
        for qid in questions:
            if qid not in self.questions:
                self.fail(at + ("questions", qid), "unknown question id %r" % qid)
        offered = {value for qid in questions if qid in self.questions for value in self.values_of(qid)}
        for value in (spec["values"] if isinstance(spec.get("values"), dict) else {}):
            if str(value) not in offered:
                self.fail(at + ("values", value), "%r is not an answer of the questions carried over" % value)


def iter_links(definition: Any) -> Iterator[tuple[FieldPath, Any]]:
    """Yield (path, link) for every learn_more / level link in the definition."""
    if not isinstance(definition, dict):
        return
    for i, level in entries(definition.get("levels")):
        for j, link in enumerate(level["links"] if isinstance(level.get("links"), list) else ()):
            yield ("levels", i, "links", j), link
    if isinstance(definition.get("continue_with"), dict) and "page" in definition["continue_with"]:
        yield ("continue_with", "page"), definition["continue_with"]["page"]
    for i, section in entries(definition.get("sections")):
        if "learn_more" in section:
            yield ("sections", i, "learn_more"), section["learn_more"]
        for j, question in entries(section.get("questions")):
            if "learn_more" in question:
                yield ("sections", i, "questions", j, "learn_more"), question["learn_more"]


def link_problem(link: str, anchors_by_page: dict[str, set[str]]) -> str | None:
    """What is wrong with a docs link, given the anchors of every page, or None."""
    page, _, anchor = link.partition("#")
    if page not in anchors_by_page:
        return "link %r: page %r does not exist in docs/" % (link, page)
    if anchor and anchor not in anchors_by_page[page]:
        return "link %r: page %r has no anchor #%s" % (link, page, anchor)
    return None
