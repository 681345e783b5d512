"""Render a questionnaire as a static, accessible HTML form (build time; no JavaScript needed to read it)."""
from __future__ import annotations

from html import escape
from typing import Callable

LinkResolver = Callable[[str], str]


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _options(question: dict, scales: dict) -> list[dict]:
    return question.get("options") or scales.get(question.get("scale", ""), [])


def render_question(qid_prefix: str, question: dict, scales: dict, resolve: LinkResolver) -> str:
    """One question as a fieldset of radio buttons with its help text and learn-more link."""
    qid = question["id"]
    dom_id = f"{qid_prefix}-{qid}"
    parts = [f'<fieldset class="toolkit-question" id="{_attr(dom_id)}" data-question="{_attr(qid)}">',
             f"<legend>{escape(question['text'])}</legend>"]
    if question.get("help"):
        parts.append(f'<p class="toolkit-help" id="{_attr(dom_id)}-help">{escape(question["help"])}</p>')
    parts.append('<div class="toolkit-options">')
    for option in _options(question, scales):
        parts.append(
            f'<label><input type="radio" name="{_attr(qid)}" value="{_attr(option["value"])}">'
            f" {escape(option['label'])}</label>"
        )
    parts.append("</div>")
    if question.get("learn_more"):
        parts.append(
            f'<p class="toolkit-learn-more"><a href="{_attr(resolve(question["learn_more"]))}">'
            f'Learn more<span class="md-visually-hidden"> about: {escape(question["text"])}</span></a></p>'
        )
    parts.append("</fieldset>")
    return "".join(parts)


def render_form(definition: dict, resolve: LinkResolver, site_root: str = "") -> str:
    """The whole widget: status line, form grouped by section, and an empty result region."""
    qid = definition["id"]
    prefix = f"q-{qid}"
    scales = definition.get("scales", {})
    parts = [
        f'<div class="toolkit-widget" data-toolkit-widget="questionnaire" data-questionnaire="{_attr(qid)}"'
        f' data-version="{_attr(definition["version"])}" data-site-root="{_attr(site_root)}">',
        '<p class="toolkit-status" data-toolkit-status role="status" aria-live="polite" hidden></p>',
        f'<form class="toolkit-form" data-toolkit-form action="#" aria-label="{_attr(definition["title"])}">',
    ]
    for section in definition.get("sections", []):
        heading_id = f"{prefix}-{section['id']}"
        parts.append(f'<section class="toolkit-section" aria-labelledby="{_attr(heading_id)}">')
        parts.append(f'<h2 id="{_attr(heading_id)}">{escape(section["title"])}</h2>')
        parts.extend(render_question(prefix, question, scales, resolve) for question in section.get("questions", []))
        parts.append("</section>")
    parts.append('<p><button type="submit" class="toolkit-button">Score my answers</button></p>')
    parts.append("</form>")
    parts.append('<div class="toolkit-result" data-toolkit-result aria-live="polite" hidden></div>')
    parts.append("</div>")
    return "\n".join(parts)
