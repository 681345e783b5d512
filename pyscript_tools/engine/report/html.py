"""HTML fragments of a scored result, for the page, the printed report and the report file.

``render_html(result, base_url="", name="", id_prefix=None, heading_level=3, on_page=True)`` returns the
fragments ``summary``, ``priorities`` (what to do first), ``chart`` (SVG and its one table), ``svg``,
``profiles`` (what is particular about each kind of system chosen, in a risk assessment), ``details``
(every recommendation by section, gaps, unanswered questions, the workbook's action plan, each
collapsible), ``all`` (everything in reading order) and ``levels`` (each rated question's level, as a
badge to show beside it). On the tool page (``on_page``) each recommendation also links back to its
question. Every text from the questionnaire or the user is escaped.
"""

from __future__ import annotations

from typing import Any

from .. import definition as d
from .. import text
from ..i18n import labelled, link_title, tr, trn
from ..kinds import kind_of
from ..result import Result, unfinished_sections
from ..vocabulary import STAGES, STATUSES
from . import levels, table
from .answers_table import answer_tables
from .law import floor_source, law_html, law_status_html, prohibited_line


def href(base_url: str, url: str | None) -> str | None:
    """A result's site-relative URL, from the page the report is shown on: joined with exactly one slash,
    whatever the base ends with (``../../`` and ``../..//`` give the same address)."""
    if not url:
        return None
    if not base_url or "://" in url:
        return url
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def link_label(link: str | None) -> str:
    """A readable label for a docs link: the title of the heading it points to (which the build gives the
    definition, in its language), else its anchor or its page in words."""
    title = link_title(link)
    if title:
        return title
    path, _, anchor = (link or "").partition("#")
    stem = anchor or path.rsplit("/", 2)[-1].replace(".md", "")
    if stem == "index":
        stem = path.rsplit("/", 2)[-2] if "/" in path else "home"
    words = stem.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def level_style(result: Result, level_id: Any) -> str:
    """Inline CSS variables that colour an element in the colour of ``level_id``."""
    result_levels = result.get("levels") or []
    index = d.level_index(result_levels, level_id)
    return levels.style(index, len(result_levels), kind_of(result).HIGHER_IS_BETTER)


def level_name(result: Result, level_id: Any) -> Any:
    """The name of the level ``level_id`` (the id itself when the result has no such level)."""
    return next((lv.get("name") for lv in result.get("levels") or [] if lv.get("id") == level_id), level_id)


def flag_text(result: Result, flag: dict[str, Any]) -> str:
    """A screening answer that sets a minimum level, in words: the question, the option chosen (one
    kind of system, for instance) and why it sets the level, when that is said."""
    question = next((row.get("text") for row in result.get("questions") or [] if row.get("id") == flag.get("question")),
                    flag.get("question"))
    if flag.get("reason"):
        return tr("{question} Answer: {answer} – {reason}", question=question, answer=flag.get("label"), reason=flag["reason"])
    return tr("{question} Answer: {answer}", question=question, answer=flag.get("label"))


def provisional_text(result: Result) -> str:
    """Why a result is provisional: how much is answered, and which sections still have questions open."""
    lead, rest = _provisional_parts(result)
    return tr("{lead} Still to answer: {sections}.", lead=lead, sections=rest)


def _provisional_parts(result: Result) -> tuple[str, str]:
    open_sections = ", ".join(tr("{section} ({left} of {total} left)", section=s["short_title"],
                                 left=s["total"] - s["answered"], total=s["total"]) for s in unfinished_sections(result))
    lead = tr("{answered} of {total} {noun} answered: the result is provisional.", answered=result.get("answered", 0),
              total=result.get("total", 0), noun=tr(kind_of(result).NOUN))
    return lead, open_sections


def _provisional_html(result: Result) -> str:
    lead, rest = _provisional_parts(result)
    return '<p class="tk-summary__provisional"><strong>%s</strong> %s</p>' % (
        text.html(lead), text.html(tr("Still to answer: {sections}.", sections=rest)))


def summary_html(result: Result, base_url: str = "", name: str = "") -> str:
    kind = kind_of(result)
    overall = result.get("overall") or {}
    out = ['<div class="tk-summary">']
    if name:
        out.append('<p class="tk-summary__name">%s</p>' % text.html(name))
    if prohibited_line(result):  # not a level: shown first, and no score softens it
        out.append('<p class="tk-summary__prohibited"><strong>%s</strong></p>' % text.html(prohibited_line(result)))
    style = level_style(result, overall.get("level"))
    out.append('<p class="tk-summary__headline%s"%s><strong>%s</strong></p>' % (
        " tk-level" if style else "", ' style="%s"' % style if style else "", text.html(kind.headline(result))))
    if not result.get("complete"):
        out.append(_provisional_html(result))
    for label, value in kind.facts(result):
        out.append('<p class="tk-summary__fact">%s</p>' % labelled(text.html(label), text.html(value)))
    out.append(law_status_html(result))
    if overall.get("next_step"):
        out.append('<p class="tk-summary__next-step"><strong>%s</strong> %s</p>'
                   % (text.html(tr("Next step:")), text.html(overall["next_step"])))
    out.append(continue_html(result, base_url))
    out.append("</div>")
    return "".join(out)


def level_html(result: Result, base_url: str = "") -> str:
    """About the level, after what to do first: what it means, what set a minimum, where to read more, and
    the note that the score is an indicative aid."""
    overall = result.get("overall") or {}
    out = ['<div class="tk-level">']
    if overall.get("description"):
        out.append('<p class="tk-level__description">%s</p>' % text.html(overall["description"]))
    if overall.get("floor"):
        floor = overall["floor"]
        flags = [f for f in overall.get("red_flags") or [] if f.get("level") == floor]
        out.append('<p class="tk-level__flags">%s</p><ul class="tk-level__flags">%s</ul>'
                   % (text.html(tr("A screening answer sets a minimum level of {level}:", level=level_name(result, floor))),
                      "".join("<li>%s</li>" % text.html(flag_text(result, f)) for f in flags)))
    links = list(zip(overall.get("urls") or [], overall.get("links") or []))
    if links:
        out.append('<p class="tk-level__links">%s %s</p>' % (text.html(tr("See:")), ", ".join(
            '<a href="%s">%s</a>' % (text.html(href(base_url, url)), text.html(link_label(link)))
            for url, link in links)))
    if result.get("note"):
        out.append('<p class="tk-level__note">%s</p>' % text.html(result["note"]))
    out.append("</div>")
    return "".join(out)


def continue_html(result: Result, base_url: str = "") -> str:
    """The next questionnaire as a button, saying which answers it carries over (empty without one)."""
    following = result.get("continue_with")
    if not following or not following.get("url"):
        return ""
    button = '<p class="tk-summary__continue"><a class="md-button md-button--primary" href="%s" data-tk-continue>%s</a></p>' % (
        text.html(href(base_url, following["url"])), text.html(tr("Continue with the {title}", title=following.get("title"))))
    pairs = following.get("pairs") or []
    if not pairs:
        return button + '<p class="tk-summary__carried">%s</p>' % text.html(
            tr("Your answers here are not carried over until you answer a question that the next assessment asks too."))
    items = "".join("<li>%s → %s</li>" % (text.html(p["from"]), text.html(p["to"])) for p in pairs)
    return button + details(trn("{n} answer is carried over to it", "{n} answers are carried over to it", len(pairs)),
                            "<ul>%s</ul>" % items, "carried")


def _links(result: Result, item: dict[str, Any], base_url: str, on_page: bool) -> str:
    """'Guidance' and, on the tool page, 'Go to the question' for a recommendation or an action."""
    links = []
    guidance = href(base_url, item.get("url"))
    if guidance:
        links.append('<a href="%s">%s</a>' % (text.html(guidance),
                                               text.html(tr("Guidance: {topic}", topic=link_label(item.get("link"))))))
    if on_page and item.get("question"):
        links.append('<a href="#%s" data-tk-goto="%s">%s</a>' % (
            text.html(text.question_anchor(result.get("questionnaire"), item["question"])), text.html(item["question"]),
            text.html(tr("Go to the question"))))
    return '<p class="tk-actions__links">%s</p>' % " · ".join(links) if links else ""


def priorities_html(result: Result, base_url: str = "", heading_level: int = 3, on_page: bool = True) -> str:
    items = result.get("priorities") or []
    h = heading_level
    if not items:
        return ('<section class="tk-priorities"><h%d>%s</h%d><p>%s</p></section>'
                % (h, text.html(tr("What to do first")), h, text.html(tr("Nothing to do first: no answer calls for action."))))
    out = ['<section class="tk-priorities"><h%d>%s</h%d><ol class="tk-actions">' % (h, text.html(tr("What to do first")), h)]
    for item in items:
        style = level_style(result, item.get("level")) if item.get("level") else ""
        out.append('<li class="tk-actions__item%s"%s><p class="tk-actions__title"><strong>%s</strong></p>'
                   '<p class="tk-actions__text">%s</p>%s</li>' % (
                       " tk-level" if style else "", ' style="%s"' % style if style else "", text.html(item.get("title")),
                       text.html(item.get("text")), _links(result, item, base_url, on_page)))
    out.append("</ol></section>")
    return "".join(out)


def details(summary: str, body: str, name: str) -> str:
    """A collapsible group of the result (`summary` is plain text)."""
    return '<details class="tk-details tk-details--%s"><summary>%s</summary>%s</details>' % (name, text.html(summary), body)


def profiles_html(result: Result, base_url: str = "", id_prefix: str = "tk-result", heading_level: int = 3) -> str:
    """What is particular about each kind of system chosen: what it is and where it is used, the
    minimum level it sets and why, its typical failure modes, the ratings of its own harms, its
    mitigations and the guidance that matters most. Headings carry ids unique per kind."""
    return "".join(_profile_html(result, profile, base_url, "%s-profile-%s" % (id_prefix, profile.get("id")), heading_level)
                   for profile in result.get("profiles") or [])


def _profile_html(result: Result, profile: dict[str, Any], base_url: str, hid: str, h: int) -> str:
    def heading(suffix: str, words: str) -> str:
        return '<h%d id="%s-%s">%s</h%d>' % (h + 1, text.html(hid), suffix, text.html(words), h + 1)

    area = href(base_url, profile.get("application_area_url"))
    out = ['<section class="tk-profile" aria-labelledby="%s">' % text.html(hid),
           '<h%d id="%s">%s</h%d>' % (h, text.html(hid), text.html(tr("What is particular about {kind}",
                                                                       kind=profile.get("title"))), h),
           '<p class="tk-profile__summary">%s</p>' % text.html(profile.get("summary")),
           '<p class="tk-profile__uses">%s <a href="%s">%s</a></p>'
           % (text.html(profile.get("uses")), text.html(area),
              text.html(tr("Application area: {area}", area=link_label(profile.get("application_area")))))]
    if profile.get("min_level"):
        style = level_style(result, profile["min_level"])
        out.append('<p class="tk-profile__floor%s"%s><strong>%s</strong> %s</p>' % (
            " tk-level" if style else "", ' style="%s"' % style if style else "",
            text.html(tr("Minimum level: {level}.", level=level_name(result, profile["min_level"]))),
            text.html(" ".join(x for x in (profile.get("min_level_reason"), floor_source(profile)) if x))))
    out.append(heading("failure-modes", tr("Typical failure modes")))
    out.append('<dl class="tk-profile__failure-modes">%s</dl>' % "".join(
        "<dt>%s</dt><dd>%s</dd>" % (text.html(mode.get("title")), text.html(mode.get("text")))
        for mode in profile.get("failure_modes") or []))
    out.append(heading("harms", tr("Its harms, as you rated them")))
    out += [table.to_html(t) for t in answer_tables(result, [profile.get("section")])]
    out.append(heading("mitigations", tr("Mitigations")))
    out.append('<ul class="tk-profile__mitigations">%s</ul>' % "".join(
        "<li>%s</li>" % text.html(item) for item in profile.get("mitigations") or []))
    out.append(heading("guidance", tr("The guidance that matters most")))
    out.append('<ul class="tk-profile__guidance">%s</ul>' % "".join(
        '<li>%s</li>' % labelled('<a href="%s">%s</a>' % (text.html(href(base_url, g.get("url"))), text.html(g.get("title"))),
                                       text.html(g.get("why")))
        for g in profile.get("guidance") or []))
    out.append("</section>")
    return "".join(out)


def recommendations_html(result: Result, base_url: str = "", heading_level: int = 4, on_page: bool = True) -> str:
    """Every recommendation, grouped by section."""
    recommendations = result.get("recommendations") or []
    if not recommendations:
        return '<p class="tk-recommendations tk-recommendations--none">%s</p>' % text.html(
            tr("No recommendations: every answer is at its best."))
    out = []
    for section in result.get("sections") or []:
        recs = [rec for rec in recommendations if rec["section"] == section["id"]]
        if not recs:
            continue
        out.append('<h%d class="tk-recommendations__section">%s</h%d><ol class="tk-recommendations">'
                   % (heading_level, text.html(section["title"]), heading_level))
        for rec in recs:
            level = rec.get("level_name")
            out.append('<li class="tk-recommendations__item"><p class="tk-recommendations__question">%s</p>'
                       '<p class="tk-recommendations__text">%s%s</p>%s</li>' % (
                           text.html(rec.get("question_text")),
                           "<strong>%s</strong> " % text.html(tr("{level}:", level=level)) if level else "",
                           text.html(rec.get("text")), _links(result, rec, base_url, on_page)))
        out.append("</ol>")
    return "".join(out)


def question_list_html(items: list[dict[str, Any]], name: str) -> str:
    return '<ul class="tk-list tk-list--%s">%s</ul>' % (
        name, "".join("<li>%s</li>" % text.html(item.get("text") or item.get("question")) for item in items))


def action_plan_html(result: Result, base_url: str = "") -> str:
    plan = result.get("action_plan")
    if not plan:
        return ('<p class="tk-table tk-table--action-plan-none">%s</p>' % text.html(tr("No open items."))
                if plan is not None else "")
    headers = (tr("Item"), tr("Principle"), tr("Stage"), tr("Status"), tr("Owner"), tr("Due"))
    out = ['<table class="tk-table tk-table--action-plan"><caption>%s</caption><thead><tr>%s</tr></thead><tbody>' % (
        text.html(tr("Action plan: open items, earliest due date first")),
        "".join('<th scope="col">%s</th>' % text.html(h) for h in headers))]
    for item in plan:
        cell = text.html(item.get("text"))
        link = href(base_url, item.get("url"))
        if link:
            cell += ' <a href="%s">%s</a>' % (text.html(link), text.html(tr("Guidance")))
        due = text.html(item.get("due") or "–")
        if item.get("overdue"):
            due += ' <strong class="tk-table__overdue">%s</strong>' % text.html(tr("(overdue)"))
        out.append('<tr><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
            cell, text.html(item.get("section_title")),
            text.html(text.vocabulary_label(STAGES, item.get("stage") or "", item.get("stage") or "–")),
            text.html(text.vocabulary_label(STATUSES, item.get("status") or "", item.get("status") or "")),
            text.html(item.get("owner") or "–"), due))
    out.append("</tbody></table>")
    return "".join(out)


def details_html(result: Result, base_url: str = "", heading_level: int = 3, on_page: bool = True) -> str:
    """The full detail, each part collapsible: recommendations by section, action plan, gaps, open questions.
    A report (not ``on_page``) leaves out the recommendations and the open questions: its answers table
    gives each answer's recommendation, and its summary names the sections still to answer."""
    parts = []
    plan = result.get("action_plan")
    if plan is not None:
        parts.append(details(trn("Action plan: {n} open item", "Action plan: {n} open items", len(plan)),
                              action_plan_html(result, base_url), "action-plan"))
    count = len(result.get("recommendations") or [])
    if on_page:
        parts.append(details(tr("All recommendations, by section ({count})", count=count),
                              recommendations_html(result, base_url, heading_level + 1, on_page), "recommendations"))
    if result.get("knowledge_gaps"):
        gaps = tr("Knowledge gaps: answered “Don't know”, scored 0 ({count})", count=len(result["knowledge_gaps"]))
        parts.append(details(gaps,
                              question_list_html(result["knowledge_gaps"], "gaps"), "gaps"))
    if result.get("missing") and on_page:
        parts.append(details(tr("Not answered yet, left out of the result ({count})", count=len(result["missing"])),
                              question_list_html(result["missing"], "missing"), "missing"))
    return '<div class="tk-result__details">%s</div>' % "".join(parts)


def question_levels(result: Result) -> dict[str, str]:
    """Each rated question's level as a small badge, to show beside the question as soon as it is rated."""
    return {row["id"]: '<span class="tk-level-badge tk-level" style="%s">%s</span>' % (
        level_style(result, row["level"]), text.html(tr("Level: {level}", level=row["level_name"])))
        for row in result.get("questions") or [] if row.get("type") == "rated" and row.get("level_name")}


def render_html(result: Result, base_url: str = "", name: str = "", id_prefix: str | None = None,
                heading_level: int = 3, on_page: bool = True) -> dict[str, Any]:
    """All HTML fragments for ``result`` (see the module's docstring)."""
    kind = kind_of(result)
    qid = result.get("questionnaire") or "q"
    svg = kind.chart_svg(result, id_prefix or "tk-%s-chart" % qid)
    fragments = {
        "summary": summary_html(result, base_url, name),
        "priorities": priorities_html(result, base_url, heading_level, on_page),
        "law": law_html(result, heading_level, id_prefix or "tk-%s" % qid),
        "level": level_html(result, base_url),
        "svg": svg,
        "chart": '<figure class="tk-figure">%s<figcaption>%s</figcaption></figure>%s' % (
            svg, text.html(tr("Chart: the same figures are in the table below.")), table.to_html(kind.chart_table(result))),
        "profiles": profiles_html(result, base_url, id_prefix or "tk-%s" % result.get("questionnaire"), heading_level),
        "details": details_html(result, base_url, heading_level, on_page),
    }
    fragments["all"] = '<div class="tk-result">%s</div>' % "".join(
        fragments[key] for key in ("summary", "priorities", "law", "level", "chart", "profiles", "details"))
    return {**fragments, "levels": question_levels(result)}
