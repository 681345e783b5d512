"""Render a questionnaire as a static, accessible HTML widget (build time; readable without JavaScript).

The widget is native HTML: a start screen (what it is, who answers, how long), then the questionnaire
one section at a time with a section menu and a summary bar that stays in view, then the result. The
browser glue (overrides/assets/toolkit/) brings it to life; parts that only work with JavaScript carry
``data-tk-js hidden``. Without a script every section shows at once, readable, and nothing can be sent:
the questions are not a ``<form>``.

The caller passes ``markdown`` (text -> HTML) for help and descriptions; the default escapes the text
into paragraphs.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from html import escape

from ..engine.definition import options_of, question_type
from ..engine.i18n import current, tr, trn
from ..engine.jsonsafe import MAX_FILE_BYTES
from ..engine.kinds import KINDS
from ..engine.text import of_text, question_anchor, vocabulary_label
from ..engine.vocabulary import APPROACHES, STAGES, STATUSES

LinkResolver = Callable[[str], str]
MarkdownRenderer = Callable[[str], str]
BUTTON = "md-button"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _t(message: str, **values: object) -> str:
    """An interface string in the current language, escaped for HTML."""
    return escape(tr(message, **values))


def plain_markdown(text: str) -> str:
    """Fallback renderer: escaped paragraphs (blank lines separate them)."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _button(action: str, label: str, extra: str = "", classes: str = "") -> str:
    return (f'<button type="button" class="{BUTTON}{" " + classes if classes else ""}" data-tk-action="{action}"'
            f"{extra}>{label}</button>")


def _report_buttons(prefix: str = "", primary: bool = True) -> str:
    """The four ways out of a result, the same for one respondent's and for a team's (`prefix` "team-")."""
    engine = " data-tk-engine"
    return (_button(prefix + "html", _t("Download the report"), engine, "md-button--primary" if primary else "")
            + _button(prefix + "print", _t("Print or save as PDF"), engine)
            + _button(prefix + "markdown", _t("Report as Markdown"), engine)
            + _button(prefix + "csv", _t("Answers as CSV (spreadsheet)"), engine))


def _file_button(input_id: str, data: str, label: str, multiple: bool = False, classes: str = "") -> str:
    """A file picker that looks like the other buttons; the real input stays focusable."""
    return (f'<span class="tk-file"><input type="file" id="{_attr(input_id)}" accept=".json,application/json" {data}'
            f'{" multiple" if multiple else ""} data-tk-engine><label for="{_attr(input_id)}"'
            f' class="{BUTTON}{" " + classes if classes else ""}">{label}</label></span>')


class _Form:
    def __init__(self, definition: dict, resolve: LinkResolver, markdown: MarkdownRenderer,
                 role_names: dict[str, str], heading_level: int = 3):
        self.heading_level = min(max(heading_level, 2), 5)
        self.subheading_level = self.heading_level + 1
        self.definition = definition
        self.qid = definition["id"]
        self.id_prefix = f"tk-{self.qid}"
        self.kind = KINDS[definition["kind"]]
        self.resolve = resolve
        self.markdown = markdown
        self.role_names = role_names
        # The sections every respondent sees: a profile's section only counts once its kind is chosen.
        self.common = [s for s in self.sections() if not s.get("profile")]

    def sections(self) -> list[dict]:
        return self.definition.get("sections", [])

    def total(self) -> int:
        """Questions every respondent sees (not those asked only when earlier answers make them relevant)."""
        return sum(1 for s in self.common for q in s.get("questions", []) if not q.get("ask_if"))

    @staticmethod
    def profile_attrs(section: dict) -> str:
        """A profile's section (and its menu entry) carries its kind; the browser shows it once that kind is chosen."""
        return f' data-profile="{_attr(section["profile"])}"' if section.get("profile") else ""

    # ------------------------------------------------------------------ pieces
    def learn_more(self, link: str | None, about: str) -> str:
        if not link:
            return ""
        return (f'<p class="tk-learn-more"><a href="{_attr(self.resolve(link))}">{_t("Learn more")}'
                f'<span class="tk-visually-hidden"> {_t("about: {topic}", topic=about)}</span></a></p>')

    def help(self, dom_id: str, text: str | None) -> tuple[str, str]:
        if not text:
            return "", ""
        return f'<div class="tk-question__help" id="{_attr(dom_id)}-help">{self.markdown(text)}</div>', f"{dom_id}-help"

    def radios(self, name: str, dom_id: str, options: Iterable[tuple[str, str, str]],
               input_type: str = "radio") -> str:
        """Labelled radios (or, with ``input_type="checkbox"``, checkboxes: a multi question's options)."""
        out = []
        for i, (value, label, description) in enumerate(options):
            rid = f"{dom_id}-{i}"
            desc = f' <span class="tk-option__description">{escape(description)}</span>' if description else ""
            out.append(f'<div class="tk-option"><input type="{input_type}" id="{_attr(rid)}" name="{_attr(name)}"'
                       f' value="{_attr(value)}"><label for="{_attr(rid)}">{escape(label)}{desc}</label></div>')
        return "".join(out)

    # ------------------------------------------------------------------ questions
    def question(self, section: dict, question: dict) -> str:
        qtype = question_type(self.definition, section, question)
        q = question["id"]
        dom_id = question_anchor(self.qid, q)
        help_html, help_id = self.help(dom_id, question.get("help"))
        data = [f'data-question="{_attr(q)}"', f'data-type="{qtype}"', f'data-section="{_attr(section["id"])}"']
        if question.get("options_from") == "profiles":
            data.append("data-tk-chooses-profiles")
        if question.get("ask_if"):  # asked only when earlier answers make it relevant (conditions.js)
            data.append(f"data-tk-ask-if=\"{_attr(json.dumps(question['ask_if'], separators=(',', ':')))}\"")
        described = f' aria-describedby="{_attr(help_id)}"' if help_id else ""
        parts = [f'<fieldset class="tk-question tk-question--{qtype}" id="{_attr(dom_id)}" {" ".join(data)}{described}>',
                 f'<legend>{escape(question["text"])}</legend>']
        if qtype == "prompt":
            parts.append(self.prompt_tags(question, question.get("tags") or {}))
        parts.append(help_html)
        if qtype in ("choice", "multi"):
            options = [(o["value"], o["label"], o.get("description") or "") for o in options_of(self.definition, question)]
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
        for axis, title in (("likelihood", _t("Likelihood")), ("severity", _t("Severity"))):
            options = [(str(o["value"]), f'{o["value"]} {o["label"]}', "") for o in self.definition.get(axis, [])]
            radios = self.radios(f"{dom_id}-{axis}", f"{dom_id}-{axis}", options)
            out.append(f'<fieldset class="tk-rating__axis" data-axis="{axis}"><legend>{title}</legend>'
                       f'<div class="tk-options tk-options--scale">{radios}</div></fieldset>')
        out.append("</div>")
        out.append('<p class="tk-rating__level" data-tk-level aria-live="polite"></p>')
        out.append(f'<div class="tk-option tk-option--na"><input type="checkbox" id="{_attr(dom_id)}-na" data-tk-na>'
                   f'<label for="{_attr(dom_id)}-na">{_t("Not applicable to this system")}</label></div>')
        out.append(f'<details class="tk-question__note"><summary>{_t("Add a note (safeguards, reasons)")}</summary>'
                   f'<div class="tk-field"><label for="{_attr(dom_id)}-note">{_t("Note")}</label>'
                   f'<textarea id="{_attr(dom_id)}-note" rows="2" data-tk-field="note"></textarea></div></details>')
        return "".join(out)

    def prompt(self, dom_id: str) -> str:
        status = self.radios(f"{dom_id}-status", f"{dom_id}-status", [(v, tr(lab), "") for v, lab in STATUSES.items()])
        return (
            f'<fieldset class="tk-rating__axis" data-axis="status"><legend>{_t("Status")}</legend>'
            f'<div class="tk-options tk-options--inline">{status}</div></fieldset>'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-response">{_t("Response")}</label>'
            f'<textarea id="{_attr(dom_id)}-response" rows="3" data-tk-field="response"></textarea></div>'
            '<div class="tk-fields">'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-owner">{_t("Owner")}</label>'
            f'<input type="text" id="{_attr(dom_id)}-owner" data-tk-field="owner" autocomplete="off"></div>'
            f'<div class="tk-field"><label for="{_attr(dom_id)}-due">{_t("Due date")}</label>'
            f'<input type="date" id="{_attr(dom_id)}-due" data-tk-field="due"></div>'
            "</div>"
        )

    def prompt_tags(self, question: dict, tags: dict) -> str:
        bits = []
        stage = question.get("stage")
        if stage:
            bits.append(_t("Stage: {stage}", stage=vocabulary_label(STAGES, stage, stage)))
        if tags.get("roles"):
            bits.append(_t("Roles: {roles}", roles=", ".join(self.role_names.get(r, r) for r in tags["roles"])))
        if tags.get("approaches"):
            bits.append(_t("Approach: {approaches}", approaches=", ".join(vocabulary_label(APPROACHES, a, a)
                                                                         for a in tags["approaches"])))
        return f'<p class="tk-question__tags">{" · ".join(bits)}</p>' if bits else ""

    # ------------------------------------------------------------------ the start screen
    def start(self, examples: list[tuple[str, str]], privacy_url: str) -> str:
        p, d = self.id_prefix, self.definition
        size = trn("{count} {noun} in {n} section", "{count} {noun} in {n} sections", len(self.common), count=self.total(),
                   noun=tr(self.kind.NOUN))
        if len(self.common) < len(self.sections()):
            size = tr("{size}, and a few more for each kind of system you tick", size=size)
        facts = [escape(size)]
        for key in ("who", "time"):
            if d.get(key):
                facts.append(escape(d[key]))
        privacy = f' <a href="{_attr(privacy_url)}">{_t("How your answers are kept")}</a>.' if privacy_url else ""
        facts.append(_t("Saved in this browser as you go; nothing is sent anywhere.") + privacy)
        purpose = self.markdown(d["purpose"]) if d.get("purpose") else ""
        example = "".join(
            _button("example", _t("See the worked example") if len(examples) == 1 else _t("Worked example: {title}", title=title),
                    f' data-url="{_attr(url)}" data-tk-engine')
            for url, title in examples)
        more = (f'<details class="tk-start__more"><summary>{_t("How to fill it in")}</summary>'
                f'{self.markdown(d["introduction"])}</details>') if d.get("introduction") else ""
        return (
            f'<section class="tk-start" data-tk-start aria-labelledby="{p}-start-h">'
            f'<h{self.heading_level} id="{p}-start-h">{_t("Before you start")}</h{self.heading_level}>'
            f'<div class="tk-start__purpose">{purpose}</div>'
            f'<ul class="tk-start__facts">{"".join(f"<li>{fact}</li>" for fact in facts)}</ul>'
            f"{more}"
            '<div class="tk-buttons" data-tk-js hidden>'
            + _button("start", _t("Start"), ' data-tk-start-label', "md-button--primary") + example
            + _file_button(f"{p}-open", "data-tk-open", _t("Open an answers file"))
            + _button("team", _t("Combine answers from several people")) + "</div>"
            '<div class="tk-message" data-tk-file-message role="status"></div>'
            + self.assessments_panel()
            + "</section>"
        )

    def assessments_panel(self) -> str:
        p = self.id_prefix
        return (
            f'<details class="tk-panel tk-panel--assessments" data-tk-js hidden><summary>{_t("Your assessments in this browser")}'
            "</summary>"
            '<div class="tk-fields">'
            f'<div class="tk-field"><label for="{p}-assessment">{_t("Assessment")}</label>'
            f'<select id="{p}-assessment" data-tk-select></select></div>'
            f'<div class="tk-field"><label for="{p}-name">{_t("Name of this assessment")}</label>'
            f'<input type="text" id="{p}-name" data-tk-name autocomplete="off"'
            f' placeholder="{_t("For example: Facial recognition pilot 2026")}"></div>'
            "</div>"
            '<div class="tk-buttons">'
            + _button("new", _t("New assessment")) + _button("delete", _t("Delete this assessment"))
            + _button("erase", _t("Erase my answers from this browser"), "", "tk-button--danger")
            + "</div></details>"
        )

    @staticmethod
    def saved_line() -> str:
        """Whether the answers are kept in this browser, in every view; when they cannot be, a file button."""
        return ('<p class="tk-message tk-message--saved" data-tk-saved role="status" data-tk-js hidden>'
                '<span data-tk-message-text></span> '
                + _button("save", _t("Save answers to a file"), " data-tk-message-action data-tk-engine hidden") + "</p>")

    @staticmethod
    def unreadable_line() -> str:
        """Shown when answers kept in this browser could not be read: they are set aside, to download or delete."""
        return ('<div class="tk-message tk-message--unreadable" data-tk-unreadable role="alert" hidden>'
                '<span data-tk-message-text></span> <span class="tk-buttons">'
                + _button("unreadable-download", _t("Download the unreadable data"))
                + _button("unreadable-delete", _t("Delete it from this browser")) + "</span></div>")

    # ------------------------------------------------------------------ the workspace
    def bar(self) -> str:
        total, noun = self.total(), tr(self.kind.NOUN)
        return (
            '<div class="tk-bar" data-tk-bar data-tk-js hidden>'
            f'<p class="tk-bar__summary" data-tk-live aria-live="polite">{_t("Your result appears here as you answer.")}</p>'
            '<p class="tk-bar__progress"><span data-tk-progress-text>'
            f'{_t("{answered} of {total} {noun} answered", answered=0, total=total, noun=noun)}</span>'
            f' <progress max="{total}" value="0" data-tk-progress aria-label="{_t("Progress")}"></progress></p>'
            '<div class="tk-bar__buttons">'
            + _button("menu", _t("Sections"), f' aria-expanded="false" aria-controls="{self.id_prefix}-menu"')
            + _button("result", _t("Result")) + "</div></div>"
        )

    def preview(self) -> str:
        return (
            '<div class="tk-preview" data-tk-preview role="status" hidden>'
            f"<p><strong>{_t('Worked example, read only.')}</strong> "
            f"{_t('These are an invented agency’s answers; your own assessments are unchanged.')}</p>"
            '<div class="tk-buttons">'
            + _button("copy-example", _t("Copy into a new assessment")) + _button("leave-example", _t("Back to my assessment"))
            + "</div></div>"
        )

    def menu(self) -> str:
        def entry(s: dict) -> str:
            sid = _attr(s["id"])
            return (f'<li data-tk-nav="{sid}"{self.profile_attrs(s)}>'
                    f'<a href="#{_attr(self.id_prefix)}-s-{sid}" data-tk-goto-section="{sid}">'
                    f'{escape(s.get("short_title") or s["title"])}</a> <span class="tk-nav__count"'
                    f' data-tk-section-count="{sid}">{escape(of_text(0, len(s.get("questions", []))))}'
                    "</span></li>")
        items = "".join(entry(s) for s in self.sections())
        return (
            f'<nav class="tk-menu" id="{self.id_prefix}-menu" data-tk-menu aria-label="{_t("Sections of the questionnaire")}">'
            f'<ol class="tk-nav">{items}'
            f'<li class="tk-nav__extra"><a href="#{self.id_prefix}-results" data-tk-goto-result>{_t("Your result")}</a></li>'
            f'<li class="tk-nav__extra"><a href="#{self.id_prefix}-start-h" data-tk-goto-start>'
            f'{_t("Your assessments and files")}</a></li>'
            "</ol></nav>"
        )

    def filters_panel(self) -> str:
        if self.definition.get("kind") != "workbook":
            return ""
        p = self.id_prefix
        roles, stages, approaches = [], [], []
        for section in self.sections():
            for question in section.get("questions", []):
                tags = question.get("tags") or {}
                roles += [r for r in tags.get("roles") or [] if r not in roles]
                stages += [s for s in [question.get("stage"), *(tags.get("stages") or [])] if s and s not in stages]
                approaches += [a for a in tags.get("approaches") or [] if a not in approaches]
        stages.sort(key=lambda s: list(STAGES).index(s) if s in STAGES else 99)
        approaches.sort(key=lambda a: list(APPROACHES).index(a) if a in APPROACHES else 99)
        role_order = list(self.role_names)
        roles.sort(key=lambda r: role_order.index(r) if r in role_order else 99)

        def select(dim: str, label: str, everything: str, values: list[str], names: Callable[[str], str]) -> str:
            options = "".join(f'<option value="{_attr(v)}">{escape(names(v))}</option>' for v in values)
            return (f'<div class="tk-field"><label for="{p}-filter-{dim}">{label}</label>'
                    f'<select id="{p}-filter-{dim}" data-tk-filter="{dim}"><option value="">{everything}</option>'
                    f"{options}</select></div>")

        return (
            f'<details class="tk-panel tk-panel--filters" data-tk-js hidden><summary>{_t("Show the prompts that matter to you")}'
            "</summary><div class=\"tk-fields\">"
            + select("roles", _t("Role"), _t("All roles"), roles, lambda r: self.role_names.get(r, r))
            + select("stages", _t("Life-cycle stage"), _t("All stages"), stages, lambda v: vocabulary_label(STAGES, v, v))
            + select("approaches", _t("Approach"), _t("All approaches"), approaches,
                     lambda v: vocabulary_label(APPROACHES, v, v))
            + "</div>"
            f'<p class="tk-message tk-message--count" data-tk-filter-count role="status">'
            f'{_t("Showing all {count} prompts.", count=self.total())}</p>'
            "</details>"
        )

    def section(self, index: int, section: dict, first_rated: bool) -> str:
        sid = section["id"]
        dom_id = f"{self.id_prefix}-s-{sid}"
        count = len(section.get("questions", []))
        about = "".join(x for x in (self.markdown(section["description"]) if section.get("description") else "",
                                     self.learn_more(section.get("learn_more"), section["title"])) if x)
        parts = [f'<section class="tk-section" id="{_attr(dom_id)}" data-section="{_attr(sid)}"'
                 f' aria-labelledby="{_attr(dom_id)}-h"{self.profile_attrs(section)}>',
                 f'<p class="tk-section__step" data-tk-step>{self.step_text(index, section)}</p>',
                 f'<h{self.heading_level} id="{_attr(dom_id)}-h" tabindex="-1">{escape(section["title"])}'
                 f'</h{self.heading_level}>',
                 f'<p class="tk-section__progress" data-tk-section-line="{_attr(sid)}">'
                 f'{_t("{answered} of {total} answered", answered=0, total=count)}</p>']
        if about:
            parts.append(f'<details class="tk-section__about"><summary>{_t("About this section")}</summary>{about}</details>')
        if first_rated:
            parts.append(self.scale_help())
        parts.extend(self.question(section, q) for q in section.get("questions", []))
        parts.append(f'<nav class="tk-section__nav" data-tk-js hidden aria-label="{_t("Previous and next section")}">'
                     + _button("previous", _t("Previous section")) + _button("next", _t("Next section"))
                     + "</nav></section>")
        return "".join(parts)

    def step_text(self, index: int, section: dict) -> str:
        """'Section N of M' among the common sections; a profile's section says why it is there."""
        if section.get("profile"):
            return _t("Extra section, only for this kind of system")
        return _t("Section {number} of {count}", number=index + 1, count=len(self.common))

    def scale_help(self) -> str:
        rows = []
        for axis, title in (("likelihood", _t("Likelihood")), ("severity", _t("Severity"))):
            items = "".join(f"<li><strong>{escape(str(o['value']))} {escape(o['label'])}</strong>: "
                            f"{escape(o.get('description') or '')}</li>" for o in self.definition.get(axis, []))
            rows.append(f"<p><strong>{title}</strong></p><ul>{items}</ul>")
        return (f'<details class="tk-scale-help"><summary>{_t("What the likelihood and severity ratings mean")}</summary>'
                + "".join(rows) + "</details>")

    def results(self) -> str:
        p = self.id_prefix
        return (
            f'<section class="tk-results" id="{p}-results" data-tk-results aria-labelledby="{p}-results-h">'
            f'<h{self.heading_level} id="{p}-results-h" data-tk-results-heading tabindex="-1">'
            f'{_t("Your result")}</h{self.heading_level}>'
            '<p class="tk-message tk-message--placeholder" data-tk-placeholder>'
            f'{_t("Your result appears here as you answer. It is computed in this browser.")}</p>'
            '<div class="tk-results__body" data-toolkit-result hidden></div>'
            + self.files_panel()
            + "</section>"
        )

    def files_panel(self) -> str:
        p = self.id_prefix
        engine = " data-tk-engine"
        h3 = min(self.subheading_level + 1, 6)
        intro = _t("Everything here is made in this browser. The report is one file that opens anywhere and prints"
                   " cleanly; the answers file lets you or a colleague carry on later.")
        return (
            f'<section class="tk-panel tk-panel--files" aria-labelledby="{p}-files-h" data-tk-js hidden>'
            f'<h{self.subheading_level} id="{p}-files-h">{_t("Keep, share and compare")}</h{self.subheading_level}>'
            f"<p>{intro}</p>"
            f'<div class="tk-field tk-field--name"><label for="{p}-report-name">{_t("Name of this assessment")}</label>'
            f'<input type="text" id="{p}-report-name" data-tk-name autocomplete="off"'
            f' aria-describedby="{p}-report-name-hint" placeholder="{_t("For example: Facial recognition pilot 2026")}">'
            f'<p class="tk-field__hint" id="{p}-report-name-hint">'
            f'{_t("It goes on the report and in the names of the files; add the agency or unit if it helps.")}</p></div>'
            '<div class="tk-buttons">'
            + _report_buttons()
            + _button("save", _t("Save answers to a file"), engine)
            + "</div>"
            '<div class="tk-message" data-tk-report-message role="status"></div>'
            f'<h{h3} id="{p}-compare-h">{_t("Compare with an earlier assessment")}</h{h3}>'
            f'<p>{_t("Open an answers file saved earlier, for example last year’s, to see what changed in each section.")}</p>'
            '<div class="tk-buttons">' + _file_button(f"{p}-compare", "data-tk-compare", _t("Compare with a file")) + "</div>"
            '<div class="tk-panel__compare" data-tk-compare-result></div>'
            "</section>"
        )

    def team(self, guide_url: str) -> str:
        """Several people's answers files combined (team.js): where they disagree, and a consensus."""
        p, engine = self.id_prefix, " data-tk-engine"
        guide = f' <a href="{_attr(guide_url)}">{_t("How to run a team assessment")}</a>.' if guide_url else ""
        intro = _t("Each person answers on their own and saves their answers to a file. Choose all the files here:"
                   " they are read in this page and combined in this browser, nothing is uploaded, and your own"
                   " assessments are unchanged.")
        return (
            f'<section class="tk-team" id="{p}-team" data-tk-team aria-labelledby="{p}-team-h" hidden>'
            f'<h{self.heading_level} id="{p}-team-h" tabindex="-1">{_t("Combine answers from several people")}'
            f'</h{self.heading_level}>'
            f"<p>{intro}{guide}</p>"
            '<div class="tk-team__drop" data-tk-team-drop>'
            + _file_button(f"{p}-team-files", "data-tk-team-files", _t("Choose answers files"), True, "md-button--primary")
            + f'<span class="tk-team__drop-hint">{_t("or drop them here")}</span></div>'
            f'<div class="tk-option tk-team__names"><input type="checkbox" id="{p}-team-names" data-tk-team-names>'
            f'<label for="{p}-team-names">{_t("Show respondents’ names from their files")}</label></div>'
            f'<div class="tk-option tk-team__names"><input type="checkbox" id="{p}-team-keep" data-tk-team-keep>'
            f'<label for="{p}-team-keep">{_t("Count the same answers file chosen twice as two respondents")}</label></div>'
            '<div class="tk-message" data-tk-team-message role="status"></div>'
            '<div class="tk-team__result" data-tk-team-result></div>'
            '<div class="tk-buttons" data-tk-team-actions hidden>'
            + _button("team-adopt", _t("Save the consensus as a new assessment"), engine, "md-button--primary")
            + _button("team-save", _t("Save the consensus to a file"), engine)
            + _report_buttons("team-", primary=False)
            + _button("team-clear", _t("Start again with other files"))
            + "</div>"
            '<div class="tk-buttons">' + _button("leave-team", _t("Back to the start")) + "</div>"
            "</section>"
        )

    # ------------------------------------------------------------------ whole widget
    def render(self, site_root: str, examples: list[tuple[str, str]], privacy_url: str, team_guide_url: str,
               definition_url: str) -> str:
        d, kind = self.definition, self.kind
        nojs = _t("Scoring, saving and reports need JavaScript, which is off in this browser. You can read the"
                  " questions; nothing you choose here is kept or sent anywhere.")
        parts = [
            f'<div class="tk-widget tk-widget--{_attr(d["kind"])}" data-toolkit-widget="questionnaire"'
            f' data-questionnaire="{_attr(self.qid)}" data-version="{_attr(d["version"])}"'
            f' data-definition="{_attr(definition_url)}" data-lang="{_attr(current())}"'
            f' data-kind="{_attr(d["kind"])}" data-noun="{_attr(tr(kind.NOUN))}" data-unnamed="{_attr(tr(kind.UNNAMED))}"'
            f' data-title="{_attr(d["title"])}" data-site-root="{_attr(site_root)}" data-max-file-bytes="{MAX_FILE_BYTES}"'
            f' data-heading-level="{self.subheading_level}">',
            # Shown only while the page's root keeps the theme's `no-js` class, i.e. with scripts off.
            f'<p class="tk-widget__status tk-widget__status--failed tk-widget__nojs">{nojs}</p>',
            '<div class="tk-widget__engine" data-toolkit-engine>'
            '<p class="tk-widget__status" data-toolkit-status role="status" hidden></p>'
            f'<button type="button" class="{BUTTON}" data-toolkit-retry hidden>{_t("Try again")}</button></div>',
            f'<iframe class="tk-print" data-tk-print title="{_t("The report, as it is printed")}"></iframe>',
            self.saved_line(),
            self.unreadable_line(),
            self.start(examples, privacy_url),
            self.team(team_guide_url),
            f'<div class="tk-workspace" data-tk-workspace aria-label="{_attr(d["title"])}" role="region">',
            self.bar(),
            self.preview(),
            self.filters_panel(),
            self.menu(),
            # Not a <form>: with no script (off, blocked or still loading) nothing here can be submitted.
            '<div class="tk-form" data-toolkit-form>',
        ]
        rated_seen = False
        for index, section in enumerate(self.sections()):
            has_rated = any(question_type(d, section, q) == "rated" for q in section.get("questions", []))
            parts.append(self.section(index, section, has_rated and not rated_seen))
            rated_seen = rated_seen or has_rated
        parts += ["</div>", self.results(), "</div>",
                  '<p class="tk-visually-hidden" data-tk-announce role="status" aria-live="polite"></p>', "</div>"]
        return "\n".join(x for x in parts if x)


def render_form(definition: dict, resolve: LinkResolver, site_root: str = "", *,
                markdown: MarkdownRenderer | None = None, examples: list[tuple[str, str]] | None = None,
                privacy_url: str = "", team_guide_url: str = "", role_names: dict[str, str] | None = None,
                heading_level: int = 3, definition_url: str = "") -> str:
    """The whole widget: start screen, summary bar, section menu, the sections, the result.

    ``heading_level``: the level of the widget's own headings (one below the page heading it follows);
    ``definition_url``: where the page finds the questionnaire's definition. Texts are in the current
    language (:func:`..engine.i18n.current`); the widget's script finds its own in the page's head."""
    form = _Form(definition, resolve, markdown or plain_markdown, role_names or {}, heading_level)
    return form.render(site_root, examples or [], privacy_url, team_guide_url, definition_url)
