"""A table as data, so one kind's rows render alike as HTML and as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import text


class Table(NamedTuple):
    """``rows`` hold plain values (shown as text; None as nothing); each row's first cell names it."""

    name: str  # what the table is, for its CSS modifier: sections, chart, answers, ...
    caption: str
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Any]]
    title: str = ""  # what the table is about, in a few words (a section's title), for headings


def to_html(table: Table) -> str:
    out = ['<table class="tk-table tk-table--%s"><caption>%s</caption><thead><tr>'
           % (text.html(table.name), text.html(table.caption))]
    out += ['<th scope="col">%s</th>' % text.html(h) for h in table.headers]
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        cells = ['<th scope="row">%s</th>' % text.html(row[0])]
        cells += ["<td>%s</td>" % text.html(cell) for cell in row[1:]]
        out.append("<tr>%s</tr>" % "".join(cells))
    out.append("</tbody></table>")
    return "".join(out)


def to_markdown(table: Table) -> list[str]:
    lines = ["| %s |" % " | ".join(text.markdown(h) for h in table.headers),
             "| %s |" % " | ".join("---" for _ in table.headers)]
    lines += ["| %s |" % " | ".join(text.markdown(cell) for cell in row) for row in table.rows]
    return lines
