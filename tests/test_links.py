"""Every link and asset reference in the built site resolves: the file exists and so does the #fragment.

Complements MkDocs' own checks (which see Markdown links only) with what ends up in the HTML: theme links,
generated pages (primers, glossary, widgets), plugin output and hand-written HTML in pages. External
http(s) links are not fetched; they are listed, and none of them may be an asset the page would load.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Attributes that hold a URL, per element (None: any element).
URL_ATTRIBUTES = {
    "href": None,
    "src": None,
    "poster": {"video"},
    "data": {"object"},
    "action": {"form"},
    "formaction": {"button", "input"},
    "data-url": None,  # widget example files
}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")
# A reference the browser loads by itself (as opposed to a link the reader follows).
ASSET_ELEMENTS = {"script", "img", "source", "video", "audio", "track", "iframe", "embed", "object", "input"}
ASSET_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                   "manifest", "mask-icon", "dns-prefetch", "preconnect"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Reference:
    page: str  # site-relative path of the HTML file
    line: int
    tag: str
    attribute: str
    url: str
    is_asset: bool

    def where(self) -> str:
        return f"{self.page}:{self.line} <{self.tag} {self.attribute}=\"{self.url}\">"


@dataclass
class ParsedPage:
    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.result = ParsedPage()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.result.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.result.ids.add(values["name"])
        rels = set((values.get("rel") or "").lower().split())
        for name, value in attrs:
            elements = URL_ATTRIBUTES.get(name, ())
            if elements == () or value is None or (elements is not None and tag not in elements):
                continue
            is_asset = tag in ASSET_ELEMENTS or (tag == "link" and bool(rels & ASSET_LINK_RELS))
            self.result.references.append(
                Reference(self.page, self.getpos()[0], tag, name, value.strip(), is_asset)
            )
        if values.get("srcset"):
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.result.references.append(Reference(self.page, self.getpos()[0], tag, "srcset", url, True))

    handle_startendtag = handle_starttag


@cache
def parse(path: Path, site: Path) -> ParsedPage:
    collector = _Collector(path.relative_to(site).as_posix())
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.result


def html_pages(site: Path) -> list[Path]:
    return sorted(site.resolve().rglob("*.html"))


def is_external(url: str) -> bool:
    return url.startswith("//") or bool(urlsplit(url).scheme)


def resolve(site: Path, page: str, url: str) -> tuple[Path | None, str]:
    """The file a same-site URL names (None if it names nothing) and its fragment."""
    parts = urlsplit(urljoin("/" + page, url))
    path = unquote(parts.path)
    site = site.resolve()
    target = (site / path.lstrip("/")).resolve()
    if site not in (target, *target.parents):
        return None, parts.fragment
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return (target if target.is_file() else None), unquote(parts.fragment)


def all_references(site: Path) -> list[Reference]:
    return [ref for html in html_pages(site) for ref in parse(html, site).references]


def test_site_has_pages(built_site: Path):
    assert len(html_pages(built_site)) > 10


def test_every_internal_link_resolves(built_site: Path):
    built_site = built_site.resolve()
    broken: list[str] = []
    checked = 0
    for ref in all_references(built_site):
        if not ref.url or ref.url.startswith(SKIPPED_SCHEMES) or is_external(ref.url):
            continue
        checked += 1
        target, fragment = resolve(built_site, ref.page, ref.url)
        if target is None:
            broken.append(f"{ref.where()}: no such file")
            continue
        if fragment and target.suffix == ".html" and fragment not in parse(target, built_site).ids:
            broken.append(f"{ref.where()}: no id=\"{fragment}\" in {target.relative_to(built_site).as_posix()}")
    assert checked > 100, checked
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_external_links_are_never_assets(built_site: Path):
    """Outside addresses may be links a reader follows, never something a page loads by itself."""
    external = [ref for ref in all_references(built_site) if is_external(ref.url)]
    assets = [ref.where() for ref in external if ref.is_asset]
    assert not assets, "pages load assets from outside the site:\n" + "\n".join(assets)
    for css in sorted(built_site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            assert not is_external(url) or url.startswith("data:"), f"{css.relative_to(built_site)} loads {url}"
    # For the record (pytest -rA shows it): the outside pages the site links to.
    print("external links:\n" + "\n".join(sorted({f"{ref.url}  ({ref.page})" for ref in external})))


def test_resolver_catches_broken_links(tmp_path: Path):
    """The checker itself: a missing page and a missing anchor are both reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    assert resolve(tmp_path, "index.html", "a/#here")[0] == (tmp_path / "a" / "index.html").resolve()
    assert resolve(tmp_path, "b/index.html", "../a/")[1] == ""
    assert resolve(tmp_path, "index.html", "missing/")[0] is None
    assert resolve(tmp_path, "index.html", "../../etc/passwd")[0] is None
    assert "here" in parse((tmp_path / "a" / "index.html").resolve(), tmp_path.resolve()).ids


@pytest.mark.parametrize("url", ["https://example.org/", "//cdn.example.org/x.js", "http://x"])
def test_is_external(url: str):
    assert is_external(url)


def test_maintainers_pages_are_published_outside_the_readers_navigation(built_site: Path):
    """The readers' navigation leaves the maintainers' pages out; every page's footer links to their index."""
    pages = sorted(built_site.rglob("index.html"))
    maintainers = [p for p in pages if "maintainers" in p.relative_to(built_site).parts]
    assert len(maintainers) > 3, "the maintainers' pages are still published"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        primary = html[html.index('md-sidebar--primary'):html.index('md-sidebar--secondary')]
        assert "maintainers/" not in primary or page in maintainers, page
        footer = html[html.index('class="md-footer'):]
        link = re.search(r'<nav class="tk-footer-links"[^>]*>\s*<a href="([^"]+)"', footer)
        assert link, f"{page}: no link to the maintainers' pages in the footer"
        assert (page.parent / link.group(1) / "index.html").resolve() == built_site / "maintainers" / "index.html"
