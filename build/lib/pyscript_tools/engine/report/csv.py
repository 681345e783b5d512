"""The answers as CSV: one row per question, with its score, level, status and recommendation."""

from __future__ import annotations

import csv
import io

from .. import text
from ..result import Result

COLUMNS = ["section", "question", "text", "answer", "answer_label", "points", "max", "likelihood",
           "severity", "level", "status", "owner", "due", "response", "recommendation", "link"]


def to_csv(result: Result) -> str:
    recommendations = {rec["question"]: rec for rec in result.get("recommendations") or []}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in result.get("questions") or []:
        rec = recommendations.get(row.get("id")) or {}
        qtype = row.get("type")
        chosen = qtype in ("choice", "multi")
        writer.writerow([text.csv_cell(value) for value in (
            row.get("section"), row.get("id"), row.get("text"),
            row.get("answer") if chosen else "", text.answer_text(row),
            row.get("points") if chosen else row.get("score"), row.get("max"),
            row.get("likelihood"), row.get("severity"), row.get("level") if qtype != "prompt" else "",
            row.get("status"), row.get("owner"), row.get("due"),
            row.get("response") or (row.get("note") if qtype == "rated" else ""),
            rec.get("text"), rec.get("url"))])
    return buffer.getvalue()
