"""What the law requires of one AI system, under the legal frame the respondent chose.

A risk definition may carry legal frames (``definition["legal"]``, merged at build time from
``toolkit_content/legal/``: see :mod:`pyscript_tools.authoring.legal`). Each frame's rules name the answers
they turn on; :func:`requirements` keeps those whose condition the answers meet and returns, strictest
first, what they classify the system as (prohibited, allowed only with an authorisation, high-risk,
other obligations), each with its references and, for a prohibited practice, its exceptions and what
each needs; then one checklist of the obligations they attach, each with its references, the roles that
own it and whether it already applies on the assessment's date. A classification also sets a floor on
the risk level (``legal.floors``): no score can take the level below what the law implies.

This is the site's reading of the law on the frame's ``as_of`` date, an aid and not legal advice: every
rendering says so.
"""

from __future__ import annotations

import re
from typing import Any

from . import definition as d
from .i18n import N_, isolated, tr
from .vocabulary import LEGAL_FRAMES_OPTION

CLASSES = ("prohibited", "authorisation", "high-risk", "other")  # strictest first
CLASS_TITLES = {
    "prohibited": N_("Prohibited"),
    "authorisation": N_("Allowed only with an authorisation"),
    "high-risk": N_("High-risk: obligations before use"),
    "other": N_("Other obligations"),
}
_REF = re.compile(r"^(?P<instrument>\S+) (?:art\. (?P<article>\S+)|annex (?P<annex>[IVX]+)(?: (?P<point>\S+))?"
                  r"|recital (?P<recital>\S+))$")


def frame_question(definition: d.Definition) -> str | None:
    """The id of the question that chooses the legal frame, if the definition has one."""
    return next((q["id"] for _, q in d.iter_questions(definition) if q.get("options_from") == LEGAL_FRAMES_OPTION), None)


def requirements(definition: d.Definition, answers: d.Answers, today: str | None = None) -> dict[str, Any] | None:
    """What the law requires for ``answers`` (see the module's docstring), or None for a definition
    without legal frames. ``today`` (YYYY-MM-DD) is the date obligations are checked against; the frame's
    ``as_of`` date without it."""
    frames = d.legal_frames(definition)
    if not frames:
        return None
    asked = d.asked_answers(definition, answers)
    question = frame_question(definition)
    chosen = next((f for f in frames if question and f.get("id") == asked.get(question)), None)
    if chosen is None:
        return {"frame": None, "question": question, "status": None, "rules": [], "checklist": [], "floor": None}
    date = today or str(chosen.get("as_of"))
    reader = Frame(definition, chosen, date)
    rules = sorted((r for r in chosen.get("rules") or [] if d.holds(r.get("when"), asked)),
                   key=lambda r: CLASSES.index(r["class"]))
    status = rules[0]["class"] if rules else None
    return {
        "frame": reader.about(), "question": question, "date": date,
        "status": status, "status_title": tr(CLASS_TITLES[status]) if status else None,
        "rules": [reader.rule(r) for r in rules],
        "checklist": reader.checklist(rules),
        "floor": _floor(definition, rules),
    }


def _floor(definition: d.Definition, rules: list[dict[str, Any]]) -> str | None:
    """The strictest level the matched rules' classes set (``legal.floors``), or None."""
    floors = (definition.get("legal") or {}).get("floors") or {}
    ranks = d.level_ranks(d.levels(definition))
    found = [floors[r["class"]] for r in rules if floors.get(r["class"]) in ranks]
    return max(found, key=lambda level: ranks[level]) if found else None


class Frame:
    """One frame's instruments, dates, obligations and roles, read once, and the entries a result shows."""

    def __init__(self, definition: d.Definition, frame: dict[str, Any], date: str):
        self.frame = frame
        self.date = date
        self.instruments = {i["id"]: i for i in frame.get("instruments") or []}
        self.dates = {x["id"]: x for x in frame.get("dates") or []}
        self.obligations = {o["id"]: o for o in frame.get("obligations") or []}
        self.roles = (definition.get("legal") or {}).get("roles") or {}

    def about(self) -> dict[str, Any]:
        f = self.frame
        return {"id": f.get("id"), "title": f.get("title"), "short_title": f.get("short_title"),
                "as_of": f.get("as_of"), "summary": f.get("summary"), "look_up": list(f.get("look_up") or []),
                "instruments": [{k: i.get(k) for k in ("id", "name", "short", "url", "status", "note")}
                                for i in self.instruments.values()]}

    def ref(self, ref: str) -> str:
        """``ai-act art. 5(1)(h)`` -> ``AI Act, Art. 5(1)(h)`` (in the reader's language)."""
        match = _REF.match(ref)
        if not match:
            return ref
        name = self.instruments.get(match["instrument"], {}).get("short") or match["instrument"]
        if match["article"]:
            return tr("{instrument}, Art. {article}", instrument=name, article=isolated(match["article"]))
        if match["annex"] and match["point"]:
            return tr("{instrument}, Annex {annex}, point {point}", instrument=name, annex=isolated(match["annex"]),
                      point=isolated(match["point"]))
        if match["annex"]:
            return tr("{instrument}, Annex {annex}", instrument=name, annex=isolated(match["annex"]))
        return tr("{instrument}, recital {number}", instrument=name, number=match["recital"])

    def when(self, date_id: Any) -> dict[str, Any]:
        """From when an entry applies; a date marked ``pending`` (an instrument not confirmed in force) never
        applies yet."""
        entry = self.dates.get(date_id) or {}
        since = str(entry.get("date") or "")
        pending = bool(entry.get("pending"))
        return {"from": since, "from_label": entry.get("label"), "from_note": entry.get("note"), "pending": pending,
                "applies": bool(since) and since <= self.date and not pending}

    def rule(self, rule: dict[str, Any]) -> dict[str, Any]:
        out = {"id": rule["id"], "class": rule["class"], "class_title": tr(CLASS_TITLES[rule["class"]]),
               "title": rule.get("title"), "text": rule.get("text"), "refs": [self.ref(x) for x in rule.get("refs") or []],
               **self.when(rule.get("from"))}
        if rule.get("exceptions"):
            out["exceptions"] = [{"text": e.get("text"), "refs": [self.ref(x) for x in e.get("refs") or []]}
                                 for e in rule["exceptions"]]
            out["each_exception_needs"] = list(rule.get("each_exception_needs") or [])
        return out

    def checklist(self, rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every obligation the rules attach, once, strictest rule first, with the rules that need it."""
        items: dict[str, dict[str, Any]] = {}
        for rule in rules:
            for oid in [*(rule.get("each_exception_needs") or []), *(rule.get("obligations") or [])]:
                obligation = self.obligations.get(oid)
                if obligation is None:
                    continue
                item = items.setdefault(oid, {
                    "id": oid, "text": obligation.get("text"), "refs": [self.ref(x) for x in obligation.get("refs") or []],
                    "owners": [self.roles.get(o, o) for o in obligation.get("owners") or []],
                    "for": [], **self.when(obligation.get("from"))})
                item["for"].append(rule["id"])
        return list(items.values())


def stricter_than_law(definition: d.Definition, level: Any, law: dict[str, Any] | None) -> bool:
    """Whether a kind of system's floor ``level`` is higher than the law of the chosen frame implies."""
    if not law or not law.get("frame") or level is None:
        return False
    ranks = d.level_ranks(d.levels(definition))
    return ranks.get(level, -1) > ranks.get(law.get("floor"), -1)
