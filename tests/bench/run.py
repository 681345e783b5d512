"""Benchmarks: figures side by side, measured in one run on this machine. Nothing here fails on a timing.

Usage: .venv/bin/python tests/bench/run.py [--runs N] [--skip-browser]

- build: from clean (empty build cache) and again (cache kept); edit -> page served again in `mkdocs serve`
- runtime: what the browser downloads, raw and gzipped; the engine's snapshot
- engine: CPython score + HTML report of each worked example
- browser, interleaved run by run, served over HTTP like a host that sends the build's compressed copies
  (brotli) and gzips the rest:
    bare      a page that only boots Pyodide from the same files (plain boot, main thread)
    plain     the readiness tool page without the snapshot (normal boot in the worker)
    snapshot  the readiness tool page as built (starts from the snapshot when it pays)
  each cold (new browser profile), warm (reload; the service worker serves the files) and warm again (a
  second reload: the browser now also has its caches of the scripts' compiled code), on localhost
  and cold on two throttled links (30 Mbit/s with 40 ms, 10 Mbit/s with 100 ms), with the bytes a first
  visit transfers until ready, compressed as sent, per group of files; then the next tool page (Risk) and Risk reloaded, the
  first score after ready (the engine's round trip, then a click until the result is shown, timed in
  the page), and the
  longest main-thread task (any, and the longest run of the site's own scripts).
  Figures are min / median over the runs, with ratios to the bare page.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from plugins.offline.config import defaults  # noqa: E402
from plugins.offline.manifest import write_service_worker  # noqa: E402
from plugins.runtime.files import FULL_STDLIB  # noqa: E402
from tests.support.server import _PrefixHandler, _QuietServer, compressed_copy  # noqa: E402

LINKS = {"localhost": None,
         "30 Mbit/s": {"bytes_per_s": 30e6 / 8, "latency_s": 0.040},
         "10 Mbit/s": {"bytes_per_s": 10e6 / 8, "latency_s": 0.100}}
# What a first visit transfers, grouped by what it is for (the first group whose prefix a path has).
FILE_GROUPS = (("assets/pyodide/pyodide.asm.wasm", "runtime: WebAssembly"),
               ("assets/pyodide/python_stdlib", "runtime: Python standard library"),
               ("assets/pyodide/snapshot-", "engine snapshot"),
               ("assets/pyodide/", "runtime: scripts, lock file, engine archive"),
               ("assets/toolkit/", "the tools' scripts, styles, questionnaires"),
               ("assets/", "the theme's scripts, styles, fonts, search"),
               ("", "the page and the rest"))
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".wasm", ".svg", ".txt", ".xml")


# --------------------------------------------------------------------------- printing


def row(label: str, seconds: list[float], base: list[float] | None = None) -> None:
    ratio = ""
    if base:
        ratio = f"   {min(seconds) / min(base):.2f}x / {statistics.median(seconds) / statistics.median(base):.2f}x of bare"
    digits = 1 if statistics.median(seconds) < 0.01 else 0
    print(f"  {label:<46} {min(seconds) * 1000:7.{digits}f} / {statistics.median(seconds) * 1000:7.{digits}f} ms{ratio}")


def timed(fn, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


# --------------------------------------------------------------------------- build


def build(site: Path, cache: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PRIMERS_PDF": "1", "TOOLKIT_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def bench_build(site: Path, tmp: Path) -> None:
    print("build (min / median)")
    cache = tmp / "cache"
    row("mkdocs build from clean (empty build cache)", timed(lambda: (shutil.rmtree(cache, True), build(site, cache)), 2))
    row("mkdocs build again (snapshot, PDFs cached)", timed(lambda: build(site, cache), 2))
    row("make serve: Markdown edit -> page served again", serve_edit_cycle(cache, 2))


def serve_edit_cycle(cache: Path, repeat: int) -> list[float]:
    """Start `mkdocs serve`, then edit a page and time until the server returns the edited page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_CACHE_DIR": str(cache)}
    port = 8765
    page = ROOT / "docs" / "about.md"
    original = page.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        fetch = lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/about/", timeout=5).read().decode()  # noqa: E731
        for _ in range(600):
            try:
                fetch()
                break
            except OSError:
                time.sleep(0.1)
        def served(marker: str) -> bool:
            try:
                return marker in fetch()
            except OSError:  # the server is busy rebuilding (four editions): ask again
                return False

        for n in range(repeat):
            marker = f"Edited for the benchmark {n} {time.time()}"
            start = time.perf_counter()
            page.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            while not served(marker):
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(10)
    return times


def _sent(path: Path, accept_encoding: str) -> Path:
    """What a host with the build's compressed copies sends for `path`."""
    copy = compressed_copy(path, accept_encoding)
    return copy[0] if copy else path


def bench_runtime_size(site: Path) -> None:
    runtime = site / "assets/pyodide"
    core = [p for p in runtime.iterdir() if not p.name.startswith("snapshot") and p.name != FULL_STDLIB
            and p.suffix not in (".br", ".gz")]
    raw = sum(p.stat().st_size for p in core)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in core)
    copies = sum(_sent(p, "br").stat().st_size for p in core)
    snapshot = next(runtime.glob("snapshot-*.bin"))
    print("runtime")
    print(f"  {'core files + engine, trimmed standard library':<46} {raw / 1e6:7.2f} MB raw, {packed / 1e6:.2f} MB gzip, "
          f"{copies / 1e6:.2f} MB as the build's brotli copies (the rest raw)")
    print(f"  {'engine snapshot (gzip, as published)':<46} {snapshot.stat().st_size / 1e6:7.2f} MB")


def bench_engine() -> None:
    from pyscript_tools.authoring.content import load_questionnaire_file
    from pyscript_tools.engine.answers_file import parse_answers_file
    from pyscript_tools.engine.report.html import render_html
    from pyscript_tools.engine.scoring import score

    print("engine in CPython (min / median of 50)")
    for qid in ("readiness", "risk", "workbook"):
        definition, errors = load_questionnaire_file(ROOT / "toolkit_content/questionnaires" / f"{qid}.yml")
        assert not errors, errors
        example = (ROOT / "docs/tools/examples" / f"{qid}-example.json").read_text(encoding="utf-8")
        answers = parse_answers_file(example, definition)["answers"]
        row(f"score + HTML report: {qid}", timed(lambda d=definition, a=answers: render_html(score(d, a)), 50))


# --------------------------------------------------------------------------- a host for the browser runs


class _Link:
    """A shared link: every response's bytes pass through one token bucket, after the link's latency; what
    it sent is counted by path."""

    def __init__(self):
        self.lock = threading.Lock()
        self.limit: dict | None = None
        self.free_at = 0.0
        self.sent: dict[str, int] = {}

    def send(self, handler, data: bytes) -> None:
        path = handler.path.split("?")[0].lstrip("/")
        if not self.limit:
            self._count(path, len(data))
            handler.wfile.write(data)
            return
        time.sleep(self.limit["latency_s"])
        for start in range(0, len(data), 64 * 1024):
            chunk = data[start:start + 64 * 1024]
            with self.lock:
                now = time.perf_counter()
                self.free_at = max(self.free_at, now) + len(chunk) / self.limit["bytes_per_s"]
                wait = self.free_at - now
            time.sleep(max(0.0, wait))
            handler.wfile.write(chunk)
            self._count(path, len(chunk))  # what reached the link: a download given up stops counting

    def _count(self, path: str, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size


LINK = _Link()
_GZIPPED: dict[Path, bytes] = {}  # compressed once, before the runs (as a host with gzip_static would)


def gzip_ahead(root: Path) -> None:
    for path in root.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file():
            _GZIPPED[path] = gzip.compress(path.read_bytes(), 6)


class _BenchHandler(_PrefixHandler):
    """Static files like a real host: revalidation (304); a large file's compressed copy (brotli, else gzip)
    when the browser accepts it, as nginx's brotli_static and gzip_static send it; gzip for other text
    (compressed ahead, not on every request); over the shared link."""

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return
        data = path.read_bytes()
        headers = {"Content-Type": self.guess_type(str(path)), "Cache-Control": "no-cache", "Last-Modified": modified}
        copy = compressed_copy(path, self.headers.get("Accept-Encoding", ""))
        if copy:
            data = copy[0].read_bytes()
            headers["Content-Encoding"] = copy[1]
        elif path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = _GZIPPED.get(path) or gzip.compress(data, 6)
            headers["Content-Encoding"] = "gzip"
        self.send_response(200)
        for key, value in {**headers, "Content-Length": str(len(data))}.items():
            self.send_header(key, value)
        self.end_headers()
        LINK.send(self, data)


@contextmanager
def host(root: Path):
    import functools

    gzip_ahead(root)
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_BenchHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


BARE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare Pyodide</title><body><script type="module">
const runtime = new URL("../assets/pyodide/", location.href);
const { loadPyodide } = await import(new URL("pyodide.js", runtime).href);
const { default: createPyodideModule } = await import(new URL("pyodide.asm.js", runtime).href);
await loadPyodide({ indexURL: runtime.href, lockFileURL: new URL("pyodide-lock.json", runtime).href,
  packageBaseUrl: runtime.href, createPyodideModule,
  stdLibURL: new URL("python_stdlib-full.zip", runtime).href });  // Pyodide's whole standard library, as it ships
document.body.dataset.ready = String(performance.now());
</script></body></html>"""

# The longest main-thread task, whoever ran it; and the longest run of the site's own scripts (the tools'
# modules under assets/toolkit/ and the page's inline scripts), from the Long Animation Frames API.
WATCH = """
window.__longest = 0;
window.__longestOwn = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
}).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const frame of list.getEntries()) for (const script of frame.scripts)
    if (!script.sourceURL || script.sourceURL.includes("/assets/toolkit/"))
      window.__longestOwn = Math.max(window.__longestOwn, script.duration);
}).observe({ type: "long-animation-frame", buffered: true });
new MutationObserver(() => {
  const widget = document.querySelector("[data-toolkit-widget]");
  if (widget?.dataset.engine === "ready" && !window.__ready) window.__ready = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
"""


# The first request after ready, straight to the engine (the same module instance as the page's): the
# first question answered, scored with its report, timed from the page's call to the answer's arrival.
FIRST_SCORE = """async () => {
  const base = new URL("../../assets/toolkit/engine/", location.href);
  const { call } = await import(new URL("engine.js", base).href);
  const { ACTIONS } = await import(new URL("protocol.js", base).href);
  const question = document.querySelector("fieldset[data-question]");
  const answers = { [question.dataset.question]: question.querySelector("input").value };
  const start = performance.now();
  await call(ACTIONS.score, { questionnaire: question.closest("[data-questionnaire]").dataset.questionnaire,
    answers, base_url: "../../", today: "2026-01-01", filters: {}, heading_level: 4 });
  return performance.now() - start;
}"""


# From the change a click makes to the moment the summary bar says the new result, timed in the page
# (Playwright's own checks before and after its click are not the respondent's wait).
CLICK_TO_RESULT = """() => {
  const live = document.querySelector("[data-tk-live]");
  window.__clickAt = 0;
  window.__shownAt = 0;
  document.addEventListener("change", (event) => (window.__clickAt = event.timeStamp), { capture: true, once: true });
  new MutationObserver((_, watch) => {
    if (!window.__clickAt) return;
    window.__shownAt = performance.now();
    watch.disconnect();
  }).observe(live, { childList: true, characterData: true, subtree: true });
}"""


def ready_ms(page, bare: bool) -> float:
    if bare:
        page.wait_for_selector("body[data-ready]", state="attached", timeout=180_000)
        return float(page.get_attribute("body", "data-ready"))
    page.wait_for_function("() => window.__ready", timeout=180_000)
    return page.evaluate("() => window.__ready")


def bench_browser(site: Path, tmp: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_FLAGS, SYSTEM_CHROMIUM

    plain = tmp / "plain"
    shutil.copytree(site, plain)
    (plain / "assets" / "pyodide" / "snapshot.json").unlink()
    options = defaults()
    write_service_worker(plain, options.exclude, options.unpack)
    (site / "bare").mkdir(exist_ok=True)
    (site / "bare" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    launch = {"args": CHROMIUM_FLAGS}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    variants = {"bare": (site, "bare/"), "plain": (plain, "tools/readiness/"), "snapshot": (site, "tools/readiness/")}
    figures: dict[str, list[float]] = {}

    transferred: dict[str, dict[str, list[int]]] = {}  # variant -> file group -> bytes per cold visit

    def record(key, value):
        figures.setdefault(key, []).append(value)

    def count_transferred(name: str) -> None:
        groups = dict.fromkeys((label for _, label in FILE_GROUPS), 0)
        for path, size in LINK.sent.items():
            groups[next(label for prefix, label in FILE_GROUPS if path.startswith(prefix))] += size
        for label, size in groups.items():
            transferred.setdefault(name, {}).setdefault(label, []).append(size)

    with host(site) as site_url, host(plain) as plain_url, sync_playwright() as playwright:
        urls = {"bare": site_url, "plain": plain_url, "snapshot": site_url}
        for _ in range(runs):
            for link, limit in LINKS.items():
                for name, (_, path) in variants.items():
                    LINK.limit = limit
                    with tempfile.TemporaryDirectory() as profile:
                        context = playwright.chromium.launch_persistent_context(profile, **launch)
                        context.add_init_script(WATCH)
                        page = context.new_page()
                        LINK.sent = {}
                        page.goto(urls[name] + path)
                        record(f"{link} cold {name}", ready_ms(page, name == "bare") / 1000)
                        if link == "30 Mbit/s":  # a first visit's bytes until ready, on an ordinary link
                            count_transferred(name)
                        if link == "localhost":
                            if name != "bare":
                                record(f"main-thread longest task {name}", page.evaluate("() => window.__longest") / 1000)
                                own = page.evaluate("() => window.__longestOwn")
                                record(f"main-thread longest own script {name}", own / 1000)
                                record(f"first score after ready, engine round trip {name}", page.evaluate(FIRST_SCORE) / 1000)
                                page.locator("[data-tk-start-label]").click()  # the start screen, then section 1
                                page.evaluate(CLICK_TO_RESULT)
                                page.locator("fieldset[data-question] input[type=radio]").first.check()
                                page.wait_for_function("() => window.__shownAt")
                                shown = page.evaluate("() => window.__shownAt - window.__clickAt")
                                record(f"click -> result shown {name}", shown / 1000)
                                # The service worker registers once the engine is ready: a warm visit is
                                # one it has kept the site for.
                                page.wait_for_function("() => navigator.serviceWorker.controller", timeout=180_000)
                            page.reload()
                            record(f"{link} warm {name}", ready_ms(page, name == "bare") / 1000)
                            # A later visit: Chrome keeps a script's compiled code from its second load and
                            # uses it from the third, so a returning reader's visits start like this one.
                            page.reload()
                            record(f"{link} warm again {name}", ready_ms(page, name == "bare") / 1000)
                            if name != "bare":
                                page.goto(urls[name] + "tools/risk/")
                                record(f"next tool page {name}", ready_ms(page, False) / 1000)
                                page.reload()
                                record(f"next tool page, warm {name}", ready_ms(page, False) / 1000)
                        context.close()
        LINK.limit = None

    print(f"browser, page load -> engine ready (min / median of {runs}, interleaved)")
    for link in LINKS:
        for state in ("cold", "warm", "warm again"):
            if f"{link} {state} bare" not in figures:
                continue
            base = figures[f"{link} {state} bare"]
            for name in variants:
                row(f"{link}, {state}: {name}", figures[f"{link} {state} {name}"], None if name == "bare" else base)
    base = figures["localhost warm bare"]
    for name in ("plain", "snapshot"):
        row(f"next tool page, Risk ({name})", figures[f"next tool page {name}"], base)
    for name in ("plain", "snapshot"):
        row(f"Risk reloaded, warm ({name})", figures[f"next tool page, warm {name}"], base)
    for name in ("plain", "snapshot"):
        row(f"first score after ready: engine round trip ({name})", figures[f"first score after ready, engine round trip {name}"])
    for name in ("plain", "snapshot"):
        row(f"then a click -> result shown, in the page ({name})", figures[f"click -> result shown {name}"])
    for name in ("plain", "snapshot"):
        row(f"longest main-thread task until ready ({name})", figures[f"main-thread longest task {name}"])
    for name in ("plain", "snapshot"):
        row(f"longest run of the site's own scripts ({name})", figures[f"main-thread longest own script {name}"])
    print(f"first visit at 30 Mbit/s, bytes transferred until ready, compressed as sent (median of {runs}, MB)")
    print(f"  {'':<46} " + "".join(f"{name:>10}" for name in variants))
    for label in [label for _, label in FILE_GROUPS] + ["total"]:
        cells = []
        for name in variants:
            per_visit = [sum(sizes) for sizes in zip(*transferred[name].values())] if label == "total" \
                else transferred[name][label]
            cells.append(f"{statistics.median(per_visit) / 1e6:10.2f}")
        print(f"  {label:<46} " + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        site = tmp / "site"
        bench_build(site, tmp)
        bench_runtime_size(site)
        bench_engine()
        if not args.skip_browser:
            bench_browser(site, tmp, args.runs)


if __name__ == "__main__":
    main()
