"""After a first visit the site works offline, repeat visits fetch nothing unchanged, and a new build
replaces the kept files cleanly (the service worker written by the toolkit-offline plugin)."""
from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from plugins.offline.config import defaults
from plugins.offline.manifest import write_service_worker
from plugins.precompress.compress import precompress
from plugins.precompress.config import defaults as compressed_copies
from plugins.runtime.files import PACKED, PACKED_ARCHIVES
from pyscript_tools.authoring.cache import BuildCache
from tests.browser.questionnaire_helpers import ENGINE_MS, question, result, wait_engine, widget
from tests.support.request_guard import serve_origin
from tests.support.server import serve_site

KEPT = "rai-toolkit-site-"
ROOT = Path(__file__).resolve().parents[2]


def visit_and_keep(page: Page, url: str) -> None:
    """A first visit to a tool page, until the service worker has kept the whole site and controls the page."""
    page.goto(url + "tools/readiness/")
    wait_engine(page)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=ENGINE_MS)


def publish_new_build(site: Path, *paths: str) -> None:
    """What a new build changes, published over `site`: the pages at `paths` (their first heading marked
    "(new build)"), their compressed copies and the service worker, as the build writes them."""
    for path in paths:
        changed = site / path
        changed.write_text(changed.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
    precompress(site, compressed_copies(), BuildCache(ROOT, "compressed"))
    options = defaults()
    write_service_worker(site, options.exclude, options.unpack)


def until(page: Page, script: str, timeout_ms: int = ENGINE_MS) -> None:
    """Poll an async script until it returns true (wait_for_function does not await promises)."""
    for _ in range(timeout_ms // 250):
        if page.evaluate(script):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {script}")


def activated_worker(context, exclude) -> None:
    """Wait, with no page open (a page would keep the old version in charge), until a service worker
    other than `exclude` is the active one."""
    for _ in range(ENGINE_MS // 250):
        for worker in context.service_workers:
            if worker is not exclude and worker.evaluate("self.serviceWorker && self.serviceWorker.state") == "activated":
                return
        time.sleep(0.25)
    raise AssertionError("the new service worker never became active")


def kept_versions(page: Page) -> list[str]:
    return page.evaluate(f"async () => (await caches.keys()).filter((n) => n.startsWith({KEPT!r}))")


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_after_a_first_visit_the_tools_work_offline(browser: Browser, site_url: str, subpath_site_url: str, where):
    url = site_url if where == "root" else subpath_site_url
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        visit_and_keep(page, url)
        assert len(kept_versions(page)) == 1
        unpacked, size = page.evaluate("""async () => {
            const manifest = await (await fetch("../../assets/pyodide/snapshot.json")).json();
            const kept = await caches.match(new URL("../../assets/pyodide/" + manifest.file, location.href).href);
            return [kept.headers.get("X-Toolkit-Unpacked"), (await kept.arrayBuffer()).byteLength - manifest.sparse];
        }""")
        assert (unpacked, size) == ("gzip", 0)  # the snapshot is kept ready to use, not inflated on every visit
        # So are the Python archives: unpacked by the service worker, or by the browser from the sub-path's
        # host, which sends them with Content-Encoding: zstd.
        archives = page.evaluate("""async (names) => Promise.all(names.map(async (name) => {
            const kept = await caches.match(new URL("../../assets/pyodide/" + name, location.href).href);
            return [kept.headers.get("X-Toolkit-Unpacked"), new TextDecoder().decode((await kept.arrayBuffer()).slice(0, 2))];
        }))""", [name + PACKED for name in PACKED_ARCHIVES])
        assert archives == [["zstd" if where == "root" else None, "PK"]] * len(PACKED_ARCHIVES)
        context.set_offline(True)
        page.reload()
        question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
        expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)
        expect(widget(page)).to_have_attribute("data-engine-start", "snapshot")
        page.goto(url + "tools/risk/")
        wait_engine(page)
        question(page, "Which kinds of AI system").locator("input[type=checkbox]").first.check()
        expect(result(page)).to_contain_text("risk level: at least", timeout=ENGINE_MS)
        pdf = page.evaluate("""async () => {
            const link = document.createElement("a");
            link.href = "../../primers/rai-toolkit-primer-end-users.pdf";
            const response = await fetch(link.href);
            return [response.ok, (await response.arrayBuffer()).byteLength];
        }""")
        assert pdf[0] and pdf[1] > 10_000
        page.goto(url + "principles/fairness/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    finally:
        context.close()


def test_repeat_visits_fetch_nothing_that_has_not_changed(browser: Browser, site_url: str):
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        visit_and_keep(page, site_url)
        from_network: list[str] = []
        page.on("response", lambda response: None if response.from_service_worker else from_network.append(response.url))
        page.reload()
        wait_engine(page)
        expect(widget(page)).to_have_attribute("data-engine-start", "snapshot")
        page.goto(site_url + "tools/workbook/")
        wait_engine(page)
        assert [u for u in from_network if not u.endswith("/sw.js")] == []
    finally:
        context.close()


# Put before a copy's sw.js: the requests its fetch handler sees, told to the page that asks.
# Every request the fetch handler sees, with the kind of client that made it ("window" or "worker").
HANDLED = """
const handled = [];
self.addEventListener("fetch", (event) => handled.push(self.clients.get(event.clientId)
  .then((client) => ({ url: event.request.url, by: client?.type ?? "" }))));
self.addEventListener("message", async (event) => event.source.postMessage(await Promise.all(handled)));
"""


def test_kept_files_are_served_by_the_browser_without_running_the_service_worker(browser: Browser, built_site: Path,
                                                                                 tmp_path):
    """Static routing: on a repeat visit the browser takes the page and its files from this build's cache
    itself, without waiting for the service worker's script. Chromium does not route a Web Worker's
    requests this way, so the engine's worker reads the runtime's files from the cache itself: only its
    module scripts (which only the browser can fetch) still go through the fetch handler."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "sw.js").write_text(HANDLED + (site / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    with serve_site(site) as url:
        context = browser.new_context(service_workers="allow")
        try:
            page = context.new_page()
            visit_and_keep(page, url)
            page.reload()
            wait_engine(page)
            expect(widget(page)).to_have_attribute("data-engine-start", "snapshot")
            handled = page.evaluate("""() => new Promise((resolve) => {
                navigator.serviceWorker.onmessage = (event) => resolve(event.data);
                navigator.serviceWorker.controller.postMessage("handled?");
            })""")
            page_files = page.evaluate("""() => [location.href, ...[...document.querySelectorAll(
                "link[rel=stylesheet], link[rel=modulepreload], script[src]")].map((e) => e.href || e.src)]""")
            assert len(page_files) > 10
            # A file both use (shared/digest.js) is asked for by the page and by the engine's worker: only
            # the worker's request may reach the handler.
            assert [h["url"] for h in handled if h["url"] in page_files and h["by"] != "worker"] == []
            assert [h["url"] for h in handled if not h["url"].endswith(".js")] == []
            assert any(h["by"] == "worker" for h in handled)
        finally:
            context.close()


def test_a_new_build_replaces_the_kept_files_whole(browser: Browser, built_site: Path, tmp_path):
    """A changed page and service worker (as a new build makes them): the new version is kept whole before
    it is used, then the old one is gone; no answer is ever kept by the service worker."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    with serve_site(site) as url:
        serve_origin(url)
        context = browser.new_context(service_workers="allow")
        try:
            page = context.new_page()
            visit_and_keep(page, url)
            first_worker = context.service_workers[0]
            question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
            expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)
            first = kept_versions(page)

            publish_new_build(site, "about/index.html")
            page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
            until(page, "async () => !!(await navigator.serviceWorker.getRegistration()).waiting")
            page.goto(url + "about/")
            expect(page.get_by_role("heading", level=1)).not_to_contain_text("new build")  # still the old build

            page.close()  # the last page of the old version: with no page left, the new version takes over
            activated_worker(context, exclude=first_worker)
            page = context.new_page()
            page.goto(url + "about/")
            expect(page.get_by_role("heading", level=1)).to_contain_text("new build")
            until(page, "async () => !(await navigator.serviceWorker.getRegistration()).waiting")
            now = kept_versions(page)
            assert len(now) == 1 and now != first
            kept = page.evaluate("""async () => {
                const cache = await caches.open((await caches.keys())[0]);
                return (await cache.keys()).map((request) => request.url);
            }""")
            assert not any("answers" in u or "?" in u for u in kept)
            assert len(kept) == len(json.loads(re.search(r"const FILES = (\[.*?\]);", (site / "sw.js").read_text()).group(1)))
        finally:
            context.close()


def test_an_open_page_hears_of_a_new_build_and_one_click_brings_it_with_the_answers(browser: Browser, built_site: Path,
                                                                                    tmp_path):
    """A new build published while two pages of the site are open: one reload and the reader is told; one
    click and every open page is on the new build, the answers kept (a page never mixes two builds)."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    with serve_site(site) as url:
        serve_origin(url)
        context = browser.new_context(service_workers="allow")
        try:
            page = context.new_page()
            visit_and_keep(page, url)
            question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
            expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
            other = context.new_page()
            other.goto(url + "about/")
            expect(page.locator("[data-tk-update]")).to_have_count(0)

            publish_new_build(site, "tools/readiness/index.html", "about/index.html")

            page.reload()
            notice = page.locator("[data-tk-update]")
            expect(notice).to_contain_text("A newer version of this site is available", timeout=ENGINE_MS)
            expect(page.get_by_role("heading", level=1)).not_to_contain_text("new build")  # not mixed meanwhile
            expect(other.locator("[data-tk-update]")).to_be_visible(timeout=ENGINE_MS)  # the other page is told too

            notice.get_by_role("button", name="Switch to the new version").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("new build", timeout=ENGINE_MS)
            expect(other.get_by_role("heading", level=1)).to_contain_text("new build", timeout=ENGINE_MS)
            expect(page.locator("[data-tk-update]")).to_have_count(0)
            expect(page.locator("[data-toolkit-widget][data-tk-flow]")).to_have_count(1)  # the place restored
            expect(question(page, "Leadership has set out a clear vision").get_by_label("Partly in place")).to_be_checked()
            assert len(kept_versions(page)) == 1
        finally:
            context.close()
