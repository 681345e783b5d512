"""Build a page's policy from its HTML: hash each inline script so nothing else inline can run."""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for every executable inline script in `html`, in order, without repeats."""
    hashes: list[str] = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if "application/json" in attributes:
            continue  # a data block, never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def with_policy(html: str, template: str) -> str:
    """`html` with a CSP meta element as the first child of <head>."""
    hashes = inline_script_hashes(html)
    policy = template.format(hashes="".join(f" {source}" for source in hashes))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _HEAD.sub(lambda head: head.group(0) + meta, html, count=1)
