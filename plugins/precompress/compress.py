"""Brotli and gzip copies of files, named as hosts look for them (`FILE.br`, `FILE.gz`), kept in the build
cache by the digest of the file and the settings."""
from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import brotli

from pyscript_tools.authoring.cache import BuildCache, digest

from .config import PrecompressConfig


def compressible(site: Path, suffixes: Sequence[str], min_size: int) -> Iterator[Path]:
    """The files of `site` with one of `suffixes`, of at least `min_size` bytes."""
    for path in sorted(site.rglob("*")):
        if path.suffix in suffixes and path.is_file() and path.stat().st_size >= min_size:
            yield path


def brotli_quality(size: int, quality: int, best_from: int) -> int:
    """Brotli's quality for a file of `size` bytes: its highest from `best_from` bytes, else `quality`."""
    return 11 if size >= best_from else quality


def compress(data: bytes, encoding: str, level: int) -> bytes:
    """`data` compressed as `encoding` (".br" or ".gz") at `level`."""
    if encoding == ".br":
        return brotli.compress(data, quality=level)
    return gzip.compress(data, compresslevel=level, mtime=0)


def precompress(site: Path, options: PrecompressConfig, cache: BuildCache) -> int:
    """Write a `.br` and a `.gz` copy beside each compressible file of `site` that they make smaller;
    return how many copies were written."""
    written = 0
    for path in list(compressible(site, options.suffixes, options.min_size)):
        data = path.read_bytes()
        for encoding, level in ((".br", brotli_quality(len(data), options.brotli_quality, options.best_from)), (".gz", 9)):
            key = digest(encoding, str(level), data)
            kept = cache.get(key, encoding)
            if kept is None:
                with tempfile.TemporaryDirectory() as work:
                    made = Path(work) / f"copy{encoding}"
                    made.write_bytes(compress(data, encoding, level))
                    kept = cache.put(key, encoding, made)
            if kept.stat().st_size < len(data):
                path.with_name(path.name + encoding).write_bytes(kept.read_bytes())
                written += 1
    return written
