"""Small text and number helpers shared by every message, result and report: one definition each."""

from __future__ import annotations

import json
import math
import re
from html import escape as _html_escape
from typing import Any

from .i18n import N_, decimal_mark, labelled, listed, tr, trn
from .vocabulary import NOT_APPLICABLE, STATUSES

SHOWN_LIMIT = 60  # characters of a user's value quoted back in a message


# --------------------------------------------------------------------------- messages


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """``repr(value)`` cut to ``limit`` characters, so a message never echoes a whole input back."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return tr("{start}… ({count} characters)", start=text[: limit - 1], count=len(text))


def more(count: int) -> str:
    """' (and N more problems)' for N > 0, else ''."""
    if count <= 0:
        return ""
    return " " + trn("(and {n} more problem)", "(and {n} more problems)", count)


def one_line(problems: list[str], lead: str = "") -> str:
    """The first problem (after ``lead``), and how many more there are."""
    first = problems[0] if problems else tr("invalid input")
    return (labelled(lead, first) if lead else first) + more(len(problems) - 1)


# --------------------------------------------------------------------------- numbers


def round1(x: float | None) -> float | None:
    """Round half up to one decimal (6.25 -> 6.3), identically in CPython and Pyodide."""
    if x is None:
        return None
    sign = -1.0 if x < 0 else 1.0
    return sign * math.floor(abs(x) * 10.0 + 0.5) / 10.0


def tidy(x: Any) -> Any:
    """Whole floats as ints, so JSON stays tidy and identical everywhere."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def number_text(x: Any) -> str:
    """A number for people: ``–`` for none, no trailing ``.0``, the language's decimal mark."""
    if x is None:
        return "–"
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        return ("%.1f" % x).rstrip("0").rstrip(".").replace(".", decimal_mark())
    return str(x)


MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def date_text(iso: Any) -> str:
    """``2027-12-02`` as people read it in the reader's language: ``2 December 2027``."""
    try:
        year, month, day = (int(part) for part in str(iso).split("-"))
        return tr("{day} {month} {year}", day=day, month=tr(MONTHS[month - 1]), year=year)
    except (ValueError, IndexError):
        return str(iso)


def percent_text(p: float | None) -> str:
    return "–" if p is None else tr("{number}%", number=number_text(p))


# --------------------------------------------------------------------------- escaping


def html(value: object) -> str:
    """Escape any value for HTML text or attribute context (None is empty)."""
    if value is None:
        return ""
    return _html_escape(str(value), quote=True)


def markdown(value: object) -> str:
    """Escape text for Markdown, inline and in tables (line breaks become spaces)."""
    if value is None:
        return ""
    out = []
    for ch in str(value).replace("\r\n", "\n").replace("\r", "\n"):
        if ch in "\\`*_{}[]<>#|!":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


# What a spreadsheet may take for the start of a formula (CSV injection), full-width forms included.
FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")


def csv_cell(value: Any) -> str:
    """A CSV cell: numbers tidy, structures as JSON, and text a spreadsheet would run as a formula
    (CSV injection) neutralised with a leading apostrophe. Every cell the project writes, headers
    included, goes through here (:func:`..report.csv.csv_text`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(tidy(value))
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    if text and text[0] in FORMULA_STARTS and not _PLAIN_NUMBER.match(text):
        text = "'" + text
    return text


def truncate(text: object, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- the page


def question_anchor(questionnaire: object, question: object) -> str:
    """The id of a question's fieldset on its tool page (the form and the result's links share it)."""
    return "tk-%s-%s" % (questionnaire, question)


# --------------------------------------------------------------------------- answers in words


def answer_text(row: dict[str, Any]) -> str:
    """What a scored question's answer says, in words ('' when unanswered): the option's label (the
    labels of a multi question's options, joined), a rating with its level, or a workbook status."""
    status = row.get("status")
    if status in (None, "missing"):
        return ""
    qtype = row.get("type")
    if qtype == "multi":
        return listed(str(label) for label in row.get("labels") or [])
    if qtype == "prompt":
        return tr(STATUSES[str(status)]) if str(status) in STATUSES else ""
    if qtype == "rated":
        if status == NOT_APPLICABLE:
            return tr(STATUSES[NOT_APPLICABLE])
        text = tr("Likelihood {likelihood} ({likelihood_label}), severity {severity} ({severity_label})",
                  likelihood=row.get("likelihood"), likelihood_label=row.get("likelihood_label"),
                  severity=row.get("severity"), severity_label=row.get("severity_label"))
        return tr("{text}: {level}", text=text, level=row["level_name"]) if row.get("level_name") else text
    return str(row.get("label") or row.get("answer") or "")


def vocabulary_label(labels: dict[str, str], key: object, default: str = "") -> str:
    """A vocabulary label (a stage, an approach, a status) in the current language; ``default`` when unknown."""
    return tr(labels[str(key)]) if str(key) in labels else default


def of_text(part: Any, whole: Any) -> str:
    """'3 of 8'."""
    return tr("{part} of {whole}", part=number_text(part), whole=number_text(whole))
