"""The browser modules a page's entry script imports, directly or not, so the page can ask for all of them
at once (`<link rel="modulepreload">`) instead of discovering them one import level at a time."""
from __future__ import annotations

import re
from pathlib import Path

# Static imports and re-exports of a relative module: `import ... from "./x.js"`, `export ... from "./x.js"`,
# `import "./x.js"` (dynamic `import()` is left to load when asked).
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;"']*?["'](\.{1,2}/[^"']+\.js)["']""", re.MULTILINE)


def imported_modules(entry: Path) -> list[Path]:
    """Every module `entry` imports statically, directly or through others, in a stable order."""
    found: dict[Path, None] = {}
    waiting = [entry.resolve()]
    while waiting:
        module = waiting.pop(0)
        for target in STATIC_IMPORT.findall(module.read_text(encoding="utf-8")):
            path = (module.parent / target).resolve()
            if path not in found and path != entry.resolve():
                found[path] = None
                waiting.append(path)
    return list(found)
