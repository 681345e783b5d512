"""The list of files the service worker keeps, with a digest each, and the service worker itself."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from plugins.runtime.files import DECODER, RUNTIME_DIR

TEMPLATE = Path(__file__).with_name("sw.js")
RETIRE = Path(__file__).with_name("sw-retire.js")


def site_files(site: Path, exclude: Sequence[str]) -> dict[str, str]:
    """{URL relative to the site root: digest of its content}; a page is listed by its folder URL."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if any(path.relative_to(site).match(pattern) for pattern in exclude):
            continue
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        files[url or "./"] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return files


def service_worker(files: dict[str, str], unpack: Sequence[str] = ()) -> str:
    """The service worker's source: the files to keep, those of them to keep unpacked (gzip, or zstd with
    the runtime's decoder), and a version that changes with any of them."""
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    unpacked = sorted(url for url in files if any(PurePosixPath(url).match(pattern) for pattern in unpack))
    return (TEMPLATE.read_text(encoding="utf-8")
            .replace("__VERSION__", version)
            .replace("__FILES__", json.dumps(sorted(files)))
            .replace("__UNPACK__", json.dumps(unpacked))
            .replace("__DECODER__", f"{RUNTIME_DIR}/{DECODER}"))


def write_service_worker(site: Path, exclude: Sequence[str], unpack: Sequence[str]) -> int:
    """Write `site`/sw.js for the files of `site` (as the plugin does after a build); returns how many it keeps."""
    files = site_files(site, exclude)
    (site / "sw.js").write_text(service_worker(files, unpack), encoding="utf-8")
    return len(files)
