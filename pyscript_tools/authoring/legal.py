"""The legal frames (``toolkit_content/legal/*.yml``): what the law requires of one AI system, as data.

A frame lists its instruments, the dates from which their parts apply, the obligations it attaches and
the rules that classify a system from the Risk Assessment's answers (prohibited, allowed only with an
authorisation, high-risk, other obligations). ``load_frames`` reads and checks every file, reporting
every problem as ``file:line: field: message``; ``merge_frames`` gives the risk questionnaire that names
the folder (``legal_from``) the frames, one option per frame on its question with
``options_from: legal-frames``, and the readers' names of the roles that own the obligations. The engine
reads them in :mod:`pyscript_tools.engine.law`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.law import CLASSES
from .checks import Checker, problem
from .translate import Overlay, overlay_path, translate_frame

# "ai-act art. 5(1)(h)(iii)", "led art. 11(3)", "ai-act annex III 1(a)", "ai-act annex II", "ai-act recital 42"
REF_RE = re.compile(
    r"^[a-z0-9]+(?:-[a-z0-9]+)* (?:"
    r"art\. [0-9]+[a-z]?(?:\([0-9]+[a-z]?\))?(?:\([a-z]{1,2}\))?(?:\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))?"
    r"|annex [IVX]+(?: [0-9]+(?:\([a-z]\))?)?"
    r"|recital [0-9]+)$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
STATUSES = ("in-force", "not-in-force", "uncertain")
FRAME_KEYS = ("id", "title", "short_title", "order", "as_of", "summary", "instruments", "dates", "obligations", "rules")


@dataclass(frozen=True)
class Frame:
    """One legal frame, read from ``ID.yml`` without problems."""

    data: dict[str, Any]
    file: str


Questions = dict[str, set[str]]  # question id -> the values its options allow


def load_frames(folder: str | os.PathLike, questions: Questions, roles: list[str], display: str = "",
                language: str | None = None) -> tuple[list[Frame], list[str]]:
    """Every ``*.yml`` frame in ``folder``, in their ``order``, checked against the questionnaire's
    ``questions`` (the facts rules may name) and the role ids; with ``language``, its translations."""
    from .content import display_path, read_yaml  # content imports this module

    frames, problems = [], []
    paths = sorted(Path(folder).glob("*.yml"))
    if not paths:
        return [], [problem(str(display or folder), 1, "legal_from", "no legal frames (*.yml files) in %s" % folder)]
    for path in paths:
        file = display_path(path)
        data, lines, read_problems = read_yaml(path)
        if data is None:
            problems += read_problems
            continue
        check = Checker(file, lines)
        _check_frame(check, data, path.stem, questions, roles)
        problems += read_problems + check.problems
        if check.problems or read_problems:
            continue
        if language:
            content = path.resolve().parents[1]
            where = overlay_path(content, path.resolve(), language)
            overlay = Overlay(where, display_path(where), language)
            data = translate_frame(data, overlay)
            problems += overlay.finish()
        frames.append(Frame(data, file))
    return sorted(frames, key=lambda f: f.data["order"]), problems


def _check_frame(check: Checker, data: Any, stem: str, questions: Questions, roles: list[str]) -> None:
    frame = check.mapping(data, (), required=FRAME_KEYS, optional=("$schema", "look_up"))
    if not frame:
        return
    if check.ident(frame.get("id"), ("id",)) and frame["id"] != stem:
        check.fail(("id",), "must equal the file name '%s.yml'" % stem)
    if not isinstance(frame.get("order"), int) or isinstance(frame.get("order"), bool):
        check.fail(("order",), "expected a whole number: where the frame comes among the choices (1 first)")
    check.text(frame.get("title"), ("title",), 80)
    if len(check.text(frame.get("short_title"), ("short_title",), 40)) > 24:
        check.fail(("short_title",), "keep it under 24 characters")
    _date(check, frame.get("as_of"), ("as_of",))
    check.text(frame.get("summary"), ("summary",), 800)
    if "look_up" in frame:
        check.texts(frame["look_up"], ("look_up",), 1, 12)
    instruments = _ids(check, frame.get("instruments"), ("instruments",), 1, 12, _instrument)
    dates = _ids(check, frame.get("dates"), ("dates",), 1, 12, lambda c, e, at: _date_entry(c, e, at, instruments))
    obligations = _ids(check, frame.get("obligations"), ("obligations",), 0, 80,
                       lambda c, e, at: _obligation(c, e, at, instruments, dates, roles))
    _ids(check, frame.get("rules"), ("rules",), 1, 80,
         lambda c, e, at: _rule(c, e, at, instruments, dates, obligations, questions))


def _ids(check: Checker, value: Any, at: tuple, lo: int, hi: int, each) -> set[str]:
    """The ids of a list of entries, each checked by ``each(check, entry, at)``; duplicates reported."""
    seen: set[str] = set()
    for i, entry in enumerate(check.items(value, at, lo, hi)):
        entry = each(check, entry, at + (i,))
        ident = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                check.fail(at + (i, "id"), "'%s' is used twice" % ident)
            seen.add(ident)
    return seen


def _date(check: Checker, value: Any, at: tuple) -> None:
    from ..engine.answers import valid_date

    if not valid_date(value):
        check.fail(at, "expected a date written YYYY-MM-DD (in quotes), got %r" % (value,))


def _refs(check: Checker, value: Any, at: tuple, instruments: set[str]) -> None:
    for i, ref in enumerate(check.items(value, at, 1, 8)):
        if not isinstance(ref, str) or not REF_RE.match(ref):
            check.fail(at + (i,), "expected a reference such as 'ai-act art. 5(1)(h)', 'led art. 27' or "
                                  "'ai-act annex III 1(a)', got %r" % (ref,))
        elif ref.split(" ", 1)[0] not in instruments:
            check.fail(at + (i,), "unknown instrument '%s' (listed: %s)" % (ref.split(" ", 1)[0], ", ".join(sorted(instruments))))


def _instrument(check: Checker, entry: Any, at: tuple) -> dict:
    entry = check.mapping(entry, at, required=("id", "name", "short", "url", "status"), optional=("note",))
    if entry:
        check.ident(entry.get("id"), at + ("id",))
        check.text(entry.get("name"), at + ("name",), 200)
        check.text(entry.get("short"), at + ("short",), 60)
        if not isinstance(entry.get("url"), str) or not entry["url"].startswith("https://"):
            check.fail(at + ("url",), "expected the official text's https:// address, got %r" % (entry.get("url"),))
        check.choice(entry.get("status"), at + ("status",), STATUSES)
        if "note" in entry:
            check.text(entry["note"], at + ("note",), 600)
    return entry


def _date_entry(check: Checker, entry: Any, at: tuple, instruments: set[str]) -> dict:
    entry = check.mapping(entry, at, required=("id", "date", "label"), optional=("refs", "note", "pending"))
    if entry:
        check.ident(entry.get("id"), at + ("id",))
        if "pending" in entry and not isinstance(entry["pending"], bool):
            check.fail(at + ("pending",), "expected true (not confirmed in force yet) or false")
        _date(check, entry.get("date"), at + ("date",))
        check.text(entry.get("label"), at + ("label",), 200)
        if "refs" in entry:
            _refs(check, entry["refs"], at + ("refs",), instruments)
        if "note" in entry:
            check.text(entry["note"], at + ("note",), 300)
    return entry


def _obligation(check: Checker, entry: Any, at: tuple, instruments: set[str], dates: set[str],
                roles: list[str]) -> dict:
    entry = check.mapping(entry, at, required=("id", "text", "refs", "owners", "from"))
    if entry:
        check.ident(entry.get("id"), at + ("id",))
        check.text(entry.get("text"), at + ("text",), 600)
        _refs(check, entry.get("refs"), at + ("refs",), instruments)
        for i, owner in enumerate(check.items(entry.get("owners"), at + ("owners",), 1, 4)):
            check.choice(owner, at + ("owners", i), roles)
        check.choice(entry.get("from"), at + ("from",), sorted(dates))
    return entry


def _rule(check: Checker, entry: Any, at: tuple, instruments: set[str], dates: set[str], obligations: set[str],
          questions: Questions) -> dict:
    entry = check.mapping(entry, at, required=("id", "class", "title", "text", "refs", "from"),
                          optional=("when", "obligations", "exceptions", "each_exception_needs"))
    if not entry:
        return entry
    check.ident(entry.get("id"), at + ("id",))
    check.choice(entry.get("class"), at + ("class",), CLASSES)
    check.text(entry.get("title"), at + ("title",), 120)
    check.text(entry.get("text"), at + ("text",), 600)
    _refs(check, entry.get("refs"), at + ("refs",), instruments)
    check.choice(entry.get("from"), at + ("from",), sorted(dates))
    if "when" in entry:
        check_condition(check, entry["when"], at + ("when",), questions)
    for key in ("obligations", "each_exception_needs"):
        for i, ident in enumerate(check.items(entry.get(key, []), at + (key,), 0, 20)):
            check.choice(ident, at + (key, i), sorted(obligations))
    exceptions = entry.get("exceptions")
    if exceptions is not None:
        if entry.get("class") != "prohibited":
            check.fail(at + ("exceptions",), "only a prohibited practice has exceptions")
        for i, exception in enumerate(check.items(exceptions, at + ("exceptions",), 1, 6)):
            exception = check.mapping(exception, at + ("exceptions", i), required=("text", "refs"))
            if exception:
                check.text(exception.get("text"), at + ("exceptions", i, "text"), 400)
                _refs(check, exception.get("refs"), at + ("exceptions", i, "refs"), instruments)
    elif "each_exception_needs" in entry:
        check.fail(at + ("each_exception_needs",), "give the exceptions these obligations apply to")
    return entry


def check_condition(check: Checker, value: Any, at: tuple, questions: Questions, before: set[str] | None = None) -> None:
    """A condition {question id: [values]}: each question exists (and, with ``before``, comes earlier) and
    each value is one of its options."""
    condition = check.mapping(value, at, optional=list(questions))
    for qid, values in condition.items():
        if qid not in questions:
            continue  # reported by mapping() as an unknown key
        if before is not None and qid not in before:
            check.fail(at + (qid,), "a condition can only name a question asked before this one")
        for i, option in enumerate(check.items(values, at + (qid,), 1, 20)):
            if str(option) not in questions[qid]:
                check.fail(at + (qid, i), "'%s' is not an option of %s (options: %s)"
                           % (option, qid, ", ".join(sorted(questions[qid]))))


def merge_frames(definition: dict[str, Any], frames: list[Frame], role_names: dict[str, str]) -> dict[str, Any]:
    """The risk definition with its legal frames: ``legal`` and one option per frame on the question that
    chooses among them. ``role_names``: the readers' names of the roles, in the definition's language."""
    merged = {k: v for k, v in definition.items() if k != "legal_from"}
    owners = sorted({o for f in frames for ob in f.data.get("obligations") or [] for o in ob.get("owners") or []})
    merged["legal"] = {"frames": [f.data for f in frames], "floors": dict(definition.get("legal_floors") or {}),
                       "roles": {r: role_names.get(r, r) for r in owners}}
    merged.pop("legal_floors", None)
    return merged
