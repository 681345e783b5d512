"""Copy the Pyodide core and zip the engine: plain file work, no MkDocs."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

# The published name of each core file. Every module gets a `.js` name, because some servers
# (Debian 12's nginx among them) send `.mjs` as text/plain and browsers then refuse the module.
PYODIDE_CORE = {
    "pyodide.mjs": "pyodide.js",
    "pyodide.asm.mjs": "pyodide.asm.js",
    "pyodide.asm.wasm": "pyodide.asm.wasm",
    "python_stdlib.zip": "python_stdlib.zip",
    "pyodide-lock.json": "pyodide-lock.json",
}
# Facts the worker (overrides/assets/toolkit/worker/worker.js) holds too; tests/test_browser_modules.py
# checks that both sides agree.
RUNTIME_DIR = "assets/pyodide"  # in the site: the worker's ../../pyodide/
ENGINE_ZIP = "pyscript_tools.zip"  # in RUNTIME_DIR
ENGINE_PACKAGE = "pyscript_tools.engine"  # the folder that ships, as it is; the worker imports its bridge
_FIXED_DATE = (2024, 1, 1, 0, 0, 0)
_SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


class RuntimeMissing(Exception):
    """The npm package is not installed where the configuration says."""


def copy_pyodide_core(source: Path, dest: Path) -> list[Path]:
    """Copy the five core files under their published names; return the written paths."""
    missing = [name for name in PYODIDE_CORE if not (source / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"{source}: missing {', '.join(missing)}; run `npm ci` to install the pinned pyodide package"
        )
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, published in PYODIDE_CORE.items():
        target = dest / published
        if name.endswith(".mjs"):
            # Drop the source-map comment: the map is not shipped, so nothing should ask for it.
            target.write_bytes(_SOURCE_MAP.sub(b"\n", (source / name).read_bytes()))
        else:
            shutil.copyfile(source / name, target)
        written.append(target)
    return written


def zip_engine(engine_dir: Path, target: Path, import_name: str) -> Path:
    """Zip the engine folder as it is, every ``.py`` file in it, under its import path (e.g.
    ``pyscript_tools/engine/``; the parent is a namespace package in the browser). Every folder has its
    own entry, which Python needs to import straight from the archive (zipimport). Entries carry a
    fixed date, so the same sources always make the same archive."""
    target.parent.mkdir(parents=True, exist_ok=True)
    root = Path(*import_name.split("."))
    files = [path for path in sorted(engine_dir.rglob("*.py")) if "__pycache__" not in path.parts]
    names = [root / path.relative_to(engine_dir) for path in files]
    folders = sorted({parent for name in names for parent in name.parents if parent != Path(".")})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in folders:
            archive.writestr(zipfile.ZipInfo(folder.as_posix() + "/", date_time=_FIXED_DATE), b"")
        for path, name in zip(files, names):
            entry = zipfile.ZipInfo(name.as_posix(), date_time=_FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    return target
