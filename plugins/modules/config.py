"""Configuration of the module preloads plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class ModulesConfig(base.Config):
    """Turned off, a page finds its modules one level of imports at a time, as the browser reads them."""

    enabled = c.Type(bool, default=True)
