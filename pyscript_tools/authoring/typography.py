"""A language's typographic rules, applied at build time so that editors type ordinary spaces.

French: a narrow no-break space before ``; ! ?`` and inside « », a no-break space before ``:``, between a
number and its unit and between groups of thousands. Spanish: a no-break space between a number and its
unit (``50 %``) and between groups of thousands. Arabic: a legal reference written left to right
(``5(1)(h)``) is isolated, so it reads whole and in its order (see ``pyscript_tools.engine.i18n.isolated``).
Only spaces the editor typed are changed (``a: b`` and ``https://`` stay as they are); code, scripts and
text marked as another language are left alone. Every rule is idempotent. Languages without rules are
returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..engine.i18n import LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE

NBSP, NNBSP = "\u00a0", "\u202f"
_SPACE = "[ \u00a0\u202f]"  # what an editor may have typed (or a rule already put) in these places

UNITS = {"fr": ("%", "€", "Mo", "Go", "ko", "Mbit/s", "ms", "km", "kg", "min"),
         "es": ("%", "€", "MB", "GB", "kB", "Mbit/s", "ms", "km", "kg", "min")}
_CLOSE = r"""(?:\s|$|[)»"'’<*])"""  # what may follow the punctuation: an end, a space, a closing mark
_WORD_END_CHAR = r"""[\w»)\]*’"'%\ue000-\uf7ff]"""  # what may end the word before it, when no space was typed
_WORD_END = rf"(?<={_WORD_END_CHAR})"


def _before_units(units: tuple[str, ...]) -> re.Pattern[str]:
    """A typed space between a number and one of `units`."""
    return re.compile(rf"(?<=[\d\ue000-\uf7ff]){_SPACE}+(?=(?:{'|'.join(re.escape(u) for u in units)})(?![\w/'’]))")


_FRENCH = [
    (re.compile(rf"{_WORD_END}(?=[;!?]{_CLOSE})"), NNBSP),
    (re.compile(rf"{_WORD_END}(?=:{_CLOSE})"), NBSP),
    (re.compile(rf"(?:(?<=\S)|^){_SPACE}+(?=[;!?]{_CLOSE})"), NNBSP),
    (re.compile(rf"(?:(?<=\S)|^){_SPACE}+(?=:{_CLOSE})"), NBSP),
    (re.compile(rf"«{_SPACE}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACE}*»"), NNBSP + "»"),
    (_before_units(UNITS["fr"]), NBSP),
]
_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d,.]\d)(?!\d)")


_SPANISH_UNITS = _before_units(UNITS["es"])


def _grouped(text: str) -> str:
    """Groups of thousands typed with spaces, held together by narrow no-break spaces."""
    return _THOUSANDS.sub(lambda number: re.sub(_SPACE, NNBSP, number.group()), text)


def _french(text: str) -> str:
    for pattern, space in _FRENCH:
        text = pattern.sub(space, text)
    return _grouped(text)


def _spanish(text: str) -> str:
    return _grouped(_SPANISH_UNITS.sub(NBSP, text))


# A number with its parenthesised paragraphs and points (5(1)(h), 26(4), 113(a)), not already isolated; an
# Arabic letter may touch it (و26(4): "and 26(4)").
_REFERENCE = re.compile(rf"(?<![A-Za-z0-9({LEFT_TO_RIGHT_ISOLATE}])\d+[a-z]?(?:\([0-9a-z]+\))+(?![A-Za-z0-9({POP_ISOLATE}])")


def _arabic(text: str) -> str:
    return _REFERENCE.sub(lambda reference: f"{LEFT_TO_RIGHT_ISOLATE}{reference.group()}{POP_ISOLATE}", text)


RULES: dict[str, Callable[[str], str]] = {"fr": _french, "es": _spanish, "ar": _arabic}


_PROTECTED = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|\{[a-z_]+\}|&#?\w+;")  # code, link targets, placeholders, entities
_HELD = 0xE000  # start of Unicode's private use area


def typeset(text: str, language: str | None) -> str:
    """``text`` (plain text or Markdown) with ``language``'s rules; `code spans` are kept as typed."""
    rule = RULES.get(language or "")
    if rule is None or not text:
        return text
    kept: list[str] = []  # each protected piece, held by one private-use character while the rule runs

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group())
        return chr(_HELD + len(kept) - 1)

    held = _PROTECTED.sub(hold, text)
    return re.sub(f"[{chr(_HELD)}-{chr(_HELD + 0x17FF)}]", lambda m: kept[ord(m.group()) - _HELD], rule(held))


def typeset_tree(value: Any, language: str | None) -> Any:
    """Every string inside the lists and mappings of ``value`` (not the keys: they are ids), typeset."""
    if language not in RULES:
        return value
    if isinstance(value, str):
        return typeset(value, language)
    if isinstance(value, list):
        return [typeset_tree(item, language) for item in value]
    if isinstance(value, dict):
        return {key: typeset_tree(item, language) for key, item in value.items()}
    return value


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_KEPT = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}
_OPENING = re.compile(r"<([a-zA-Z][\w-]*)([^>]*)>")
_LANG = re.compile(r"""\blang\s*=\s*["']?([\w-]+)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def typeset_html(html: str, language: str | None) -> str:
    """``html``'s text with ``language``'s rules; markup, attributes, code and elements whose ``lang`` is
    another language are left as they are."""
    if language not in RULES:
        return html
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, whether their text is kept as it is)
    position = 0
    after_word = False  # whether the text before this piece ended a word: `<b>Titre</b>: texte` is one sentence

    def text_of(piece: str) -> str:
        nonlocal after_word
        if stack and stack[-1][1]:
            return piece
        context = "a" if after_word else ""  # a stand-in no rule changes
        done = typeset(context + piece, language)[len(context):]
        after_word = bool(re.search(rf"{_WORD_END_CHAR}\Z", done)) if done else after_word
        return done

    for tag in _TAG.finditer(html):
        out.append(text_of(html[position:tag.start()]))
        out.append(tag.group())
        position = tag.end()
        markup = tag.group()
        if markup.startswith(("<!", "<?")):
            continue
        if markup.startswith("</"):
            name = markup[2:-1].strip().lower()
            while stack:
                if stack.pop()[0] == name:
                    break
            continue
        opening = _OPENING.match(markup)
        if not opening or markup.endswith("/>"):
            continue
        name = opening.group(1).lower()
        if name in _VOID:
            continue
        declared = _LANG.search(opening.group(2))
        kept = (bool(stack) and stack[-1][1]) or name in _KEPT or bool(
            declared and declared.group(1).split("-")[0].lower() != language)
        stack.append((name, kept))
    out.append(text_of(html[position:]))
    return "".join(out)
