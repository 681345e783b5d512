"""Configuration of the runtime plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class RuntimeConfig(base.Config):
    """Where the runtime comes from and where it goes in the built site."""

    enabled = c.Type(bool, default=True)
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    engine_package = c.Type(str, default="pyscript_tools.engine")  # the folder that ships, as it is
    dest = c.Type(str, default="assets/pyodide")
    # A memory snapshot with the engine loaded, for a fast start (TOOLKIT_SNAPSHOT=0 skips it).
    snapshot = c.Type(bool, default=True)
