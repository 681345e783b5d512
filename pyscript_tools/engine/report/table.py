"""A table as data, so one kind's rows render alike as HTML and as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import text

SHORT_ROWS = 12  # a table this short is kept whole on a printed page


class Table(NamedTuple):
    """``rows`` hold plain values (shown as text; None as nothing); each row's first cell names it."""

    name: str  # what the table is, for its CSS modifier: sections, chart, answers, ...
    caption: str
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Any]]
    title: str = ""  # what the table is about, in a few words (a section's title), for headings


def to_html(table: Table) -> str:
    short = " tk-table--short" if len(table.rows) <= SHORT_ROWS else ""  # printed on one page, never split
    out = ['<table class="tk-table tk-table--%s%s"><caption>%s</caption><thead><tr>'
           % (text.html(table.name), short, text.html(table.caption))]
    out += ['<th scope="col">%s</th>' % text.html(h) for h in table.headers]
    out.append("</tr></thead><tbody>")
    for row in table.rows:  # each cell names its column (data-label), for tables read as cards on a phone
        cells = ['<th scope="row">%s</th>' % text.html(row[0])]
        cells += ['<td data-label="%s">%s</td>' % (text.html(header), text.html(cell))
                  for header, cell in zip(table.headers[1:], row[1:])]
        out.append("<tr>%s</tr>" % "".join(cells))
    out.append("</tbody></table>")
    return "".join(out)


def to_markdown(table: Table) -> list[str]:
    lines = ["| %s |" % " | ".join(text.markdown(h) for h in table.headers),
             "| %s |" % " | ".join("---" for _ in table.headers)]
    lines += ["| %s |" % " | ".join(text.markdown(cell) for cell in row) for row in table.rows]
    return lines
