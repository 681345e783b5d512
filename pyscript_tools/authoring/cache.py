"""Files made at build time (the engine's snapshot, the primer PDFs), kept by the hash of everything
they are made from, so that an edit elsewhere never makes them again. The cache lives in ``.cache/``
at the project's root (out of git); deleting it is always safe."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    """A SHA-256 over ``parts`` (each length-prefixed, so that boundaries count)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class BuildCache:
    """One kind of made file (``kind``), found by the digest of its inputs."""

    def __init__(self, project: Path, kind: str):
        root = Path(os.environ.get("TOOLKIT_CACHE_DIR") or project / ".cache" / "toolkit")
        self.folder = root / kind

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}{suffix}"

    def get(self, key: str, suffix: str) -> Path | None:
        found = self.path(key, suffix)
        return found if found.is_file() else None

    def put(self, key: str, suffix: str, source: Path) -> Path:
        """Keep a copy of ``source`` under ``key`` (written aside, then moved, so a reader never sees half)."""
        return self.put_bytes(key, suffix, source.read_bytes())

    def put_bytes(self, key: str, suffix: str, data: bytes) -> Path:
        """Keep `data` under ``key``, as :meth:`put` keeps a file (each writer in a file of its own, so that
        two threads or processes keeping the same file never write into one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key, suffix)
        handle, partial = tempfile.mkstemp(dir=self.folder, prefix=target.name, suffix=".partial")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(partial).replace(target)
        return target
