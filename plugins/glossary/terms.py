"""Load, validate and render the site glossary (no MkDocs import here).

The glossary lives in one YAML file, a list of entries::

    - term: Machine learning
      id: machine-learning
      definition: One or two sentences in plain words.
      aliases: [ML]            # optional

Errors carry the file name, the line and the field, so that a broken entry
can be fixed without reading a traceback.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = ("term", "id", "definition", "aliases")
REQUIRED = ("term", "id", "definition")
MAX_DEFINITION = 400  # characters: a tooltip, not an essay


class GlossaryError(Exception):
    """A problem in the glossary file, already phrased for the author."""

    def __init__(self, path, line, field_name, problem):
        self.path, self.line, self.field, self.problem = str(path), line, field_name, problem
        where = f"{self.path}:{line}" if line else self.path
        what = f" [{field_name}]" if field_name else ""
        super().__init__(f"{where}{what}: {problem}")


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


def _line(node):
    return node.start_mark.line + 1


def _scalar(path, node, name):
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise GlossaryError(path, _line(node), name, "must be a text value")
    text = " ".join(str(node.value).split())
    if not text:
        raise GlossaryError(path, _line(node), name, "must not be empty")
    return text


def _entry(path, node):
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(path, _line(node), None, "each entry must be a mapping with term, id and definition")
    values, lines = {}, {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in FIELDS:
            raise GlossaryError(path, _line(key_node), key, f"unknown field (allowed: {', '.join(FIELDS)})")
        if key in values:
            raise GlossaryError(path, _line(key_node), key, "field given twice")
        lines[key] = _line(value_node)
        if key == "aliases":
            if not isinstance(value_node, yaml.SequenceNode):
                raise GlossaryError(path, _line(value_node), key, "must be a list of text values")
            values[key] = tuple(_scalar(path, item, key) for item in value_node.value)
        else:
            values[key] = _scalar(path, value_node, key)
    for key in REQUIRED:
        if key not in values:
            raise GlossaryError(path, _line(node), key, "missing required field")
    if not ID_RE.match(values["id"]):
        raise GlossaryError(path, lines["id"], "id", f"{values['id']!r} must be lower-case words joined by hyphens")
    if len(values["definition"]) > MAX_DEFINITION:
        raise GlossaryError(path, lines["definition"], "definition",
                            f"too long ({len(values['definition'])} > {MAX_DEFINITION} characters)")
    for name in values.get("aliases", ()):
        if any(ch in name for ch in "[]*\n"):
            raise GlossaryError(path, lines["aliases"], "aliases", f"{name!r} contains a character not allowed in a term")
    if any(ch in values["term"] for ch in "[]*"):
        raise GlossaryError(path, lines["term"], "term", "contains a character not allowed in a term")
    return Term(values["term"], values["id"], values["definition"], values.get("aliases", ()), _line(node))


def parse_glossary(text, path="glossary.yml"):
    """Parse YAML text into a list of Terms sorted alphabetically."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise GlossaryError(path, mark.line + 1 if mark else 0, None, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise GlossaryError(path, 0, None, f"invalid YAML: {exc}") from None
    if root is None:
        raise GlossaryError(path, 1, None, "the file is empty; expected a list of terms")
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(path, _line(root), None, "the file must be a list of terms")
    terms, seen_ids, seen_names = [], {}, {}
    for node in root.value:
        term = _entry(path, node)
        if term.id in seen_ids:
            raise GlossaryError(path, term.line, "id", f"duplicate id {term.id!r} (first used on line {seen_ids[term.id]})")
        seen_ids[term.id] = term.line
        for name in term.names:
            key = name.casefold()
            if key in seen_names:
                raise GlossaryError(path, term.line, "term" if name == term.term else "aliases",
                                    f"{name!r} is already defined on line {seen_names[key]}")
            seen_names[key] = term.line
        terms.append(term)
    return sorted(terms, key=lambda t: t.term.casefold())


def load_glossary(path, display=None):
    """Read and validate a glossary file; `display` is the name used in messages."""
    path = Path(path)
    shown = display or path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GlossaryError(shown, 0, None, f"cannot read the glossary file ({exc.strerror})") from None
    return parse_glossary(text, shown)


def _letter(term):
    first = term.term[:1].upper()
    return first if first.isalpha() else "#"


def _plural_of(name, base):
    name, base = name.casefold(), base.casefold()
    return name in (base + "s", base + "es") or (base.endswith("y") and name == base[:-1] + "ies")


def other_names(term):
    """Aliases worth showing as 'Also called': genuine synonyms, not plurals of a name."""
    shown = []
    for alias in term.aliases:
        if not any(_plural_of(alias, base) for base in (term.term, *shown)):
            shown.append(alias)
    return shown


def render_glossary(terms):
    """Markdown for the glossary page: a heading per letter, then a definition list in HTML.

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
            out.append('<dl class="toolkit-glossary">')
            current = letter
        also = ""
        shown = other_names(term)
        if shown:
            names = ", ".join(html.escape(a, quote=False) for a in shown)
            also = f' <span class="toolkit-glossary__aliases">Also called: {names}.</span>'
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
