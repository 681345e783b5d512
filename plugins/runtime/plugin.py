"""MkDocs plugin `toolkit-runtime`: put the Pyodide core and the engine into the built site."""
from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from pyscript_tools.authoring.cache import BuildCache

from ..languages import current
from .bytecode import BytecodeError, compile_archives
from .config import RuntimeConfig
from .files import (
    ENGINE_PACKAGE,
    ENGINE_ZIP,
    FULL_STDLIB,
    RUNTIME_DIR,
    STDLIB,
    RuntimeMissing,
    copy_decoder,
    copy_pyodide_core,
    pack_archives,
    zip_engine,
)
from .snapshot import SnapshotError, publish_snapshot

log = get_plugin_logger(__name__)


class RuntimePlugin(BasePlugin[RuntimeConfig]):
    """Copies exactly the runtime files the widgets need, once per build."""

    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or not current.is_default(config):
            return  # one runtime for the whole site: the other languages' pages use the same files
        project = current.project(config)
        dest = Path(config.site_dir) / RUNTIME_DIR
        try:
            copy_pyodide_core(project / self.config.pyodide_dir, dest)
            copy_decoder(project / self.config.decoder_dir, dest)
        except RuntimeMissing as error:
            raise PluginError(str(error)) from None
        zip_engine(self._engine_dir(), dest / ENGINE_ZIP, ENGINE_PACKAGE)
        try:
            compile_archives(dest, [dest / STDLIB, dest / ENGINE_ZIP], dest / FULL_STDLIB, BuildCache(project, "bytecode"))
        except BytecodeError as error:
            raise PluginError(str(error)) from None
        pack_archives(dest, BuildCache(project, "packed"))
        if self.config.snapshot and os.environ.get("TOOLKIT_SNAPSHOT", "1").strip() not in {"0", "false", "no", "off"}:
            start = time.perf_counter()
            try:
                definitions, examples = (Path(config.site_dir) / path for path in self._published(config))
                made = publish_snapshot(Path(config.site_dir), dest, definitions, examples,
                                        BuildCache(project, "snapshot"))
            except SnapshotError as error:
                raise PluginError(str(error)) from None
            log.info(f"engine snapshot {made['file']} ({made['compressed'] / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")

    @staticmethod
    def _published(config) -> tuple[str, str]:
        """Where the questionnaires plugin publishes the definitions the snapshot loads and the worked
        examples it scores once (this is the default language's build: the snapshot holds its definitions)."""
        questionnaires = config.plugins.get("toolkit-questionnaires")
        if questionnaires is None:
            raise PluginError("toolkit-runtime needs toolkit-questionnaires (its definitions and worked examples)")
        return questionnaires.published()

    def _engine_dir(self) -> Path:
        spec = importlib.util.find_spec(ENGINE_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise PluginError(f"engine package {ENGINE_PACKAGE!r} is not importable")
        return Path(next(iter(spec.submodule_search_locations)))
