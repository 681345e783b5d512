"""MkDocs hooks for the glossary; the logic lives in terms.py."""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..languages import current
from . import terms as glossary
from .config import GlossaryConfig

log = get_plugin_logger(__name__)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self):
        super().__init__()
        self.terms = []
        self.path = None

    def on_config(self, config):
        if not self.config.enabled:
            return
        # The glossary of this build's language: toolkit_content/i18n/LANG/glossary.yml beside the English.
        file = current.translated(config, self.config.file)
        self.path = current.project(config) / file
        try:
            self.terms = glossary.load_glossary(self.path, display=file)
        except glossary.ContentError as exc:
            raise PluginError("toolkit-glossary: the glossary has problems:\n  " + "\n  ".join(exc.problems)) from None
        if self.config.tooltips and "abbr" not in config.markdown_extensions:
            log.warning("toolkit-glossary: the 'abbr' Markdown extension is off, so no tooltips will show")
        return config

    def on_serve(self, server, *, config, builder):
        if self.config.enabled and self.path is not None and self.path.exists():
            server.watch(str(self.path))
        return server

    def _is_glossary(self, page):
        return current.source_uri(page.file) == self.config.page

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return
        if self._is_glossary(page):
            if self.config.marker not in markdown:
                raise PluginError(f"toolkit-glossary: {page.file.src_uri} lacks the line {self.config.marker}")
            with current.speaking(config):
                return markdown.replace(self.config.marker, glossary.render_glossary(self.terms), 1)
        if not self.config.tooltips or current.source_uri(page.file) in self.config.exclude or not self.terms:
            return markdown
        defs = glossary.abbreviations(self.terms, skip=glossary.page_abbreviations(markdown))
        return f"{markdown.rstrip()}\n\n{defs}\n" if defs else markdown

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled or self._is_glossary(page) or not self.config.tooltips:
            return html
        return glossary.focusable_abbrs(html)
