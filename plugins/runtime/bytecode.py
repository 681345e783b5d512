"""The Python archives the site ships, compiled to bytecode at build time.

Pyodide's standard library and the engine's archive hold Python sources, and a browser would compile each
module it imports: that takes most of a normal start (about 1.9 of 2.7 s in Node here). Compiled once at
build time, by the Pyodide the site ships (the bytecode is that Python's), every module imports straight
from its ``.pyc``. The compiled archives are kept in the build cache by the digest of what they are made
from."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pyscript_tools.authoring.cache import BuildCache, digest

SCRIPT = Path(__file__).with_name("bytecode.mjs")
_USED = [SCRIPT, SCRIPT.with_name("published.mjs"), Path(__file__)]
_RUNTIME = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm")  # the Python that compiles, and so runs, them


class BytecodeError(Exception):
    """An archive could not be compiled; ``str()`` says why."""


def compile_archives(runtime: Path, archives: list[Path], sources_stdlib: Path, cache: BuildCache) -> None:
    """Replace each of `archives` (in the runtime folder `runtime`) by its compiled copy, from the cache or
    made now by the runtime's Pyodide started with `sources_stdlib` (a standard library of sources)."""
    made_with = digest(*(path.read_bytes() for path in [*_USED, *(runtime / name for name in _RUNTIME)]))
    keys = {archive: digest(made_with, archive.read_bytes()) for archive in archives}
    missing = [archive for archive in archives if cache.get(keys[archive], ".zip") is None]
    if missing:
        with tempfile.TemporaryDirectory() as work:
            pairs = [(archive, Path(work) / f"{index}.zip") for index, archive in enumerate(missing)]
            run = subprocess.run(["node", str(SCRIPT), str(runtime), str(sources_stdlib),
                                  *(str(path) for pair in pairs for path in pair)],
                                 capture_output=True, text=True, timeout=300)
            if run.returncode != 0:
                raise BytecodeError(f"compiling the Python archives failed: {run.stderr.strip()[-800:]}")
            for archive, compiled in pairs:
                cache.put(keys[archive], ".zip", compiled)
    for archive in archives:
        shutil.copyfile(cache.path(keys[archive], ".zip"), archive)
