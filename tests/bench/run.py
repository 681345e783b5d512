"""Benchmarks: print figures for the build, the engine, and the runtime in Node.js and Chromium.

Usage: .venv/bin/python tests/bench/run.py [--skip-browser]
Figures only; nothing here fails on a timing.
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def show(label: str, seconds: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(seconds):8.3f} s  (n={len(seconds)}, min {min(seconds):.3f})")


def build(site: Path, pdf: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PRIMERS_PDF": "1" if pdf else "0"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def bench_build(site: Path) -> None:
    show("mkdocs build --strict, primer PDFs off", timed(lambda: build(site, False), 2))
    show("mkdocs build --strict, primer PDFs on", timed(lambda: build(site, True), 2))


def bench_engine() -> None:
    from pyscript_tools.build.content import load_questionnaire_file
    from pyscript_tools.engine.answers_file import parse_answers_file
    from pyscript_tools.engine.report.html import render_html
    from pyscript_tools.engine.scoring import score

    for qid in ("readiness", "risk", "workbook"):
        definition, errors = load_questionnaire_file(ROOT / "toolkit_content/questionnaires" / f"{qid}.yml")
        assert not errors, errors
        example = (ROOT / "docs/tools/examples" / f"{qid}-example.json").read_text(encoding="utf-8")
        answers = parse_answers_file(example, definition)["answers"]
        show(f"CPython score + HTML report: {qid}",
             timed(lambda d=definition, a=answers: render_html(score(d, a)), 50))


def bench_runtime_size(site: Path) -> None:
    runtime = site / "assets/pyodide"
    raw = sum(p.stat().st_size for p in runtime.iterdir())
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in runtime.iterdir())
    print(f"{'runtime files (assets/pyodide)':<48} {raw / 1e6:8.2f} MB raw, {packed / 1e6:.2f} MB gzip")


def bench_browser(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_FLAGS, SYSTEM_CHROMIUM
    from tests.support.server import serve_site

    launch = {"args": CHROMIUM_FLAGS}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    with serve_site(site) as url, sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, **launch)
        cold, warm = [], []
        for attempt in range(4):
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url + "tools/quick-check/")
            page.wait_for_selector("[data-toolkit-widget][data-engine=ready]", timeout=120_000)
            (cold if attempt == 0 else warm).append(time.perf_counter() - start)
            page.close()
        context.close()
    show("browser: page load -> engine ready, cold cache", cold)
    show("browser: page load -> engine ready, warm cache", warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        bench_build(site)
        bench_runtime_size(site)
        bench_engine()
        if not args.skip_browser:
            bench_browser(site)


if __name__ == "__main__":
    main()
