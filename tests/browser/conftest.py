"""Browser fixtures: Debian's Chromium through Playwright, the built site over HTTP, and a guard that
fails a test when any request leaves the test server's origin."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from plugins.runtime.files import PACKED
from tests.support.request_guard import guard_requests, serve_origin
from tests.support.server import serve_site

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Debian's build of the same Chromium without the desktop browser around it (package chromium-headless-shell),
# the browser Playwright itself runs headless: a new context costs it a tenth of the CPU the full browser's
# tab and window cost (measured: 0.10 against 1.04 CPU-s a context; 2.0 against 3.35 for a tool page's visit).
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# For the tests only (the benchmark measures the browser as readers run it): V8's optimising compiler
# (TurboFan) stays off, for both languages; test_harness.py checks that V8 still honours the flags.
# - WebAssembly stays in the baseline compiler (Liftoff), which runs the same code. Optimising the runtime
#   again in each new context took about a sixth of the browser tests' processor time (test_questionnaire.py
#   and test_team.py: 74-77 against 88-97 CPU-s). This V8 tiers up despite --no-wasm-tier-up.
# - JavaScript goes no further than the mid tier (Maglev). A tool page's visit in a new context took 1.40-1.44
#   CPU-s against 1.58-1.61, axe-core ran no slower, and the whole suite on a prebuilt site took 392 and 358 s
#   against 421 and 454 s without it (alternated runs).
TEST_FLAGS = ["--js-flags=--liftoff-only --no-opt"]


def chromium_for_tests() -> Path | None:
    """Debian's Chromium for a headless run: its headless shell when installed, else the full browser; None
    elsewhere (Playwright's own browser)."""
    return next((browser for browser in (HEADLESS_SHELL, SYSTEM_CHROMIUM) if browser.exists()), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium when present (the full browser for a headed run); elsewhere Playwright's own."""
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS + TEST_FLAGS}
    executable = chromium_for_tests() if browser_type_launch_args.get("headless", True) else SYSTEM_CHROMIUM
    if executable and executable.exists():
        args["executable_path"] = str(executable)
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """No service worker unless a test asks for one: it would keep the whole site for every new context."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def site_url(built_site):
    """The fresh build served at the root of a loopback HTTP server."""
    with serve_site(built_site) as url:
        serve_origin(url)
        yield url


@pytest.fixture(scope="session")
def subpath_site_url(built_site):
    """The same build under /toolkit/, with .wasm sent under a generic type as some hosts do, and the packed
    Python archives (.zst) sent with Content-Encoding: zstd, which the browser then undoes, as a host that
    takes the suffix for an encoding does."""
    with serve_site(built_site, prefix="/toolkit/", wasm_type="application/octet-stream", encodings={PACKED: "zstd"}) as url:
        serve_origin(url)
        yield url


@pytest.fixture(scope="session")
def plain_http_site_url(built_site):
    """The build at this machine's own network address: plain HTTP off localhost, as on an intranet host,
    is not a secure context (no digests, no service worker). Skipped on a machine without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: a UDP "connect" sends nothing
            address = probe.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    if address.startswith("127."):
        pytest.skip("this machine has no network address besides the loopback one")
    with serve_site(built_site, host=address) as url:
        serve_origin(url)
        yield url


@pytest.fixture
def guarded_context(context):
    """A browser context whose test fails if anything is requested outside the test servers' origins."""
    guard = guard_requests(context)
    yield context
    assert guard.outside == [], f"requests left the site's origin: {guard.outside}"


@pytest.fixture
def guarded_page(guarded_context):
    page = guarded_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"uncaught errors in the page: {errors}"
