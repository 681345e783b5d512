"""Risk: screening answers may set a minimum level; each harm is rated for likelihood and severity,
which a matrix turns into a level. The overall level is the highest reached anywhere: one serious harm
is enough to require action.

The kinds of system chosen in screening (``options_from: profiles``) set their own floors and bring
their own section of harms; the section of a kind not chosen is left out of the result entirely, and so
is a question whose condition (``ask_if``) the answers do not meet. Under the legal frame chosen, what the
law requires (:mod:`..law`) sets a floor of its own: no rating takes the level below it."""

from __future__ import annotations

from typing import Any

from .. import answers as a
from .. import definition as d
from .. import law as legal
from .. import result as r
from ..i18n import N_, listed, tr, trn
from ..report import charts
from ..report.table import Table
from ..text import of_text, round1, tidy
from ..vocabulary import DONT_KNOW, NOT_APPLICABLE

NOUN = N_("questions")
UNNAMED = N_("Unnamed system")  # what an assessment without a name is called
HIGHER_IS_BETTER = False
COMPARE_BY = "level"


def _worse(a_rank: int | None, b_rank: int | None) -> int | None:
    if a_rank is None:
        return b_rank
    if b_rank is None:
        return a_rank
    return max(a_rank, b_rank)


def allowed_types(screening: bool) -> tuple[str, ...]:
    """The question types this kind's sections may hold: screening asks, the other sections rate."""
    return ("choice", "multi") if screening else ("rated", "choice")


class _Tally:
    """The definition's scales, matrix and levels, and what scoring has counted so far: the heat map,
    the screening answers that set a floor, and the totals."""

    def __init__(self, definition: d.Definition):
        self.levels = d.levels(definition)
        self.rank = d.level_ranks(self.levels)
        self.likelihood: list[dict[str, Any]] = definition.get("likelihood") or []
        self.severity: list[dict[str, Any]] = definition.get("severity") or []
        self.matrix: list[list[str]] = definition.get("matrix") or []
        self.cell_max = len(self.likelihood) * len(self.severity)
        self.counts = [[0 for _ in self.severity] for _ in self.likelihood]
        self.harms: list[list[list[str]]] = [[[] for _ in self.severity] for _ in self.likelihood]
        self.flags: list[dict[str, Any]] = []
        self.floor: int | None = None
        self.score = self.max = 0

    def name(self, rank: int) -> Any:
        return self.levels[rank].get("name")

    def flag(self, question: d.Question, option: dict[str, Any], rank: int) -> None:
        """A screening option that sets a minimum level: the kind of system or answer, and why."""
        flag = {"question": question["id"], "answer": option.get("value"), "label": option.get("label"),
                "level": self.levels[rank]["id"], "level_name": self.name(rank)}
        if option.get("min_level_reason"):
            flag["reason"] = option["min_level_reason"]
        self.flags.append(flag)
        self.floor = _worse(self.floor, rank)


def score(definition: d.Definition, answers: dict[str, Any], result: r.Result,
          filters: dict[str, list[str]], today: str | None) -> None:
    tally = _Tally(definition)
    worst = None
    asked = {q["id"] for _, q in d.applicable_questions(definition, answers)}
    for section in d.applicable_sections(definition, answers):
        worst = _worse(worst, _score_section(definition, tally, section, answers, result, asked))
    law = legal.requirements(definition, answers, today)
    law_floor = tally.rank.get(law["floor"]) if law and law.get("floor") else None
    result["overall"] = _overall(tally, _worse(_worse(worst, tally.floor), law_floor))
    result["overall"]["law_floor"] = law["floor"] if law_floor is not None and law else None
    if law is not None:
        result["law"] = law
    result["heatmap"] = {
        "likelihood": [{"value": x.get("value"), "label": x.get("label")} for x in tally.likelihood],
        "severity": [{"value": x.get("value"), "label": x.get("label")} for x in tally.severity],
        "matrix": [list(row) for row in tally.matrix],
        "counts": tally.counts,
        "harms": tally.harms,  # the ids of the harms rated into each cell
    }
    result["profiles"] = [{**p, "stricter_than_law": legal.stricter_than_law(definition, p.get("min_level"), law)}
                          for p in r.public_profiles(definition, answers)]


def _score_section(definition: d.Definition, tally: _Tally, section: d.Section, answers: dict[str, Any],
                   result: r.Result, asked: set[str]) -> int | None:
    """Score one section's questions asked; add its entry to the result and return its rank (the worst item)."""
    s_rank = None
    s_score = s_max = answered = items = 0
    missing: list[str] = []
    questions = [q for q in section.get("questions") or [] if q["id"] in asked]
    if not questions:
        return None
    for question in questions:
        qtype = d.question_type(definition, section, question)
        value: Any = answers.get(question["id"])
        row = r.question_row(section, question, qtype, value)
        row["level"] = None
        result["questions"].append(row)
        if not a.is_answered(qtype, value):
            r.mark_missing(result, missing, section, question)
            continue
        answered += 1
        if qtype == "rated":
            q_rank = _rate(tally, section, question, value, row, result)
            if q_rank is not None:
                items += 1
                s_score += row["score"]
                s_max += row["max"]
        else:
            q_rank = _screen(definition, tally, section, question, value, row, result)
        s_rank = _worse(s_rank, q_rank)
    tally.score += s_score
    tally.max += s_max
    r.add_section(result, section, {
        "id": section["id"], "title": section.get("title", section["id"]),
        "screening": bool(section.get("screening")),
        "score": s_score, "max": s_max, "percent": round1(100.0 * s_score / s_max) if s_max else None,
        "answered": answered, "total": len(questions), "missing": missing,
        "level": tally.levels[s_rank]["id"] if s_rank is not None else None,
        "level_name": tally.name(s_rank) if s_rank is not None else None,
        "items": items})
    return s_rank


def _rate(tally: _Tally, section: d.Section, question: d.Question, value: Any, row: dict[str, Any],
          result: r.Result) -> int | None:
    """A rated harm: its matrix level (None when not applicable), counted in the heat map."""
    if value == NOT_APPLICABLE:
        row["status"] = NOT_APPLICABLE
        return None
    li = d.scale_index(tally.likelihood, value.get("likelihood"))
    si = d.scale_index(tally.severity, value.get("severity"))
    assert li is not None and si is not None  # checked before scoring
    level_id = tally.matrix[li][si]
    rank = tally.rank[level_id]
    tally.counts[li][si] += 1
    tally.harms[li][si].append(question["id"])
    likelihood, severity = tally.likelihood[li], tally.severity[si]
    row.update(status="answered", level=level_id, level_name=tally.name(rank),
               likelihood=likelihood.get("value"), severity=severity.get("value"),
               likelihood_label=likelihood.get("label"), severity_label=severity.get("label"),
               score=(li + 1) * (si + 1), max=tally.cell_max, note=value.get("note"))
    if rank > 0:
        r.recommend(result, section, question,
                    answer={"likelihood": likelihood.get("value"), "severity": severity.get("value")},
                    level=level_id, level_name=tally.name(rank))
    return rank


def _screen(definition: d.Definition, tally: _Tally, section: d.Section, question: d.Question, value: Any,
            row: dict[str, Any], result: r.Result) -> int | None:
    """A screening answer (one option, or several for a multi question): the options' minimum levels
    become floors. Returns the level it sets in its section (None when not applicable)."""
    options = d.options_of(definition, question)
    if row["type"] == "multi":  # its options carry no points and none is special
        single: dict[str, Any] = {}
        chosen = [o for o in options if any(d.find_option([o], v) for v in value)]
        row["labels"] = [o.get("label") for o in chosen]
    else:
        single = d.find_option(options, value) or {}
        chosen = [single]
        row["label"] = single.get("label")
    special = single.get("special")
    if special == NOT_APPLICABLE:
        row["status"] = NOT_APPLICABLE
        return None
    row["status"] = DONT_KNOW if special == DONT_KNOW else "answered"
    if special == DONT_KNOW:
        r.mark_gap(result, section, question)
    floors = [(o, tally.rank[o["min_level"]]) for o in chosen if o.get("min_level") is not None]
    for option, floor in floors:
        tally.flag(question, option, floor)
    rank = max([floor for _, floor in floors], default=0)
    row["level"] = tally.levels[rank].get("id")
    below_best = False
    if d.is_number(single.get("points")):
        row["points"] = tidy(single["points"])
        below_best = single["points"] < d.max_points(options)
    if rank > 0 or special == DONT_KNOW or below_best:
        r.recommend(result, section, question, answer=value,
                    level=tally.levels[rank]["id"] if floors else None, level_name=tally.name(rank) if floors else None)
    return rank


def _overall(tally: _Tally, rank: int | None) -> dict[str, Any]:
    overall: dict[str, Any] = {"score": tally.score, "max": tally.max,
                               "percent": round1(100.0 * tally.score / tally.max) if tally.max else None,
                               "level": None, "level_name": None, "floor": None}
    if rank is not None:
        level = tally.levels[rank]
        overall.update(level=level["id"], level_name=level.get("name"), action=level.get("action"),
                       description=level.get("description"), next_step=level.get("next_step"),
                       links=list(level.get("links") or []),
                       urls=[d.doc_link_to_url(x) for x in level.get("links") or []])
    if tally.floor is not None:
        overall["floor"] = tally.levels[tally.floor]["id"]
    overall["red_flags"] = tally.flags
    return overall


def headline(result: r.Result) -> str:
    level = (result.get("overall") or {}).get("level_name")
    if not result.get("complete"):
        if level:
            return tr("Provisional risk level: at least {level} so far", level=level)
        return tr("Provisional risk level: not yet determined")
    return tr("Overall risk level: {level}", level=level) if level else tr("Overall risk level: not yet determined")


def priorities(result: r.Result) -> list[dict[str, Any]]:
    """The recommendations for the highest-rated harms and screening answers, highest level first."""
    rank = d.level_ranks(result.get("levels") or [])
    rows = {row["id"]: row for row in result.get("questions") or []}
    order = {rec["question"]: i for i, rec in enumerate(result.get("recommendations") or [])}
    rated = [rec for rec in result.get("recommendations") or [] if rank.get(rec.get("level"), 0) > 0]
    rated.sort(key=lambda rec: (-rank[rec["level"]], -(rows.get(rec["question"], {}).get("score") or 0), order[rec["question"]]))
    return [{**rec, "title": tr("{level}: {question}", level=rec["level_name"], question=rec["question_text"])}
            for rec in rated[:r.PRIORITIES]]


def facts(result: r.Result) -> list[tuple[str, str]]:
    return []


def section_table(result: r.Result) -> Table:
    rows = [(s.get("title"), s.get("level_name") or "–", of_text(s.get("answered", 0), s.get("total", 0)))
            for s in result.get("sections") or []]
    return Table("sections", tr("Level per section"), (tr("Section"), tr("Level (worst item)"), tr("Answered")), rows)


def chart_svg(result: r.Result, id_prefix: str) -> str:
    grid = result.get("heatmap") or {}
    items = sum(sum(row) for row in grid.get("counts") or [])
    desc = trn("{n} rated impact placed on a {rows} by {columns} grid; overall level {level}.",
               "{n} rated impacts placed on a {rows} by {columns} grid; overall level {level}.", items,
               rows=len(grid.get("likelihood") or []), columns=len(grid.get("severity") or []),
               level=(result.get("overall") or {}).get("level_name") or tr("not yet determined"))
    title = tr("{title}: assessed impacts by likelihood and severity", title=result.get("title") or tr("Result"))
    return charts.heatmap(grid, result.get("levels") or [], id_prefix, title, desc, _cell_harms(result))


def _cell_harms(result: r.Result) -> list[list[list[str]]]:
    """The texts of the harms in each cell of the heat map."""
    texts = {q.get("id"): q.get("text") for q in result.get("questions") or []}
    return [[[str(texts.get(h, h)) for h in cell] for cell in row] for row in (result.get("heatmap") or {}).get("harms") or []]


def chart_table(result: r.Result) -> Table:
    """The heat map as a table: each cell that holds harms, the most serious first, with the harms it holds."""
    grid = result.get("heatmap") or {}
    lik, sev, matrix = grid.get("likelihood") or [], grid.get("severity") or [], grid.get("matrix") or []
    rank = d.level_ranks(result.get("levels") or [])
    names = {level.get("id"): level.get("name") for level in result.get("levels") or []}
    cells = [(li, si, harms) for li, row in enumerate(_cell_harms(result)) for si, harms in enumerate(row) if harms]
    cells.sort(key=lambda c: (-rank.get(matrix[c[0]][c[1]], 0), -(c[0] + 1) * (c[1] + 1), -c[0]))
    rows = [("%s × %s" % (lik[li].get("label"), sev[si].get("label")), names.get(matrix[li][si]), str(len(harms)),
             listed(harms)) for li, si, harms in cells]
    return Table("chart", tr("The heat map's cells: likelihood × severity, and the harms rated into each"),
                 (tr("Likelihood × severity"), tr("Level"), tr("Harms"), tr("Which harms")),
                 rows or [(tr("No impact rated yet"), "–", "0", "–")])
