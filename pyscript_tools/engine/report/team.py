"""A combined result (:func:`..team.combine`) as HTML fragments, Markdown, CSV and a printable report.

What to discuss comes first, then each section's range, then every answer question by question. On the
tool page each question to discuss carries a chooser for the consensus answer; reports show the choice.
"""

from __future__ import annotations

import json
from typing import Any

from .. import text
from ..i18n import N_, labelled, listed, tr, trn
from . import charts
from .csv import csv_text
from .document import page
from .html import details, render_html
from .law import law_html, law_markdown
from .table import Table, to_html, to_markdown

RULES = N_("Disagreement runs from 0 (everyone gave the same answer) to 1 (answers at both ends of the scale). "
           "The consensus is the median answer, the more cautious one when two are in the middle; "
           "choose another answer where the discussion agrees on it. An indicative aid defined by this site, "
           "not an official formula.")


def _h(level: int) -> tuple[str, str]:
    level = min(level, 6)
    return "<h%d>" % level, "</h%d>" % level


def headline(combined: dict[str, Any]) -> str:
    return trn("Answers of {n} respondent combined", "Answers of {n} respondents combined", len(combined["respondents"]))


def _spread_text(question: dict[str, Any]) -> str:
    parts = [group["text"] for group in question["distribution"]]
    bits = []
    if question["disagreement"]:
        spread = (tr("Answers range from {low} to {high}", low=parts[0], high=parts[-1]) if len(parts) > 1
                  else tr("Answers differ"))
        bits.append(tr("{spread} (disagreement {value})", spread=spread, value=text.number_text(question["disagreement"])))
    if question["gaps"]:
        bits.append(tr("{count} don't know", count=question["gaps"]))
    return tr("{facts}.", facts=listed(bits)) if bits else tr("Everyone gave the same answer.")


def _who(question: dict[str, Any]) -> str:
    return " · ".join(tr("{answer}: {who}", answer=group["text"], who=", ".join(group["respondents"]))
                      for group in question["distribution"])


def _consensus_words(question: dict[str, Any]) -> str:
    return question["consensus_text"] or tr("no answer")


def _chooser(question: dict[str, Any]) -> str:
    """A select for the consensus answer: every answer it may be, in scale order, each with who gave it;
    the median is marked, and choosing it goes back to the median (values as JSON)."""
    dom = "tk-consensus-%s" % question["id"]
    median = json.dumps(question["median"], sort_keys=True)
    current = json.dumps(question["consensus"], sort_keys=True)
    options = []
    for option in question["options"]:
        value = json.dumps(option["value"], sort_keys=True)
        who = ", ".join(option["by"]) if option["by"] else tr("nobody")
        label = tr("{answer} ({who})", answer=option["text"], who=who)
        if value == median:
            label = tr("{answer}: the median", answer=label)
        options.append('<option value="%s"%s>%s</option>' % (text.html("" if value == median else value),
                                                             " selected" if value == current else "", text.html(label)))
    return ('<p class="tk-team__choose"><label for="%s">%s</label> <select id="%s" data-tk-consensus="%s">%s</select></p>'
            % (text.html(dom), text.html(tr("Consensus answer")), text.html(dom), text.html(question["id"]), "".join(options)))


def _consensus_line(question: dict[str, Any]) -> str:
    label = tr("Consensus (chosen):") if question["chosen"] else tr("Consensus:")
    return tr("{label} {answer}", label=label, answer=_consensus_words(question))


DISCUSS_RULE = N_("First to discuss: the questions where answers are at least half the scale apart, or where "
                  "someone does not know.")


def _discuss_items(items: list[dict[str, Any]], on_page: bool) -> str:
    out = ['<ol class="tk-actions">']
    for q in items:
        consensus = _chooser(q) if on_page else '<p class="tk-team__consensus">%s</p>' % text.html(_consensus_line(q))
        out.append('<li class="tk-actions__item"><p class="tk-actions__title"><strong>%s</strong></p>'
                   '<p class="tk-actions__text">%s</p><p class="tk-team__who">%s</p>%s</li>'
                   % (text.html(q["text"]), text.html(_spread_text(q)), text.html(_who(q)), consensus))
    out.append("</ol>")
    return "".join(out)


def discuss_html(combined: dict[str, Any], heading_level: int = 3, on_page: bool = True) -> str:
    """The questions to discuss first (see :data:`DISCUSS_RULE`), then the other differences, folded."""
    h, end = _h(heading_level)
    by_id = {q["id"]: q for q in combined["questions"]}
    items = [by_id[qid] for qid in combined["to_discuss"]]
    others = [by_id[qid] for qid in combined["other_differences"]]
    out = ['<section class="tk-team__discuss">%s%s%s' % (h, text.html(tr("To discuss first")), end),
           '<p class="tk-team__rule">%s</p>' % text.html(tr(DISCUSS_RULE))]
    if not items and not others:
        out.append("<p>%s</p></section>" % text.html(tr("Everyone gave the same answers: nothing to discuss.")))
        return "".join(out)
    out.append(_discuss_items(items, on_page) if items else "<p>%s</p>" % text.html(
        tr("No question is that far apart; the smaller differences are below.")))
    if others:
        out.append(details(trn("{n} smaller difference", "{n} smaller differences", len(others)),
                           _discuss_items(others, on_page), "team-other"))
    out.append("</section>")
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
            return tr("not asked")
        return str(value["level_name"] or "–") if entry["by"] == "level" else text.percent_text(value["percent"])

    rows = [(s["title"], say(s, "min"), say(s, "median"), say(s, "max"), *(each(s, label) for label in labels))
            for s in [*combined["sections"], {**combined["overall"], "title": tr("Overall")}]]
    return Table("ranges", tr("Each section across respondents: lowest, median and highest"),
                 (tr("Section"), tr("Lowest"), tr("Median"), tr("Highest"), *labels), rows)


def chart_html(combined: dict[str, Any], id_prefix: str) -> str:
    consensus = combined["consensus"]["result"]
    by_level = combined["overall"]["by"] == "level"
    ticks = [level.get("name") for level in consensus.get("levels") or []] if by_level else None
    rows = [charts.Range(s.get("short_title") or s["title"], s.get("min"), s.get("median"), s.get("max"),
                         [v["value"] for v in s["values"] if v["value"] is not None]) for s in combined["sections"]]
    svg = charts.ranges(rows, id_prefix, tr("{title}: each section's range across respondents", title=combined["title"]),
                        ticks)
    return '<figure class="tk-figure">%s<figcaption>%s</figcaption></figure>%s' % (
        svg, text.html(tr("Chart: the bar spans the lowest to the highest respondent, the mark is the median; the same"
                          " figures are in the table below.")), to_html(range_table(combined)))


def answers_table(combined: dict[str, Any], section: dict[str, Any]) -> Table:
    """Every respondent's answer to each question of one section, with the consensus and the disagreement."""
    labels = [r["label"] for r in combined["respondents"]]
    rows = []
    for q in combined["questions"]:
        if q["section"] != section["id"]:
            continue
        given = {a["respondent"]: a["text"] for a in q["answers"]}
        cells = [given.get(label) or (tr("not asked") if label in q["not_shown"] else "–") for label in labels]
        rows.append((q["text"], *cells, q["consensus_text"] or "–", text.number_text(q["disagreement"])))
    return Table("team-answers", tr("Every answer: {section}", section=section["title"]),
                 (tr("Question"), *labels, tr("Consensus"), tr("Disagreement")), rows, str(section["title"]))


def respondents_table(combined: dict[str, Any]) -> Table:
    """Each respondent's own result; with names shown, the file each came from too."""
    named = combined["named"]

    def row_of(r: dict[str, Any]) -> tuple[Any, ...]:
        version = (tr("{version} (moved to the current version)", version=r["file_version"]) if r["migration"]
                   else r["file_version"])
        return (r["label"], *([r["file"]] if named else []), version, r["headline"])

    columns = (tr("Respondent"), *([tr("File")] if named else []), tr("Version"), tr("Their own result"))
    return Table("respondents", tr("Who is combined"), columns, [row_of(r) for r in combined["respondents"]])


def duplicates_note(combined: dict[str, Any]) -> str:
    return trn("{n} file was the same answers file as another, chosen twice: it is counted once.",
               "{n} files were the same answers file as another, chosen twice: each is counted once.",
               combined["duplicates"])


def anonymity_note(combined: dict[str, Any]) -> str:
    """With names hidden: what is withheld, and why (empty with names shown)."""
    if combined["named"]:
        return ""
    note = tr("Names, file names and answers written in words are hidden, so that no answer can be traced to a person.")
    if combined["withheld"]:
        note += " " + trn("{n} written answer is withheld; show the names to see it.",
                          "{n} written answers are withheld; show the names to see them.", combined["withheld"])
    return note


def divergence_note(combined: dict[str, Any]) -> str:
    """When the consensus, scored as one assessment, reaches another level than the middle respondent's own
    result: both, and why they can differ (empty when they agree)."""
    overall = combined.get("overall") or {}
    consensus = (combined["consensus"]["result"].get("overall") or {}).get("level_name")
    middle = next((v["level_name"] for v in overall.get("values") or [] if v["value"] == overall.get("median")), None)
    if not consensus or not middle or consensus == middle:
        return ""
    return tr("Scored as one assessment, the consensus is {consensus}; the middle of the respondents' own results is"
              " {middle}. Each question's median is taken on its own, so the two can differ: look at the highest and"
              " lowest results too.", consensus=consensus, middle=middle)


def _left_out(refused: dict[str, str]) -> tuple[str, str]:
    return refused["file"], tr("was left out: {reason}.", reason=refused["reason"])


def summary_html(combined: dict[str, Any]) -> str:
    consensus = combined["consensus"]["result"]
    out = ['<div class="tk-summary tk-team__summary"><p class="tk-summary__headline">%s</p>' % text.html(headline(combined)),
           "<p><strong>%s</strong> %s</p>" % (text.html(tr("Consensus (median answers):")),
                                             text.html(consensus.get("headline")))]
    if note := divergence_note(combined):
        out.append('<p class="tk-team__divergence">%s</p>' % text.html(note))
    for refused in combined["refused"]:
        out.append('<p class="tk-team__refused"><strong>%s</strong> %s</p>' % tuple(map(text.html, _left_out(refused))))
    for r in combined["respondents"]:
        if r["migration"]:
            out.append('<p class="tk-team__migrated">%s</p>' % labelled(text.html(r["label"]), text.html(r["migration"])))
    if combined.get("duplicates"):
        out.append('<p class="tk-team__duplicates">%s</p>' % text.html(duplicates_note(combined)))
    if anonymity_note(combined):
        out.append('<p class="tk-team__anonymous">%s</p>' % text.html(anonymity_note(combined)))
    out.append('<p class="tk-summary__note">%s</p></div>' % text.html(tr(RULES)))
    return "".join(out)


def team_html(combined: dict[str, Any], base_url: str = "", id_prefix: str = "tk-team", heading_level: int = 3,
              on_page: bool = True) -> dict[str, str]:
    """Fragments: summary, discuss, chart, answers (collapsible per section), respondents, consensus, all."""
    h, end = _h(heading_level)
    answers = "".join(to_html(answers_table(combined, section)) for section in combined["sections"])
    consensus = render_html(combined["consensus"]["result"], base_url, combined["consensus"]["name"],
                            id_prefix + "-consensus", heading_level + 1, on_page=False)
    fragments = {
        "summary": summary_html(combined),
        "law": law_html(combined["consensus"]["result"], heading_level, id_prefix + "-law"),
        "discuss": discuss_html(combined, heading_level, on_page),
        "chart": "%s%s%s%s" % (h, text.html(tr("Sections across respondents")), end,
                               chart_html(combined, id_prefix + "-chart")),
        "answers": details(tr("Every answer, question by question ({count})", count=len(combined["questions"])),
                           answers, "team-answers"),
        "respondents": to_html(respondents_table(combined)),
        "consensus": details(tr("The consensus result in full"), consensus["all"], "consensus"),
    }
    fragments["all"] = '<div class="tk-result tk-team">%s</div>' % "".join(
        fragments[k] for k in ("summary", "law", "discuss", "chart", "respondents", "answers", "consensus"))
    return fragments


def team_markdown(combined: dict[str, Any]) -> str:
    md = text.markdown
    lines = ["# %s" % md(tr("{title}: combined answers", title=combined["title"])), "",
             "**%s.**" % md(headline(combined)), "",
             "**%s** %s" % (md(tr("Consensus (median answers):")), md(combined["consensus"]["result"].get("headline")))]
    if note := divergence_note(combined):
        lines += ["", md(note)]
    for refused in combined["refused"]:
        file, why = _left_out(refused)
        lines += ["", "**%s** %s" % (md(file), md(why))]
    if combined.get("duplicates"):
        lines += ["", md(duplicates_note(combined))]
    if anonymity_note(combined):
        lines += ["", md(anonymity_note(combined))]
    lines += ["", "_%s_" % md(tr(RULES))]
    lines += law_markdown(combined["consensus"]["result"])
    lines += ["", "## %s" % md(tr("To discuss first")), "", md(tr(DISCUSS_RULE)), ""]
    by_id = {q["id"]: q for q in combined["questions"]}
    if not combined["to_discuss"] and not combined["other_differences"]:
        lines.append(md(tr("Everyone gave the same answers: nothing to discuss.")))
    for n, qid in enumerate(combined["to_discuss"] + combined["other_differences"], 1):
        if qid == (combined["other_differences"] or [None])[0]:
            count = len(combined["other_differences"])
            lines += ["", "### %s" % md(trn("{n} smaller difference", "{n} smaller differences", count)), ""]
        q = by_id[qid]
        lines += ["%d. **%s** %s" % (n, md(q["text"]), md(_spread_text(q))), "   %s" % md(_who(q)),
                  "   %s" % md(_consensus_line(q))]
    lines += ["", "## %s" % md(tr("Sections across respondents")), "", *to_markdown(range_table(combined)),
              "", "## %s" % md(tr("Who is combined")), "", *to_markdown(respondents_table(combined)),
              "", "## %s" % md(tr("Every answer"))]
    for section in combined["sections"]:
        lines += ["", "### %s" % md(section["title"]), "", *to_markdown(answers_table(combined, section))]
    return "\n".join(lines) + "\n"


def team_csv(combined: dict[str, Any]) -> str:
    """One row per question: every respondent's answer, the consensus, the disagreement and the gaps. The
    column names are identifiers (the same in every language), but for the respondents'."""
    labels = [r["label"] for r in combined["respondents"]]

    def row_of(q: dict[str, Any]) -> tuple[Any, ...]:
        given = {a["respondent"]: a["text"] for a in q["answers"]}
        return (q["section"], q["id"], q["text"], *(given.get(label, "") for label in labels), q["consensus_text"],
                "yes" if q["chosen"] else "", q["disagreement"], q["gaps"])

    header = ["section", "question", "text", *labels, "consensus", "consensus_chosen", "disagreement", "dont_know"]
    return csv_text([header, *(row_of(q) for q in combined["questions"])])


def team_title(combined: dict[str, Any]) -> str:
    return tr("{title}: combined answers", title=combined["title"])


def team_body(combined: dict[str, Any], date: str = "", base_url: str = "", site_name: str = "") -> str:
    """The printable combined report's body (see :func:`team_document`)."""
    html = team_html(combined, base_url, "tk-team", 2, on_page=False)
    meta = [headline(combined), tr("version {version}", version=combined["version"])]
    meta += [tr("Report date: {date}", date=date)] if date else []
    footer = tr("Combined in the browser by {site}. Nothing was sent anywhere.",
                site=site_name or tr("the Responsible AI Toolkit site"))
    annex = tr("Annex: who is combined, and every answer")
    return ('<header class="tk-report__header"><h1>%s</h1><p class="tk-report__meta">%s</p></header><main class="tk-report">'
            '%s%s%s%s<div class="tk-report__detail"><h2>%s</h2>%s%s</div></main>'
            '<footer class="tk-report__footer"><p>%s</p></footer>'
            % (text.html(team_title(combined)), " · ".join(map(text.html, meta)), html["summary"], html["discuss"],
               html["law"], html["chart"], text.html(annex), html["respondents"],
               html["answers"].replace("<details ", "<details open "), text.html(footer)))


def team_document(combined: dict[str, Any], date: str = "", base_url: str = "", site_name: str = "") -> str:
    """The combined result as one self-contained HTML file, like the single report."""
    return page(team_title(combined), team_body(combined, date, base_url, site_name))
