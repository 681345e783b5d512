"""CSV files: the one writer every CSV export uses, and the answers as CSV (one row per question, with
its score, level, status and recommendation).

Every CSV starts with a byte-order mark: without it, spreadsheet programs (Excel above all) read the file in
the computer's legacy code page and mangle accents and Arabic letters. Read it back in Python with the
``utf-8-sig`` codec."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from .. import text
from ..result import Result
from .law import law_rows

BYTE_ORDER_MARK = "\ufeff"
COLUMNS = ["section", "question", "text", "answer", "answer_label", "points", "max", "likelihood",
           "severity", "level", "status", "owner", "due", "response", "recommendation", "link"]


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV (CRLF line ends, a byte-order mark first), every cell, headers included, through
    :func:`text.csv_cell`."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([text.csv_cell(value) for value in row])
    return buffer.getvalue()


def to_csv(result: Result) -> str:
    recommendations = {rec["question"]: rec for rec in result.get("recommendations") or []}

    def row_of(row: dict[str, Any]) -> tuple[Any, ...]:
        rec = recommendations.get(row.get("id")) or {}
        qtype = row.get("type")
        chosen = qtype in ("choice", "multi")
        return (row.get("section"), row.get("id"), row.get("text"),
                row.get("answer") if chosen else "", text.answer_text(row),
                row.get("points") if chosen else row.get("score"), row.get("max"),
                row.get("likelihood"), row.get("severity"), row.get("level") if qtype != "prompt" else "",
                row.get("status"), row.get("owner"), row.get("due"),
                row.get("response") or (row.get("note") if qtype == "rated" else ""),
                rec.get("text"), rec.get("url"))

    return csv_text([COLUMNS, *(row_of(row) for row in result.get("questions") or []), *law_rows(result)])
