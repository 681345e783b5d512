"""MkDocs plugin `toolkit-offline`: write the service worker that keeps the built site offline."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .config import OfflineConfig
from .manifest import RETIRE, write_service_worker

log = get_plugin_logger(__name__)


class OfflinePlugin(BasePlugin[OfflineConfig]):
    """Runs after every other plugin has written its files, so the list is the whole build: after
    mkdocs-static-i18n too (-100), which builds the other languages from its own post-build event."""

    def __init__(self):
        super().__init__()
        self.serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @event_priority(-200)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        if self.serving:
            (site / "sw.js").write_text(RETIRE.read_text(encoding="utf-8"), encoding="utf-8")
            return
        kept = write_service_worker(site, self.config.exclude, self.config.unpack)
        log.info(f"service worker keeps {kept} files offline")
