"""A combined result (:func:`..team.combine`) as HTML fragments, Markdown, CSV and a printable report.

What to discuss comes first, then each section's range, then every answer question by question. On the
tool page each question to discuss carries a chooser for the consensus answer; reports show the choice.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import text
from . import charts
from .document import STYLE
from .html import render_html
from .table import Table, to_html, to_markdown

RULES = ("Disagreement runs from 0 (everyone gave the same answer) to 1 (answers at both ends of the scale). "
         "The consensus is the median answer, the more cautious one when two are in the middle; "
         "choose another answer where the discussion agrees on it. An indicative aid defined by this site, "
         "not an official formula.")


def _h(level: int) -> tuple[str, str]:
    level = min(level, 6)
    return "<h%d>" % level, "</h%d>" % level


def headline(combined: dict[str, Any]) -> str:
    n = len(combined["respondents"])
    return "Answers of %d respondent%s combined" % (n, "" if n == 1 else "s")


def _spread_text(question: dict[str, Any]) -> str:
    parts = [group["text"] for group in question["distribution"]]
    bits = []
    if question["disagreement"]:
        bits.append("Answers range from %s to %s" % (parts[0], parts[-1]) if len(parts) > 1 else "Answers differ")
        bits[-1] += " (disagreement %s)" % text.number_text(question["disagreement"])
    if question["gaps"]:
        bits.append("%d don't know" % question["gaps"])
    return "; ".join(bits) + "." if bits else "Everyone gave the same answer."


def _who(question: dict[str, Any]) -> str:
    return " · ".join("%s: %s" % (group["text"], ", ".join(group["respondents"])) for group in question["distribution"])


def _chooser(question: dict[str, Any]) -> str:
    """A select for the consensus answer: the median, or any answer someone gave (values as JSON)."""
    dom = "tk-consensus-%s" % question["id"]
    chosen = json.dumps(question["consensus"], sort_keys=True) if question["chosen"] else ""
    options = ['<option value="">The median: %s</option>' % text.html(question["consensus_text"] or "no answer")
               if not question["chosen"] else '<option value="">The median answer</option>']
    for option in question["options"]:
        value = json.dumps(option["value"], sort_keys=True)
        options.append('<option value="%s"%s>%s</option>' % (text.html(value), " selected" if value == chosen else "",
                                                            text.html(option["text"])))
    return ('<p class="tk-team__choose"><label for="%s">Consensus answer</label> <select id="%s" data-tk-consensus="%s">'
            "%s</select></p>" % (text.html(dom), text.html(dom), text.html(question["id"]), "".join(options)))


def discuss_html(combined: dict[str, Any], heading_level: int = 3, on_page: bool = True) -> str:
    h, end = _h(heading_level)
    by_id = {q["id"]: q for q in combined["questions"]}
    items = [by_id[qid] for qid in combined["to_discuss"]]
    out = ['<section class="tk-team__discuss">%sTo discuss first%s' % (h, end)]
    if not items:
        out.append("<p>Everyone gave the same answers: nothing to discuss.</p></section>")
        return "".join(out)
    out.append('<ol class="tk-actions">')
    for q in items:
        consensus = (_chooser(q) if on_page else '<p class="tk-team__consensus"><strong>Consensus%s:</strong> %s</p>'
                     % (" (chosen)" if q["chosen"] else "", text.html(q["consensus_text"] or "no answer")))
        out.append('<li class="tk-actions__item"><p class="tk-actions__title"><strong>%s</strong></p>'
                   '<p class="tk-actions__text">%s</p><p class="tk-team__who">%s</p>%s</li>'
                   % (text.html(q["text"]), text.html(_spread_text(q)), text.html(_who(q)), consensus))
    out.append("</ol></section>")
    return "".join(out)


def range_table(combined: dict[str, Any]) -> Table:
    labels = [r["label"] for r in combined["respondents"]]

    def say(entry: dict[str, Any], key: str) -> str:
        if entry.get(key) is None:
            return "–"
        return str(entry.get("%s_name" % key)) if entry["by"] == "level" else text.percent_text(entry[key])

    def each(entry: dict[str, Any], label: str) -> str:
        value = next((v for v in entry["values"] if v["respondent"] == label), None)
        if value is None:
            return "not asked"
        return str(value["level_name"] or "–") if entry["by"] == "level" else text.percent_text(value["percent"])

    rows = [(s["title"], say(s, "min"), say(s, "median"), say(s, "max"), *(each(s, label) for label in labels))
            for s in [*combined["sections"], {**combined["overall"], "title": "Overall"}]]
    return Table("ranges", "Each section across respondents: lowest, median and highest",
                 ("Section", "Lowest", "Median", "Highest", *labels), rows)


def chart_html(combined: dict[str, Any], id_prefix: str) -> str:
    consensus = combined["consensus"]["result"]
    by_level = combined["overall"]["by"] == "level"
    ticks = [level.get("name") for level in consensus.get("levels") or []] if by_level else None
    rows = [charts.Range(s.get("short_title") or s["title"], s.get("min"), s.get("median"), s.get("max"),
                         [v["value"] for v in s["values"] if v["value"] is not None]) for s in combined["sections"]]
    svg = charts.ranges(rows, id_prefix, "%s: each section's range across respondents" % combined["title"], ticks)
    return '<figure class="tk-figure">%s<figcaption>%s</figcaption></figure>%s' % (
        svg, "Chart: the bar spans the lowest to the highest respondent, the mark is the median; "
        "the same figures are in the table below.", to_html(range_table(combined)))


def answers_table(combined: dict[str, Any], section: dict[str, Any] | None = None) -> Table:
    labels = [r["label"] for r in combined["respondents"]]
    rows = []
    for q in combined["questions"]:
        if section is not None and q["section"] != section["id"]:
            continue
        given = {a["respondent"]: a["text"] for a in q["answers"]}
        cells = [given.get(label) or ("not asked" if label in q["not_shown"] else "–") for label in labels]
        rows.append((q["text"], *cells, q["consensus_text"] or "–", text.number_text(q["disagreement"])))
    caption = "Every answer" + (": %s" % section["title"] if section else "")
    return Table("team-answers", caption, ("Question", *labels, "Consensus", "Disagreement"), rows)


def respondents_table(combined: dict[str, Any]) -> Table:
    rows = [(r["label"], r["file"], r["file_version"] + (" (moved to the current version)" if r["migration"] else ""),
             r["headline"]) for r in combined["respondents"]]
    return Table("respondents", "Who is combined", ("Respondent", "File", "Version", "Their own result"), rows)


def summary_html(combined: dict[str, Any]) -> str:
    consensus = combined["consensus"]["result"]
    out = ['<div class="tk-summary tk-team__summary"><p class="tk-summary__headline">%s</p>' % text.html(headline(combined)),
           "<p><strong>Consensus (median answers):</strong> %s</p>" % text.html(consensus.get("headline"))]
    for refused in combined["refused"]:
        out.append('<p class="tk-team__refused"><strong>%s</strong> was left out: %s.</p>'
                   % (text.html(refused["file"]), text.html(refused["reason"])))
    for r in combined["respondents"]:
        if r["migration"]:
            out.append('<p class="tk-team__migrated">%s: %s</p>' % (text.html(r["label"]), text.html(r["migration"])))
    out.append('<p class="tk-summary__note">%s</p></div>' % text.html(RULES))
    return "".join(out)


def team_html(combined: dict[str, Any], base_url: str = "", id_prefix: str = "tk-team", heading_level: int = 3,
              on_page: bool = True) -> dict[str, str]:
    """Fragments: summary, discuss, chart, answers (collapsible per section), respondents, consensus, all."""
    h, end = _h(heading_level)
    sections = {s["id"]: s for s in combined["sections"]}
    answers = "".join(to_html(answers_table(combined, sections[sid])) for sid in sections)
    consensus = render_html(combined["consensus"]["result"], base_url, combined["consensus"]["name"],
                            id_prefix + "-consensus", heading_level + 1, on_page=False)
    fragments = {
        "summary": summary_html(combined),
        "discuss": discuss_html(combined, heading_level, on_page),
        "chart": "%sSections across respondents%s%s" % (h, end, chart_html(combined, id_prefix + "-chart")),
        "answers": '<details class="tk-details tk-details--team-answers"><summary>Every answer, question by question'
                   " (%d)</summary>%s</details>" % (len(combined["questions"]), answers),
        "respondents": to_html(respondents_table(combined)),
        "consensus": '<details class="tk-details tk-details--consensus"><summary>The consensus result in full</summary>'
                     "%s</details>" % consensus["all"],
    }
    fragments["all"] = '<div class="tk-result tk-team">%s</div>' % "".join(
        fragments[k] for k in ("summary", "discuss", "chart", "respondents", "answers", "consensus"))
    return fragments


def team_markdown(combined: dict[str, Any]) -> str:
    lines = ["# %s: combined answers" % text.markdown(combined["title"]), "", "**%s.**" % text.markdown(headline(combined)),
             "", "**Consensus (median answers):** %s" % text.markdown(combined["consensus"]["result"].get("headline"))]
    for refused in combined["refused"]:
        lines += ["", "**%s** was left out: %s." % (text.markdown(refused["file"]), text.markdown(refused["reason"]))]
    lines += ["", "_%s_" % text.markdown(RULES), "", "## To discuss first", ""]
    by_id = {q["id"]: q for q in combined["questions"]}
    if not combined["to_discuss"]:
        lines.append("Everyone gave the same answers: nothing to discuss.")
    for n, qid in enumerate(combined["to_discuss"], 1):
        q = by_id[qid]
        lines += ["%d. **%s** %s" % (n, text.markdown(q["text"]), text.markdown(_spread_text(q))),
                  "   %s" % text.markdown(_who(q)),
                  "   Consensus%s: %s" % (" (chosen)" if q["chosen"] else "", text.markdown(q["consensus_text"] or "no answer"))]
    lines += ["", "## Sections across respondents", "", *to_markdown(range_table(combined)),
              "", "## Who is combined", "", *to_markdown(respondents_table(combined)), "", "## Every answer"]
    for section in combined["sections"]:
        lines += ["", "### %s" % text.markdown(section["title"]), "", *to_markdown(answers_table(combined, section))]
    return "\n".join(lines) + "\n"


def team_csv(combined: dict[str, Any]) -> str:
    """One row per question: every respondent's answer, the consensus, the disagreement and the gaps."""
    labels = [r["label"] for r in combined["respondents"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", "question", "text", *labels, "consensus", "consensus_chosen", "disagreement",
                     "dont_know"])
    for q in combined["questions"]:
        given = {a["respondent"]: a["text"] for a in q["answers"]}
        writer.writerow([text.csv_cell(v) for v in (
            q["section"], q["id"], q["text"], *(given.get(label, "") for label in labels), q["consensus_text"],
            "yes" if q["chosen"] else "", q["disagreement"], q["gaps"])])
    return buffer.getvalue()


def team_document(combined: dict[str, Any], date: str = "", base_url: str = "", site_name: str = "") -> str:
    """The combined result as one self-contained HTML file, like the single report."""
    html = team_html(combined, base_url, "tk-team", 2, on_page=False)
    title = "%s: combined answers" % combined["title"]
    meta = "%s · version %s%s" % (text.html(headline(combined)), text.html(combined["version"]),
                                  " · Report date: %s" % text.html(date) if date else "")
    body = ('<header class="tk-report__header"><h1>%s</h1><p class="tk-report__meta">%s</p></header><main class="tk-report">'
            "%s%s%s%s<div class=\"tk-report__detail\">%s%s</div></main>"
            '<footer class="tk-report__footer"><p>Combined in the browser by %s. Nothing was sent anywhere.</p></footer>'
            % (text.html(title), meta, html["summary"], html["discuss"], html["chart"], html["respondents"],
               html["answers"].replace("<details ", "<details open "), html["consensus"].replace("<details ", "<details open "),
               text.html(site_name or "the Responsible AI Toolkit site")))
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            'content="width=device-width, initial-scale=1"><title>%s</title><style>%s</style></head><body>%s</body></html>'
            % (text.html(title), STYLE, body))
