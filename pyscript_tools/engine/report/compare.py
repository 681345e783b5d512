"""Two scored results of one questionnaire side by side (e.g. this year's and last year's), per
section and per question. What "better" means comes from the kind: a higher percentage, or a lower
risk level."""

from __future__ import annotations

from typing import Any

from .. import definition as d
from .. import text
from ..i18n import N_, decimal_mark, tr
from ..kinds import kind_of
from ..result import Result

CHANGE_WORDS = {"improved": N_("Improved"), "worse": N_("Worse"), "same": N_("No change"),
                "new": N_("New"),  # a section the earlier version did not have
                "unanswered-then": N_("Not answered then"), "unanswered-now": N_("Not answered now"),
                "unknown": "–"}


def _change(before: Any, after: Any, higher_is_better: bool, existed: bool = True) -> str:
    """How a section or the whole moved; ``existed``: whether the earlier version had it at all."""
    if before is None or after is None:
        if before is None and after is None:
            return "unknown"
        if after is None:
            return "unanswered-now"
        return "unanswered-then" if existed else "new"
    if after == before:
        return "same"
    return "improved" if (after > before) == higher_is_better else "worse"


def _side(entry: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: entry.get(key) for key in keys}


def compare_results(before: Result, after: Result) -> dict[str, Any]:
    if before.get("questionnaire") != after.get("questionnaire"):
        raise ValueError("cannot compare results of different questionnaires (%s and %s)"
                         % (text.shown(before.get("questionnaire")), text.shown(after.get("questionnaire"))))
    kind = kind_of(after)
    by_level = kind.COMPARE_BY == "level"

    def change(b: dict[str, Any], a: dict[str, Any], existed: bool = True) -> str:
        if by_level:
            return _change(d.level_index(before.get("levels") or [], b.get("level")),
                           d.level_index(after.get("levels") or [], a.get("level")), kind.HIGHER_IS_BETTER, existed)
        return _change(b.get("percent"), a.get("percent"), kind.HIGHER_IS_BETTER, existed)

    def delta(b: dict[str, Any], a: dict[str, Any]) -> float | None:
        if b.get("percent") is None or a.get("percent") is None:
            return None
        return round(a["percent"] - b["percent"], 1)

    earlier = {s["id"]: s for s in before.get("sections") or []}
    sections = []
    sides = ("percent", "level", "level_name", "score", "max", "answered", "total")
    for s in after.get("sections") or []:
        b = earlier.get(s["id"]) or {}
        sections.append({"id": s["id"], "title": s.get("title"), "before": _side(b, *sides), "after": _side(s, *sides),
                         "delta": delta(b, s), "change": change(b, s, existed=s["id"] in earlier)})
    bo, ao = before.get("overall") or {}, after.get("overall") or {}
    overall = {"before": _side(bo, "percent", "level", "level_name"), "after": _side(ao, "percent", "level", "level_name"),
               "delta": delta(bo, ao), "change": change(bo, ao)}
    earlier_rows = {q["id"]: q for q in before.get("questions") or []}
    changed = [{"question": q["id"], "section": q.get("section"), "text": q.get("text"),
                "before": earlier_rows[q["id"]].get("answer") if q["id"] in earlier_rows else None,
                "after": q.get("answer")}
               for q in after.get("questions") or []
               if q["id"] not in earlier_rows or earlier_rows[q["id"]].get("answer") != q.get("answer")]
    counts: dict[str, int] = {}
    for s in sections:
        counts[s["change"]] = counts.get(s["change"], 0) + 1
    return {"questionnaire": after.get("questionnaire"), "kind": after.get("kind"),
            "before_version": before.get("version"), "after_version": after.get("version"),
            "overall": overall, "sections": sections, "changed_answers": changed, "counts": counts}


def compare_html(comparison: dict[str, Any], before_label: str = "Earlier", after_label: str = "Now") -> str:
    by_level = kind_of(comparison).COMPARE_BY == "level"

    def shown(side: dict[str, Any]) -> str:
        if by_level:
            value = side.get("level_name") or "–"
        else:
            level = side.get("level_name")
            value = text.percent_text(side.get("percent")) + (" (%s)" % level if level else "")
        answered, total = side.get("answered"), side.get("total")
        if answered and total and answered < total:  # its figure covers only these answers
            return tr("{value}; {answered} of {total} answered", value=value, answered=answered, total=total)
        return value

    out = ['<table class="tk-table tk-table--compare"><caption>%s</caption><thead><tr>'
           '<th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th>'
           '</tr></thead><tbody>' % (text.html(tr("Comparison per section")), text.html(tr("Section")),
                                     text.html(before_label), text.html(after_label), text.html(tr("Change")))]
    for s in comparison.get("sections") or []:
        change = text.vocabulary_label(CHANGE_WORDS, s.get("change"), str(s.get("change")))
        if s.get("delta") not in (None, 0) and not by_level:
            change = tr("{change} ({delta} points)", change=change,
                        delta=("%+.1f" % s["delta"]).replace(".", decimal_mark()))
        out.append('<tr class="tk-table__row--%s"><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>'
                   % (text.html(s.get("change")), text.html(s.get("title")), text.html(shown(s["before"])),
                      text.html(shown(s["after"])), text.html(change)))
    out.append("</tbody></table>")
    return "".join(out)
