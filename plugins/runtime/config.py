"""Configuration of the runtime plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class RuntimeConfig(base.Config):
    """Where the runtime comes from, and whether to make a snapshot (where it goes is fixed: files.RUNTIME_DIR,
    which the worker finds beside its own folder)."""

    enabled = c.Type(bool, default=True)
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    # The zstd decoder that unpacks the packed archives in the browser (the npm package fzstd).
    decoder_dir = c.Type(str, default="node_modules/fzstd")
    # A memory snapshot with the engine loaded, for a fast start (TOOLKIT_SNAPSHOT=0 skips it).
    snapshot = c.Type(bool, default=True)
