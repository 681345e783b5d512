"""Compressed copies of the large files: written beside them, decoding to the very file, never kept by the
service worker, and sent by a host that has them (the test server sends them as nginx would)."""
from __future__ import annotations

import gzip
import os
import urllib.request
from pathlib import Path

import brotli
import pytest

from plugins.offline.config import defaults as offline_defaults
from plugins.offline.manifest import site_files
from plugins.precompress.compress import precompress
from plugins.precompress.config import PrecompressConfig, defaults
from plugins.runtime.files import RUNTIME_DIR
from pyscript_tools.authoring.cache import BuildCache
from tests.support.server import serve_site

DECODE = {".br": brotli.decompress, ".gz": gzip.decompress}


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch):
    """Each test's cache in its own tmp_path, even when TOOLKIT_CACHE_DIR points the builds elsewhere."""
    monkeypatch.delenv("TOOLKIT_CACHE_DIR", raising=False)


def _site(folder: Path, options: PrecompressConfig) -> dict[str, bytes]:
    large = b"Responsible AI in policing. " * (options.min_size // 20)
    files = {"assets/large.js": large, "page/index.html": large, "small.css": b"body { margin: 0 }",
             "archive.zip": large, "noise.json": os.urandom(options.min_size)}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return files


def test_large_files_of_the_listed_types_get_copies_that_decode_to_them(tmp_path: Path):
    options, site = defaults(), tmp_path / "site"
    files = _site(site, options)
    written = precompress(site, options, BuildCache(tmp_path, "c"))
    copies = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in DECODE)
    assert copies == ["assets/large.js.br", "assets/large.js.gz", "page/index.html.br", "page/index.html.gz"]
    assert written == len(copies)
    for copy in copies:
        name, suffix = copy.rsplit(".", 1)
        assert DECODE["." + suffix]((site / copy).read_bytes()) == files[name]


def test_copies_come_from_the_build_cache_once_made(tmp_path: Path):
    options, cache = defaults(), BuildCache(tmp_path, "c")
    for build in ("first", "second"):
        _site(tmp_path / build, options)
        precompress(tmp_path / build, options, cache)
    made = sorted(path.name for path in cache.folder.iterdir())
    assert len(made) == 6, made  # large.js = index.html: one .br and one .gz; the noise's two, not smaller


def test_the_service_worker_keeps_no_copy(built_site: Path):
    copies = [path for path in (built_site / RUNTIME_DIR).iterdir() if path.suffix in DECODE]
    assert {path.name for path in copies} >= {"pyodide.asm.wasm.br", "pyodide.asm.wasm.gz", "pyodide.asm.js.br"}
    kept = site_files(built_site, offline_defaults().exclude)
    assert not [url for url in kept if url.endswith((".br", ".gz"))]


def test_a_host_with_the_copies_sends_the_runtime_as_brotli(built_site: Path):
    with serve_site(built_site) as url:
        request = urllib.request.Request(url + f"{RUNTIME_DIR}/pyodide.asm.wasm", headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(request) as response:
            body, headers = response.read(), response.headers
    assert headers["Content-Encoding"] == "br" and headers["Content-Type"] == "application/wasm"
    assert brotli.decompress(body) == (built_site / RUNTIME_DIR / "pyodide.asm.wasm").read_bytes()
