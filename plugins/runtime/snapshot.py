"""The engine's memory snapshot: made in Node from the files the site ships, kept in the build cache by
the digest of everything it is made from, published compressed under a content-hashed name with a
small description (snapshot.json) that the worker reads first.

Published without its zero pages (about 14 of its 31 MB): ``TKSPARSE``, the heap's size and the number of
runs (unsigned 32-bit little-endian), each run's offset and length, then the runs' bytes. The browser
writes the runs straight into Python's memory, zeros between them (``assets/toolkit/worker/snapshot-format.js``),
so it reads and inflates only what is not zero."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from pyscript_tools.authoring.cache import BuildCache, digest

from .files import ENGINE_ZIP, PYODIDE_CORE, STDLIB

SCRIPT = Path(__file__).with_name("snapshot.mjs")
# In the built site: the worker's modules SCRIPT imports (its INSTALL and FALLBACK arguments, in this order).
WORKER_MODULES = ("assets/toolkit/worker/engine-install.js", "assets/toolkit/worker/stdlib-fallback.js")
MANIFEST = "snapshot.json"
MAGIC = b"TKSPARSE"
PAGE = 4096


class SnapshotError(Exception):
    """The snapshot could not be made; ``str()`` says why."""


def sparse(heap: bytes) -> bytes:
    """The heap without its zero pages, in the format above."""
    zero, runs, start = bytes(PAGE), [], None
    for offset in range(0, len(heap), PAGE):
        empty = heap[offset:offset + PAGE] == zero[:len(heap) - offset]
        if not empty and start is None:
            start = offset
        if empty and start is not None:
            runs.append((start, offset - start))
            start = None
    if start is not None:
        runs.append((start, len(heap) - start))
    header = MAGIC + struct.pack("<II", len(heap), len(runs)) + b"".join(struct.pack("<II", *run) for run in runs)
    return header + b"".join(heap[offset:offset + length] for offset, length in runs)


def _inputs(runtime: Path, definitions: Path, examples: Path, modules: list[Path]) -> list[Path]:
    return ([runtime / name for name in sorted({*PYODIDE_CORE.values(), STDLIB})]
            + [runtime / ENGINE_ZIP, SCRIPT, *modules, Path(__file__)]
            + sorted(definitions.glob("*.json")) + sorted(examples.glob("*.json")))


def _make(runtime: Path, definitions: Path, examples: Path, modules: list[Path], target: Path) -> dict:
    with tempfile.TemporaryDirectory() as work:
        raw = Path(work) / "snapshot.raw"
        run = subprocess.run(["node", str(SCRIPT), str(runtime), str(definitions), str(examples), str(raw), *map(str, modules)],
                             capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            raise SnapshotError(f"making the engine's snapshot failed: {run.stderr.strip()[-800:]}")
        facts = json.loads(run.stdout)
        published = sparse(raw.read_bytes())
        packed = gzip.compress(published, compresslevel=6, mtime=0)
        target.write_bytes(packed)
    # The description snapshot.json gives, but for the file's name: worked out once, kept with the snapshot.
    return {"integrity": "sha256-" + base64.b64encode(hashlib.sha256(packed).digest()).decode(),
            "engine": facts["engine"], "size": facts["bytes"], "sparse": len(published), "compressed": len(packed)}


def publish_snapshot(site: Path, runtime: Path, definitions: Path, examples: Path, cache: BuildCache) -> dict:
    """Put the snapshot (from the cache, or made now) and its description into ``runtime``: made with the
    ``definitions`` loaded and their worked examples (in ``examples``) scored once, the engine put in place
    by the ``site``'s own worker modules."""
    modules = [site / module for module in WORKER_MODULES]
    key = digest(*(p.name.encode() + p.read_bytes() for p in _inputs(runtime, definitions, examples, modules)))
    packed, facts_file = cache.get(key, ".bin.gz"), cache.get(key, ".json")
    if packed is None or facts_file is None:
        with tempfile.TemporaryDirectory() as work:
            made = Path(work) / "snapshot.bin.gz"
            facts = _make(runtime, definitions, examples, modules, made)
            packed = cache.put(key, ".bin.gz", made)
            facts_file = cache.put_bytes(key, ".json", json.dumps(facts).encode("utf-8"))
    name = f"snapshot-{key[:16]}.bin"
    shutil.copyfile(packed, runtime / name)
    manifest = {"file": name, **json.loads(facts_file.read_text(encoding="utf-8"))}
    (runtime / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return manifest
