"""The snapshot's published format: what the build writes (plugins/runtime/snapshot.py), the browser
reads back byte for byte (overrides/assets/toolkit/worker/snapshot-format.js, run in Node), and refuses damage."""
from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.runtime.snapshot import PAGE, sparse

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
READ = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { copySparse, readSparse } from "%s";
try {
  const sparse = readSparse(new Uint8Array(readFileSync(process.argv[2])));
  const [start, length] = [Number(process.argv[3] ?? 0), Number(process.argv[4] ?? sparse.size)];
  const heap = copySparse(sparse, start, new Uint8Array(length).fill(7)); // zeros are written, not assumed
  console.log(createHash("sha256").update(heap).digest("hex"));
} catch (error) { console.log("refused: " + error.message); }
""" % (ROOT / "overrides" / "assets" / "toolkit" / "worker" / "snapshot-format.js").as_uri()


def heap_with_zero_pages(seed: int) -> bytes:
    """Pages of random bytes and of zeros, in random order, with a tail shorter than a page."""
    rnd = random.Random(seed)
    pages = [bytes(PAGE) if rnd.random() < 0.5 else rnd.randbytes(PAGE) for _ in range(40)]
    return b"".join(pages) + rnd.choice([b"", bytes(100), rnd.randbytes(100)])


def read_in_node(tmp_path: Path, data: bytes, *window: int) -> str:
    """The SHA-256 of the heap (or of `start, length` of it) that Node reads back, or why it refused."""
    (tmp_path / "heap.bin").write_bytes(data)
    (tmp_path / "read.mjs").write_text(READ, encoding="utf-8")
    run = subprocess.run([NODE, str(tmp_path / "read.mjs"), str(tmp_path / "heap.bin"), *map(str, window)],
                         capture_output=True, text=True, timeout=60, check=True)
    return run.stdout.strip()


@pytest.mark.skipif(NODE is None, reason="needs Node.js")
@pytest.mark.parametrize("seed", range(6))
def test_the_browser_rebuilds_the_heap_the_build_wrote(tmp_path, seed):
    heap = heap_with_zero_pages(seed)
    packed = sparse(heap)
    zero_pages = sum(heap[at:at + PAGE] == bytes(PAGE) for at in range(0, len(heap) - PAGE + 1, PAGE))
    assert len(packed) <= len(heap) - zero_pages * PAGE + 16 + 8 * 41  # zero pages cost a run header at most
    assert read_in_node(tmp_path, packed) == hashlib.sha256(heap).hexdigest()


@pytest.mark.skipif(NODE is None, reason="needs Node.js")
@pytest.mark.parametrize("seed", range(4))
def test_any_part_of_the_heap_is_written_as_the_build_wrote_it(tmp_path, seed):
    """The worker writes the heap after the snapshot's header straight into Python's memory."""
    heap = heap_with_zero_pages(seed)
    rnd = random.Random(seed)
    start = rnd.randrange(len(heap))
    length = rnd.randrange(len(heap) - start + 1)
    assert read_in_node(tmp_path, sparse(heap), start, length) == hashlib.sha256(heap[start:start + length]).hexdigest()


@pytest.mark.skipif(NODE is None, reason="needs Node.js")
def test_a_truncated_or_foreign_snapshot_is_refused(tmp_path):
    packed = sparse(heap_with_zero_pages(1))
    assert read_in_node(tmp_path, packed[:-10]).startswith("refused: ")
    assert read_in_node(tmp_path, packed + b"x").startswith("refused: ")
    assert read_in_node(tmp_path, b"GARBAGE!" + packed[8:]).startswith("refused: ")
