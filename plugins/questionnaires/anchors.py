"""Collect the anchors a rendered page really has, to check links against the built site."""
from __future__ import annotations

import re

_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def html_anchors(html: str) -> set[str]:
    """Every element id in a fragment of HTML."""
    return set(_ID.findall(html))
