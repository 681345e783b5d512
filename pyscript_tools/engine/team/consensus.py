"""How far several people's answers to one question differ, and the answer that stands for them.

Rules (stated on the result panel too):

- **Disagreement**, from 0 (everyone agrees) to 1: on a scale, the distance between the lowest and the
  highest answer as a share of the scale; without a scale, the share of people who did not give the most
  common answer. When some say "not applicable" and others do not, it is at least one half.
  "Don't know" is a gap in knowledge, counted apart, not a disagreement.
- **Consensus**, the median answer: the answers in scale order, the middle one; with an even number,
  the more cautious of the two middle ones (the lower readiness or progress, the higher risk).
  An answer of not applicable wins only with more than half of the answers, don't know only when it is the only
  answer given. Without a scale: the most common answer (ties go to the answer that sets the higher
  minimum level, then to the earlier option); a list of kinds of system is the union of the lists. A
  workbook entry keeps every respondent's response and owner, and the earliest due date.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, NamedTuple, TypeVar

from .. import definition as d
from ..vocabulary import DONT_KNOW, FREE_TEXT_KEYS, NOT_APPLICABLE
from .positions import Scale

T = TypeVar("T")

TEXT_FIELDS = ("response", "note")


class Given(NamedTuple):
    """One respondent's answer to a question: who, the value, its words and its place on the scale."""
    respondent: str
    value: Any
    text: str
    position: float | str | None


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def disagreement(scale: Scale, given: list[Given]) -> float:
    answered = [g for g in given if g.position != DONT_KNOW]
    if len(answered) < 2:
        return 0.0
    on_scale = [g.position for g in answered if isinstance(g.position, (int, float))]
    if scale.ordinal:
        measure = (max(on_scale) - min(on_scale)) / scale.steps if on_scale else 0.0
    else:
        counts = Counter(canonical(g.value) for g in answered)
        measure = 1 - max(counts.values()) / len(answered)
    not_applicable = sum(1 for g in answered if g.position == NOT_APPLICABLE)
    if 0 < not_applicable < len(answered):
        measure = max(measure, 0.5)
    return round(measure, 2)


def consensus(definition: d.Definition, question: d.Question, scale: Scale, given: list[Given],
              higher_is_cautious: bool) -> Any:
    """The median answer of ``given`` (see the module's rules), or None when nobody answered."""
    if not given:
        return None
    if len({canonical(g.value) for g in given}) == 1:
        return given[0].value
    not_applicable = [g for g in given if g.position == NOT_APPLICABLE]
    if len(not_applicable) * 2 > len(given):
        return _merge_texts(scale, not_applicable[0].value, given)
    views = [g for g in given if g.position not in (NOT_APPLICABLE, DONT_KNOW)]
    if not views:
        return given[0].value  # only "don't know" (and a minority of "not applicable")
    if scale.qtype == "multi":  # what anyone ticked; an option ticked alone only if nobody ticked another
        picked = {str(v) for g in views for v in (g.value if isinstance(g.value, list) else [g.value])}
        kept = [o for o in d.options_of(definition, question) if str(o["value"]) in picked]
        if any(not o.get("exclusive") for o in kept):
            kept = [o for o in kept if not o.get("exclusive")]
        return [o["value"] for o in kept]
    if scale.ordinal:
        ordered = sorted(views, key=lambda g: (g.position, canonical(g.value)))
        return _merge_texts(scale, cautious_middle(ordered, higher_is_cautious).value, given)
    return _most_common(definition, question, views)


def cautious_middle(ordered: list[T], higher_is_cautious: bool) -> T:
    """The middle of `ordered` (lowest first); of an even number, the more cautious of the two middle ones."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 or higher_is_cautious else ordered[middle - 1]


def _most_common(definition: d.Definition, question: d.Question, views: list[Given]) -> Any:
    counts = Counter(canonical(g.value) for g in views)
    options = d.options_of(definition, question)
    rank = d.level_ranks(d.levels(definition))

    def preference(g: Given) -> tuple[int, int, int]:
        option = d.find_option(options, g.value) or {}
        order = options.index(option) if option in options else len(options)
        return (-counts[canonical(g.value)], -rank.get(option.get("min_level"), -1), order)

    return min(views, key=preference).value


def _merge_texts(scale: Scale, value: Any, given: list[Given]) -> Any:
    """A rating or workbook entry with everyone's notes, responses and owners, and the earliest due date."""
    if scale.qtype not in ("rated", "prompt"):
        return value
    entry = {"status": value} if isinstance(value, str) and scale.qtype == "prompt" else value
    if not isinstance(entry, dict):
        return value  # "not-applicable" for a rating: nothing to merge into
    entry = {k: v for k, v in entry.items() if k not in (*FREE_TEXT_KEYS, "due")}
    entries = [(g.respondent, g.value) for g in given if isinstance(g.value, dict)]
    for field in TEXT_FIELDS:
        texts = _distinct((who, v.get(field)) for who, v in entries)
        if len(texts) == 1:
            entry[field] = texts[0][1]
        elif texts:
            entry[field] = "\n".join("%s: %s" % (who, text) for who, text in texts)
    owners = _distinct((who, v.get("owner")) for who, v in entries)
    if owners:
        entry["owner"] = ", ".join(owner for _, owner in owners)
    dues = sorted(v["due"] for _, v in entries if v.get("due"))
    if dues:
        entry["due"] = dues[0]
    return entry


def _distinct(pairs: Any) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for who, text in pairs:
        if isinstance(text, str) and text.strip() and text.strip() not in seen:
            seen[text.strip()] = who
    return [(who, text) for text, who in seen.items()]
