"""Fixtures shared by every suite: the project root and one strict build of the site per session."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support import site_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _engine_errors_fail_tests(monkeypatch):
    """An unexpected exception in the engine fails the test, instead of becoming an "internal error"
    response that a test could mistake for an ordinary refusal."""
    from pyscript_tools.engine import bridge

    monkeypatch.setattr(bridge, "RAISE_INTERNAL_ERRORS", True)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


_BACKGROUND = pytest.StashKey[tuple[Path, subprocess.Popen]]()


def pytest_sessionstart(session):
    """With workers, the controller starts the site's build at once: the workers run the tests that need no
    site while it builds (a cold build takes minutes)."""
    config = session.config
    if hasattr(config, "workerinput") or os.environ.get("TOOLKIT_TEST_SITE") or not config.getoption("numprocesses", 0):
        return
    site = Path(tempfile.mkdtemp(prefix="toolkit-tests-")) / "site"
    config.stash[_BACKGROUND] = (site, site_build.start(site))


def pytest_configure(config):
    """A worker gives way to the background build (its niceness raised by 5; the controller and the build
    keep theirs): the tests that need no site fill the processor time the build leaves, instead of taking
    half of it while every test that needs the site waits for the build. Once the build is done, every busy
    process is a worker's, and the workers share the processor as before."""
    if getattr(config, "workerinput", {}).get("toolkit_site"):
        os.nice(5)


def pytest_configure_node(node):
    """Tell each worker where the background build goes."""
    if _BACKGROUND in node.config.stash:
        node.workerinput["toolkit_site"] = str(node.config.stash[_BACKGROUND][0])


def pytest_sessionfinish(session):
    if _BACKGROUND in session.config.stash:
        site, process = session.config.stash[_BACKGROUND]
        process.kill()
        process.wait()
        shutil.rmtree(site.parent, ignore_errors=True)


@pytest.hookimpl(trylast=True)  # after pytest-xdist has named each grouped test after its group
def pytest_collection_modifyitems(config, items):
    """The tests that need no site first: with workers, they run while the site builds. Then the long ones,
    so that no worker ends the run alone with one.

    A module that shares an expensive fixture (a fixture site, the HTML checker's run) keeps its tests on one
    worker with an xdist_group mark: if pytest-xdist could not honour the marks, say so, instead of making
    that fixture once per worker unnoticed."""
    if getattr(config.option, "loadgroup", False) and any(item.get_closest_marker("xdist_group") and "@" not in item.nodeid
                                            for item in items):
        raise pytest.UsageError("pytest-xdist no longer groups tests by their xdist_group mark with this pytest; "
                                "install the versions pyproject.toml pins")
    items.sort(key=lambda item: ("built_site" in item.fixturenames, item.get_closest_marker("long") is None))


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> Path:
    """The site built fresh with `mkdocs build --strict`, once per run (with pytest-xdist, in the background
    from the start of the run, shared by the workers).

    For quick local iteration, TOOLKIT_TEST_SITE=path/to/site reuses a site built beforehand."""
    prebuilt = os.environ.get("TOOLKIT_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    background = getattr(request.config, "workerinput", {}).get("toolkit_site")
    if background:
        site = Path(background)
        failure = site_build.wait(site)
    else:
        site = tmp_path_factory.mktemp("site")
        failure = site_build.build(site)
    if failure is not None:
        pytest.fail(f"strict build failed:\n{failure}", pytrace=False)
    return site
