"""The answers given, as HTML tables (one per section), for the printed report.

``answers_html(result)`` reads the ``questions`` of a scored result, so it shows exactly what the
engine scored: the chosen option's label, the rating with its level, or the workbook entry.
Standard library only.
"""
from __future__ import annotations

from html import escape

from .definition import STAGE_TITLES, WORKBOOK_STATUS_LABELS


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _answer_text(q: dict) -> str:
    qtype = q.get("type")
    if qtype == "prompt":
        status = q.get("status")
        return WORKBOOK_STATUS_LABELS.get(status, "Not answered") if status and status != "missing" else "Not answered"
    answer = q.get("answer")
    if answer in (None, "", {}):
        return "Not answered"
    if qtype == "rated":
        if answer == "not-applicable" or q.get("status") == "not-applicable":
            return "Not applicable"
        if q.get("status") == "missing" or q.get("likelihood") is None or q.get("severity") is None:
            return "Not answered"
        level = q.get("level_name")
        return "Likelihood %s %s, severity %s %s%s" % (
            q.get("likelihood"), q.get("likelihood_label") or "", q.get("severity"), q.get("severity_label") or "",
            ": %s" % level if level else "")
    return q.get("label") or str(answer)


def answers_html(result: dict) -> str:
    """A table per section: question and answer (plus note, or response, owner and due date)."""
    by_section: dict[str, list[dict]] = {}
    for q in result.get("questions") or []:
        by_section.setdefault(q.get("section"), []).append(q)
    workbook = result.get("kind") == "workbook"
    out = ['<div class="tk-answers">']
    for section in result.get("sections") or []:
        rows = by_section.get(section.get("id")) or []
        if not rows:
            continue
        if workbook:
            head = ("<tr><th scope=\"col\">Prompt</th><th scope=\"col\">Status</th><th scope=\"col\">Response</th>"
                    "<th scope=\"col\">Owner</th><th scope=\"col\">Due</th></tr>")
        else:
            head = "<tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr>"
        out.append('<table class="tk-answers-table"><caption>Answers: %s</caption><thead>%s</thead><tbody>'
                   % (_e(section.get("title")), head))
        for q in rows:
            if workbook:
                stage = STAGE_TITLES.get(q.get("stage"), q.get("stage") or "")
                out.append('<tr><th scope="row">%s%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
                    _e(q.get("text")), ' <span class="tk-stage">(%s)</span>' % _e(stage) if stage else "",
                    _e(_answer_text(q)), _e(q.get("response") or ""), _e(q.get("owner") or ""),
                    _e(q.get("due") or "")))
            else:
                note = q.get("note")
                out.append('<tr><th scope="row">%s</th><td>%s%s</td></tr>' % (
                    _e(q.get("text")), _e(_answer_text(q)),
                    '<br><span class="tk-note-text">Note: %s</span>' % _e(note) if note else ""))
        out.append("</tbody></table>")
    out.append("</div>")
    return "".join(out)
