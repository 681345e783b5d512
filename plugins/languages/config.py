"""Typed configuration of the `toolkit-languages` plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class LanguagesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Structured content, with the translations in its i18n/LANG/ folder (relative to mkdocs.yml).
    content_dir = c.Type(str, default="toolkit_content")
