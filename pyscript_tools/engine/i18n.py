"""Interface strings in the reader's language.

The English text is the message id, written where it is used: ``tr("What to do first")``,
``tr("{count} of {total} answered", count=3, total=8)``, and for a count ``trn("{n} item", "{n} items", n)``.
A language's catalogue (``toolkit_content/i18n/LANG/interface.yml``, English id -> translation) travels
in the questionnaire definition the build writes for that language (``language`` and ``interface``);
the bridge and the command line make it current with :func:`language`. Without one, English.

Labels defined once elsewhere (the vocabulary) are marked with :func:`N_` so that the catalogue check
finds them, and translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

from . import plural

DEFAULT = "en"
# A catalogue's entries about the language itself rather than a message (as gettext's header): its plural
# rules (see plural.py), its decimal mark and its direction.
PLURAL_RULES = "(plural rules)"
DECIMAL_MARK = "(decimal mark)"
DIRECTION = "(direction)"  # "rtl" for a language written from right to left
LANGUAGE_ENTRIES = (PLURAL_RULES, DECIMAL_MARK, DIRECTION)

_language: ContextVar[str] = ContextVar("language", default=DEFAULT)
_EMPTY: Mapping[str, Any] = MappingProxyType({})
_catalog: ContextVar[Mapping[str, Any]] = ContextVar("catalog", default=_EMPTY)  # a text, or a count's forms
_link_titles: ContextVar[Mapping[str, str]] = ContextVar("link_titles", default=_EMPTY)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it here."""
    return message


@contextmanager
def language(code: str | None, catalog: Mapping[str, Any] | None = None,
             link_titles: Mapping[str, str] | None = None) -> Iterator[None]:
    """Within the block, :func:`tr` answers in ``code`` from ``catalog`` (English when either is missing),
    and :func:`link_title` names guidance links by ``link_titles`` (link -> the heading it points to)."""
    tokens = (_language.set(code or DEFAULT), _catalog.set(catalog or _EMPTY), _link_titles.set(link_titles or _EMPTY))
    try:
        yield
    finally:
        _language.reset(tokens[0])
        _catalog.reset(tokens[1])
        _link_titles.reset(tokens[2])


@contextmanager
def definition_language(definition: Mapping[str, Any] | None) -> Iterator[None]:
    """:func:`language` as a definition built for a language carries it (``language``, ``interface``,
    ``link_titles``); English when it carries none."""
    definition = definition if isinstance(definition, Mapping) else {}

    def mapping(key: str) -> Mapping[str, Any] | None:
        value = definition.get(key)
        return value if isinstance(value, Mapping) else None

    code = definition.get("language")
    with language(code if isinstance(code, str) else None, mapping("interface"), mapping("link_titles")):
        yield


def current() -> str:
    return _language.get()


def tr(message: str, **values: Any) -> str:
    """``message`` in the current language, with ``{name}`` placeholders filled from ``values``."""
    text = _catalog.get().get(message)
    text = text if isinstance(text, str) and text else message
    return text.format(**values) if values else text


def trn(singular: str, plural_form: str, n: float, **values: Any) -> str:
    """The form of a message that fits the count ``n`` (also given to it as ``{n}``), by the language's plural
    rules: the singular's translation for "one" and the plural's for the rest, or, where the catalogue gives
    the plural one text per category (Arabic has six), that category's."""
    catalog = _catalog.get()
    rules = catalog.get(PLURAL_RULES)
    form = plural.category(rules if isinstance(rules, Mapping) else None, n)
    forms = catalog.get(plural_form)
    if isinstance(forms, Mapping):
        text = forms.get(form) or forms.get("other") or plural_form
        return text.format(n=n, **values)
    return tr(singular if form == "one" else plural_form, n=n, **values)


def labelled(label: str, value: str) -> str:
    """``label: value`` as the language writes it (French: a no-break space before the colon)."""
    return tr("{label}: {value}", label=label, value=value)


def listed(items: Iterable[str]) -> str:
    """Items joined by the language's semicolon (French: a narrow no-break space before it)."""
    return tr("; ").join(items)


def conjoined(items: Iterable[str]) -> str:
    """Items as a sentence lists them: "A, B and C" (Arabic: "A، B وC")."""
    *first, last = list(items) or [""]
    return tr("{items} and {last}", items=tr(", ").join(first), last=last) if first else last


def decimal_mark() -> str:
    mark = _catalog.get().get(DECIMAL_MARK)
    return mark if isinstance(mark, str) and mark else "."


def direction() -> str:
    """Which way the current language is written: "ltr" or "rtl"."""
    return "rtl" if _catalog.get().get(DIRECTION) == "rtl" else "ltr"


LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def isolated(reference: str) -> str:
    """A reference written left to right (``5(1)(h)``, ``III``), kept whole and in its order inside text
    written right to left: without the isolates, an Arabic line shows 5(1)(h) as (h)(1)5."""
    return f"{LEFT_TO_RIGHT_ISOLATE}{reference}{POP_ISOLATE}" if direction() == "rtl" and reference else reference


def link_title(link: str | None) -> str | None:
    """The title of the heading a guidance link points to, when the build gave it."""
    return _link_titles.get().get(link or "")
