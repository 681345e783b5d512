"""Load, validate and render the site glossary (no MkDocs import here).

The glossary lives in one YAML file, a list of entries::

    - term: Machine learning
      id: machine-learning
      definition: One or two sentences in plain words.
      aliases: [ML]            # optional

Every problem is reported at once, as ``file:line: field: message``, so that a broken
file can be fixed in one pass without reading a traceback.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pyscript_tools.authoring.checks import Checker, ContentError
from pyscript_tools.authoring.yaml_source import load_yaml_with_lines
from pyscript_tools.engine.i18n import listed, tr

FIELDS = ("term", "id", "definition", "aliases")
REQUIRED = ("term", "id", "definition")
MAX_DEFINITION = 400  # characters: a tooltip, not an essay
NOT_IN_A_TERM = "[]*\n"


@dataclass(frozen=True)
class Term:
    term: str
    id: str
    definition: str
    aliases: tuple = field(default_factory=tuple)
    line: int = 0

    @property
    def names(self):
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


def _name(check, value, at):
    name = check.text(value, at, 120)
    if any(ch in name for ch in NOT_IN_A_TERM):
        check.fail(at, f"{name!r} contains a character not allowed in a term")
    return name


def parse_glossary(text, path="glossary.yml"):
    """Parse YAML text into a list of Terms sorted alphabetically; raises :class:`ContentError` with
    every problem of the file."""
    data, lines, problems = load_yaml_with_lines(text, file=str(path))
    if data is None:
        raise ContentError(problems)
    check = Checker(str(path), lines)
    if not isinstance(data, list):
        check.fail((), "the file must be a list of terms")
        data = []
    terms: list[Term] = []
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for i, entry in enumerate(data):
        at = (i,)
        entry = check.mapping(entry, at, required=REQUIRED, optional=("aliases",))
        if not entry:
            continue
        line = lines.get(at, 0)
        if any(key not in entry for key in REQUIRED):
            continue  # reported as a missing key
        term_id = check.ident(entry["id"], at + ("id",))
        definition = check.text(entry["definition"], at + ("definition",), MAX_DEFINITION)
        names = [_name(check, entry["term"], at + ("term",))]
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list):
            check.fail(at + ("aliases",), "must be a list of text values")
            aliases = []
        names += [_name(check, alias, at + ("aliases", j)) for j, alias in enumerate(aliases)]
        if term_id and term_id in seen_ids:
            check.fail(at + ("id",), f"duplicate id {term_id!r} (first used on line {seen_ids[term_id]})")
        seen_ids.setdefault(term_id, line)
        for j, name in enumerate(names):
            key = name.casefold()
            if key and key in seen_names:
                check.fail(at + (("term",) if j == 0 else ("aliases", j - 1)),
                           f"{name!r} is already defined on line {seen_names[key]}")
            seen_names.setdefault(key, line)
        terms.append(Term(names[0], term_id, definition, tuple(names[1:]), line))
    if problems or check.problems:
        raise ContentError(problems + check.problems)
    return sorted(terms, key=lambda t: (collation_key(t.term), t.term))


def load_glossary(path, display=None):
    """Read and validate a glossary file; `display` is the name used in messages."""
    path = Path(path)
    shown = str(display or path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError([f"{shown}:1: (file): cannot read the glossary file ({exc.strerror})"]) from None
    return parse_glossary(text, shown)


def collation_key(text):
    """`text` as a reader alphabetises it: case and accents set aside (é with e, Arabic أ إ آ with ا), except
    the Spanish ñ, a letter of its own after n."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold().replace("ñ", "n\uffff"))
                   if not unicodedata.combining(ch))


def _letter(term):
    first = collation_key(term.term)[:1].upper()
    return first if first.isalpha() else "#"


def _plural_of(name, base):
    name, base = name.casefold(), base.casefold()
    return name in (base + "s", base + "es") or (base.endswith("y") and name == base[:-1] + "ies")


def other_names(term):
    """Aliases worth showing as 'Also called': genuine synonyms, not plurals of a name."""
    shown: list[str] = []
    for alias in term.aliases:
        if not any(_plural_of(alias, base) for base in (term.term, *shown)):
            shown.append(alias)
    return shown


def render_glossary(terms):
    """Markdown for the glossary page: a heading per letter, then a definition list in HTML, in the language
    the engine speaks at the time (:func:`pyscript_tools.engine.i18n.language`).

    Each term is a <dt> whose id is the term id, so /glossary/#machine-learning works.
    """
    out, current = [], None
    for term in terms:
        letter = _letter(term)
        if letter != current:
            if current is not None:
                out.append("</dl>\n")
            slug = "other" if letter == "#" else letter.lower()
            out.append(f"## {letter} {{#letter-{slug}}}\n")
            out.append('<dl class="tk-glossary">')
            current = letter
        also = ""
        shown = other_names(term)
        if shown:
            names = html.escape(tr("Also called: {names}.", names=listed(shown)), quote=False)
            also = f' <span class="tk-glossary__aliases">{names}</span>'
        out.append(f'<dt id="{term.id}"><strong>{html.escape(term.term, quote=False)}</strong></dt>')
        out.append(f"<dd>{html.escape(term.definition, quote=False)}{also}</dd>")
    if current is not None:
        out.append("</dl>\n")
    return "\n".join(out)


def variants(name):
    """Spellings of a name that should get a tooltip: as written, plus the
    sentence-start form ("Training data") and, for a capitalised word that is
    not an acronym, the lower-case form ("Fairness" -> "fairness")."""
    found = [name]
    if name[:1].islower():
        found.append(name[:1].upper() + name[1:])
    elif name[:1].isupper() and name[1:2].islower():
        found.append(name[:1].lower() + name[1:])
    return found


def abbreviations(terms, skip=()):
    """Markdown abbreviation definitions (`*[name]: definition`) for every term and alias.

    Names in `skip` (compared case-insensitively) are left out, e.g. those a page defines itself.
    """
    skip = {s.casefold() for s in skip}
    lines, done = [], set()
    for term in terms:
        for name in term.names:
            for spelling in variants(name):
                if spelling in done or spelling.casefold() in skip:
                    continue
                done.add(spelling)
                lines.append(f"*[{spelling}]: {term.definition}")
    # One block per definition: a single long block makes every block processor rescan it per line.
    return "\n\n".join(lines)


ABBR_DEF_RE = re.compile(r"^\*\[([^\]]+)\]:", re.MULTILINE)


def page_abbreviations(markdown):
    """Names a page already defines as abbreviations."""
    return set(ABBR_DEF_RE.findall(markdown))


_TAG_RE = re.compile(r"<(/?)(a|abbr|h[1-6])\b([^>]*)>", re.IGNORECASE)


def focusable_abbrs(html_text):
    """Post-process a page's HTML so that definitions are reachable but not noisy.

    - Headings get no tooltips: <abbr> wrappers inside <h1>-<h6> are removed.
    - The first <abbr> for each title that is not inside a link gets tabindex="0",
      so keyboard users can focus it and see its tooltip; later repeats stay out of
      the tab order so a page does not fill up with tab stops.
    """
    seen, link_depth, in_heading, drop_close = set(), 0, False, False
    parts, pos = [], 0

    def replace(match, text):
        nonlocal pos
        parts.append(html_text[pos:match.start()])
        parts.append(text)
        pos = match.end()

    for match in _TAG_RE.finditer(html_text):
        closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if tag == "a":
            link_depth = max(0, link_depth + (-1 if closing else 1))
        elif tag.startswith("h"):
            in_heading = not closing
        elif closing:
            if drop_close:
                replace(match, "")
                drop_close = False
        elif in_heading:
            replace(match, "")
            drop_close = True
        elif not link_depth and "tabindex" not in attrs:
            title = re.search(r'title="([^"]*)"', attrs)
            if title and title.group(1) not in seen:
                seen.add(title.group(1))
                replace(match, f'<abbr{attrs} tabindex="0">')
    parts.append(html_text[pos:])
    return "".join(parts)
