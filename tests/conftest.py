"""Fixtures shared by every suite: the project root and one strict build of the site per session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

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


def _build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PRIMERS_PDF": "1"}  # the tests check the PDFs too
    config_file = os.environ.get("TOOLKIT_MKDOCS_FILE", "mkdocs.yml")  # another config, for local iteration
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config_file, "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if run.returncode != 0:
        pytest.fail(f"strict build failed:\n{run.stdout}\n{run.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """Build the site fresh with `mkdocs build --strict` into a temporary folder, once per run: with
    pytest-xdist, the first worker builds and the others wait for it and share that build.

    For quick local iteration, TOOLKIT_TEST_SITE=path/to/site reuses a site built beforehand."""
    prebuilt = os.environ.get("TOOLKIT_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    if worker_id == "master":  # not distributed
        site = tmp_path_factory.mktemp("site")
        _build(site)
        return site
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    site, built = shared / "site", shared / "site.built"
    with FileLock(str(shared / "site.lock")):
        if not built.exists():
            _build(site)
            built.touch()
    return site
