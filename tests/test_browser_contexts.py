"""The browser tests' own contexts, read from their source (no browser needed, so `make test-fast` runs it)."""
from __future__ import annotations

import ast
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def test_every_context_a_test_opens_says_whether_the_service_worker_runs():
    """A context that lets the site's service worker run keeps the whole site (the runtime and its snapshot
    included) while its test goes on: about half the processor time of the tests that opened one by mistake.
    So each `new_context` call in the browser tests chooses, as `service_workers="block"` or `"allow"`."""
    unsaid = []
    for path in sorted(BROWSER_TESTS.glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "new_context":
                keywords = {keyword.arg for keyword in call.keywords}
                if "service_workers" not in keywords and None not in keywords:  # None: a **mapping passed on
                    unsaid.append(f"{path.name}:{call.lineno}")
    assert unsaid == [], f"these contexts do not say whether the service worker runs: {unsaid}"
