"""MkDocs plugin `toolkit-csp`: add the site's Content Security Policy to every page."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority

from .config import CspConfig
from .policy import with_policy


class CspPlugin(BasePlugin[CspConfig]):
    """Runs last on each page, once its HTML is final."""

    @event_priority(-100)  # after every other plugin has changed the page
    def on_post_page(self, output, *, page, config):
        if not self.config.enabled:
            return output
        return with_policy(output, self.config.policy)

    def on_post_template(self, output_content, *, template_name, config):
        """Static theme pages, such as 404.html."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content, self.config.policy)
