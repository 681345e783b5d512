"""The one strict build of the site a test run shares, started as early as the run allows.

With pytest-xdist the controller starts the build in the background as the session starts (:func:`start`),
so that the workers run the tests that need no site while it builds; a worker's first test that needs the
site waits for it (:func:`wait`). Without workers, the build runs when a test first needs it (:func:`build`).
Run as a script (``python -m tests.support.site_build SITE``), it builds and then leaves SITE.ok or
SITE.failed (the build's output) beside the folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 30 * 60


def build(site: Path) -> str | None:
    """Build the site into `site`; None when the strict build passed, else its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PRIMERS_PDF": "1"}  # the tests check the PDFs too
    config_file = os.environ.get("TOOLKIT_MKDOCS_FILE", "mkdocs.yml")  # another config, for local iteration
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config_file, "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    return None if run.returncode == 0 else f"{run.stdout}\n{run.stderr}"


def _done(site: Path, outcome: str) -> Path:
    return site.with_name(f"{site.name}.{outcome}")


def start(site: Path) -> subprocess.Popen:
    """Start building `site` in the background (this module run as a script)."""
    return subprocess.Popen([sys.executable, "-m", "tests.support.site_build", str(site)], cwd=ROOT)


def wait(site: Path) -> str | None:
    """Wait for the background build of `site`; None when it passed, else its output."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if _done(site, "ok").exists():
            return None
        if _done(site, "failed").exists():
            return _done(site, "failed").read_text(encoding="utf-8")
        time.sleep(0.5)
    return f"the site was not built within {WAIT_SECONDS // 60} minutes"


def main(site: Path) -> None:
    failure = build(site)
    _done(site, "failed" if failure else "ok").write_text(failure or "", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
