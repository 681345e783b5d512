"""The report as Markdown: the same summary, tables and lists as the page, then the answers."""

from __future__ import annotations

from typing import Any

from .. import text
from ..i18n import listed, tr
from ..kinds import kind_of
from ..result import Result
from ..vocabulary import STATUSES
from . import table
from .answers_table import answer_tables
from .html import flag_text, href, level_name, link_label, provisional_text
from .law import floor_source, law_markdown, prohibited_line


def _bold_label(line: str) -> str:
    """'Overall risk level: High' -> '**Overall risk level:** High' (a French 'Niveau : Élevé' keeps its
    space before the colon: '**Niveau :** Élevé')."""
    label, sep, value = line.partition(": ")
    return "**%s:** %s" % (text.markdown(label), text.markdown(value)) if sep else "**%s**" % text.markdown(line)


def _address(base_url: str, url: str | None) -> str:
    """A link's address in Markdown: joined as on the page, with what would end it early escaped."""
    return (href(base_url, url) or "").replace(" ", "%20").replace(")", "%29")


def _link(url: str | None, base_url: str) -> str:
    if not url:
        return ""
    return " ([%s](%s))" % (text.markdown(tr("learn more")), _address(base_url, url))


def _profile(result: Result, profile: dict[str, Any], base_url: str) -> list[str]:
    """What is particular about one kind of system chosen (as in the HTML report)."""
    area = tr("application area: {area}", area=link_label(profile.get("application_area")))
    lines = ["", "## %s" % text.markdown(tr("What is particular about {kind}", kind=profile.get("title"))), "",
             text.markdown(profile.get("summary")), "",
             "%s ([%s](%s))" % (text.markdown(profile.get("uses")), text.markdown(area),
                               _address(base_url, profile.get("application_area_url")))]
    if profile.get("min_level"):
        floor = tr("Minimum level: {level}.", level=level_name(result, profile["min_level"]))
        why = " ".join(x for x in (profile.get("min_level_reason"), floor_source(profile)) if x)
        lines += ["", "**%s** %s" % (text.markdown(floor), text.markdown(why))]
    lines += ["", "### %s" % text.markdown(tr("Typical failure modes")), ""]
    lines += ["- **%s** %s" % (text.markdown(m.get("title")), text.markdown(m.get("text")))
              for m in profile.get("failure_modes") or []]
    lines += ["", "### %s" % text.markdown(tr("Its harms, as you rated them")), ""]
    for answers in answer_tables(result, [profile.get("section")]):
        lines += table.to_markdown(answers)
    lines += ["", "### %s" % text.markdown(tr("Mitigations")), ""]
    lines += ["- %s" % text.markdown(m) for m in profile.get("mitigations") or []]
    lines += ["", "### %s" % text.markdown(tr("The guidance that matters most")), ""]
    lines += ["- [%s](%s): %s" % (text.markdown(g.get("title")), _address(base_url, g.get("url")), text.markdown(g.get("why")))
              for g in profile.get("guidance") or []]
    return lines


def to_markdown(result: Result, name: str = "", base_url: str = "", date: str = "") -> str:
    kind = kind_of(result)
    overall = result.get("overall") or {}
    lines = ["# %s" % text.markdown(result.get("title")), ""]
    meta = [_bold_label(tr("Assessment: {name}", name=name))] if name else []
    if date:
        meta.append(_bold_label(tr("Date: {date}", date=date)))
    meta.append(_bold_label(tr("Questionnaire: {id}, version {version}", id=result.get("questionnaire"),
                               version=result.get("version"))))
    lines += [m + "  " for m in meta] + [""]
    if result.get("note"):
        lines += ["> %s" % text.markdown(result["note"]), ""]
    lines += ["## %s" % text.markdown(tr("Result")), ""]
    if prohibited_line(result):
        lines += ["**%s**" % text.markdown(prohibited_line(result)), ""]
    lines.append(_bold_label(kind.headline(result)))
    for label, value in kind.facts(result):
        lines += ["", _bold_label(tr("{label}: {value}", label=label, value=value))]
    if overall.get("description"):
        lines += ["", text.markdown(overall["description"])]
    if overall.get("next_step"):
        lines += ["", "**%s** %s" % (text.markdown(tr("Next step:")), text.markdown(overall["next_step"]))]
    following = result.get("continue_with")
    if following and following.get("url"):
        lines += ["", "[%s](%s)" % (text.markdown(tr("Continue with the {title}", title=following.get("title"))),
                                    _address(base_url, following["url"]))]
    for flag in overall.get("red_flags") or []:
        if flag.get("level") == overall.get("floor"):
            lines += ["", _bold_label(tr("Minimum level set by screening: {level}. {why}", level=flag.get("level_name"),
                                         why=flag_text(result, flag)))]
    links = list(zip(overall.get("urls") or [], overall.get("links") or []))
    if links:
        lines += ["", text.markdown(tr("See:")) + " " + ", ".join(
            "[%s](%s)" % (text.markdown(link_label(link)), _address(base_url, url)) for url, link in links)]
    if not result.get("complete"):
        lines += ["", text.markdown(provisional_text(result))]
    lines += law_markdown(result)
    lines += ["", "## %s" % text.markdown(tr("What to do first")), ""]
    for item in result.get("priorities") or []:
        lines.append("1. **%s** — %s%s" % (text.markdown(item.get("title")), text.markdown(item.get("text")),
                                           _link(item.get("url"), base_url)))
    if not result.get("priorities"):
        lines.append(text.markdown(tr("Nothing to do first: no answer calls for action.")))
    section_table = kind.section_table(result)
    lines += ["", "## %s" % text.markdown(section_table.caption), ""] + table.to_markdown(section_table)
    for profile in result.get("profiles") or []:
        lines += _profile(result, profile, base_url)
    plan = result.get("action_plan")
    if plan is not None:
        lines += ["", "## %s" % text.markdown(tr("Action plan")), ""]
        if not plan:
            lines.append(text.markdown(tr("No open items.")))
        for item in plan:
            bits = [text.markdown(text.vocabulary_label(STATUSES, item.get("status") or "", item.get("status") or ""))]
            if item.get("owner"):
                bits.append(text.markdown(tr("owner: {owner}", owner=item["owner"])))
            if item.get("due"):
                due = tr("due {date} (overdue)", date=item["due"]) if item.get("overdue") else tr("due {date}", date=item["due"])
                bits.append(text.markdown(due))
            lines.append("- %s — %s%s" % (text.markdown(item.get("text")), listed(bits),
                                          _link(item.get("url"), base_url)))
    lines += ["", "## %s" % text.markdown(tr("Recommendations")), ""]
    recommendations = result.get("recommendations") or []
    if not recommendations:
        lines.append(text.markdown(tr("No recommendations: every answer is at its best.")))
    for rec in recommendations:
        level = "**%s** " % text.markdown(tr("{level}:", level=rec["level_name"])) if rec.get("level_name") else ""
        lines.append("1. %s — %s%s%s" % (text.markdown(rec.get("question_text")), level, text.markdown(rec.get("text")),
                                         _link(rec.get("url"), base_url)))
    for key, heading in (("knowledge_gaps", tr("Knowledge gaps")), ("missing", tr("Not answered yet"))):
        if result.get(key):
            lines += ["", "## %s" % text.markdown(heading), ""]
            lines += ["- %s" % text.markdown(item.get("text")) for item in result[key]]
    lines += ["", "## %s" % text.markdown(tr("Answers"))]
    for answers in answer_tables(result):
        lines += ["", "### %s" % text.markdown(answers.title), ""]
        lines += table.to_markdown(answers)
    return "\n".join(lines).rstrip("\n") + "\n"
