"""MkDocs plugin `toolkit-runtime`: put the Pyodide core and the engine into the built site."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import RuntimeConfig
from .files import ENGINE_ZIP, RuntimeMissing, copy_pyodide_core, zip_engine

log = get_plugin_logger(__name__)


class RuntimePlugin(BasePlugin[RuntimeConfig]):
    """Copies exactly the runtime files the widgets need, once per build."""

    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        project = Path(config.config_file_path).parent
        dest = Path(config.site_dir) / self.config.dest
        try:
            copy_pyodide_core(project / self.config.pyodide_dir, dest)
        except RuntimeMissing as error:
            raise PluginError(str(error)) from None
        zip_engine(self._engine_dir(), dest / ENGINE_ZIP, self.config.engine_package)

    def _engine_dir(self) -> Path:
        spec = importlib.util.find_spec(self.config.engine_package)
        if spec is None or not spec.submodule_search_locations:
            raise PluginError(f"engine package {self.config.engine_package!r} is not importable")
        return Path(next(iter(spec.submodule_search_locations)))
