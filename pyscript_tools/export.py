"""Markdown and CSV exports of a scored result.  Standard library only."""

from __future__ import annotations

import csv
import io
import json

from .definition import STAGE_TITLES, WORKBOOK_STATUS_LABELS


def _num(x):
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _pct(p):
    return "–" if p is None else "%s%%" % _num(p)


def md_escape(text):
    """Escape user or content text for Markdown (tables and inline)."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>#|!":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _link(r, base_url):
    url = r.get("url")
    if not url:
        return ""
    return " ([learn more](%s%s))" % (base_url or "", url.replace(" ", "%20").replace(")", "%29"))


def _answer_text(q):
    if q.get("type") == "rated":
        if q.get("status") == "not-applicable":
            return "Not applicable"
        if q.get("status") != "answered":
            return ""
        return "Likelihood %s (%s), severity %s (%s)" % (q.get("likelihood"), q.get("likelihood_label"),
                                                           q.get("severity"), q.get("severity_label"))
    if q.get("type") == "prompt":
        return WORKBOOK_STATUS_LABELS.get(q.get("status"), "")
    return q.get("label") or ""


def to_markdown(result, name="", base_url="", date=""):
    kind = result.get("kind")
    ov = result.get("overall") or {}
    lines = ["# %s" % md_escape(result.get("title")), ""]
    meta = []
    if name:
        meta.append("**Assessment:** %s" % md_escape(name))
    if date:
        meta.append("**Date:** %s" % md_escape(date))
    meta.append("**Questionnaire:** %s, version %s" % (md_escape(result.get("questionnaire")),
                                                     md_escape(result.get("version"))))
    lines += [m + "  " for m in meta] + [""]
    if result.get("note"):
        lines += ["> %s" % md_escape(result["note"]), ""]
    lines += ["## Result", ""]
    if kind == "risk":
        lines.append("**Overall risk level:** %s" % md_escape(ov.get("level_name") or "not yet determined"))
        if ov.get("action"):
            lines.append("")
            lines.append("**Action:** %s" % md_escape(ov["action"]))
    elif kind == "workbook":
        lines.append("**Progress:** %s of %s applicable items done (%s)" % (
            _num(ov.get("score")), _num(ov.get("max")), _pct(ov.get("percent"))))
        if ov.get("level_name"):
            lines += ["", "**Level:** %s" % md_escape(ov["level_name"])]
    else:
        lines.append("**Overall:** %s%s" % (_pct(ov.get("percent")),
                                             " – %s" % md_escape(ov["level_name"]) if ov.get("level_name") else ""))
    for key, label in (("description", None), ("next_step", "Next step")):
        if ov.get(key):
            lines += ["", ("**%s:** " % label if label else "") + md_escape(ov[key])]
    if not result.get("complete"):
        lines += ["", "%d of %d questions answered: the result is provisional." % (
            result.get("answered", 0), result.get("total", 0))]
    lines += ["", "## Sections", ""]
    if kind == "risk":
        lines += ["| Section | Level | Answered |", "| --- | --- | --- |"]
        for s in result.get("sections") or []:
            lines.append("| %s | %s | %d of %d |" % (md_escape(s.get("title")), md_escape(s.get("level_name") or "–"),
                                                    s.get("answered", 0), s.get("total", 0)))
    elif kind == "workbook":
        lines += ["| Principle | Done | Progress |", "| --- | --- | --- |"]
        for s in result.get("sections") or []:
            if s.get("total"):
                lines.append("| %s | %d of %d | %s |" % (md_escape(s.get("title")), s.get("done", 0),
                                                         s.get("max", 0), _pct(s.get("percent"))))
        if result.get("stages"):
            lines += ["", "| Stage | Done | Progress |", "| --- | --- | --- |"]
            for s in result["stages"]:
                lines.append("| %s | %d of %d | %s |" % (md_escape(s.get("title")), s.get("done", 0),
                                                         s.get("max", 0), _pct(s.get("percent"))))
    else:
        lines += ["| Section | Score | Level | Answered |", "| --- | --- | --- | --- |"]
        for s in result.get("sections") or []:
            lines.append("| %s | %s | %s | %d of %d |" % (md_escape(s.get("title")), _pct(s.get("percent")),
                                                          md_escape(s.get("level_name") or "–"),
                                                          s.get("answered", 0), s.get("total", 0)))
    if kind == "workbook":
        lines += ["", "## Action plan", ""]
        plan = result.get("action_plan") or []
        if not plan:
            lines.append("No open items.")
        for item in plan:
            bits = [WORKBOOK_STATUS_LABELS.get(item.get("status"), item.get("status") or "")]
            if item.get("owner"):
                bits.append("owner: %s" % md_escape(item["owner"]))
            if item.get("due"):
                bits.append("due: %s%s" % (md_escape(item["due"]), " (overdue)" if item.get("overdue") else ""))
            lines.append("- %s — %s%s" % (md_escape(item.get("text")), "; ".join(bits), _link(item, base_url)))
        lines += ["", "## Responses", ""]
        for q in result.get("questions") or []:
            lines.append("### %s" % md_escape(q.get("text")))
            lines.append("")
            lines.append("*%s — %s*" % (md_escape(STAGE_TITLES.get(q.get("stage"), q.get("stage") or "")),
                                       WORKBOOK_STATUS_LABELS.get(q.get("status"), "Not answered")))
            lines.append("")
            if q.get("response"):
                lines.append(md_escape(q["response"]))
                lines.append("")
    lines += ["", "## Recommendations", ""]
    recs = result.get("recommendations") or []
    if not recs:
        lines.append("No recommendations: every answer is at its best.")
    for r in recs:
        prefix = "**%s:** " % md_escape(r["level_name"]) if r.get("level_name") else ""
        lines.append("1. %s — %s%s%s" % (md_escape(r.get("question_text")), prefix, md_escape(r.get("text")),
                                         _link(r, base_url)))
    if result.get("knowledge_gaps"):
        lines += ["", "## Knowledge gaps", ""]
        lines += ["- %s" % md_escape(g.get("text")) for g in result["knowledge_gaps"]]
    if result.get("missing"):
        lines += ["", "## Not answered yet", ""]
        lines += ["- %s" % md_escape(m.get("text")) for m in result["missing"]]
    return "\n".join(lines).rstrip("\n") + "\n"


CSV_COLUMNS = ["section", "question", "text", "answer", "answer_label", "points", "max", "likelihood",
               "severity", "level", "status", "owner", "due", "response", "recommendation", "link"]


def _csv_safe(value):
    """Neutralise spreadsheet formulas (CSV injection) and render values."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    value = str(value)
    if value and value[0] in "=+-@\t\r" and not _is_number_text(value):
        value = "'" + value
    return value


def _is_number_text(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def to_csv(result):
    recs = {r["question"]: r for r in result.get("recommendations") or []}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for q in result.get("questions") or []:
        rec = recs.get(q.get("id")) or {}
        answer = q.get("answer")
        if q.get("type") == "rated" and isinstance(answer, dict):
            answer = ""
        if q.get("type") == "prompt":
            answer = ""
        row = {
            "section": q.get("section"), "question": q.get("id"), "text": q.get("text"),
            "answer": answer, "answer_label": _answer_text(q),
            "points": q.get("points") if q.get("type") == "choice" else q.get("score"),
            "max": q.get("max"),
            "likelihood": q.get("likelihood"), "severity": q.get("severity"),
            "level": q.get("level") if q.get("type") != "prompt" else "",
            "status": q.get("status"), "owner": q.get("owner"), "due": q.get("due"),
            "response": q.get("response") or (q.get("note") if q.get("type") == "rated" else ""),
            "recommendation": rec.get("text"), "link": rec.get("url"),
        }
        writer.writerow([_csv_safe(_num(row[c]) if isinstance(row[c], (int, float)) and not isinstance(row[c], bool)
                                   else row[c]) for c in CSV_COLUMNS])
    return buf.getvalue()
