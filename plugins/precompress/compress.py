"""Brotli and gzip copies of files, named as hosts look for them (`FILE.br`, `FILE.gz`), kept in the build
cache by the digest of the file and the settings."""
from __future__ import annotations

import gzip
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from pyscript_tools.authoring.cache import BuildCache, digest

from .config import PrecompressConfig

# Each copy's suffix, and the Content-Encoding a host sends it with, brotli first (browsers prefer it).
COPIES = {".br": "br", ".gz": "gzip"}


def compressible(site: Path, suffixes: Sequence[str], min_size: int) -> Iterator[Path]:
    """The files of `site` with one of `suffixes`, of at least `min_size` bytes."""
    for path in sorted(site.rglob("*")):
        if path.suffix in suffixes and path.is_file() and path.stat().st_size >= min_size:
            yield path


def brotli_quality(size: int, quality: int, best_from: int) -> int:
    """Brotli's quality for a file of `size` bytes: its highest from `best_from` bytes, else `quality`."""
    return 11 if size >= best_from else quality


def compress(data: bytes, suffix: str, level: int) -> bytes:
    """`data` compressed for the copy named with `suffix` (a key of COPIES) at `level`."""
    if suffix == ".br":
        return brotli.compress(data, quality=level)
    return gzip.compress(data, compresslevel=level, mtime=0)


def precompress(site: Path, options: PrecompressConfig, cache: BuildCache) -> int:
    """Write a `.br` and a `.gz` copy beside each compressible file of `site` that they make smaller;
    return how many copies were written. The copies are made on every core (brotli and zlib let go of
    Python's lock while they work), the largest file first: brotli's best quality takes the runtime's
    WebAssembly about 25 s, while the other copies are made beside it."""
    files = sorted(compressible(site, options.suffixes, options.min_size), key=lambda path: -path.stat().st_size)
    tasks = [(path, suffix) for path in files for suffix in COPIES]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return sum(pool.map(lambda task: _copy(task[0], task[1], options, cache), tasks))


def _copy(path: Path, suffix: str, options: PrecompressConfig, cache: BuildCache) -> bool:
    """Write the copy of `path` named with `suffix` if it is smaller (from the cache when made before)."""
    data = path.read_bytes()
    level = brotli_quality(len(data), options.brotli_quality, options.best_from) if suffix == ".br" else 9
    key = digest(suffix, str(level), data)
    kept = cache.get(key, suffix) or cache.put_bytes(key, suffix, compress(data, suffix, level))
    if kept.stat().st_size >= len(data):
        return False
    path.with_name(path.name + suffix).write_bytes(kept.read_bytes())
    return True
