"""A questionnaire's next step: another questionnaire, with the answers that ask the same thing carried
over (``continue_with``: the quick check leads to the full readiness assessment).

``continue_with`` names the target questionnaire and its page, maps this questionnaire's question ids to
the target's, and its answer values to the target's; the build adds what it knows of the target
(``target``: its title, version and the texts of the questions mapped). :func:`carried` gives what a
result shows and the page hands over: the answers mapped, and which question became which.
"""

from __future__ import annotations

from typing import Any

from . import definition as d


def carried(definition: d.Definition, answers: d.Answers) -> dict[str, Any] | None:
    """The next questionnaire and the answers carried over to it, or None without ``continue_with``."""
    spec = definition.get("continue_with")
    if not isinstance(spec, dict):
        return None
    target = spec.get("target") or {}
    texts = {q["id"]: q.get("text") for _, q in d.iter_questions(definition)}
    mapped: dict[str, Any] = {}
    pairs = []
    for source, goal in (spec.get("questions") or {}).items():
        value = answers.get(source)
        if isinstance(value, (str, int, float)) and str(value) in (spec.get("values") or {}):
            mapped[goal] = spec["values"][str(value)]
            pairs.append({"from": texts.get(source), "to": (target.get("questions") or {}).get(goal, goal)})
    return {"questionnaire": spec.get("questionnaire"), "title": target.get("title"), "version": target.get("version"),
            "url": d.doc_link_to_url(spec.get("page")), "link": spec.get("page"), "answers": mapped, "pairs": pairs}
