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
ENGINE_ZIP = "pyscript_tools.zip"
# Build-time modules of the engine that the browser never imports (they need PyYAML or a terminal).
BUILD_ONLY = {"yaml_source.py", "loading.py", "anchors.py", "cli.py", "__main__.py", "form_html.py"}
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


def zip_engine(package_dir: Path, target: Path) -> Path:
    """Zip the engine package's run-time modules, with the package folder at the archive root."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package_dir.rglob("*.py")):
            if path.name in BUILD_ONLY or "__pycache__" in path.parts:
                continue
            archive.write(path, Path(package_dir.name) / path.relative_to(package_dir))
    return target
