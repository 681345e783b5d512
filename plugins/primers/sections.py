"""Collect role-tagged sections from rendered page HTML (no MkDocs import here).

A guidance heading such as::

    ## Necessity {#necessity data-roles="legal-data-protection executive-leadership"}

renders as ``<h2 data-roles="..." id="necessity">Necessity<a class="headerlink" ...>``.
By the site's rule the first paragraph under it is a self-contained summary;
the primers lift the heading and that paragraph, with a link back.

Only inline formatting survives the lift (links, emphasis, code); links are
made site-root-relative so that they can be re-targeted from anywhere.
"""
from __future__ import annotations

import html as htmllib
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
KEEP = {"a", "strong", "em", "b", "i", "code", "abbr", "sub", "sup"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
_BASE = "http://site.invalid/"


@dataclass(frozen=True)
class Section:
    page_url: str  # site-root-relative URL of the page, e.g. "principles/lawfulness/"
    page_title: str
    anchor: str
    title: str  # heading text
    summary: str  # inline HTML of the first paragraph ("" if there is none)
    roles: tuple[str, ...]
    approaches: tuple[str, ...]
    level: int
    language: str = ""  # the page's language when it differs from the build's (a page not yet translated)

    @property
    def url(self) -> str:
        return f"{self.page_url}#{self.anchor}"


def site_path(href: str, page_url: str) -> str | None:
    """Resolve *href* (as written in a page at *page_url*) to a site-root path; None if external."""
    joined = urljoin(_BASE + page_url, href)
    if not joined.startswith(_BASE):
        return None
    return joined[len(_BASE):]


def relative_url(target: str, base: str) -> str:
    """Relative URL from the page at site path *base* to site path *target* (both may carry #frag)."""
    target_path, _, frag = target.partition("#")
    base_dir = base.partition("#")[0]
    base_dir = base_dir[: base_dir.rfind("/") + 1] if "/" in base_dir else ""
    t_parts, b_parts = target_path.split("/"), base_dir.split("/")[:-1]
    common = 0
    while common < min(len(t_parts) - 1, len(b_parts)) and t_parts[common] == b_parts[common]:
        common += 1
    rel = "../" * (len(b_parts) - common) + "/".join(t_parts[common:])
    rel = rel or "./"
    return f"{rel}#{frag}" if frag else rel


class _Collector(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.depth = 0
        self.found: list[dict] = []
        self.heading: dict | None = None  # heading being read
        self.want: dict | None = None  # heading whose paragraph we still want
        self.para: dict | None = None  # paragraph being read
        self.skip = 0  # inside a headerlink
        self.stack: list[str] = []

    # heading text and paragraph html are built here
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if self.para is not None and tag == "br":
                self.para["html"].append(" ")
            return
        self.depth += 1
        self.stack.append(tag)
        if self.skip:
            self.skip += 1
            return
        if tag in HEADINGS:
            self.want = None
            if self.para is not None:
                self.para = None
            if a.get("data-roles"):
                self.heading = {
                    "tag": tag, "depth": self.depth, "id": a.get("id", ""), "text": [],
                    "roles": tuple(a["data-roles"].split()),
                    "approaches": tuple((a.get("data-approaches") or "").split()),
                }
            return
        if self.heading is not None:
            if tag == "a" and "headerlink" in (a.get("class") or "").split():
                self.skip = 1
            return
        if tag == "p" and self.want is not None and self.para is None and self.depth == self.want["depth"]:
            self.para = {"depth": self.depth, "html": []}
            return
        if self.para is not None and tag in KEEP:
            self.para["html"].append(self._open(tag, a))

    def _open(self, tag, a):
        if tag == "a":
            href = a.get("href") or ""
            path = site_path(href, self.page_url) if href else None
            if href.startswith("#"):
                path = f"{self.page_url}{href}"
            target = path if path is not None else href
            return f'<a data-site-path="{htmllib.escape(path or "")}" href="{htmllib.escape(target)}">'
        if tag == "abbr" and a.get("title"):
            return f'<abbr title="{htmllib.escape(a["title"])}">'
        return f"<{tag}>"

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # tolerate sloppy HTML: pop to the matching tag
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.depth -= 1
            if self.skip:
                self.skip -= 1
                if top == tag:
                    return
                continue
            if self.heading is not None and top in HEADINGS and self.depth + 1 == self.heading["depth"]:
                h = self.heading
                self.heading = None
                h["text"] = " ".join("".join(h["text"]).split())
                h["summary"] = ""
                self.found.append(h)
                self.want = h
            elif self.para is not None and self.want is not None and top == "p" and self.depth + 1 == self.para["depth"]:
                self.want["summary"] = " ".join("".join(self.para["html"]).split())
                self.want = None
                self.para = None
            elif self.para is not None and top in KEEP:
                self.para["html"].append(f"</{top}>")
            elif self.want is not None and self.depth < self.want["depth"] - 1:
                self.want = None  # left the heading's container without a paragraph
            if top == tag:
                return

    def handle_data(self, data):
        if self.skip:
            return
        if self.heading is not None:
            self.heading["text"].append(data)
        elif self.para is not None:
            self.para["html"].append(htmllib.escape(data, quote=False))


def collect(html: str, page_url: str, page_title: str, language: str = "") -> list[Section]:
    """Every heading with data-roles in *html*, with the first paragraph that follows it (``language``:
    the page's, when it is not the build's)."""
    if "data-roles" not in html:  # most pages, among them the long tool pages: nothing to read
        return []
    parser = _Collector(page_url)
    parser.feed(html)
    parser.close()
    out = []
    for h in parser.found:
        out.append(Section(
            page_url=page_url, page_title=page_title, anchor=h["id"], title=h["text"],
            summary=h.get("summary", ""), roles=h["roles"], approaches=h["approaches"],
            level=int(h["tag"][1]), language=language,
        ))
    return out


def retarget(summary_html: str, link) -> str:
    """Rewrite the hrefs of a lifted summary: *link(site_path)* gives the new href."""
    import re

    def sub(m):
        path = htmllib.unescape(m.group(1))
        return f'<a href="{htmllib.escape(link(path))}">' if path else m.group(0).replace('data-site-path="" ', "")

    return re.sub(r'<a data-site-path="([^"]*)" href="[^"]*">', sub, summary_html)


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme)
