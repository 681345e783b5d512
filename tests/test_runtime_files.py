"""The Python the site ships is bytecode, compiled at build time by the site's own Pyodide: a browser
imports every module without compiling its source (tests/engine/test_pyodide_parity.py runs the engine
through these archives)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import zstandard

from plugins.runtime.bytecode import BytecodeError, compile_archives
from plugins.runtime.files import (
    DECODER,
    ENGINE_ZIP,
    FULL_STDLIB,
    PACKED,
    PACKED_ARCHIVES,
    RUNTIME_DIR,
    STDLIB,
    STDLIB_INDEX,
    STDLIB_MODULES,
    copy_pyodide_core,
    trim_stdlib,
)
from pyscript_tools.authoring.cache import BuildCache

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "pyscript_tools" / "engine"


def _python_files(archive: Path) -> tuple[set[str], set[str]]:
    names = zipfile.ZipFile(archive).namelist()
    return {name for name in names if name.endswith(".pyc")}, {name for name in names if name.endswith(".py")}


def test_the_site_ships_bytecode_for_every_module_and_no_source(built_site: Path):
    runtime = built_site / RUNTIME_DIR
    compiled, sources = _python_files(runtime / STDLIB)
    assert compiled == {name + "c" for name in STDLIB_MODULES.read_text(encoding="utf-8").split()}
    assert sources == set()
    compiled, sources = _python_files(runtime / ENGINE_ZIP)
    assert compiled == {f"pyscript_tools/engine/{path.relative_to(ENGINE).as_posix()}c" for path in ENGINE.rglob("*.py")
                        if "__pycache__" not in path.parts}
    assert sources == set()


def test_the_archives_travel_packed_a_third_of_their_deflated_size(built_site: Path):
    """Each archive is a zip of stored entries, and its packed copy (what the worker downloads) unpacks to
    it byte for byte; packed, it is smaller than the same zip with every entry deflated at the highest level."""
    runtime = built_site / RUNTIME_DIR
    for name in PACKED_ARCHIVES:
        archive = (runtime / name).read_bytes()
        packed = (runtime / (name + PACKED)).read_bytes()
        assert zstandard.ZstdDecompressor().decompress(packed) == archive, name
        stored = zipfile.ZipFile(io.BytesIO(archive))
        assert {entry.compress_type for entry in stored.infolist()} == {zipfile.ZIP_STORED}, name
        deflated = io.BytesIO()
        with zipfile.ZipFile(deflated, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as copy:
            for entry in stored.infolist():
                copy.writestr(entry.filename, stored.read(entry))
        assert len(packed) < 0.8 * len(deflated.getvalue()), (name, len(packed), len(deflated.getvalue()))


def test_the_lock_file_describes_the_runtime_and_lists_no_package(built_site: Path):
    """The site ships no package of Pyodide's distribution: its lock file keeps what Pyodide checks, no more."""
    npm = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    published = json.loads((built_site / RUNTIME_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert npm["packages"] and published["packages"] == {}
    assert published["info"] == npm["info"]
    assert not list((built_site / RUNTIME_DIR).glob("*.whl"))


def test_the_decoder_ships_with_its_licence(built_site: Path):
    about = json.loads((ROOT / "node_modules" / "fzstd" / "package.json").read_text(encoding="utf-8"))
    first = (built_site / RUNTIME_DIR / DECODER).read_text(encoding="utf-8").splitlines()[0]
    assert f"{about['name']} {about['version']}, {about['license']} licence" in first


@pytest.fixture
def site_stdlib(built_site: Path) -> Path:
    """The site's compiled standard library: the compiling Python starts with it in a third of the time the
    build's library of sources takes (0.8 s against 2.6 in Node here)."""
    return built_site / RUNTIME_DIR / STDLIB


def _runtime(tmp_path: Path) -> Path:
    """The runtime's files as the site publishes them, in a folder of `tmp_path`, for Pyodide in Node."""
    if not shutil.which("node") or not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.skip("node or node_modules/pyodide not installed (run `npm ci`)")
    runtime = tmp_path / "runtime"
    copy_pyodide_core(ROOT / "node_modules" / "pyodide", runtime)
    return runtime


def _compile(tmp_path: Path, modules: dict[str, str], stdlib: Path) -> tuple[Path, Path]:
    """An archive of `modules` (name: source) compiled as the build compiles the site's, with the runtime
    folder that compiled it; the compiling Python starts with `stdlib`."""
    runtime = _runtime(tmp_path)
    archive = tmp_path / "modules.zip"
    with zipfile.ZipFile(archive, "w") as written:
        for name, source in modules.items():
            written.writestr(name, source)
    compile_archives(runtime, [archive], stdlib, BuildCache(tmp_path, "bytecode"))
    return runtime, archive


def test_a_module_that_does_not_compile_fails_the_build_naming_it(tmp_path: Path, site_stdlib: Path):
    with pytest.raises(BytecodeError, match=r"package/broken\.py, line 1"):
        _compile(tmp_path, {"package/good.py": "VALUE = 1\n", "package/broken.py": "def broken(:\n"}, site_stdlib)


INSPECT = """
import { readFileSync } from "node:fs";
import { loadPublished } from "%(published)s";
const pyodide = await loadPublished("%(runtime)s", { stdLibURL: "%(stdlib)s" });
pyodide.FS.writeFile("/tmp/compiled.zip", readFileSync("%(archive)s"));
process.stdout.write(pyodide.runPython(`
import json, marshal, zipfile
def facts(name):
    code = marshal.loads(zipfile.ZipFile("/tmp/compiled.zip").read(name)[16:])
    module = {}
    exec(code, module)
    return {"module": module.get("__doc__"), "function": module["first"].__doc__, "second": module["second"].__doc__,
            "value": module["first"]() + module["second"](), "columns": any(
                column is not None for _, _, column, _ in module["first"].__code__.co_positions())}
json.dumps({name: facts(name) for name in ("package/plain.pyc", "_pyodide/kept.pyc")})
`));
"""
DOCUMENTED = '''"""The module's docstring."""
from __future__ import annotations


def first():
    """The function's docstring."""
    return 1 + 2


def second():
    "A docstring followed by a string that must not become one."
    "Not a docstring."
    return 4
'''


def test_the_bytecode_leaves_out_docstrings_and_columns_but_where_pyodide_reads_them(tmp_path: Path, site_stdlib: Path):
    runtime, archive = _compile(tmp_path, {"package/plain.py": DOCUMENTED, "_pyodide/kept.py": DOCUMENTED}, site_stdlib)
    script = INSPECT % {"published": (ROOT / "plugins" / "runtime" / "published.mjs").as_uri(), "runtime": runtime,
                        "stdlib": site_stdlib, "archive": archive}
    run = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[:800]
    facts = json.loads(run.stdout)
    assert facts["package/plain.pyc"] == {"module": None, "function": None, "second": None, "value": 7,
                                          "columns": False}
    assert facts["_pyodide/kept.pyc"] == {
        "module": "The module's docstring.", "function": "The function's docstring.",
        "second": "A docstring followed by a string that must not become one.", "value": 7, "columns": False}


def test_the_snapshot_s_finder_fetches_what_the_trimmed_library_lacks_from_the_address_a_start_gives(tmp_path: Path):
    """The build's snapshot keeps the standard-library finder, made there with nowhere to fetch from; a start
    tells it this site's address. Before that it finds nothing; after, a module the trimmed library lacks
    comes from the whole library, fetched once from that address, and Python has one finder, not two."""
    runtime = _runtime(tmp_path)
    kept = set(STDLIB_MODULES.read_text(encoding="utf-8").split())
    trim_stdlib(runtime / FULL_STDLIB, runtime / STDLIB, kept - {"csv.py"})
    address = "https://agency.example/toolkit/assets/pyodide/" + FULL_STDLIB
    run = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "stdlib_fallback.mjs"), str(runtime),
                          str(runtime / FULL_STDLIB), "csv", address, STDLIB_INDEX],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout) == {"before": False, "after": True, "asked": [address], "finders": 1}
