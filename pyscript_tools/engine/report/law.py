"""What the law requires (``result["law"]``, :mod:`..law`), as the page, the reports and the CSV show it.

Written once against the result's entries: the frame and its date, each rule that applies (strictest
first, a prohibited practice plainly and with its exceptions), then the checklist of obligations with
their references, owners and whether they apply on the assessment's date, and always the note that this
is the site's reading on a date and not legal advice.
"""

from __future__ import annotations

from typing import Any

from .. import text
from ..i18n import labelled, listed, tr
from ..law import CLASSES
from ..result import Result
from .table import Table


def _h(level: int) -> tuple[str, str]:
    level = min(max(level, 2), 6)
    return "<h%d>" % level, "</h%d>" % level


def frame_line(law: dict[str, Any]) -> str:
    frame = law["frame"]
    return tr("Under: {frame}, as this site reads it on {date}.", frame=frame.get("title"),
              date=text.date_text(frame.get("as_of")))


def caution(law: dict[str, Any]) -> str:
    return tr("An aid to find what to check, not legal advice: this site's own reading of the texts as of {date}. "
              "Check the texts themselves and ask your legal adviser; national law may add to them.",
              date=text.date_text(law["frame"].get("as_of")))


def when_text(entry: dict[str, Any]) -> str:
    """'Applies now' or 'Applies from 2 December 2027 (label)'."""
    if not entry.get("from"):
        return ""
    if entry.get("pending"):
        return tr("Not confirmed in force: check its status ({label}, {date}).", label=entry.get("from_label"),
                  date=text.date_text(entry["from"]))
    if entry.get("applies"):
        return tr("Applies now (since {date}).", date=text.date_text(entry["from"]))
    return tr("Applies from {date}.", date=text.date_text(entry["from"]))


def refs_text(entry: dict[str, Any]) -> str:
    return listed(entry.get("refs") or [])


def floor_source(profile: dict[str, Any]) -> str:
    """What a kind of system's floor rests on, when it is stricter than the law of the chosen frame."""
    if not profile.get("stricter_than_law"):
        return ""
    return tr("This minimum is this site's own choice, stricter than what the law of the chosen frame requires.")


def prohibited_line(result: Result) -> str:
    """One plain sentence for the top of the result when a practice is prohibited (empty otherwise)."""
    law = result.get("law") or {}
    rules = [r for r in law.get("rules") or [] if r["class"] == "prohibited"]
    if not rules:
        return ""
    named = listed("%s (%s)" % (r["title"], refs_text(r)) for r in rules)
    if any(r.get("exceptions") for r in rules):
        return tr("Prohibited under {frame}, except in the narrow cases the law lists: {practices}.",
                  frame=law["frame"].get("short_title"), practices=named)
    return tr("Prohibited under {frame}: {practices}.", frame=law["frame"].get("short_title"), practices=named)


def status_line(result: Result) -> tuple[str, str]:
    """What the law requires, in one line for the top of a result: (label, what it says), or two empty
    texts (no legal frames, or a prohibition that says it already)."""
    law = result.get("law")
    if not law or prohibited_line(result):
        return "", ""
    if not law.get("frame"):
        return tr("What the law requires:"), _prompt(law)
    label = tr("What the law requires ({frame}):", frame=law["frame"].get("short_title"))
    rules = [r for r in law["rules"] if r["class"] == law["status"]]
    if not rules or law["status"] == "other":
        return label, tr("other obligations only; the checklist is below.")
    return label, tr("{status}, for {practices}; the checklist is below.", status=law["status_title"],
                     practices=listed("%s (%s)" % (r["title"], refs_text(r)) for r in rules))


def law_status_html(result: Result) -> str:
    label, line = status_line(result)
    return '<p class="tk-summary__law"><strong>%s</strong> %s</p>' % (text.html(label), text.html(line)) if line else ""


def _prompt(law: dict[str, Any]) -> str:
    return tr("Choose the legal frame that applies to your agency (section “The law”) to see what the law requires.")


def law_html(result: Result, heading_level: int = 3, id_prefix: str = "tk-result") -> str:
    """The section "What the law requires" (empty for a questionnaire without legal frames)."""
    law = result.get("law")
    if not law:
        return ""
    h, end = _h(heading_level)
    h2, end2 = _h(heading_level + 1)
    head = '<section class="tk-law%s" id="%s-law">%s%s%s' % (
        " tk-law--%s" % law["status"] if law.get("status") else "", text.html(id_prefix), h,
        text.html(tr("What the law requires")), end)
    if not law.get("frame"):
        return head + '<p class="tk-law__prompt">%s</p></section>' % text.html(_prompt(law))
    out = [head, '<p class="tk-law__frame">%s</p>' % text.html(frame_line(law))]
    if not law["rules"]:
        out.append("<p>%s</p>" % text.html(
            tr("None of the rules this site knows for this frame applies to the answers given so far.")))
    for rule in law["rules"]:
        out.append(_rule_html(rule))
    if law["checklist"]:
        out.append("%s%s%s" % (h2, text.html(tr("What to do: the checklist")), end2))
        out.append('<ul class="tk-law__checklist">%s</ul>' % "".join(_item_html(item, law) for item in law["checklist"]))
    look_up = law["frame"].get("look_up") or []
    if look_up:
        out.append("%s%s%s" % (h2, text.html(tr("What to look up in your national law")), end2))
        out.append('<ul class="tk-law__look-up">%s</ul>' % "".join("<li>%s</li>" % text.html(x) for x in look_up))
    sources = ", ".join('<a href="%s">%s</a>' % (text.html(i.get("url")), text.html(i.get("short")))
                        for i in law["frame"].get("instruments") or [])
    out.append('<p class="tk-law__note">%s %s</p></section>' % (
        text.html(caution(law)), tr("The texts: {sources}.", sources=sources)))
    return "".join(out)


def _rule_html(rule: dict[str, Any]) -> str:
    out = ['<div class="tk-law__rule tk-law__rule--%s"><p class="tk-law__class"><strong>%s</strong> · %s</p>'
           % (text.html(rule["class"]), text.html(rule["class_title"]), text.html(rule["title"])),
           '<p>%s <span class="tk-law__refs">(%s)</span></p>' % (text.html(rule["text"]), text.html(refs_text(rule)))]
    if rule.get("exceptions"):
        out.append("<p>%s</p><ol>%s</ol>" % (
            text.html(tr("The only exceptions, each needing every item marked “for an exception” in the checklist:")),
            "".join('<li>%s <span class="tk-law__refs">(%s)</span></li>' % (text.html(e["text"]), text.html(refs_text(e)))
                    for e in rule["exceptions"])))
    out.append('<p class="tk-law__when">%s</p></div>' % text.html(when_text(rule)))
    return "".join(out)


def _for_exception(item: dict[str, Any], law: dict[str, Any]) -> bool:
    return any(item["id"] in (r.get("each_exception_needs") or []) for r in law["rules"])


def _item_meta(item: dict[str, Any], law: dict[str, Any]) -> list[str]:
    meta = [refs_text(item), tr("Owner: {roles}", roles=", ".join(item.get("owners") or []))]
    if _for_exception(item, law):
        meta.append(tr("For an exception"))
    meta.append(when_text(item))
    return meta


def _item_html(item: dict[str, Any], law: dict[str, Any]) -> str:
    return '<li class="tk-law__item%s"><p>%s</p><p class="tk-law__meta">%s</p></li>' % (
        "" if item.get("applies") else " tk-law__item--later", text.html(item["text"]),
        " · ".join(text.html(m) for m in _item_meta(item, law) if m))


def law_markdown(result: Result) -> list[str]:
    """The same section as Markdown lines (none without legal frames)."""
    law = result.get("law")
    if not law:
        return []
    md = text.markdown
    lines = ["", "## %s" % md(tr("What the law requires")), ""]
    if not law.get("frame"):
        return lines + [md(_prompt(law))]
    lines.append(md(frame_line(law)))
    for rule in law["rules"]:
        lines += ["", "**%s** · %s — %s (%s)" % (md(rule["class_title"]), md(rule["title"]), md(rule["text"]),
                                                 md(refs_text(rule)))]
        for e in rule.get("exceptions") or []:
            lines.append("- %s (%s)" % (md(e["text"]), md(refs_text(e))))
        lines.append("")
        lines.append("_%s_" % md(when_text(rule)))
    if law["checklist"]:
        lines += ["", "### %s" % md(tr("What to do: the checklist")), ""]
        lines += ["- [ ] %s (%s)" % (md(item["text"]), md(" · ".join(m for m in _item_meta(item, law) if m)))
                  for item in law["checklist"]]
    if law["frame"].get("look_up"):
        lines += ["", "### %s" % md(tr("What to look up in your national law")), ""]
        lines += ["- %s" % md(x) for x in law["frame"]["look_up"]]
    sources = ", ".join("[%s](%s)" % (md(i.get("short")), i.get("url")) for i in law["frame"].get("instruments") or [])
    lines += ["", "_%s_ %s" % (md(caution(law)), tr("The texts: {sources}.", sources=sources))]
    return lines


def law_rows(result: Result) -> list[tuple[Any, ...]]:
    """The checklist as rows of the answers CSV (its columns: see :data:`.csv.COLUMNS`)."""
    law = result.get("law") or {}
    if not law.get("frame"):
        return []
    section = "law:%s" % law["frame"].get("id")
    rows: list[tuple[Any, ...]] = [(section, rule["id"], labelled(rule["class_title"], rule["title"]), "", "", "", "",
                                    "", "", rule["class"], "applies" if rule.get("applies") else "later", "",
                                    rule.get("from"), "", refs_text(rule), "") for rule in law["rules"]]
    rows += [(section, item["id"], item["text"], "", "", "", "", "", "", "", "applies" if item.get("applies") else "later",
              ", ".join(item.get("owners") or []), item.get("from"), "", refs_text(item), "") for item in law["checklist"]]
    return rows


def frame_rules_table(definition: dict[str, Any], frame_id: str) -> Table:
    """Every rule of one frame, for the guidance page and for review: the facts it turns on, in the
    questionnaire's words, what the law then says, its references and what it requires."""
    from .. import definition as d
    from ..law import CLASS_TITLES, Frame

    frame = next(f for f in d.legal_frames(definition) if f.get("id") == frame_id)
    reader = Frame(definition, frame, str(frame.get("as_of")))
    index = d.question_index(definition)

    def facts(condition: dict[str, Any] | None) -> str:
        if not condition:
            return tr("Every system")
        parts = []
        for qid, values in condition.items():
            question = index[qid][1]
            labels = [str(o.get("label")) for o in d.options_of(definition, question) if str(o.get("value")) in map(str, values)]
            parts.append(tr("{question} {answers}", question=question.get("text"), answers=tr(" or ").join(labels)))
        return listed(parts)

    rows = []
    for rule in sorted(frame.get("rules") or [], key=lambda r: CLASSES.index(r["class"])):
        shown = reader.rule(rule)
        needs = [reader.obligations[o] for o in [*(rule.get("each_exception_needs") or []), *(rule.get("obligations") or [])]
                 if o in reader.obligations]
        requires = " · ".join("%s (%s)" % (o.get("text"), listed(reader.ref(x) for x in o.get("refs") or []))
                              for o in needs)
        rows.append((rule.get("title"), facts(rule.get("when")),
                     "%s. %s" % (tr(CLASS_TITLES[rule["class"]]), when_text(shown)), refs_text(shown), requires))
    return Table("law-rules", tr("{frame}: the rules this site applies, as of {date}", frame=frame.get("title"),
                                 date=text.date_text(frame.get("as_of"))),
                 (tr("Rule"), tr("When the answers say"), tr("What the law says"), tr("References"),
                  tr("What it requires")), rows)


def checkpoints(definition: dict[str, Any], role_id: str) -> list[dict[str, Any]]:
    """Each frame's classifications in brief (rule titles with their references, strictest first) and how
    many obligations the role owns there: a primer's "legal checkpoints"."""
    from .. import definition as d
    from ..law import CLASS_TITLES, Frame

    out = []
    for frame in d.legal_frames(definition):
        reader = Frame(definition, frame, str(frame.get("as_of")))
        groups = []
        for cls in CLASSES:
            rules = [(r.get("title"), listed(reader.ref(x) for x in r.get("refs") or []))
                     for r in frame.get("rules") or [] if r["class"] == cls and r.get("when")]
            if rules:
                groups.append({"class": cls, "title": tr(CLASS_TITLES[cls]), "rules": rules})
        owned = sum(1 for o in frame.get("obligations") or [] if role_id in (o.get("owners") or []))
        out.append({"id": frame.get("id"), "title": frame.get("title"), "as_of": text.date_text(frame.get("as_of")),
                    "groups": groups, "owned": owned})
    return out
