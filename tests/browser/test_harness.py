"""The browser the tests drive behaves as conftest.py says: a Chromium update that reads a flag differently
fails here, instead of slowing every browser test unseen. (That every context says whether the service
worker runs is read from the tests' source, without a browser: tests/test_browser_contexts.py.)"""
from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.questionnaire_helpers import ENGINE_MS, begin, open_tool, result, show_result, wait_engine

TRACED = {"includedCategories": ["v8.wasm", "disabled-by-default-v8.compile"]}


def test_neither_webassembly_nor_javascript_reaches_v8_s_optimising_tier(browser: Browser, site_url: str):
    """TEST_FLAGS keep V8 out of its optimising compiler (TurboFan): the engine starts and scores an answer,
    and V8 compiles the runtime's WebAssembly only in its baseline tier and the page's and the worker's
    JavaScript at most in its mid tier (Maglev)."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        events: list[dict] = []
        ended: list[bool] = []
        session.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
        session.on("Tracing.tracingComplete", lambda _: ended.append(True))
        session.send("Tracing.start", {"traceConfig": TRACED, "transferMode": "ReportEvents"})
        open_tool(page, site_url, "readiness")
        wait_engine(page)
        begin(page)
        page.locator("section[data-section]:visible fieldset[data-question] input").first.check()
        show_result(page)
        expect(result(page).locator(".tk-summary__headline")).to_be_visible(timeout=ENGINE_MS)
        session.send("Tracing.end")
        for _ in range(100):  # the trace's last chunks arrive as events, a moment later
            if ended:
                break
            page.wait_for_timeout(50)
    finally:
        context.close()
    assert ended, "the trace did not end"
    compiled = {event["name"] for event in events}
    assert "wasm.CompileLazy" in compiled, "the trace saw no WebAssembly compiled: nothing to judge"
    assert "wasm.TopTierCompilation" not in compiled
    assert "V8.MaglevTask" in compiled, "the trace saw no JavaScript optimised: nothing to judge"
    assert "V8.TurbofanTask" not in compiled
