"""The report as one self-contained HTML file: it opens in any browser, offline, and prints cleanly to
PDF: the title once, a summary on page one (the level, whether it is provisional, what the law requires,
what to do first), then the rest; no heading left alone at the foot of a page, no short table split, no
word cut. The page's "Print or save as PDF" prints this very file."""

from __future__ import annotations

from .. import text
from ..i18n import current, direction, tr
from ..result import Result
from .answers_table import answer_tables
from .html import render_html
from .table import to_html

STYLE = """
:root { color-scheme: light; --ink: #1f1f1f; --muted: #555; --line: #c9c9c9; --panel: #f4f4f6; --accent: #303f9f; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; } h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
a { color: var(--accent); }
.tk-report__meta, .tk-summary__note, .tk-level__note, .tk-report__footer { color: var(--muted); font-size: .9rem; }
.tk-summary__headline { font-size: 1.2rem; padding: .5rem .8rem; margin: .8rem 0; background: var(--panel);
  border-inline-start: .4rem solid var(--tk-level-color, var(--accent)); }
.tk-summary__provisional { font-weight: 700; }
.tk-actions { padding-inline-start: 1.4rem; } .tk-actions__item { margin: 0 0 .8rem; padding-inline-start: .4rem;
  border-inline-start: .25rem solid var(--tk-level-color, transparent); }
.tk-actions__item p, .tk-recommendations__item p { margin: .15rem 0; }
.tk-recommendations__question { font-weight: 700; }
.tk-summary__prohibited, .tk-law__rule--prohibited { border-inline-start: .5rem solid var(--ink); padding: .3rem .6rem;
  background: var(--panel); }
.tk-law__rule { margin: .5rem 0; } .tk-law__rule p, .tk-law__checklist p { margin: .15rem 0; }
.tk-law__refs, .tk-law__when, .tk-law__meta, .tk-law__note { color: var(--muted); font-size: .9rem; }
.tk-figure { margin: 1rem 0; } .tk-figure svg { width: 100%; max-width: 34rem; height: auto; display: block; }
.tk-figure figcaption { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .85rem; }
caption { text-align: start; font-weight: 700; padding: .3rem 0; }
th, td { text-align: start; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); } tbody th { font-weight: 400; }
details > summary { font-weight: 700; cursor: pointer; margin: .8rem 0 .4rem; }
.tk-table__overdue { color: #b3261e; }
@page { margin: 13mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.4; }
  table { font-size: 8.5pt; } th, td { padding: .2rem .4rem; }
  .tk-figure svg { max-width: 11cm; margin: 0 auto; }
  .tk-summary__headline { margin: .4rem 0; } .tk-actions__item { margin-bottom: .5rem; }
  h1, h2, h3, h4, caption, summary, .tk-recommendations__question, .tk-actions__title { break-after: avoid; }
  tr, li, .tk-figure, .tk-summary, .tk-level, .tk-law__rule, table.tk-table--short { break-inside: avoid; }
  thead { display: table-header-group; } th, td { overflow-wrap: normal; word-break: normal; hyphens: manual; }
  .tk-report__more { break-before: page; }
  details > summary { list-style: none; } details > summary::-webkit-details-marker { display: none; }
  a { color: inherit; }
}
"""


def report_body(result: Result, name: str = "", date: str = "", base_url: str = "", site_name: str = "") -> str:
    """The report's content: title, what it is about, summary, what to do first, chart, what is particular
    about each kind of system chosen (risk), detail, answers."""
    html = render_html(result, base_url=base_url, name="", heading_level=2, on_page=False)
    meta = [text.html(tr("Assessment: {name}", name=name))] if name else []
    meta += [text.html(tr("Report date: {date}", date=date))] if date else []
    meta.append(text.html(tr("{title}, version {version}", title=result.get("title"), version=result.get("version"))))
    answers = "".join(to_html(table) for table in answer_tables(result, answered_only=True, advice=True))
    detail = ('<div class="tk-report__detail"><h2>%s</h2>%s</div>' % (
        text.html(tr("In detail")), html["details"].replace("<details ", "<details open "))
        if "<details " in html["details"] else "")  # some kinds (risk) have no detailed panels
    return "".join([
        '<header class="tk-report__header"><h1>%s</h1><p class="tk-report__meta">%s</p></header>'
        % (text.html(result.get("title")), " · ".join(meta)),
        '<main class="tk-report">', html["summary"], html["priorities"],
        '<div class="tk-report__more">', html["law"], html["level"], html["chart"], html["profiles"], "</div>",
        detail,
        '<section class="tk-report__answers"><h2>%s</h2>%s</section>' % (text.html(tr("The answers given")), answers),
        "</main>",
        '<footer class="tk-report__footer"><p>%s</p></footer>' % text.html(tr(
            "Made in the browser by {site}. Nothing in this report was sent anywhere. The score is an indicative"
            " self-assessment aid, not an official formula.", site=site_name or tr("the Responsible AI Toolkit site"))),
    ])


# A report opened from disk runs no script and fetches nothing, whatever its text holds: everything in it is
# escaped already, and this policy is the second line of defence. Links still open when followed.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def page(title: str, body: str) -> str:
    """A report as one HTML file around `body` (styles inside, no script, nothing fetched), in the language's
    direction; `title` is text."""
    return ('<!doctype html><html lang="%s" dir="%s"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="%s">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>%s</title><style>%s</style></head><body>%s</body></html>"
            % (current(), direction(), POLICY, text.html(title), STYLE, body))


def report_title(result: Result, name: str = "") -> str:
    return str(result.get("title") or "") + (" – %s" % name if name else "")


def report_document(result: Result, name: str = "", date: str = "", base_url: str = "", site_name: str = "") -> str:
    """The whole report as one HTML file."""
    return page(report_title(result, name), report_body(result, name, date, base_url, site_name))
