"""Render primers: Markdown for the site page, HTML for the PDF (no MkDocs import here).

The same Primer data and the same lifted sections feed both outputs.  The
site page goes through MkDocs (so its links are checked and it is themed);
the PDF document is a standalone HTML file for WeasyPrint with its own
print stylesheet (print.css beside this module).  Both are Jinja templates,
``templates/toolkit/primer/`` beside this module (a site overrides any of them,
see pyscript_tools.authoring.templating); this module gathers what they show.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown as md
from jinja2 import Environment
from markupsafe import Markup

from pyscript_tools.authoring.templating import environment
from pyscript_tools.engine.i18n import N_, conjoined, current, direction, listed, tr
from pyscript_tools.engine.text import vocabulary_label
from pyscript_tools.engine.vocabulary import APPROACHES, STAGES

from .model import Primer, Role
from .sections import Section, relative_url, retarget

PRINT_CSS = Path(__file__).with_name("print.css")
TEMPLATES = Path(__file__).with_name("templates")
SECTIONS_MARKER = "<!-- toolkit-primer-sections -->"

APPROACH_LEADS = {
    "develop": N_("Your agency builds the system, alone or with a partner"),
    "procure": N_("Your agency buys or commissions the system"),
    "deploy": N_("Your agency puts the system to work"),
}
# Headings shared by the site page and the PDF (English ids, shown through tr(); the tests look for them).
H_TAKEAWAYS = N_("Key takeaways")
H_APPROACHES = N_("Develop, procure or deploy")
H_LIFECYCLE = N_("Your part in the AI life cycle")
H_READING = N_("What to read, in this order")
H_TOOLS = N_("Tools and when to use them")
H_USECASES = N_("Sample use cases")
H_GUIDANCE = N_("From the guidance")
H_LAW = N_("Legal checkpoints")
HEADINGS = {"takeaways": H_TAKEAWAYS, "approaches": H_APPROACHES, "life_cycle": H_LIFECYCLE, "reading": H_READING,
            "tools": H_TOOLS, "use_cases": H_USECASES, "guidance": H_GUIDANCE, "law": H_LAW}


_RENDERER = md.Markdown(output_format="html")  # made once: every primer renders many short texts


def inline(text: str) -> str:
    """Short Markdown (emphasis, code) to inline HTML."""
    out = _RENDERER.reset().convert(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def is_core(section: Section, role_id: str) -> bool:
    """True if the section is among the most specific to the role."""
    return bool(section.roles) and (section.roles[0] == role_id or len(section.roles) <= 2)


def ranked(sections: list[Section], role_id: str) -> list[Section]:
    """The role's sections, most specific first: fewest tagged roles, then the role's place in
    data-roles; page order otherwise (the sort is stable)."""
    return sorted(sections, key=lambda s: (len(s.roles), s.roles.index(role_id) if role_id in s.roles else 99))


def summary_levels(sections: list[Section], role_id: str) -> list[int]:
    """Decreasing numbers of summaries to try when fitting a PDF into its page limit."""
    mine = [s for s in for_role(sections, role_id) if s.summary]
    core = sum(1 for s in mine if is_core(s, role_id))
    levels = [len(mine), core, core * 2 // 3, core // 3, 0]
    return sorted(set(levels), reverse=True)


def pdf_versions(primer: Primer, sections: list[Section], ctx: PdfContext, roles: list[Role]) -> tuple[str, ...]:
    """The primer's PDF document at decreasing levels of detail, for pdf.write_one to choose from."""
    import dataclasses

    out = [pdf_html(primer, sections, dataclasses.replace(ctx, summaries=n), roles)
           for n in summary_levels(sections, primer.role.id)]
    out.append(pdf_html(primer, sections, dataclasses.replace(ctx, pages_only=True), roles))
    return tuple(out)


def for_role(sections: Iterable[Section], role_id: str) -> list[Section]:
    return [s for s in sections if role_id in s.roles]


def by_page(sections: Iterable[Section]) -> OrderedDict[str, list[Section]]:
    groups: OrderedDict[str, list[Section]] = OrderedDict()
    for s in sections:
        groups.setdefault(s.page_url, []).append(s)
    return groups


# --------------------------------------------------------------------------- templates


def primer_templates(overrides: tuple[str, ...] = ()) -> Environment:
    """The primers' templates: those in ``overrides`` (a theme's folders) first, then the defaults."""
    env = environment(TEMPLATES, overrides)
    env.filters.update(inline=lambda text: Markup(inline(text)), yaml_string=_yaml_str, listed=listed,
                       checkpoint=lambda rule: "%s (%s)" % tuple(rule),
                       stage_label=lambda stage: vocabulary_label(STAGES, stage, stage))
    return env


_default_templates = cache(primer_templates)


def _shared(templates: Environment | None) -> tuple[Environment, dict]:
    """The templates to use, and what both the page and the PDF show, in the current language."""
    return templates or _default_templates(), {
        "headings": HEADINGS, "law_note": _law_note(),
        "approaches": [{"id": a, "label": tr(label), "lead": tr(APPROACH_LEADS[a])} for a, label in APPROACHES.items()],
        "approach_labels": {a: tr(label) for a, label in APPROACHES.items()},
        "stages": [{"id": sid, "label": tr(label)} for sid, label in STAGES.items()],
    }


def _law_intro(frame: dict) -> str:
    return tr("{frame}, as this site reads the law on {date}. You own {n} of the obligations the tool lists.",
              frame=frame["title"], date=frame["as_of"], n=frame["owned"])


def _law_note() -> str:
    return tr("An aid to find what to check, not legal advice. The Risk Assessment Questionnaire says, for one system, "
              "which of these apply and what each requires, with references and dates.")


def _with_intros(checkpoints) -> list[dict]:
    """The legal checkpoints (see pyscript_tools.engine.report.law.checkpoints), each frame with its introduction."""
    return [{**frame, "intro": _law_intro(frame)} for frame in checkpoints or ()]


# --------------------------------------------------------------------------- site page


def site_markdown(primer: Primer, src_uri: str, pdf_href: str | None, version: str,
                  life_cycle_page: str | None = "introduction/life-cycle.md", checkpoints: list[dict] | None = None,
                  law_page: str | None = None, templates: Environment | None = None) -> str:
    """Markdown source of the generated page *src_uri* (e.g. primers/end-users.md)."""
    env, shared = _shared(templates)
    return env.get_template("toolkit/primer/page.md").render(
        shared, primer=primer, role=primer.role, pdf_href=pdf_href, version=version, life_cycle_page=life_cycle_page,
        checkpoints=_with_intros(checkpoints), law_page=law_page, sections_marker=SECTIONS_MARKER,
        link=lambda page: relative_url(page, src_uri))


def sections_html(sections: list[Section], page_url: str, templates: Environment | None = None) -> str:
    """HTML that replaces SECTIONS_MARKER in the rendered site page at *page_url*."""
    env, shared = _shared(templates)
    pages = [{"href": relative_url(url, page_url), "title": group[0].page_title, "sections": [{
        "href": relative_url(s.url, page_url), "title": s.title, "language": s.language, "approaches": s.approaches,
        "summary": Markup(retarget(s.summary, lambda p: relative_url(p, page_url))
                          .replace("<abbr title=", '<abbr tabindex="0" title=')) if s.summary else "",
    } for s in group]} for url, group in by_page(sections).items()]
    return env.get_template("toolkit/primer/guidance.html").render(shared, pages=pages)


def cards_markdown(cards: list[dict], templates: Environment | None = None) -> str:
    """The Primers page's cards, one per role: ``{"role", "href", "pdf_href"}`` (``pdf_href`` "" without PDFs)."""
    env, shared = _shared(templates)
    return env.get_template("toolkit/primer/cards.md").render(shared, cards=cards)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------- PDF document


@dataclass
class PdfContext:
    site_name: str
    site_url: str  # "" when not set
    version: str
    date: str  # ISO date shown on the cover
    page_path: Callable[[str], str]  # docs path (+#anchor) -> site path (+#anchor)
    primer_path: str  # site path of the primer's HTML page
    # How many lifted sections keep their summary (the most role-specific first, see ranked());
    # None = all. pages_only = one line per guidance page instead of one per section.
    summaries: int | None = None
    pages_only: bool = False
    life_cycle_page: str | None = "introduction/life-cycle.md"  # docs path, None if the site has none
    checkpoints: tuple = ()  # the legal checkpoints (pyscript_tools.engine.report.law.checkpoints), if the primer has them
    templates: Environment | None = None  # the site's (primer_templates); the defaults if None


def _guidance(primer: Primer, sections: list[Section], ctx: PdfContext) -> dict:
    """The PDF's guidance sections: by page, with the summaries that fit (see summary_levels)."""
    mine = for_role(sections, primer.role.id)
    keep = {s.url for s in ranked(mine, primer.role.id)[:ctx.summaries] if s.summary}
    if len(keep) == len([s for s in mine if s.summary]):
        intro = tr("Each item below is a guidance section tagged for this role, with its opening summary. "
                   "The full section, with examples and depth levels, is on the site.")
    elif keep:
        intro = tr("These guidance sections are tagged for this role. The ones most specific to it come with "
                   "their opening summary; every item leads to the full section on the site.")
    else:
        intro = tr("These guidance sections are tagged for this role; each leads to the full section on the site.")

    def summary(s: Section) -> Markup | str:
        if s.url not in keep:
            return ""
        lifted = retarget(s.summary, lambda p: _site_href(p, ctx) or p)
        return Markup(lifted if ctx.site_url else _unlink(lifted))

    pages = [{"url": url, "title": group[0].page_title, "sections": [
        {"url": s.url, "title": s.title, "anchor": s.anchor, "approaches": s.approaches, "summary": summary(s)}
        for s in group]} for url, group in by_page(mine).items()]
    return {"pages": pages, "pages_only": ctx.pages_only, "intro": intro}


def _site_href(path: str, ctx: PdfContext) -> str | None:
    return ctx.site_url.rstrip("/") + "/" + path if ctx.site_url else None


def pdf_html(primer: Primer, sections: list[Section], ctx: PdfContext, roles: list[Role]) -> str:
    env, shared = _shared(ctx.templates)
    contents = [("takeaways", H_TAKEAWAYS), ("approaches", H_APPROACHES), ("life-cycle", H_LIFECYCLE),
                ("reading", H_READING), ("tools", H_TOOLS), *([("law", H_LAW)] if ctx.checkpoints else []),
                ("use-cases", H_USECASES), ("guidance", H_GUIDANCE)]
    return env.get_template("toolkit/primer/pdf.html").render(
        shared, primer=primer, role=primer.role, lang=current(), direction=direction(), contents=contents,
        css=Markup(PRINT_CSS.read_text(encoding="utf-8") + _page_numbers()),
        site_name=ctx.site_name, site_url=ctx.site_url.rstrip("/") + "/" if ctx.site_url else "",
        version=ctx.version, date=ctx.date, primer_path=ctx.primer_path, page_path=ctx.page_path,
        life_cycle_page=ctx.life_cycle_page, checkpoints=_with_intros(ctx.checkpoints),
        guidance=_guidance(primer, sections, ctx), roles=roles,
        other_roles=conjoined(r.short_name for r in roles if r.id != primer.role.id))


def _page_numbers() -> str:
    """The page footer's words in the primer's language ("Page 2 of 6")."""
    words = tr("Page {page} of {pages}", page="\x00", pages="\x01").replace('"', "'")
    content = '"%s"' % words.replace("\x00", '" counter(page) "').replace("\x01", '" counter(pages) "')
    return "@page { @bottom-right { content: %s; } }" % content


def _unlink(fragment: str) -> str:
    return re.sub(r"</?a\b[^>]*>", "", fragment)
