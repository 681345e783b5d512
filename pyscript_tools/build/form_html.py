"""Render a questionnaire as a static, accessible HTML form (build time; no JavaScript needed to read it).

The whole widget is native HTML: fieldsets with legends, labelled controls, help text, learn-more links,
a section navigation with progress counts, and the panels the browser glue brings to life (assessments,
files, workbook filters, results). Panels that only work with JavaScript carry ``hidden`` and are
revealed by the glue, so a page opened without scripts shows a plain, readable form.

The caller passes ``markdown`` (text -> HTML) for help and descriptions; the default escapes the text
into paragraphs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from ..engine.definition import options_of, question_type
from ..engine.jsonsafe import MAX_FILE_BYTES
from ..engine.kinds import KINDS
from ..engine.vocabulary import APPROACHES, STAGES, STATUSES

LinkResolver = Callable[[str], str]
MarkdownRenderer = Callable[[str], str]


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def plain_markdown(text: str) -> str:
    """Fallback renderer: escaped paragraphs (blank lines separate them)."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


class _Form:
    def __init__(self, definition: dict, resolve: LinkResolver, markdown: MarkdownRenderer,
                 role_names: dict[str, str], heading_level: int = 3):
        self.h = min(max(heading_level, 2), 5)
        self.h2 = self.h + 1
        self.d = definition
        self.qid = definition["id"]
        self.p = f"tk-{self.qid}"
        self.resolve = resolve
        self.md = markdown
        self.role_names = role_names

    # ------------------------------------------------------------------ pieces
    def learn_more(self, link: str | None, about: str) -> str:
        if not link:
            return ""
        return (f'<p class="tk-learn-more"><a href="{_attr(self.resolve(link))}">Learn more'
                f'<span class="tk-visually-hidden"> about: {escape(about)}</span></a></p>')

    def help(self, dom_id: str, text: str | None) -> tuple[str, str]:
        if not text:
            return "", ""
        return f'<div class="tk-question__help" id="{_attr(dom_id)}-help">{self.md(text)}</div>', f"{dom_id}-help"

    def radios(self, name: str, dom_id: str, options: Iterable[tuple[str, str, str]], attrs: str = "",
               input_type: str = "radio") -> str:
        """Labelled radios (or, with ``input_type="checkbox"``, checkboxes: a multi question's options)."""
        out = []
        for i, (value, label, description) in enumerate(options):
            rid = f"{dom_id}-{i}"
            desc = f' <span class="tk-option__description">{escape(description)}</span>' if description else ""
            out.append(f'<div class="tk-option"><input type="{input_type}" id="{_attr(rid)}" name="{_attr(name)}"'
                       f' value="{_attr(value)}"{attrs}><label for="{_attr(rid)}">{escape(label)}{desc}</label></div>')
        return "".join(out)

    # ------------------------------------------------------------------ questions
    def question(self, section: dict, question: dict) -> str:
        qtype = question_type(self.d, section, question)
        q = question["id"]
        dom_id = f"{self.p}-{q}"
        help_html, help_id = self.help(dom_id, question.get("help"))
        tags = question.get("tags") or {}
        data = [f'data-question="{_attr(q)}"', f'data-type="{qtype}"', f'data-section="{_attr(section["id"])}"']
        described = f' aria-describedby="{_attr(help_id)}"' if help_id else ""
        parts = [f'<fieldset class="tk-question tk-{qtype}" id="{_attr(dom_id)}" {" ".join(data)}{described}>',
                 f'<legend>{escape(question["text"])}</legend>']
        if qtype == "prompt":
            parts.append(self.prompt_tags(question, tags))
        parts.append(help_html)
        if qtype in ("choice", "multi"):
            options = [(o["value"], o["label"], o.get("description") or "") for o in options_of(self.d, question)]
            inputs = self.radios(dom_id, dom_id, options, input_type="checkbox" if qtype == "multi" else "radio")
            parts.append(f'<div class="tk-options">{inputs}</div>')
        elif qtype == "rated":
            parts.append(self.rated(dom_id))
        else:
            parts.append(self.prompt(dom_id))
        parts.append(self.learn_more(question.get("learn_more"), question["text"]))
        parts.append("</fieldset>")
        return "".join(parts)

    def rated(self, dom_id: str) -> str:
        out = ['<div class="tk-rating">']
        for axis, title in (("likelihood", "Likelihood"), ("severity", "Severity")):
            options = [(str(o["value"]), f'{o["value"]} {o["label"]}', "") for o in self.d.get(axis, [])]
            radios = self.radios(f"{dom_id}-{axis}", f"{dom_id}-{axis}", options)
            out.append(f'<fieldset class="tk-rating__axis" data-axis="{axis}"><legend>{title}</legend>'
                       f'<div class="tk-options tk-options--inline">{radios}</div></fieldset>')
        out.append("</div>")
        out.append(f'<div class="tk-option tk-option--na"><input type="checkbox" id="{_attr(dom_id)}-na" data-tk-na>'
                   f'<label for="{_attr(dom_id)}-na">Not applicable to this system</label></div>')
        out.append(f'<div class="tk-field"><label for="{_attr(dom_id)}-note">Note (optional): safeguards, reasons'
                   f'</label><textarea id="{_attr(dom_id)}-note" rows="2" data-tk-field="note"></textarea></div>')
        return "".join(out)

    def prompt(self, dom_id: str) -> str:
        status = self.radios(f"{dom_id}-status", f"{dom_id}-status", [(v, lab, "") for v, lab in STATUSES.items()])
        return (
            f'<fieldset class="tk-rating__axis" data-axis="status"><legend>Status</legend>'
            f'<div class="tk-options tk-options--inline">{status}</div></fieldset>'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-response">Response</label>'
            f'<textarea id="{_attr(dom_id)}-response" rows="3" data-tk-field="response"></textarea></div>'
            '<div class="tk-fields">'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-owner">Owner</label>'
            f'<input type="text" id="{_attr(dom_id)}-owner" data-tk-field="owner" autocomplete="off"></div>'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-due">Due date</label>'
            f'<input type="date" id="{_attr(dom_id)}-due" data-tk-field="due"></div>'
            "</div>"
        )

    def prompt_tags(self, question: dict, tags: dict) -> str:
        bits = []
        stage = question.get("stage")
        if stage:
            bits.append(f"Stage: {escape(STAGES.get(stage, stage))}")
        if tags.get("roles"):
            bits.append("Roles: " + ", ".join(escape(self.role_names.get(r, r)) for r in tags["roles"]))
        if tags.get("approaches"):
            bits.append("Approach: " + ", ".join(escape(APPROACHES.get(a, a)) for a in tags["approaches"]))
        return f'<p class="tk-question__tags">{" · ".join(bits)}</p>' if bits else ""

    # ------------------------------------------------------------------ panels
    def sections(self) -> list[dict]:
        return self.d.get("sections", [])

    def count(self, section: dict) -> int:
        return len(section.get("questions", []))

    @staticmethod
    def profile_attrs(section: dict) -> str:
        """A profile's section (and its navigation entry) is hidden until its kind of system is chosen."""
        return f' data-profile="{_attr(section["profile"])}" hidden' if section.get("profile") else ""

    def progress_nav(self) -> str:
        total = sum(self.count(s) for s in self.sections() if not s.get("profile"))
        noun = KINDS[self.d["kind"]].NOUN
        items = "".join(
            f'<li data-tk-nav="{_attr(s["id"])}"{self.profile_attrs(s)}>'
            f'<a href="#{_attr(self.p)}-s-{_attr(s["id"])}">{escape(s["title"])}</a>'
            f' <span class="tk-nav__count" data-tk-section-count="{_attr(s["id"])}">0 of {self.count(s)}</span></li>'
            for s in self.sections())
        return (
            f'<nav class="tk-panel tk-panel--progress" aria-labelledby="{self.p}-progress-h">'
            f'<h{self.h} id="{self.p}-progress-h">Sections and progress</h{self.h}>'
            f'<p class="tk-panel__progress"><span data-tk-progress-text>0 of {total} {noun} answered</span>'
            f' <progress max="{total}" value="0" data-tk-progress aria-label="{noun.capitalize()} answered"></progress></p>'
            f'<ol class="tk-nav">{items}</ol>'
            f'<p><a href="#{self.p}-results">Go to your result</a></p>'
            "</nav>"
        )

    def assessments_panel(self, privacy_url: str) -> str:
        p = self.p
        privacy = f' <a href="{_attr(privacy_url)}">How your answers are kept</a>.' if privacy_url else ""
        return (
            f'<section class="tk-panel tk-panel--assessments" aria-labelledby="{p}-assessments-h" data-tk-js hidden>'
            f'<h{self.h} id="{p}-assessments-h">Your assessments</h{self.h}>'
            '<p class="tk-panel__lead"><strong>Saved automatically in this browser.</strong> Every answer is kept in'
            " this browser's own storage as you go, so you can close the page and come back later. Nothing is"
            " sent anywhere. On a shared computer, erase your answers when you finish." + privacy + "</p>"
            '<div class="tk-fields">'
            f'<div class="tk-field"><label for="{p}-assessment">Assessment</label>'
            f'<select id="{p}-assessment" data-tk-select></select></div>'
            f'<div class="tk-field"><label for="{p}-name">Name of this assessment</label>'
            f'<input type="text" id="{p}-name" data-tk-name autocomplete="off"'
            ' placeholder="For example: Facial recognition pilot 2026"></div>'
            "</div>"
            '<div class="tk-buttons">'
            '<button type="button" class="md-button" data-tk-action="new">New assessment</button>'
            '<button type="button" class="md-button" data-tk-action="delete">Delete this assessment</button>'
            '<button type="button" class="md-button tk-button--danger" data-tk-action="erase">'
            "Erase my answers from this browser</button>"
            "</div>"
            '<p class="tk-message tk-message--saved" data-tk-saved role="status"><span data-tk-message-text></span>'
            ' <button type="button" class="md-button" data-tk-action="save" data-tk-message-action hidden>'
            "Save answers to a file</button></p>"
            "</section>"
        )

    def files_panel(self, example_url: str | None) -> str:
        p = self.p
        example = (f'<button type="button" class="md-button" data-tk-action="example" data-url="{_attr(example_url)}">'
                   "Open the worked example</button>") if example_url else ""
        return (
            f'<section class="tk-panel tk-panel--files" aria-labelledby="{p}-files-h" data-tk-js hidden>'
            f'<h{self.h} id="{p}-files-h">Files and reports</h{self.h}>'
            "<p>Save your answers to a file to keep them with the project's records or share them with"
            " colleagues; open the file later to carry on. Reports are made in this browser.</p>"
            '<div class="tk-buttons">'
            '<button type="button" class="md-button" data-tk-action="save">Save answers to a file</button>'
            f'<span class="tk-file"><input type="file" id="{p}-open" accept=".json,application/json" data-tk-open>'
            f'<label for="{p}-open" class="md-button">Open an answers file</label></span>'
            f"{example}"
            "</div>"
            '<div class="tk-buttons">'
            '<button type="button" class="md-button" data-tk-action="markdown">Download the report (Markdown)</button>'
            '<button type="button" class="md-button" data-tk-action="csv">Download the answers (CSV)</button>'
            '<button type="button" class="md-button" data-tk-action="print">Print or save as PDF</button>'
            "</div>"
            '<div class="tk-message" data-tk-file-message role="status"></div>'
            f'<h{self.h2} id="{p}-compare-h">Compare with an earlier assessment</h{self.h2}>'
            "<p>Open an answers file saved earlier, for example last year's, to see what changed in each"
            " section compared with the answers on this page.</p>"
            '<div class="tk-buttons">'
            f'<span class="tk-file"><input type="file" id="{p}-compare" accept=".json,application/json" data-tk-compare>'
            f'<label for="{p}-compare" class="md-button">Compare with a file</label></span>'
            "</div>"
            '<div class="tk-panel__compare" data-tk-compare-result></div>'
            "</section>"
        )

    def filters_panel(self) -> str:
        if self.d.get("kind") != "workbook":
            return ""
        p = self.p
        roles, stages, approaches = [], [], []
        for section in self.sections():
            for question in section.get("questions", []):
                tags = question.get("tags") or {}
                for r in tags.get("roles") or []:
                    roles.append(r) if r not in roles else None
                for s in [question.get("stage"), *(tags.get("stages") or [])]:
                    stages.append(s) if s and s not in stages else None
                for a in tags.get("approaches") or []:
                    approaches.append(a) if a not in approaches else None
        stages.sort(key=lambda s: list(STAGES).index(s) if s in STAGES else 99)
        approaches.sort(key=lambda a: list(APPROACHES).index(a) if a in APPROACHES else 99)
        role_order = list(self.role_names)
        roles.sort(key=lambda r: role_order.index(r) if r in role_order else 99)

        def select(dim: str, label: str, everything: str, values: list[str], names: dict) -> str:
            options = "".join(f'<option value="{_attr(v)}">{escape(names.get(v, v))}</option>' for v in values)
            return (f'<div class="tk-field"><label for="{p}-filter-{dim}">{label}</label>'
                    f'<select id="{p}-filter-{dim}" data-tk-filter="{dim}"><option value="">{everything}</option>'
                    f"{options}</select></div>")

        total = sum(self.count(s) for s in self.sections())
        return (
            f'<section class="tk-panel tk-panel--filters" aria-labelledby="{p}-filters-h" data-tk-js hidden>'
            f'<h{self.h} id="{p}-filters-h">Show the prompts that matter to you</h{self.h}>'
            '<div class="tk-fields">'
            + select("roles", "Role", "All roles", roles, self.role_names)
            + select("stages", "Life-cycle stage", "All stages", stages, STAGES)
            + select("approaches", "Approach", "All approaches", approaches, APPROACHES)
            + "</div>"
            f'<p class="tk-message tk-message--count" data-tk-filter-count role="status">Showing all {total} prompts.</p>'
            "</section>"
        )

    def section(self, section: dict, first_rated: bool) -> str:
        sid = section["id"]
        dom_id = f"{self.p}-s-{sid}"
        parts = [f'<section class="tk-section" id="{_attr(dom_id)}" data-section="{_attr(sid)}"'
                 f' aria-labelledby="{_attr(dom_id)}-h"{self.profile_attrs(section)}>',
                 f'<h{self.h} id="{_attr(dom_id)}-h">{escape(section["title"])}</h{self.h}>',
                 f'<p class="tk-section__progress" data-tk-section-line="{_attr(sid)}">'
                 f"0 of {self.count(section)} answered</p>"]
        if section.get("description"):
            parts.append(f'<div class="tk-section__description">{self.md(section["description"])}</div>')
        parts.append(self.learn_more(section.get("learn_more"), section["title"]))
        if first_rated:
            parts.append(self.scale_help())
        parts.extend(self.question(section, q) for q in section.get("questions", []))
        parts.append("</section>")
        return "".join(parts)

    def scale_help(self) -> str:
        rows = []
        for axis, title in (("likelihood", "Likelihood"), ("severity", "Severity")):
            items = "".join(f"<li><strong>{escape(str(o['value']))} {escape(o['label'])}</strong>: "
                            f"{escape(o.get('description') or '')}</li>" for o in self.d.get(axis, []))
            rows.append(f"<p><strong>{title}</strong></p><ul>{items}</ul>")
        return ('<details class="tk-scale-help"><summary>What the likelihood and severity ratings mean</summary>'
                + "".join(rows) + "</details>")

    # ------------------------------------------------------------------ whole widget
    def render(self, site_root: str, example_url: str | None, privacy_url: str) -> str:
        d = self.d
        kind = KINDS[d["kind"]]
        p = self.p
        parts = [
            f'<div class="tk-widget tk-widget--{_attr(d["kind"])}" data-toolkit-widget="questionnaire"'
            f' data-questionnaire="{_attr(self.qid)}" data-version="{_attr(d["version"])}"'
            f' data-kind="{_attr(d["kind"])}" data-noun="{kind.NOUN}" data-unnamed="{_attr(kind.UNNAMED)}"'
            f' data-title="{_attr(d["title"])}" data-site-root="{_attr(site_root)}" data-max-file-bytes="{MAX_FILE_BYTES}">',
            # Shown only while the page's root keeps the theme's `no-js` class, i.e. with scripts off.
            '<p class="tk-widget__status tk-widget__status--failed tk-widget__nojs">Scoring, saving and reports need'
            " JavaScript, which is off in this browser. You can read the questions; nothing you choose"
            " here is kept or sent anywhere.</p>",
            '<div class="tk-widget__engine" data-toolkit-engine>'
            '<p class="tk-widget__status" data-toolkit-status role="status" hidden></p>'
            '<button type="button" class="md-button" data-toolkit-retry hidden>Try again</button></div>',
            '<div class="tk-print" data-tk-print-header>'
            f'<p class="tk-print__title">{escape(d["title"])}, version {escape(str(d["version"]))}</p>'
            '<p class="tk-print__meta" data-tk-print-meta></p></div>',
        ]
        if d.get("introduction"):
            parts.append('<details class="tk-widget__introduction"><summary>How to fill it in</summary>'
                         f'{self.md(d["introduction"])}</details>')
        parts.append(self.assessments_panel(privacy_url))
        parts.append(self.files_panel(example_url))
        parts.append(self.filters_panel())
        parts.append(self.progress_nav())
        # Not a <form>: with no script (off, blocked or still loading) nothing here can be submitted.
        parts.append('<div class="tk-form" data-toolkit-form>')
        rated_seen = False
        for section in self.sections():
            has_rated = any(question_type(d, section, q) == "rated" for q in section.get("questions", []))
            parts.append(self.section(section, has_rated and not rated_seen))
            rated_seen = rated_seen or has_rated
        parts.append('<p class="tk-form__submit" data-tk-js hidden><button type="button" class="md-button md-button--primary'
                     ' tk-form__button" data-tk-action="score">Score my answers</button></p>')
        parts.append("</div>")
        parts.append(
            f'<section class="tk-results" id="{p}-results" aria-labelledby="{p}-results-h">'
            f'<h{self.h} id="{p}-results-h" data-tk-results-heading tabindex="-1">Your result</h{self.h}>'
            '<p class="tk-message tk-message--placeholder" data-tk-placeholder>Your result appears here as you answer.'
            " It is computed in this browser.</p>"
            '<div class="tk-results__body" data-toolkit-result hidden></div>'
            '<div class="tk-print__answers" data-tk-print-answers></div>'
            "</section>"
        )
        parts.append('<p class="tk-visually-hidden" data-tk-announce role="status" aria-live="polite"></p>')
        parts.append("</div>")
        return "\n".join(x for x in parts if x)


def render_form(definition: dict, resolve: LinkResolver, site_root: str = "", *,
                markdown: MarkdownRenderer | None = None, example_url: str | None = None,
                privacy_url: str = "", role_names: dict[str, str] | None = None, heading_level: int = 3) -> str:
    """The whole widget: panels, navigation with progress, the form grouped by section, the result region.

    ``heading_level``: the level of the widget's own headings (one below the page heading it follows)."""
    form = _Form(definition, resolve, markdown or plain_markdown, role_names or {}, heading_level)
    return form.render(site_root, example_url, privacy_url)
