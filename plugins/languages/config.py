"""Typed configuration of the `toolkit-languages` plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class LanguagesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Structured content, with the translations in its i18n/LANG/ folder (relative to mkdocs.yml). The other
    # plugins' content files (glossary, roles, primers, questionnaires) are found in i18n/LANG/ by their
    # path inside this folder.
    content_dir = c.Type(str, default="toolkit_content")
