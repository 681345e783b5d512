"""Build-time: the anchors of every page under docs/ (for link validation).

An anchor is an explicit attr_list id (``## Title {#id ...}``, ``{: #id}``, ``id="..."``
in raw HTML) or, for a heading without one, Python-Markdown toc's default slug
(with ``_1``, ``_2`` suffixes for repeated slugs).  Fenced code is skipped.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
ATTR_RE = re.compile(r"\{:?\s*([^}]*)\}\s*$")
ATTR_ID_RE = re.compile(r"(?:^|\s)#([A-Za-z0-9_:.-]+)")
HTML_ID_RE = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
INLINE_ATTR_RE = re.compile(r"\{:?\s*[^}]*?(?:^|\s)#([A-Za-z0-9_:.-]+)[^}]*\}")
FENCE_RE = re.compile(r"^\s*(```+|~~~+)")
TAG_RE = re.compile(r"<[^>]+>")


def slugify(value, separator="-"):
    """Python-Markdown toc's default slugify."""
    value = unicodedata.normalize("NFKD", value)
    value = value.encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def _plain(text):
    """Approximate the heading text toc sees: no tags, no emphasis/code/link markup."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = TAG_RE.sub("", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return html.unescape(text)


def page_anchors(text):
    """Return the set of anchors defined in one Markdown page."""
    anchors: set[str] = set()
    used: dict[str, int] = {}
    in_fence = None
    front = text.startswith("---\n")
    for i, line in enumerate(text.splitlines()):
        if front:
            if i > 0 and line.strip() in ("---", "..."):
                front = False
            continue
        m = FENCE_RE.match(line)
        if m:
            mark = m.group(1)
            if in_fence is None:
                in_fence = mark[0] * 3
            elif mark.startswith(in_fence):
                in_fence = None
            continue
        if in_fence:
            continue
        for hid in HTML_ID_RE.findall(line):
            anchors.add(hid)
        h = HEADING_RE.match(line)
        if h:
            content = h.group(2)
            attr = ATTR_RE.search(content)
            explicit = None
            if attr:
                idm = ATTR_ID_RE.search(" " + attr.group(1))
                if idm:
                    explicit = idm.group(1)
                content = content[: attr.start()].rstrip()
            if explicit:
                anchors.add(explicit)
                used[explicit] = used.get(explicit, 0)
                continue
            slug = slugify(_plain(content))
            if slug in used:
                n = used[slug]
                candidate = "%s_%d" % (slug, n + 1)
                while candidate in used:
                    n += 1
                    candidate = "%s_%d" % (slug, n + 1)
                used[slug] = n + 1
                slug = candidate
            used[slug] = used.get(slug, 0)
            anchors.add(slug)
            continue
        for aid in INLINE_ATTR_RE.findall(line):
            anchors.add(aid)
    return anchors


def scan_docs_anchors(docs_dir):
    """{docs-relative page path (with '/'): set of anchors} for every .md under docs_dir."""
    out = {}
    for root, dirs, files in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            full = os.path.join(root, name)
            rel = os.path.relpath(full, docs_dir).replace(os.sep, "/")
            try:
                with open(full, encoding="utf-8") as fh:
                    out[rel] = page_anchors(fh.read())
            except (OSError, UnicodeDecodeError):
                out[rel] = set()
    return out
