"""The answers given, one table per section, for the printed report and the Markdown export.

Built from a scored result's ``questions``, so it shows exactly what the engine scored: the chosen
option's label, the rating with its level, or the workbook entry.
"""

from __future__ import annotations

from typing import Any

from .. import text
from ..i18n import N_, tr
from ..result import Result
from ..vocabulary import STAGES
from .table import Table, to_html

NOT_ANSWERED = N_("Not answered")


def answer_tables(result: Result, section_ids: list[Any] | None = None) -> list[Table]:
    """A table per section that has questions (of ``section_ids`` only, when given): question and answer
    (and note), or for prompts status, response, owner and due date."""
    by_section: dict[Any, list[dict[str, Any]]] = {}
    for row in result.get("questions") or []:
        by_section.setdefault(row.get("section"), []).append(row)
    tables = []
    for section in result.get("sections") or []:
        rows = by_section.get(section.get("id")) or []
        if not rows or (section_ids is not None and section.get("id") not in section_ids):
            continue
        title = str(section.get("title"))
        caption = tr("Answers: {section}", section=title)
        if all(row.get("type") == "prompt" for row in rows):
            tables.append(Table("answers", caption, (tr("Prompt"), tr("Status"), tr("Response"), tr("Owner"), tr("Due")), [
                (_with_stage(row), text.answer_text(row) or tr(NOT_ANSWERED), row.get("response") or "",
                 row.get("owner") or "", row.get("due") or "") for row in rows], title))
        elif any(row.get("type") == "rated" for row in rows):
            tables.append(Table("answers", caption, (tr("Question"), tr("Answer"), tr("Note")), [
                (row.get("text"), text.answer_text(row) or tr(NOT_ANSWERED), row.get("note") or "") for row in rows],
                title))
        else:
            tables.append(Table("answers", caption, (tr("Question"), tr("Answer")), [
                (row.get("text"), text.answer_text(row) or tr(NOT_ANSWERED)) for row in rows], title))
    return tables


def _with_stage(row: dict[str, Any]) -> str:
    stage = text.vocabulary_label(STAGES, row.get("stage") or "", row.get("stage") or "")
    return tr("{prompt} ({stage})", prompt=row.get("text"), stage=stage) if stage else str(row.get("text"))


def answers_html(result: Result) -> str:
    return '<div class="tk-answers">%s</div>' % "".join(to_html(t) for t in answer_tables(result))
