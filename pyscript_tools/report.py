"""HTML fragments and SVG charts for a scored result.  Standard library only.

``render_html(definition, result, base_url="", name="", id_prefix=None) -> dict`` returns
fragments (strings of HTML): ``summary``, ``chart`` (SVG + an accessible data table),
``sections``, ``recommendations``, ``missing``, ``knowledge_gaps``, ``action_plan``
(workbook), ``all`` (everything in reading order) and ``svg`` (the bare chart).
Every piece of text from the questionnaire or the user is escaped.
"""

from __future__ import annotations

import math
from html import escape

# Lowest level first.  Classes let the site's CSS restyle (e.g. dark mode);
# the fill attributes are the fallback (and what WeasyPrint uses).
RISK_COLOURS = ["#2e7d32", "#f9a825", "#ef6c00", "#c62828", "#6a1b1a"]
RISK_TEXT = ["#ffffff", "#000000", "#000000", "#ffffff", "#ffffff"]
READY_COLOURS = ["#c62828", "#ef6c00", "#f9a825", "#558b2f", "#2e7d32"]


def e(value):
    """Escape any value for HTML text or attribute context."""
    if value is None:
        return ""
    return escape(str(value), quote=True)


def _fmt_num(x):
    if x is None:
        return "–"
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        return ("%.1f" % x).rstrip("0").rstrip(".")
    return str(x)


def _pct_text(p):
    return "–" if p is None else "%s%%" % _fmt_num(p)


def _palette(n, colours):
    if n <= 0:
        return []
    if n == 1:
        return [colours[0]]
    if n <= len(colours):
        idx = [round(i * (len(colours) - 1) / (n - 1)) for i in range(n)]
        return [colours[i] for i in idx]
    return [colours[min(len(colours) - 1, i * len(colours) // n)] for i in range(n)]


def _level_index(result, level_id):
    for i, lv in enumerate(result.get("levels") or []):
        if lv.get("id") == level_id:
            return i
    return None


def _href(base_url, url):
    if not url:
        return None
    return (base_url or "") + url


def _truncate(text, n):
    text = str(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --------------------------------------------------------------------------- charts

def radar_svg(result, id_prefix):
    """Radar chart of section percentages (bars when fewer than 3 sections)."""
    sections = result.get("sections") or []
    title = "%s: score per section" % (result.get("title") or "Result")
    desc = "; ".join("%s %s" % (s.get("title"), _pct_text(s.get("percent"))) for s in sections)
    if len(sections) < 3:
        return bars_svg([(s.get("title"), s.get("percent"), _pct_text(s.get("percent"))) for s in sections],
                        id_prefix, title, desc)
    size_w, size_h = 680, 420
    cx, cy, r = size_w / 2, size_h / 2 + 5, 135
    n = len(sections)
    pid = e(id_prefix)

    def point(i, frac):
        ang = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * frac * math.cos(ang), cy + r * frac * math.sin(ang)

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" class="tk-chart tk-radar" viewBox="0 0 %d %d" '
             'width="100%%" role="img" aria-labelledby="%s-title %s-desc">' % (size_w, size_h, pid, pid),
             '<title id="%s-title">%s</title>' % (pid, e(title)),
             '<desc id="%s-desc">%s</desc>' % (pid, e(desc))]
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join("%.1f,%.1f" % point(i, ring) for i in range(n))
        parts.append('<polygon class="tk-grid" points="%s" fill="none" stroke="currentColor" '
                     'stroke-opacity="0.25" stroke-width="1"/>' % pts)
    for i, s in enumerate(sections):
        x, y = point(i, 1.0)
        parts.append('<line class="tk-axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="currentColor" '
                     'stroke-opacity="0.35"/>' % (cx, cy, x, y))
        lx, ly = point(i, 1.16)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        label = _truncate(s.get("title") or s.get("id"), 28)
        parts.append('<text class="tk-label" x="%.1f" y="%.1f" text-anchor="%s" font-size="12" '
                     'fill="currentColor">%s<tspan x="%.1f" dy="14" font-weight="bold">%s</tspan></text>'
                     % (lx, ly, anchor, e(label), lx, e(_pct_text(s.get("percent")))))
    for ring in (0.5, 1.0):
        x, y = point(0, ring)
        parts.append('<text class="tk-tick" x="%.1f" y="%.1f" font-size="10" fill="currentColor" '
                     'fill-opacity="0.7">%d%%</text>' % (x + 4, y + 10, int(ring * 100)))
    pts = " ".join("%.1f,%.1f" % point(i, (s.get("percent") or 0) / 100.0) for i, s in enumerate(sections))
    parts.append('<polygon class="tk-value" points="%s" fill="#1565c0" fill-opacity="0.25" '
                 'stroke="#1565c0" stroke-width="2"/>' % pts)
    for i, s in enumerate(sections):
        if s.get("percent") is None:
            continue
        x, y = point(i, s["percent"] / 100.0)
        parts.append('<circle class="tk-dot" cx="%.1f" cy="%.1f" r="3.5" fill="#1565c0"/>' % (x, y))
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(rows, id_prefix, title, desc):
    """Horizontal progress bars: rows = [(label, percent or None, value text)]."""
    pid = e(id_prefix)
    width, bar_x, bar_w, row_h = 560, 200, 280, 30
    height = max(1, len(rows)) * row_h + 10
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" class="tk-chart tk-bars" viewBox="0 0 %d %d" '
             'width="100%%" role="img" aria-labelledby="%s-title %s-desc">' % (width, height, pid, pid),
             '<title id="%s-title">%s</title>' % (pid, e(title)),
             '<desc id="%s-desc">%s</desc>' % (pid, e(desc))]
    for i, (label, percent, text) in enumerate(rows):
        y = 5 + i * row_h
        parts.append('<text class="tk-label" x="%d" y="%d" text-anchor="end" font-size="12" '
                     'fill="currentColor">%s</text>' % (bar_x - 8, y + 17, e(_truncate(label, 30))))
        parts.append('<rect class="tk-track" x="%d" y="%d" width="%d" height="18" rx="3" '
                     'fill="currentColor" fill-opacity="0.12"/>' % (bar_x, y + 4, bar_w))
        w = 0 if percent is None else max(0.0, min(100.0, percent)) * bar_w / 100.0
        parts.append('<rect class="tk-bar" x="%d" y="%d" width="%.1f" height="18" rx="3" '
                     'fill="#1565c0"/>' % (bar_x, y + 4, w))
        parts.append('<text class="tk-value-text" x="%d" y="%d" font-size="12" fill="currentColor">%s</text>'
                     % (bar_x + bar_w + 6, y + 17, e(text)))
    parts.append("</svg>")
    return "".join(parts)


def heatmap_svg(result, id_prefix):
    """Likelihood (rows, highest at top) x severity (columns) grid coloured by level."""
    hm = result.get("heatmap") or {}
    lik = hm.get("likelihood") or []
    sev = hm.get("severity") or []
    matrix = hm.get("matrix") or []
    counts = hm.get("counts") or []
    levels = result.get("levels") or []
    colours = _palette(len(levels), RISK_COLOURS)
    texts = _palette(len(levels), RISK_TEXT)
    pid = e(id_prefix)
    cell, left, top = 64, 130, 20
    width = left + cell * len(sev) + 10
    height = top + cell * len(lik) + 70
    title = "%s: assessed impacts by likelihood and severity" % (result.get("title") or "Result")
    items = sum(sum(r) for r in counts) if counts else 0
    desc = "%d rated impact%s placed on a %d by %d grid; overall level %s." % (
        items, "" if items == 1 else "s", len(lik), len(sev),
        (result.get("overall") or {}).get("level_name") or "not yet determined")
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" class="tk-chart tk-heatmap" viewBox="0 0 %d %d" '
             'width="100%%" role="img" aria-labelledby="%s-title %s-desc">' % (width, height, pid, pid),
             '<title id="%s-title">%s</title>' % (pid, e(title)),
             '<desc id="%s-desc">%s</desc>' % (pid, e(desc))]
    rank = {lv.get("id"): i for i, lv in enumerate(levels)}
    nl = len(lik)
    for li in range(nl):
        row_y = top + (nl - 1 - li) * cell
        parts.append('<text class="tk-label" x="%d" y="%d" text-anchor="end" font-size="11" '
                     'fill="currentColor">%s</text>' % (left - 6, row_y + cell / 2 + 4,
                                                        e(_truncate(lik[li].get("label"), 18))))
        for si in range(len(sev)):
            lid = matrix[li][si] if li < len(matrix) and si < len(matrix[li]) else None
            k = rank.get(lid, 0)
            n = counts[li][si] if li < len(counts) and si < len(counts[li]) else 0
            x = left + si * cell
            parts.append('<rect class="tk-cell tk-level-%d" x="%d" y="%d" width="%d" height="%d" '
                         'fill="%s" stroke="#ffffff" stroke-width="2"><title>%s</title></rect>'
                         % (k, x, row_y, cell, cell, colours[k] if colours else "#888888",
                            e("%s × %s: %s, %d item%s" % (lik[li].get("label"), sev[si].get("label"),
                                                         levels[k].get("name") if levels else lid,
                                                         n, "" if n == 1 else "s"))))
            if n:
                parts.append('<circle cx="%d" cy="%d" r="13" fill="#ffffff" fill-opacity="0.9"/>'
                             '<text class="tk-count" x="%d" y="%d" text-anchor="middle" font-size="14" '
                             'font-weight="bold" fill="#000000">%d</text>'
                             % (x + cell / 2, row_y + cell / 2 - 6, x + cell / 2, row_y + cell / 2 - 1, n))
            parts.append('<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s">%s</text>'
                         % (x + cell / 2, row_y + cell - 6, texts[k] if texts else "#000",
                            e(_truncate(levels[k].get("name") if levels else "", 10))))
    base_y = top + nl * cell
    for si in range(len(sev)):
        x = left + si * cell + cell / 2
        parts.append('<text class="tk-label" x="%d" y="%d" text-anchor="middle" font-size="11" '
                     'fill="currentColor">%s</text>' % (x, base_y + 16, e(_truncate(sev[si].get("label"), 11))))
    parts.append('<text x="%d" y="%d" text-anchor="middle" font-size="12" font-weight="bold" '
                 'fill="currentColor">Severity →</text>' % (left + cell * len(sev) / 2, base_y + 40))
    parts.append('<text x="12" y="%d" font-size="12" font-weight="bold" fill="currentColor" '
                 'transform="rotate(-90 12 %d)" text-anchor="middle">Likelihood →</text>'
                 % (top + nl * cell / 2, top + nl * cell / 2))
    parts.append("</svg>")
    return "".join(parts)


def chart_svg(result, id_prefix):
    kind = result.get("kind")
    if kind == "risk":
        return heatmap_svg(result, id_prefix)
    if kind == "workbook":
        rows = [(s.get("title"), s.get("percent"), "%d of %d done" % (s.get("done", 0), s.get("max", 0)))
                for s in result.get("sections") or [] if s.get("total")]
        rows += [("Stage: %s" % s.get("title"), s.get("percent"), "%d of %d done" % (s.get("done", 0), s.get("max", 0)))
                 for s in result.get("stages") or []]
        return bars_svg(rows, id_prefix, "%s: progress" % (result.get("title") or "Workbook"),
                        "; ".join("%s %s" % (r[0], r[2]) for r in rows))
    return radar_svg(result, id_prefix)


# --------------------------------------------------------------------------- tables and lists

def _table(caption, headers, rows, cls):
    out = ['<table class="%s"><caption>%s</caption><thead><tr>' % (cls, e(caption))]
    out += ['<th scope="col">%s</th>' % e(h) for h in headers]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            out.append("<%s%s>%s</%s>" % (tag, scope, e(cell), tag))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def chart_table(result):
    kind = result.get("kind")
    if kind == "risk":
        hm = result.get("heatmap") or {}
        levels = {lv.get("id"): lv.get("name") for lv in result.get("levels") or []}
        rows = []
        for q in result.get("questions") or []:
            if q.get("type") == "rated" and q.get("status") == "answered":
                rows.append((q.get("text"), q.get("likelihood_label"), q.get("severity_label"),
                             levels.get(q.get("level"), q.get("level"))))
        if not rows and hm:
            rows.append(("No impact rated yet", "–", "–", "–"))
        return _table("Chart data: each rated impact", ["Impact", "Likelihood", "Severity", "Level"],
                      rows, "tk-chart-table")
    if kind == "workbook":
        rows = [(s.get("title"), s.get("done", 0), s.get("in_progress", 0), s.get("max", 0),
                 _pct_text(s.get("percent"))) for s in result.get("sections") or [] if s.get("total")]
        rows += [("Stage: %s" % s.get("title"), s.get("done", 0), s.get("in_progress", 0), s.get("max", 0),
                  _pct_text(s.get("percent"))) for s in result.get("stages") or []]
        return _table("Chart data: progress among applicable items",
                      ["Principle or stage", "Done", "In progress", "Applicable", "Progress"],
                      rows, "tk-chart-table")
    rows = [(s.get("title"), "%s of %s" % (_fmt_num(s.get("score")), _fmt_num(s.get("max"))),
             _pct_text(s.get("percent")), s.get("level_name") or "–") for s in result.get("sections") or []]
    return _table("Chart data: score per section", ["Section", "Points", "Score", "Level"],
                  rows, "tk-chart-table")


def summary_html(result, base_url="", name=""):
    ov = result.get("overall") or {}
    kind = result.get("kind")
    out = ['<div class="tk-summary tk-kind-%s">' % e(kind)]
    if name:
        out.append('<p class="tk-name">%s</p>' % e(name))
    lvl = ov.get("level_name")
    if kind == "risk":
        head = "Overall risk level: %s" % (lvl or "not yet determined")
    elif kind == "workbook":
        head = "Progress: %s of %s applicable items done (%s)" % (
            _fmt_num(ov.get("score")), _fmt_num(ov.get("max")), _pct_text(ov.get("percent")))
    else:
        head = "Overall: %s%s" % (_pct_text(ov.get("percent")), " – %s" % lvl if lvl else "")
    idx = _level_index(result, ov.get("level"))
    out.append('<p class="tk-overall%s"><strong>%s</strong></p>'
               % (" tk-level-%d" % idx if idx is not None else "", e(head)))
    if kind == "workbook" and lvl:
        out.append('<p class="tk-level-name">Level: %s</p>' % e(lvl))
    if ov.get("description"):
        out.append('<p class="tk-level-description">%s</p>' % e(ov["description"]))
    if ov.get("next_step"):
        out.append('<p class="tk-next-step"><strong>Next step:</strong> %s</p>' % e(ov["next_step"]))
    if kind == "risk":
        if ov.get("floor"):
            floor = ov["floor"]
            flags = [f for f in ov.get("red_flags") or [] if f.get("level") == floor] or ov.get("red_flags") or []
            out.append('<p class="tk-red-flags">A screening answer sets a minimum level of %s:</p><ul class="tk-red-flags">%s</ul>'
                       % (e(_name_of(result, floor)), "".join("<li>%s</li>" % e(_flag_text(result, f)) for f in flags)))
        links = ov.get("urls") or []
        if links:
            out.append('<p class="tk-level-links">See: %s</p>' % ", ".join(
                '<a href="%s">%s</a>' % (e(_href(base_url, u)), e(_link_label(l)))
                for u, l in zip(links, ov.get("links") or [])))
    if not result.get("complete"):
        out.append('<p class="tk-incomplete">%d of %d questions answered: the result is provisional.</p>'
                   % (result.get("answered", 0), result.get("total", 0)))
    if result.get("note"):
        out.append('<p class="tk-note">%s</p>' % e(result["note"]))
    out.append("</div>")
    return "".join(out)


def _flag_text(result, flag):
    """A screening red flag in words: the question and the chosen answer."""
    for q in result.get("questions") or []:
        if q.get("id") == flag.get("question"):
            return "%s Answer: %s" % (q.get("text") or flag.get("question"), q.get("label") or flag.get("answer"))
    return str(flag.get("question"))


def _link_label(link):
    """A readable label for a docs link: its anchor, or else its page, in words."""
    path, _, anchor = (link or "").partition("#")
    stem = anchor or path.rsplit("/", 2)[-1].replace(".md", "")
    if stem == "index":
        stem = path.rsplit("/", 2)[-2] if "/" in path else "home"
    words = stem.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _name_of(result, level_id):
    for lv in result.get("levels") or []:
        if lv.get("id") == level_id:
            return lv.get("name") or level_id
    return level_id


def sections_html(result):
    kind = result.get("kind")
    if kind == "risk":
        rows = [(s.get("title"), s.get("level_name") or "–", "%d of %d" % (s.get("answered", 0), s.get("total", 0)))
                for s in result.get("sections") or []]
        return _table("Level per section", ["Section", "Level (worst item)", "Answered"], rows, "tk-sections")
    if kind == "workbook":
        rows = [(s.get("title"), "%d of %d" % (s.get("done", 0), s.get("max", 0)), _pct_text(s.get("percent")),
                 "%d of %d" % (s.get("answered", 0), s.get("total", 0)))
                for s in result.get("sections") or [] if s.get("total")]
        return _table("Progress per principle", ["Principle", "Done", "Progress", "Status given"], rows,
                      "tk-sections")
    rows = [(s.get("title"), _pct_text(s.get("percent")), s.get("level_name") or "–",
             "%d of %d" % (s.get("answered", 0), s.get("total", 0))) for s in result.get("sections") or []]
    return _table("Score per section", ["Section", "Score", "Level", "Answered"], rows, "tk-sections")


def recommendations_html(result, base_url=""):
    recs = result.get("recommendations") or []
    if not recs:
        return '<p class="tk-recommendations-none">No recommendations: every answer is at its best.</p>'
    out = ['<ol class="tk-recommendations">']
    for r in recs:
        out.append("<li>")
        out.append('<p class="tk-rec-question">%s</p>' % e(r.get("question_text")))
        extra = r.get("level_name")
        out.append('<p class="tk-rec-text">%s%s</p>' % (
            "<strong>%s:</strong> " % e(extra) if extra else "", e(r.get("text"))))
        href = _href(base_url, r.get("url"))
        if href:
            out.append('<p class="tk-rec-link"><a href="%s">Learn more</a></p>' % e(href))
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _question_list(items, cls, intro):
    if not items:
        return ""
    out = ['<div class="%s"><p>%s</p><ul>' % (cls, e(intro))]
    out += ["<li>%s</li>" % e(i.get("text") or i.get("question")) for i in items]
    out.append("</ul></div>")
    return "".join(out)


def action_plan_html(result, base_url=""):
    plan = result.get("action_plan")
    if plan is None:
        return ""
    if not plan:
        return '<p class="tk-action-plan-none">No open items.</p>'
    rows = []
    out = ['<table class="tk-action-plan"><caption>Action plan: open items, earliest due date first</caption>'
           '<thead><tr><th scope="col">Item</th><th scope="col">Principle</th><th scope="col">Stage</th>'
           '<th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Due</th></tr></thead><tbody>']
    from .definition import STAGE_TITLES, WORKBOOK_STATUS_LABELS
    for item in plan:
        href = _href(base_url, item.get("url"))
        text = e(item.get("text"))
        if href:
            text += ' <a href="%s">Learn more</a>' % e(href)
        due = e(item.get("due") or "–")
        if item.get("overdue"):
            due += ' <strong class="tk-overdue">(overdue)</strong>'
        rows.append('<tr><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
            text, e(item.get("section_title")), e(STAGE_TITLES.get(item.get("stage"), item.get("stage") or "–")),
            e(WORKBOOK_STATUS_LABELS.get(item.get("status"), item.get("status"))),
            e(item.get("owner") or "–"), due))
    out += rows
    out.append("</tbody></table>")
    return "".join(out)


def render_html(definition, result, base_url="", name="", id_prefix=None):
    """All HTML fragments for ``result`` (see module docstring)."""
    prefix = id_prefix or "tk-%s-chart" % (result.get("questionnaire") or "q")
    svg = chart_svg(result, prefix)
    chart = ('<figure class="tk-figure">%s<figcaption>%s</figcaption></figure>%s'
             % (svg, e("Chart: the same figures are in the table below."), chart_table(result)))
    frags = {
        "summary": summary_html(result, base_url, name),
        "svg": svg,
        "chart": chart,
        "sections": sections_html(result),
        "recommendations": recommendations_html(result, base_url),
        "missing": _question_list(result.get("missing"), "tk-missing",
                                  "Not answered yet (the result leaves them out):"),
        "knowledge_gaps": _question_list(result.get("knowledge_gaps"), "tk-knowledge-gaps",
                                         "Knowledge gaps (answered “Don't know”, scored 0):"),
        "action_plan": action_plan_html(result, base_url),
    }
    order = ["summary", "chart", "sections", "action_plan", "recommendations", "knowledge_gaps", "missing"]
    headings = {"recommendations": "Recommendations", "action_plan": "Action plan",
                "sections": None, "chart": None, "summary": None, "knowledge_gaps": None, "missing": None}
    parts = []
    for key in order:
        if not frags[key]:
            continue
        if headings.get(key):
            parts.append("<h3>%s</h3>" % headings[key])
        parts.append(frags[key])
    frags["all"] = '<div class="tk-result">%s</div>' % "".join(parts)
    return frags
