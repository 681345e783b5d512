"""Typed configuration of the `toolkit-glossary` plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class GlossaryConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # YAML glossary, relative to the directory of mkdocs.yml.
    file = c.Type(str, default="toolkit_content/glossary.yml")
    # Docs-relative page that holds the marker line.
    page = c.Type(str, default="glossary.md")
    marker = c.Type(str, default="<!-- toolkit-glossary -->")
    # Add hover/tap definitions (Markdown abbreviations) to every other page.
    tooltips = c.Type(bool, default=True)
    # Docs-relative pages (exact paths) that get no tooltips.
    exclude = c.ListOfItems(c.Type(str), default=[])
