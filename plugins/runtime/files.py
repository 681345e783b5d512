"""Copy the Pyodide core, trim its standard library, zip the engine and pack the archives: plain file work, no
MkDocs."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import zstandard

from pyscript_tools.authoring.cache import BuildCache, digest

# The published name of each core file. Every module gets a `.js` name, because some servers
# (Debian 12's nginx among them) send `.mjs` as text/plain and browsers then refuse the module.
PYODIDE_CORE = {
    "pyodide.mjs": "pyodide.js",
    "pyodide.asm.mjs": "pyodide.asm.js",
    "pyodide.asm.wasm": "pyodide.asm.wasm",
    "python_stdlib.zip": "python_stdlib-full.zip",
    "pyodide-lock.json": "pyodide-lock.json",  # published without its packages (without_packages)
}
# The standard library a start loads: only the modules Pyodide's start and the engine's every action import
# (STDLIB_MODULES, found by tests/pyodide/trace_stdlib.py), under the name Pyodide loads by default. The
# whole library stays beside it (FULL_STDLIB), fetched only if a module is ever missing
# (assets/toolkit/worker/stdlib-fallback.js), listed by its top-level names in STDLIB_INDEX.
STDLIB = "python_stdlib.zip"
FULL_STDLIB = "python_stdlib-full.zip"
STDLIB_MODULES = Path(__file__).with_name("stdlib-modules.txt")
STDLIB_INDEX = "_toolkit_full_stdlib.txt"
# Facts the worker (overrides/assets/toolkit/worker/worker.js) holds too; tests/test_browser_modules.py
# checks that both sides agree.
RUNTIME_DIR = "assets/pyodide"  # in the site: the worker's ../../pyodide/
ENGINE_ZIP = "pyscript_tools.zip"  # in RUNTIME_DIR
ENGINE_PACKAGE = "pyscript_tools.engine"  # the folder that ships, as it is; the worker imports its bridge
# The two Python archives travel packed: each is a zip of stored (uncompressed) entries, and the worker
# downloads its zstd copy (ARCHIVE + PACKED), a third smaller than a zip of deflated entries (the
# standard library: 0.76 MB against 1.05), and unpacks it with DECODER (fzstd, 8 KB, beside the runtime;
# the service worker keeps the unpacked copy). The plain archives stay beside them for the build's own
# use in Node (the snapshot, the tests).
PACKED = ".zst"
PACKED_ARCHIVES = (STDLIB, ENGINE_ZIP)
PACKED_LEVEL = 19  # zstd's highest level without its "ultra" window, which saves nothing more here
DECODER = "fzstd.js"  # in RUNTIME_DIR: a classic script the worker and the service worker both load
_FIXED_DATE = (2024, 1, 1, 0, 0, 0)
_SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


class RuntimeMissing(Exception):
    """The npm package is not installed where the configuration says."""


def copy_pyodide_core(source: Path, dest: Path) -> list[Path]:
    """Copy the five core files under their published names, and the trimmed standard library; return the
    written paths."""
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
        elif name == "pyodide-lock.json":
            target.write_text(json.dumps(without_packages(json.loads((source / name).read_text(encoding="utf-8")))),
                              encoding="utf-8")
        else:
            shutil.copyfile(source / name, target)
        written.append(target)
    kept = set(STDLIB_MODULES.read_text(encoding="utf-8").split())
    written.append(trim_stdlib(dest / FULL_STDLIB, dest / STDLIB, kept))
    return written


def without_packages(lock: dict) -> dict:
    """Pyodide's lock file as the site publishes it: the runtime it describes (its `info`, which Pyodide checks),
    and no package. The lock lists every package of a Pyodide distribution (357, 0.12 MB); the site ships
    none of their files and the tools load none."""
    return {**lock, "packages": {}}


def trim_stdlib(full: Path, target: Path, kept: set[str]) -> Path:
    """The standard library's archive with only the files in `kept` (and their folders' entries), each as
    compressed in `full`, and STDLIB_INDEX: the top-level names `full` holds, one per line."""
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(target, "w") as archive:
        names = source.namelist()
        unknown = sorted(kept - set(names))
        if unknown:
            raise RuntimeMissing(f"{STDLIB_MODULES.name}: not in {full.name}: {', '.join(unknown[:5])}")
        folders = {"/".join(name.split("/")[:depth]) + "/" for name in kept for depth in range(1, name.count("/") + 1)}
        for entry in source.infolist():
            if entry.filename in kept or entry.filename in folders:
                archive.writestr(entry, source.read(entry))
        tops = sorted({name.split("/")[0].removesuffix(".py") for name in names})
        archive.writestr(zipfile.ZipInfo(STDLIB_INDEX, date_time=_FIXED_DATE), "\n".join(tops) + "\n")
    return target


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


def copy_decoder(package: Path, dest: Path) -> Path:
    """The zstd decoder's browser build (from the npm `package` fzstd) into ``dest``, its licence named first."""
    script, about = package / "umd" / "index.js", package / "package.json"
    if not script.is_file() or not about.is_file():
        raise RuntimeMissing(f"{package}: missing; run `npm ci` to install the pinned fzstd package")
    facts = json.loads(about.read_text(encoding="utf-8"))
    notice = f"/*! {facts['name']} {facts['version']}, {facts['license']} licence, (c) {facts['author']} */\n"
    target = dest / DECODER
    target.write_bytes(notice.encode() + script.read_bytes())
    return target


def pack(data: bytes) -> bytes:
    """An archive's bytes as zstd, as the worker downloads them (the same bytes for the same archive)."""
    return zstandard.ZstdCompressor(level=PACKED_LEVEL).compress(data)


def pack_archives(runtime: Path, cache: BuildCache) -> list[Path]:
    """Write each of PACKED_ARCHIVES' packed copy beside it (from the cache when packed before)."""
    written = []
    for name in PACKED_ARCHIVES:
        data = (runtime / name).read_bytes()
        key = digest(data, f"zstd {PACKED_LEVEL} {zstandard.__version__}")
        kept = cache.get(key, PACKED) or cache.put_bytes(key, PACKED, pack(data))
        written.append(Path(shutil.copyfile(kept, runtime / (name + PACKED))))
    return written
