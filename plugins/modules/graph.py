"""The static import graph of the browser's ES modules, read from their `import ... from "./x.js"` lines."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# Static imports and re-exports of a relative module: `import ... from "./x.js"`, `export ... from "../y/x.js"`,
# `import "./x.js"`. A dynamic `import()` loads when it is asked for, and is left out.
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;"'()]*?["'](\.{1,2}/[^"']+\.js)["']""", re.MULTILINE)


def direct_imports(module: Path) -> list[Path]:
    """The modules `module` imports statically, in the order it names them."""
    text = module.read_text(encoding="utf-8")
    return [(module.parent / target).resolve() for target in STATIC_IMPORT.findall(text)]


def imported_modules(entries: Iterable[Path]) -> list[Path]:
    """Every module the `entries` import statically, directly or through others (the entries themselves
    left out), in the order they are found."""
    starts = [entry.resolve() for entry in entries]
    found: dict[Path, None] = {}
    waiting = list(starts)
    while waiting:
        for path in direct_imports(waiting.pop(0)):
            if path not in found and path not in starts:
                found[path] = None
                waiting.append(path)
    return list(found)
