"""How the engine starts in the page: from the build's memory snapshot when it can, normally when the
snapshot is missing, damaged or made from another engine, and with the same results either way."""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from plugins.runtime.files import ENGINE_ZIP, FULL_STDLIB, PACKED, RUNTIME_DIR, STDLIB, STDLIB_MODULES, pack, trim_stdlib
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    download_unnamed,
    example_result,
    headline,
    open_tool,
    question,
    result,
    show_result,
    spreadsheet_rows,
    wait_engine,
    widget,
)

VISION = "Leadership has set out a clear vision"

def _answer_and_expect_the_cpython_result(page: Page, start: str) -> None:
    question(page, VISION).get_by_label("Partly in place").check()
    wait_engine(page)
    expect(widget(page)).to_have_attribute("data-engine-start", start)
    expected = example_result("readiness", {"culture-vision": "partial"})
    expect(result(page).locator(".tk-summary__headline")).to_have_text(headline(expected), timeout=ENGINE_MS)


def _manifest(site: Path) -> dict:
    return json.loads((site / "assets" / "pyodide" / "snapshot.json").read_text())


def _integrity(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


KEEP_SNAPSHOT = """async (url) => {
  const packed = await fetch(url);
  const inflated = new Response(packed.body.pipeThrough(new DecompressionStream("gzip")));
  await (await caches.open("kept-by-the-test")).put(url, inflated);
}"""


def _keep_the_snapshot(page: Page, site_url: str, built_site: Path) -> None:
    """Keep the snapshot unpacked in the browser's cache, as the service worker does after a first visit:
    the next start uses it whatever the pace of the link (a first visit's download is judged by its pace,
    which a busy machine can make look slow)."""
    page.goto(site_url)
    page.evaluate(KEEP_SNAPSHOT, f"{site_url}assets/pyodide/{_manifest(built_site)['file']}")


def test_a_tool_page_starts_from_a_kept_snapshot(guarded_page: Page, site_url: str, built_site):
    """A snapshot the site's cache keeps is always used (whether a first visit's download comes in time is
    a matter of pace, which `make bench` measures: under a loaded test run it may rightly not)."""
    _keep_the_snapshot(guarded_page, site_url, built_site)
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "snapshot")


def test_a_damaged_snapshot_download_falls_back_to_a_normal_start(guarded_page: Page, site_url: str, built_site):
    """A truncated download fails its integrity check."""
    snapshot = built_site / "assets" / "pyodide" / _manifest(built_site)["file"]
    guarded_page.route(f"**/{snapshot.name}", lambda route: route.fulfill(body=snapshot.read_bytes()[:100_000]))
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")


def test_a_truncated_snapshot_that_passes_its_checks_still_falls_back(guarded_page: Page, site_url: str, built_site):
    """Worse than a bad download: a snapshot cut short when it was made (its description matches it)."""
    manifest = _manifest(built_site)
    raw = gzip.decompress((built_site / "assets" / "pyodide" / manifest["file"]).read_bytes())
    cut = gzip.compress(raw[: len(raw) // 3], compresslevel=1)
    described = {**manifest, "integrity": _integrity(cut), "compressed": len(cut)}
    guarded_page.route("**/snapshot.json", lambda route: route.fulfill(json=described))
    guarded_page.route(f"**/{manifest['file']}", lambda route: route.fulfill(body=cut))
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")


def _another_engine(site: Path) -> bytes:
    """The shipped engine with bytes added to one module's bytecode (which Python ignores after the code):
    a different engine, as after an edit without a rebuild."""
    original = zipfile.ZipFile(site / RUNTIME_DIR / ENGINE_ZIP)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as changed:
        for item in original.infolist():
            data = original.read(item)
            changed.writestr(item, data + b"changed" if item.filename.endswith("vocabulary.pyc") else data)
    assert out.getvalue() != (site / RUNTIME_DIR / ENGINE_ZIP).read_bytes()
    return out.getvalue()


def test_a_snapshot_of_another_engine_is_not_used(guarded_page: Page, site_url: str, built_site):
    engine = _another_engine(built_site)
    guarded_page.route(f"**/{ENGINE_ZIP}{PACKED}", lambda route: route.fulfill(body=pack(engine)))
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")


def test_a_stale_description_is_caught_after_the_restore(guarded_page: Page, site_url: str, built_site):
    """The description claims the other engine; the restored interpreter says which engine it holds."""
    engine = _another_engine(built_site)
    claimed = {**_manifest(built_site), "engine": hashlib.sha256(engine).hexdigest()}
    guarded_page.route(f"**/{ENGINE_ZIP}{PACKED}", lambda route: route.fulfill(body=pack(engine)))
    guarded_page.route("**/snapshot.json", lambda route: route.fulfill(json=claimed))
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")


def test_a_definition_other_than_the_snapshot_s_is_read_and_used(guarded_page: Page, site_url: str, built_site):
    """The snapshot holds the build's definitions, and a page asking for the same file is not made to wait
    while it is read again; a page whose file differs (an edit, another build) has its own read and used."""
    _keep_the_snapshot(guarded_page, site_url, built_site)
    path = built_site / "assets" / "toolkit" / "questionnaires" / "en" / "readiness.json"
    edited = json.loads(path.read_text(encoding="utf-8"))
    for level in edited["levels"]:
        level["name"] = "Edited " + level["name"]
    guarded_page.route("**/questionnaires/en/readiness.json", lambda route: route.fulfill(json=edited))
    open_tool(guarded_page, site_url, "readiness")
    question(guarded_page, VISION).get_by_label("Partly in place").check()
    wait_engine(guarded_page)
    expect(widget(guarded_page)).to_have_attribute("data-engine-start", "snapshot")
    expect(result(guarded_page).locator(".tk-summary__headline")).to_contain_text("Edited ", timeout=ENGINE_MS)


def test_on_a_plain_http_address_the_tools_start_and_score(guarded_page: Page, plain_http_site_url: str):
    """Plain HTTP off localhost (an intranet host) is not a secure context: the browser offers no digests
    there, so the snapshot cannot be checked and is not used; Python starts normally, and scores."""
    open_tool(guarded_page, plain_http_site_url, "readiness")
    assert guarded_page.evaluate("isSecureContext") is False
    _answer_and_expect_the_cpython_result(guarded_page, "normal")


def test_without_a_snapshot_the_engine_starts_normally(guarded_page: Page, site_url: str):
    """From the runtime's compressed copies, as the test server (like nginx's brotli_static) sends them."""
    encodings: dict[str, str | None] = {}

    def seen(response) -> None:
        encodings[response.url.rsplit("/", 1)[-1]] = response.headers.get("content-encoding")

    guarded_page.on("response", seen)
    guarded_page.route("**/snapshot.json", lambda route: route.fulfill(status=404, body="not here"))
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")
    assert encodings["pyodide.asm.wasm"] == encodings["pyodide.asm.js"] == "br", encodings


def test_a_module_the_trimmed_standard_library_lacks_comes_from_the_whole_one(guarded_page: Page, site_url: str,
                                                                           built_site: Path, tmp_path: Path):
    """Should the trimmed library ever lack a module the engine imports (here csv, which the CSV export
    needs), the worker fetches the whole library once and the tools start, score and export as usual. A
    start with nothing missing never asks for the whole library."""
    runtime = built_site / "assets" / "pyodide"
    page, asked = guarded_page, []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith(FULL_STDLIB) else None)
    page.route("**/snapshot.json", lambda route: route.fulfill(status=404, body="not here"))
    open_tool(page, site_url, "readiness")
    wait_engine(page)
    assert asked == []
    kept = set(STDLIB_MODULES.read_text(encoding="utf-8").split())
    lacking = trim_stdlib(runtime / FULL_STDLIB, tmp_path / STDLIB, kept - {"csv.py"}).read_bytes()
    page.route(f"**/{STDLIB}{PACKED}", lambda route: route.fulfill(body=pack(lacking)))
    page.reload()
    _answer_and_expect_the_cpython_result(page, "normal")
    assert asked == [f"{site_url}assets/pyodide/{FULL_STDLIB}"]
    show_result(page)
    csv = download_unnamed(page, page.locator(".tk-panel--files").get_by_role("button", name="Answers as CSV (spreadsheet)"))
    assert spreadsheet_rows(Path(csv.path()))[0].startswith("section,question")


def test_the_worker_starts_from_the_head_and_nothing_it_says_is_lost(guarded_page: Page, site_url: str, built_site):
    """The page's <head> starts the engine's worker before any module of the page runs: with the page's
    scripts held back until Python is ready, the engine is ready as soon as they run, and it scores."""
    _keep_the_snapshot(guarded_page, site_url, built_site)
    held = []
    guarded_page.route("**/assets/toolkit/widget/widgets.js", lambda route: held.append(route))
    guarded_page.goto(f"{site_url}tools/readiness/", wait_until="commit")
    guarded_page.wait_for_function(
        "() => window.__tkEngine?.said.some(({ data }) => data?.type === 'ready')", timeout=ENGINE_MS)
    assert len(held) == 1
    held[0].continue_()
    wait_engine(guarded_page)
    _answer_and_expect_the_cpython_result(guarded_page, "snapshot")


def test_on_a_slow_link_a_first_visit_never_asks_for_the_snapshot(guarded_page: Page, site_url: str, built_site):
    """At 30 Mbit/s the snapshot (several megabytes) would cost more than it saves: the pace at which the
    runtime's files came in tells so before a byte of it is asked for, and Python starts normally."""
    snapshot = _manifest(built_site)["file"]
    asked = []

    def the_worker_asks(request) -> bool:  # not the service worker keeping the site once Python is ready
        return request.url.endswith(snapshot) and request.service_worker is None

    guarded_page.on("request", lambda request: asked.append(request.url) if the_worker_asks(request) else None)
    cdp = guarded_page.context.new_cdp_session(guarded_page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40,
                                                  "downloadThroughput": 30e6 / 8, "uploadThroughput": 30e6 / 8})
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "normal")
    assert asked == [], "a first visit over a slow link asked for the snapshot"


def test_on_a_fast_link_a_first_visit_starts_from_the_snapshot(guarded_page: Page, site_url: str, built_site):
    """On this machine's own link the snapshot comes in far sooner than the work it saves."""
    open_tool(guarded_page, site_url, "readiness")
    _answer_and_expect_the_cpython_result(guarded_page, "snapshot")


def test_the_python_archives_come_packed(guarded_page: Page, site_url: str):
    """A start downloads each Python archive's packed copy, never the archive itself (three times larger).
    (The sub-path's host sends the packed copies with Content-Encoding: zstd: tests/browser/conftest.py.)"""
    page, asked = guarded_page, []
    page.on("request", lambda request: asked.append(request.url.rpartition("/")[2]))
    page.route("**/snapshot.json", lambda route: route.fulfill(status=404, body="not here"))  # Python imports
    open_tool(page, site_url, "readiness")  # from both archives
    _answer_and_expect_the_cpython_result(page, "normal")
    assert {STDLIB + PACKED, ENGINE_ZIP + PACKED} <= set(asked)
    assert not {STDLIB, ENGINE_ZIP} & set(asked)
