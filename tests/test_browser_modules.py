"""The browser's modules are grouped by who loads them, and load in two round trips: a page asks for the
modules its scripts import together with those scripts (module preloads, from the import graph), and the
worker's script imports all of its modules itself."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.modules.graph import direct_imports, imported_modules
from plugins.runtime.files import DECODER, ENGINE_PACKAGE, ENGINE_ZIP, FULL_STDLIB, PACKED, RUNTIME_DIR, STDLIB, STDLIB_INDEX
from tests.support import editions

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "overrides"
MODULES = THEME / "assets" / "toolkit"
# Which folders each audience's modules may import from (its own, and what is shared).
MAY_IMPORT = {
    "page": {"page", "shared"},  # every page
    "widget": {"widget", "engine", "shared"},  # the questionnaire widget, on tool pages
    "engine": {"engine", "shared"},  # the page's client of the engine's worker
    "worker": {"worker", "shared"},  # the engine's worker
    "shared": {"shared"},
}
WORKER = MODULES / "worker" / "worker.js"


def folder_of(path: Path) -> str:
    return path.relative_to(MODULES).parts[0]


def test_every_module_is_in_an_audience_s_folder():
    loose = [path.name for path in MODULES.glob("*.js")]
    assert loose == [], "a module outside the audiences' folders"
    assert {folder_of(path) for path in MODULES.rglob("*.js")} <= set(MAY_IMPORT)


@pytest.mark.parametrize("module", sorted(MODULES.rglob("*.js")), ids=lambda path: path.relative_to(MODULES).as_posix())
def test_a_module_imports_only_from_its_audience_and_shared(module: Path):
    imported = {path.relative_to(MODULES).as_posix() for path in direct_imports(module)}
    allowed = MAY_IMPORT[folder_of(module)]
    assert {name for name in imported if name.split("/")[0] not in allowed} == set()
    assert all((MODULES / name).is_file() for name in imported), imported


def test_shared_holds_only_what_two_audiences_use():
    users: dict[Path, set[str]] = {}
    for module in MODULES.rglob("*.js"):
        for path in direct_imports(module):
            users.setdefault(path, set()).add(folder_of(module))
    for shared in (MODULES / "shared").glob("*.js"):
        assert len(users.get(shared.resolve(), set()) - {"shared"}) >= 2, f"{shared.name}: used by one audience"


def test_the_worker_imports_every_module_it_needs_itself():
    """The worker has no preloads: its script names every module it needs, so they come in one round trip
    after it (a module they import that the worker does not name would be a third)."""
    assert set(imported_modules([WORKER])) == set(direct_imports(WORKER))


PRELOADS = re.compile(r'<link rel="modulepreload" href="([^"]+)"')
MODULE_SCRIPTS = re.compile(r'<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"|<script[^>]*\bsrc="([^"]+)"[^>]*\btype="module"')


@pytest.mark.parametrize("page", ["tools/readiness/index.html", "tools/risk/index.html", "index.html",
                                  *(f"{code}/tools/readiness/index.html" for code in editions.TRANSLATED)])
def test_a_page_preloads_every_module_its_scripts_import(built_site: Path, page: str):
    html = (built_site / page).read_text(encoding="utf-8")
    folder = (built_site / page).parent
    scripts = [folder / (a or b) for a, b in MODULE_SCRIPTS.findall(html) if "/assets/toolkit/" in "/" + (a or b)]
    preloaded = {(folder / href).resolve() for href in PRELOADS.findall(html)}
    assert scripts, "no module script on the page"
    assert preloaded == set(imported_modules(scripts))
    if editions.source(page).startswith("tools/"):
        assert (built_site / "assets/toolkit/widget/questionnaire.js").resolve() in preloaded


def test_the_worker_finds_the_runtime_and_the_engine_where_the_runtime_plugin_puts_them():
    """The site's paths and names the worker holds are the runtime plugin's (plugins/runtime/files.py)."""
    script = WORKER.read_text(encoding="utf-8")
    folder = re.search(r'const runtime = new URL\("([^"]+)", import\.meta\.url\)', script)
    assert folder, "worker.js no longer says where the runtime is"
    site_path = (Path("/site") / WORKER.relative_to(THEME)).parent / folder.group(1)
    assert site_path.resolve() == Path("/site") / RUNTIME_DIR
    assert f'pyimport("{ENGINE_PACKAGE}.bridge")' in script
    for name, value in {"STDLIB": STDLIB, "FULL_STDLIB": FULL_STDLIB, "STDLIB_INDEX": STDLIB_INDEX,
                        "ENGINE_ZIP": ENGINE_ZIP, "PACKED": PACKED, "DECODER": DECODER}.items():
        assert f'const {name} = "{value}";' in script, name
