"""Render primers: Markdown for the site page, HTML for the PDF (no MkDocs import here).

The same Primer data and the same lifted sections feed both outputs.  The
site page goes through MkDocs (so its links are checked and it is themed);
the PDF document is a standalone HTML file for WeasyPrint with its own
print stylesheet (print.css beside this module).
"""
from __future__ import annotations

import html as htmllib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import markdown as md

from pyscript_tools.engine.i18n import N_, current, tr
from pyscript_tools.engine.text import vocabulary_label
from pyscript_tools.engine.vocabulary import APPROACHES, STAGES

from .model import Primer, Role
from .sections import Section, relative_url, retarget

PRINT_CSS = Path(__file__).with_name("print.css")
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


_RENDERER = md.Markdown(output_format="html")  # made once: every primer renders many short texts


def inline(text: str) -> str:
    """Short Markdown (emphasis, code) to inline HTML."""
    out = _RENDERER.reset().convert(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def esc(text: str) -> str:
    return htmllib.escape(text, quote=True)


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


def _badges(approaches: Iterable[str]) -> str:
    return "".join(
        f'<span class="tk-primer__badge tk-primer__badge--{a}">{esc(tr(APPROACHES[a]))}</span>'
        for a in approaches if a in APPROACHES
    )


# --------------------------------------------------------------------------- site page


def _law_intro(frame: dict) -> str:
    return tr("{frame}, as this site reads the law on {date}. You own {n} of the obligations the tool lists.",
              frame=frame["title"], date=frame["as_of"], n=frame["owned"])


def _law_note() -> str:
    return tr("An aid to find what to check, not legal advice. The Risk Assessment Questionnaire says, for one system, "
              "which of these apply and what each requires, with references and dates.")


def law_markdown(checkpoints: list[dict], link: Callable[[str], str], law_page: str | None) -> list[str]:
    """The section "Legal checkpoints" of a primer's page (see pyscript_tools.engine.report.law.checkpoints)."""
    out = [f"## {tr(H_LAW)} {{#legal-checkpoints}}", "", _law_note()]
    if law_page:
        out[-1] += " " + tr("See [the law that applies]({url}).", url=link(law_page))
    out.append("")
    for frame in checkpoints:
        out += [f"### {frame['title']} {{#legal-{frame['id']}}}", "", _law_intro(frame), ""]
        for group in frame["groups"]:
            out.append(f"- **{group['title']}**: " + "; ".join(f"{title} ({refs})" for title, refs in group["rules"]))
        out.append("")
    return out


def site_markdown(primer: Primer, src_uri: str, pdf_href: str | None, version: str,
                  life_cycle_page: str | None = "introduction/life-cycle.md", checkpoints: list[dict] | None = None,
                  law_page: str | None = None) -> str:
    """Markdown source of the generated page *src_uri* (e.g. primers/end-users.md)."""
    role = primer.role

    def link(page: str) -> str:
        return relative_url(page, src_uri)

    out = [
        "---",
        f"title: {_yaml_str(primer.title)}",
        f"description: {_yaml_str(role.description)}",
        "source: toolkit",
        "---",
        "",
        f"# {primer.title} {{#primer-title}}",
        "",
        f'<p class="tk-primer__lead">{inline(primer.summary)}</p>',
        "",
    ]
    if pdf_href:
        out += [
            f'<p class="tk-primer__download"><a class="md-button md-button--primary" href="{esc(pdf_href)}" download>'
            f"{esc(tr('Download this primer as PDF'))}</a> <span>{esc(tr('Toolkit version {version}', version=version))}"
            "</span></p>",
            "",
        ]
    else:
        out += [f'<p class="tk-primer__download"><em>{esc(tr("The PDF is not built in this preview (pdf: false)."))}'
                "</em></p>", ""]
    out += [f"## {tr(H_TAKEAWAYS)} {{#key-takeaways}}", ""]
    out += [f"- {t}" for t in primer.key_takeaways] + [""]

    out += [f"## {tr(H_APPROACHES)} {{#approaches}}", "",
            tr("The same role looks different depending on how your agency obtains the AI system. "
               "Pick the tab that matches your project."), ""]
    for a, label in APPROACHES.items():
        out += [f'=== "{tr(label)}"', "", f"    *{tr(APPROACH_LEADS[a])}.*", ""]
        out += [f"    - {t}" for t in primer.approaches[a]] + [""]

    cycle = f"[{tr('AI life cycle')}]({link(life_cycle_page)})" if life_cycle_page else tr("AI life cycle")
    out += [f"## {tr(H_LIFECYCLE)} {{#life-cycle}}", "",
            tr("What this role does at each of the four stages of the {cycle}.", cycle=cycle), ""]
    for sid, label in STAGES.items():
        out += [f"### {tr(label)} {{#stage-{sid}}}", ""]
        out += [f"- {t}" for t in primer.life_cycle[sid]] + [""]

    out += [f"## {tr(H_READING)} {{#reading-path}}", ""]
    for i, step in enumerate(primer.reading_path, 1):
        out.append(f"{i}. **[{step.title}]({link(step.page)})**: {step.note}")
    out.append("")

    out += [f"## {tr(H_TOOLS)} {{#tools}}", ""]
    for t in primer.tools:
        stages = ", ".join(vocabulary_label(STAGES, s, s) for s in t.stages)
        out.append(f"- **[{t.title}]({link(t.page)})** ({stages}): {t.note}")
    out.append("")

    if checkpoints:
        out += law_markdown(checkpoints, link, law_page)

    out += [f"## {tr(H_USECASES)} {{#use-cases}}", ""]
    for uc in primer.use_cases:
        badge = f" {_badges([uc.approach])}" if uc.approach else ""
        out += [f"### {uc.title} {{#use-case-{_slug(uc.title)}}}", ""]
        if badge:
            out += [f'<p class="tk-primer__badges">{badge.strip()}</p>', ""]
        out += [uc.text, ""]

    out += [f"## {tr(H_GUIDANCE)} {{#from-the-guidance}}", "",
            tr("Sections of the guidance marked as relevant to this role, each with its summary "
               "and a link to the full text."), "", SECTIONS_MARKER, ""]
    return "\n".join(out)


def sections_html(sections: list[Section], page_url: str) -> str:
    """HTML that replaces SECTIONS_MARKER in the rendered site page at *page_url*."""
    if not sections:
        return '<p class="tk-primer__empty">%s</p>' % esc(tr("No section of the guidance is tagged for this role yet."))
    parts = ['<div class="tk-primer__sections">']
    for url, group in by_page(sections).items():
        parts.append(f'<h3 class="tk-primer__source"><a href="{esc(relative_url(url, page_url))}">'
                     f"{esc(group[0].page_title)}</a></h3>")
        for s in group:
            href = esc(relative_url(s.url, page_url))
            summary = retarget(s.summary, lambda p: relative_url(p, page_url)) if s.summary else ""
            summary = summary.replace("<abbr title=", '<abbr tabindex="0" title=')
            language = f' lang="{esc(s.language)}"' if s.language else ""
            parts.append(
                f'<div class="tk-primer__section"{language}>'
                f'<p class="tk-primer__section-title"><a href="{href}">{esc(s.title)}</a>{_badges(s.approaches)}</p>'
                + (f"<p>{summary}</p>" if summary else "")
                + "</div>"
            )
    parts.append("</div>")
    return "\n".join(parts)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


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
    checkpoints: tuple = ()  # the legal checkpoints (see law_markdown), for a primer that has them


def site_link(path: str, ctx: PdfContext, label: str | None = None) -> str:
    """A link back to the site: absolute if site_url is set, else the path with the site name."""
    if ctx.site_url:
        url = ctx.site_url.rstrip("/") + "/" + path
        return f'<a href="{esc(url)}">{esc(label or url)}</a>'
    shown = path or tr("(home page)")
    return (f'<span class="tk-pdf__site-ref">{esc(label + " — ") if label else ""}'
            f'{esc(tr("{site}, page", site=ctx.site_name))} <code>{esc(shown)}</code></span>')


def _site_href(path: str, ctx: PdfContext) -> str | None:
    return ctx.site_url.rstrip("/") + "/" + path if ctx.site_url else None


def _title_link(title: str, path: str, ctx: PdfContext) -> str:
    href = _site_href(path, ctx)
    return f'<a href="{esc(href)}">{esc(title)}</a>' if href else esc(title)


def _stage_title(label: str, sid: str, ctx: PdfContext) -> str:
    if not ctx.life_cycle_page:
        return esc(label)
    return _title_link(label, ctx.page_path(f"{ctx.life_cycle_page}#{sid}"), ctx)


def pdf_html(primer: Primer, sections: list[Section], ctx: PdfContext, roles: list[Role]) -> str:
    role = primer.role
    css = PRINT_CSS.read_text(encoding="utf-8")
    running = esc(tr("{role} primer", role=role.short_name))
    home = site_link(ctx.primer_path, ctx)
    b: list[str] = [
        f"<!doctype html><html lang='{current()}'><head><meta charset='utf-8'>",
        f"<title>{esc(primer.title)}</title>",
        f"<meta name='author' content='{esc(ctx.site_name)}'>",
        f"<meta name='description' content='{esc(role.description)}'>",
        f"<meta name='dcterms.created' content='{esc(ctx.date)}'>",
        "<meta name='generator' content='toolkit-primers'>",
        f"<style>{css}{_page_numbers()}</style></head><body>",
        f"<div class='tk-pdf__running-title'>{running}</div>",
        f"<div class='tk-pdf__running-site'>{esc(ctx.site_name)} · {esc(tr('Toolkit version {version}', version=ctx.version))}"
        "</div>",
        # cover
        "<section class='tk-pdf__cover'><div class='tk-pdf__cover-band'>",
        f"<p class='tk-pdf__cover-kicker'>{esc(tr('Toolkit for Responsible AI Innovation in Law Enforcement · Role primer'))}"
        "</p>",
        f"<h1 class='tk-pdf__cover-title'>{esc(primer.title)}</h1></div><div class='tk-pdf__cover-body'>",
        f"<p class='tk-pdf__cover-role'>{esc(role.description)}</p>",
        f"<p class='tk-pdf__cover-summary'>{inline(primer.summary)}</p>",
        "<dl class='tk-pdf__cover-meta'>",
        f"<dt>{esc(tr('Toolkit version'))}</dt><dd>{esc(ctx.version)}</dd>",
        f"<dt>{esc(tr('Date'))}</dt><dd>{esc(ctx.date)}</dd>",
        f"<dt>{esc(tr('Read online'))}</dt><dd>{home}</dd>",
        "</dl>",
        f"<div class='tk-pdf__cover-contents'><p class='tk-pdf__cover-contents-label'>{esc(tr('Inside'))}</p><ol>",
    ]
    heads = [H_TAKEAWAYS, H_APPROACHES, H_LIFECYCLE, H_READING, H_TOOLS, *([H_LAW] if ctx.checkpoints else []),
             H_USECASES, H_GUIDANCE]
    anchors = ["takeaways", "approaches", "life-cycle", "reading", "tools", *(["law"] if ctx.checkpoints else []),
               "use-cases", "guidance"]
    b += [f"<li><a href='#{a}'>{esc(tr(h))}</a></li>" for h, a in zip(heads, anchors)]
    note = tr("Written for the web edition of the Toolkit ({site}), which adapts the Toolkit by UNICRI and INTERPOL (2024)."
              " This primer is a guide of this site, not an official Toolkit document. Every heading in it points back"
              " to the full text on the site.", site=ctx.site_name)
    b += [
        "</ol></div>",
        f"<p class='tk-pdf__cover-note'>{esc(note)}</p>",
        "</div></section>",
        # body
        "<main class='tk-pdf__body'>",
        f"<h2 id='takeaways'>{esc(tr(H_TAKEAWAYS))}</h2><ul class='tk-pdf__takeaways'>",
    ]
    b += [f"<li>{inline(t)}</li>" for t in primer.key_takeaways]
    b += ["</ul>", f"<h2 id='approaches'>{esc(tr(H_APPROACHES))}</h2>", "<div class='tk-pdf__approaches'>"]
    for a, label in APPROACHES.items():
        b.append(f"<div class='tk-pdf__approach tk-pdf__approach--{a}'><p class='tk-pdf__approach-label'>"
                 f"{esc(tr(label).upper())}</p><p class='tk-pdf__approach-lead'>{esc(tr(APPROACH_LEADS[a]))}</p><ul>")
        b += [f"<li>{inline(t)}</li>" for t in primer.approaches[a]]
        b.append("</ul></div>")
    b += ["</div>", f"<h2 id='life-cycle'>{esc(tr(H_LIFECYCLE))}</h2>", "<div class='tk-pdf__stages'>"]
    for n, (sid, label) in enumerate(STAGES.items(), 1):
        b.append(f"<div class='tk-pdf__stage'><p class='tk-pdf__stage-label'><span>{n}</span> "
                 f"{_stage_title(tr(label), sid, ctx)}</p><ul>")
        b += [f"<li>{inline(t)}</li>" for t in primer.life_cycle[sid]]
        b.append("</ul></div>")
    b += ["</div>", f"<h2 id='reading'>{esc(tr(H_READING))}</h2>", "<ol class='tk-pdf__reading'>"]
    for step in primer.reading_path:
        path = ctx.page_path(step.page)
        b.append(f"<li><strong>{_title_link(step.title, path, ctx)}</strong>: {inline(step.note)}"
                 f"<br><span class='tk-pdf__ref'>{site_link(path, ctx)}</span></li>")
    b += ["</ol>", f"<h2 id='tools'>{esc(tr(H_TOOLS))}</h2>",
          f"<table class='tk-pdf__tools'><thead><tr><th>{esc(tr('Tool'))}</th><th>{esc(tr('When'))}</th>"
          f"<th>{esc(tr('Why'))}</th></tr></thead><tbody>"]
    for t in primer.tools:
        path = ctx.page_path(t.page)
        stages = "<br>".join(esc(vocabulary_label(STAGES, s, s)) for s in t.stages)
        b.append(f"<tr><td><strong>{_title_link(t.title, path, ctx)}</strong><br>"
                 f"<span class='tk-pdf__ref'>{site_link(path, ctx)}</span></td><td>{stages}</td><td>{inline(t.note)}</td></tr>")
    b.append("</tbody></table>")
    if ctx.checkpoints:
        b += [f"<h2 id='law'>{esc(tr(H_LAW))}</h2>", f"<p>{esc(_law_note())}</p>"]
        for frame in ctx.checkpoints:
            b += [f"<div class='tk-pdf__law'><h3>{esc(frame['title'])}</h3><p>{esc(_law_intro(frame))}</p><ul>"]
            b += [f"<li><strong>{esc(group['title'])}</strong>: "
                  + esc("; ".join(f"{title} ({refs})" for title, refs in group["rules"])) + "</li>"
                  for group in frame["groups"]]
            b.append("</ul></div>")
    b += [f"<h2 id='use-cases'>{esc(tr(H_USECASES))}</h2>"]
    for uc in primer.use_cases:
        badge = _badges([uc.approach]) if uc.approach else ""
        b.append(f"<div class='tk-pdf__use-case'><h3>{esc(uc.title)} {badge}</h3><p>{inline(uc.text)}</p></div>")
    b += [f"<h2 id='guidance'>{esc(tr(H_GUIDANCE))}</h2>"]
    mine = for_role(sections, role.id)
    if not mine:
        b.append("<p>%s</p>" % esc(tr("No section of the guidance is tagged for this role yet.")))
    elif ctx.pages_only:
        b.append("<p>%s</p><ul class='tk-pdf__guidance-pages'>" % esc(
            tr("The guidance has sections tagged for this role on these pages:")))
        for url, group in by_page(mine).items():
            b.append(f"<li>{_title_link(group[0].page_title, url, ctx)} ({len(group)}): "
                     f"<span class='tk-pdf__ref'>{site_link(url, ctx)}</span></li>")
        b.append("</ul>")
    else:
        keep = {s.url for s in ranked(mine, role.id)[:ctx.summaries] if s.summary}
        if len(keep) == len([s for s in mine if s.summary]):
            intro = tr("Each item below is a guidance section tagged for this role, with its opening summary. "
                       "The full section, with examples and depth levels, is on the site.")
        elif keep:
            intro = tr("These guidance sections are tagged for this role. The ones most specific to it come with "
                       "their opening summary; every item leads to the full section on the site.")
        else:
            intro = tr("These guidance sections are tagged for this role; each leads to the full section on the site.")
        b.append(f"<p class='tk-pdf__guidance-intro'>{esc(intro)}</p>")
        for url, group in by_page(mine).items():
            b.append(f"<div class='tk-pdf__guidance-page'><div class='tk-pdf__guidance-head'>"
                     f"<h3>{_title_link(group[0].page_title, url, ctx)}</h3>"
                     f"<p class='tk-pdf__ref'>{site_link(url, ctx)}</p></div>")
            for s in group:
                b.append(f"<div class='tk-pdf__guidance'><p class='tk-pdf__guidance-title'>{_title_link(s.title, s.url, ctx)}"
                         f" {_badges(s.approaches)}<span class='tk-pdf__ref-inline'> · #{esc(s.anchor)}</span></p>")
                if s.url in keep:
                    summary = retarget(s.summary, lambda p: _site_href(p, ctx) or p)
                    if not ctx.site_url:
                        summary = _unlink(summary)
                    b.append(f"<p>{summary}</p>")
                b.append("</div>")
            b.append("</div>")
    others = ", ".join(r.short_name for r in roles if r.id != role.id)
    b += [
        "<div class='tk-pdf__closing'>",
        f"<p><strong>{esc(tr('Keep going on the site.'))}</strong> "
        + esc(tr("This primer is one of {count}; the others are for {others}. All of them, and the tools, are at",
                 count=len(roles), others=others))
        + f" {site_link(ctx.page_path('primers/index.md'), ctx)}.</p>",
        "</div>",
        "</main></body></html>",
    ]
    return "\n".join(b)


def _page_numbers() -> str:
    """The page footer's words in the primer's language ("Page 2 of 6")."""
    words = tr("Page {page} of {pages}", page="\x00", pages="\x01").replace('"', "'")
    content = '"%s"' % words.replace("\x00", '" counter(page) "').replace("\x01", '" counter(pages) "')
    return "@page { @bottom-right { content: %s; } }" % content


def _unlink(fragment: str) -> str:
    import re

    return re.sub(r"</?a\b[^>]*>", "", fragment)
