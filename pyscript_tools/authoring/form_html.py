"""Render a questionnaire as a static, accessible HTML widget (build time; readable without JavaScript).

The widget is native HTML: a start screen (what it is, who answers, how long), then the questionnaire
one section at a time with a section menu and a summary bar that stays in view, then the result. The
browser glue (overrides/assets/toolkit/) brings it to life; parts that only work with JavaScript carry
``data-tk-js hidden``. Without a script every section shows at once, readable, and nothing can be sent:
the questions are not a ``<form>``.

The HTML is in the Jinja templates ``templates/toolkit/form/`` beside this module (a site overrides any
of them, see :mod:`.templating`); this module gathers what they show. The caller passes ``markdown``
(text -> HTML) for help and descriptions; the default escapes the text into paragraphs.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..engine.definition import options_of, question_type
from ..engine.i18n import current, tr, trn
from ..engine.jsonsafe import MAX_FILE_BYTES
from ..engine.kinds import KINDS
from ..engine.text import of_text, question_anchor, vocabulary_label
from ..engine.vocabulary import APPROACHES, STAGES, STATUSES
from .templating import environment

LinkResolver = Callable[[str], str]
MarkdownRenderer = Callable[[str], str]
TEMPLATES = Path(__file__).with_name("templates")
WIDGET = "toolkit/form/widget.html"


def form_templates(overrides: tuple[str, ...] = ()) -> Environment:
    """The form's templates: those in ``overrides`` (a theme's folders) first, then the defaults."""
    return environment(TEMPLATES, overrides)


_default_templates = cache(form_templates)


def plain_markdown(text: str) -> str:
    """Fallback renderer: escaped paragraphs (blank lines separate them)."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


class _Form:
    """What the templates show of one questionnaire."""

    def __init__(self, definition: dict, resolve: LinkResolver, markdown: MarkdownRenderer, role_names: dict[str, str]):
        self.definition = definition
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

    def html(self, text: str | None) -> Markup | str:
        """A help text or description (Markdown) as HTML; "" when there is none."""
        return Markup(self.markdown(text)) if text else ""

    def link(self, link: str | None) -> str:
        return self.resolve(link) if link else ""

    def size(self, noun: str) -> str:
        size = trn("{count} {noun} in {n} section", "{count} {noun} in {n} sections", len(self.common),
                   count=self.total(), noun=noun)
        if len(self.common) < len(self.sections()):
            size = tr("{size}, and a few more for each kind of system you tick", size=size)
        return size

    @staticmethod
    def options(values: list[dict], with_number: bool = False) -> list[dict]:
        """A scale's or a question's options as the templates show them."""
        return [{"value": str(o["value"]), "label": f'{o["value"]} {o["label"]}' if with_number else o["label"],
                 "description": o.get("description") or "", "exclusive": bool(o.get("exclusive"))} for o in values]

    def question(self, section: dict, question: dict) -> dict:
        qtype = question_type(self.definition, section, question)
        ask_if = question.get("ask_if")
        return {
            "id": question["id"], "dom_id": question_anchor(self.definition["id"], question["id"]), "type": qtype,
            "section": section["id"], "text": question["text"], "help": self.html(question.get("help")),
            "chooses_profiles": question.get("options_from") == "profiles",
            # asked only when earlier answers make it relevant (conditions.js)
            "ask_if": json.dumps(ask_if, separators=(",", ":")) if ask_if else "",
            "options": self.options(options_of(self.definition, question)) if qtype in ("choice", "multi") else [],
            "tags": self.prompt_tags(question) if qtype == "prompt" else [],
            "learn_more": self.link(question.get("learn_more")),
        }

    def prompt_tags(self, question: dict) -> list[str]:
        tags, bits = question.get("tags") or {}, []
        if question.get("stage"):
            bits.append(tr("Stage: {stage}", stage=vocabulary_label(STAGES, question["stage"], question["stage"])))
        if tags.get("roles"):
            bits.append(tr("Roles: {roles}", roles=", ".join(self.role_names.get(r, r) for r in tags["roles"])))
        if tags.get("approaches"):
            bits.append(tr("Approach: {approaches}",
                           approaches=", ".join(vocabulary_label(APPROACHES, a, a) for a in tags["approaches"])))
        return bits

    def section(self, index: int, section: dict, scale_help: bool) -> dict:
        questions = section.get("questions", [])
        if section.get("profile"):  # a profile's section says why it is there
            step = tr("Extra section, only for this kind of system")
        else:
            step = tr("Section {number} of {count}", number=index + 1, count=len(self.common))
        return {
            "id": section["id"], "title": section["title"], "menu_title": section.get("short_title") or section["title"],
            "profile": section.get("profile") or "", "count": len(questions), "menu_count": of_text(0, len(questions)),
            "step": step, "description": self.html(section.get("description")),
            "learn_more": self.link(section.get("learn_more")), "scale_help": scale_help,
            "questions": [self.question(section, q) for q in questions],
        }

    def all_sections(self) -> list[dict]:
        """The sections in order; the first with rated questions explains the scales."""
        out, rated_seen = [], False
        for index, section in enumerate(self.sections()):
            has_rated = any(question_type(self.definition, section, q) == "rated" for q in section.get("questions", []))
            out.append(self.section(index, section, has_rated and not rated_seen))
            rated_seen = rated_seen or has_rated
        return out

    def filters(self) -> dict[str, list[tuple[str, str]]] | None:
        """The workbook's filters: each dimension's values in their vocabulary's order, with their names."""
        if self.definition.get("kind") != "workbook":
            return None
        roles: list[str] = []
        stages: list[str] = []
        approaches: list[str] = []
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
        return {"roles": [(r, self.role_names.get(r, r)) for r in roles],
                "stages": [(s, vocabulary_label(STAGES, s, s)) for s in stages],
                "approaches": [(a, vocabulary_label(APPROACHES, a, a)) for a in approaches]}

    def context(self, heading_level: int) -> dict:
        d, kind = self.definition, KINDS[self.definition["kind"]]
        level = min(max(heading_level, 2), 5)
        return {
            "qid": d["id"], "p": f"tk-{d['id']}", "kind": d["kind"], "version": d["version"], "title": d["title"],
            "lang": current(), "noun": tr(kind.NOUN), "unnamed": tr(kind.UNNAMED), "max_file_bytes": MAX_FILE_BYTES,
            "h": level, "h_sub": level + 1, "h_sub2": min(level + 2, 6),
            "size": self.size(tr(kind.NOUN)), "who": d.get("who") or "", "time": d.get("time") or "",
            "purpose": self.html(d.get("purpose")), "introduction": self.html(d.get("introduction")),
            "total": self.total(), "filters": self.filters(), "sections": self.all_sections(),
            "scales": {axis: self.options(d.get(axis, []), with_number=True) for axis in ("likelihood", "severity")},
            "statuses": [{"value": value, "label": tr(label), "description": ""} for value, label in STATUSES.items()],
        }


def render_form(definition: dict, resolve: LinkResolver, site_root: str = "", *,
                markdown: MarkdownRenderer | None = None, examples: list[tuple[str, str]] | None = None,
                privacy_url: str = "", team_guide_url: str = "", role_names: dict[str, str] | None = None,
                heading_level: int = 3, definition_url: str = "", templates: Environment | None = None) -> str:
    """The whole widget: start screen, summary bar, section menu, the sections, the result.

    ``heading_level``: the level of the widget's own headings (one below the page heading it follows);
    ``definition_url``: where the page finds the questionnaire's definition; ``templates``: the site's
    (:func:`form_templates`), the defaults if none. Texts are in the current language
    (:func:`..engine.i18n.current`); the widget's script finds its own in the page's head."""
    form = _Form(definition, resolve, markdown or plain_markdown, role_names or {})
    return (templates or _default_templates()).get_template(WIDGET).render(
        form.context(heading_level), site_root=site_root, definition_url=definition_url, privacy_url=privacy_url,
        team_guide_url=team_guide_url, examples=[{"url": url, "title": title} for url, title in examples or []])
