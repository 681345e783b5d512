"""Which files of Python's standard library the engine needs in the browser: runs every request of the
Pyodide parity test (every bridge action, every kind of questionnaire, kinds of system, a team, a
right-to-left edition) in Pyodide under Node.js with the whole library, and writes the files that Pyodide's
start and those requests imported to plugins/runtime/stdlib-modules.txt, the list the build trims the
library to.

Usage: .venv/bin/python tests/pyodide/trace_stdlib.py    (after a change that imports another module; the
parity test through the trimmed library fails until then)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "engine")]

from plugins.runtime.files import ENGINE_PACKAGE, STDLIB_MODULES, zip_engine  # noqa: E402
from tests.engine.test_pyodide_parity import RUNNER, requests  # noqa: E402

# Needed beyond what the requests import: zipfile (which Pyodide's start imports) decodes an archive's
# file names with this codec unless the archive flags them as UTF-8, as the engine's archive does not (the
# build's snapshot lists that archive with zipfile).
BEYOND_THE_TRACE = ["encodings/cp437.py"]


def trace() -> list[str]:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "input.json").write_text(json.dumps({"requests": requests()}), encoding="utf-8")
        archive = zip_engine(ROOT / "pyscript_tools" / "engine", folder / "engine.zip", ENGINE_PACKAGE)
        run = subprocess.run(["node", str(RUNNER), str(folder / "input.json"), str(archive)], cwd=ROOT,
                             capture_output=True, text=True, timeout=300, check=True)
    return sorted({*json.loads(run.stdout)["stdlib"], *BEYOND_THE_TRACE})


if __name__ == "__main__":
    files = trace()
    STDLIB_MODULES.write_text("\n".join(files) + "\n", encoding="utf-8")
    print(f"{len(files)} files written to {STDLIB_MODULES.relative_to(ROOT)}")
