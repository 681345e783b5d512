"""Collect the anchors a rendered page really has, to check links against the built site."""
from __future__ import annotations

import re
from html import unescape

_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def html_anchors(html: str) -> set[str]:
    """Every element id in a fragment of HTML."""
    return set(_ID.findall(html))


_HEADING_TITLE = re.compile(r"<h[1-6][^>]*\sid=[\"']([^\"']+)[\"'][^>]*>(.*?)</h[1-6]>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r"<a[^>]*class=[\"']headerlink[\"'][^>]*>.*?</a>", re.S)


def heading_titles(html: str) -> dict[str, str]:
    """Each heading's id and its text (without the permalink sign)."""
    titles = {}
    for anchor, inner in _HEADING_TITLE.findall(html):
        text = unescape(_TAG.sub("", _PERMALINK.sub("", inner))).strip()
        if text:
            titles[anchor] = " ".join(text.split())
    return titles
