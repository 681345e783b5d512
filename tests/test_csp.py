"""The Content Security Policy plugin: the site's own origin only, inline theme scripts pinned by hash."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from plugins.csp.policy import inline_script_hashes, with_policy

TEMPLATE = "default-src 'self'; script-src 'self'{hashes}"


def sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_inline_scripts_are_hashed_and_data_blocks_ignored():
    html = '<script>a()</script><script src="x.js"></script><script type="application/json">{}</script><script>a()</script>'
    assert inline_script_hashes(html) == [sha("a()")]


def test_policy_is_the_first_element_of_head():
    page = with_policy("<html><head><title>t</title><script>b()</script></head></html>", TEMPLATE)
    meta = f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' {sha('b()')}\">"
    assert page.startswith(f"<html><head>{meta}")


def test_every_built_page_has_a_policy_that_allows_only_its_own_inline_scripts(built_site: Path):
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, f"{html_file} has no Content-Security-Policy"
        policy = match.group(1)
        assert "default-src 'self'" in policy and "http" not in policy, policy
        for source in inline_script_hashes(html):
            assert source in policy
