"""MkDocs plugin `toolkit-precompress`: compressed copies of the large files, for hosts that serve them
(nginx's gzip_static and brotli_static, Caddy's precompressed; docs/maintainers/publishing.md)."""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from pyscript_tools.authoring.cache import BuildCache

from ..languages import current
from .compress import precompress
from .config import PrecompressConfig

log = get_plugin_logger(__name__)


class PrecompressPlugin(BasePlugin[PrecompressConfig]):
    """Runs last, after each language's build (the default language's ends the whole build, after every
    other one and the service worker); a file compressed once comes from the build cache after that."""

    def __init__(self):
        super().__init__()
        self.serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @event_priority(-300)  # after toolkit-offline (-200), which writes the service worker last
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.serving:
            return
        start = time.perf_counter()
        written = precompress(Path(config.site_dir), self.config, BuildCache(current.project(config), "compressed"))
        log.info(f"{written} compressed copies in {time.perf_counter() - start:.1f} s")
