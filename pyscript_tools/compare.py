"""Compare two scored results of the same questionnaire (e.g. an earlier assessment).

``compare_results(before, after) -> dict`` works per section and per question.
For readiness and workbook a higher percentage is better; for risk a lower level is
better.  Standard library only.
"""

from __future__ import annotations


def _rank(result, level_id):
    for i, lv in enumerate(result.get("levels") or []):
        if lv.get("id") == level_id:
            return i
    return None


def _direction(kind, before, after, b_rank, a_rank):
    if kind == "risk":
        if b_rank is None or a_rank is None:
            return "new" if b_rank is None and a_rank is not None else (
                "unknown" if a_rank is None and b_rank is None else "removed")
        return "improved" if a_rank < b_rank else "worse" if a_rank > b_rank else "same"
    if before is None or after is None:
        if before is None and after is not None:
            return "new"
        return "unknown" if after is None and before is None else "removed"
    return "improved" if after > before else "worse" if after < before else "same"


def compare_results(before, after):
    if before.get("questionnaire") != after.get("questionnaire"):
        raise ValueError("cannot compare results of different questionnaires (%r and %r)"
                         % (before.get("questionnaire"), after.get("questionnaire")))
    kind = after.get("kind")
    b_sections = {s["id"]: s for s in before.get("sections") or []}
    sections = []
    for s in after.get("sections") or []:
        b = b_sections.get(s["id"]) or {}
        bp, ap = b.get("percent"), s.get("percent")
        br, ar = _rank(before, b.get("level")), _rank(after, s.get("level"))
        delta = None if bp is None or ap is None else round(ap - bp, 1)
        sections.append({"id": s["id"], "title": s.get("title"),
                         "before": {"percent": bp, "level": b.get("level"), "level_name": b.get("level_name"),
                                    "score": b.get("score"), "max": b.get("max")},
                         "after": {"percent": ap, "level": s.get("level"), "level_name": s.get("level_name"),
                                   "score": s.get("score"), "max": s.get("max")},
                         "delta": delta,
                         "change": _direction(kind, bp, ap, br, ar)})
    bo, ao = before.get("overall") or {}, after.get("overall") or {}
    overall = {"before": {"percent": bo.get("percent"), "level": bo.get("level"), "level_name": bo.get("level_name")},
               "after": {"percent": ao.get("percent"), "level": ao.get("level"), "level_name": ao.get("level_name")},
               "delta": None if bo.get("percent") is None or ao.get("percent") is None
               else round(ao["percent"] - bo["percent"], 1),
               "change": _direction(kind, bo.get("percent"), ao.get("percent"),
                                    _rank(before, bo.get("level")), _rank(after, ao.get("level")))}
    b_q = {q["id"]: q for q in before.get("questions") or []}
    changed = []
    for q in after.get("questions") or []:
        bq = b_q.get(q["id"])
        if bq is None or bq.get("answer") != q.get("answer"):
            changed.append({"question": q["id"], "section": q.get("section"), "text": q.get("text"),
                            "before": None if bq is None else bq.get("answer"), "after": q.get("answer")})
    counts = {}
    for s in sections:
        counts[s["change"]] = counts.get(s["change"], 0) + 1
    return {"questionnaire": after.get("questionnaire"), "kind": kind,
            "before_version": before.get("version"), "after_version": after.get("version"),
            "overall": overall, "sections": sections, "changed_answers": changed, "counts": counts}


def compare_html(comparison, before_label="Earlier", after_label="Now"):
    from html import escape

    def e(x):
        return "" if x is None else escape(str(x), quote=True)

    def pct(p):
        return "–" if p is None else ("%s%%" % (int(p) if float(p).is_integer() else p))

    kind = comparison.get("kind")
    words = {"improved": "Improved", "worse": "Worse", "same": "No change", "new": "New", "removed": "Removed",
             "unknown": "–"}
    out = ['<table class="tk-compare"><caption>Comparison per section</caption><thead><tr>'
           '<th scope="col">Section</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">Change</th>'
           '</tr></thead><tbody>' % (e(before_label), e(after_label))]
    for s in comparison.get("sections") or []:
        if kind == "risk":
            b, a = s["before"].get("level_name") or "–", s["after"].get("level_name") or "–"
        else:
            b = "%s%s" % (pct(s["before"].get("percent")), " (%s)" % s["before"]["level_name"] if s["before"].get("level_name") else "")
            a = "%s%s" % (pct(s["after"].get("percent")), " (%s)" % s["after"]["level_name"] if s["after"].get("level_name") else "")
        change = words.get(s.get("change"), s.get("change"))
        if s.get("delta") not in (None, 0) and kind != "risk":
            change += " (%+.1f points)" % s["delta"]
        out.append('<tr class="tk-change-%s"><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>'
                   % (e(s.get("change")), e(s.get("title")), e(b), e(a), e(change)))
    out.append("</tbody></table>")
    return "".join(out)
