"""MkDocs hooks of `toolkit-languages`: check this language's interface catalogue, and give the theme
overrides `tr()` in that language. The other plugins read the language from `current`."""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

from pyscript_tools.authoring.catalog import browser_messages, check
from pyscript_tools.authoring.typography import typeset_html
from pyscript_tools.engine import i18n

from . import current, search
from .config import LanguagesConfig

log = get_plugin_logger(__name__)

# The theme's <link rel="alternate" hreflang> tags: it fetches "sitemap.xml" beside each (a 404 per
# page here, where they point at pages, not language roots); the language selector's links and, with a
# site_url, the sitemap carry the same information.
ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
BODY_DIRECTION = re.compile(r'<body dir="(rtl|ltr)"')
HTML_LANG = re.compile(r'<html lang="[^"]*"')


def with_direction(html: str) -> str:
    """``html`` whose <html> element states the direction its <body> has, after its language."""
    found = BODY_DIRECTION.search(html)
    if found is None or found.group(1) == "ltr":
        return html
    return HTML_LANG.sub(lambda tag: f'{tag.group()} dir="{found.group(1)}"', html, count=1)


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    def __init__(self):
        super().__init__()
        self.default_404 = ""  # the default language's 404 page, kept while the other languages build

    def on_config(self, config):
        if not self.config.enabled:
            return
        found = current.catalog_for(config)
        if found is not None:
            problems = check(found, current.messages(current.project(config)))
            if problems:
                raise PluginError(f"toolkit-languages: the {found.language} interface catalogue has "
                                  f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:40]))
        return config

    def on_env(self, env, *, config, files):
        """The overrides' `tr()` and filters (in English, without the catalogue, when the plugin is off)."""
        enabled = self.config.enabled
        found = current.catalog_for(config) if enabled else None
        language, entries = current.code(config) if enabled else "en", found.translations() if found else None

        def translate(message: str, **values) -> str:
            with i18n.language(language, entries):
                return i18n.tr(message, **values)

        env.globals["tr"] = translate
        prefix = current.prefix(config) if enabled else ""

        def default_language_url(page) -> str:
            """From a page of this language to the same page on the default language's site."""
            target = page.url[len(prefix):] if prefix and page.url.startswith(prefix) else page.url
            return get_relative_url(target or ".", page.url or ".")

        env.filters["default_language_url"] = default_language_url
        env.filters["without_alternate_links"] = lambda html: type(html)(ALTERNATE_LINK.sub("", str(html)))
        # The browser scripts' texts in this language, read by assets/toolkit/shared/i18n.js (none in English).
        strings = found.subset(browser_messages(current.messages(current.project(config)))) if found else {}
        env.globals["tk_interface"] = json.dumps(strings, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        return env

    @event_priority(-100)  # the page as every other plugin left it: scripts and styles are not touched
    def on_post_page(self, output, *, page, config):
        """The language's typography on the page's text (editors type ordinary spaces), and the direction the
        theme gives <body> (right to left in Arabic) on <html> too, where browsers and checkers read it."""
        if not self.config.enabled:
            return output
        return typeset_html(with_direction(output), current.code(config))

    @event_priority(-100)  # the page as every other plugin left it (the security policy included)
    def on_post_template(self, output_content, *, template_name, config):
        """Every language's build writes the site's root 404.html: keep the default language's there and
        put each other language's beside its pages (fr/404.html)."""
        if not self.config.enabled or template_name != "404.html":
            return output_content
        if current.is_default(config):
            self.default_404 = output_content
            return output_content
        target = Path(config.site_dir) / current.prefix(config) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(typeset_html(with_direction(output_content), current.code(config)), encoding="utf-8")
        return self.default_404 or output_content

    def on_page_context(self, context, *, page, config, nav):
        """Point the theme's search at this language's own index (its `base`); storage keeps the site root."""
        context["tk_site_root"] = context.get("base_url")
        if self.config.enabled and not current.is_default(config):
            context["base_url"] = get_relative_url(current.prefix(config), page.url or ".")
        return context

    @event_priority(-150)  # after mkdocs-static-i18n has written the index of every language (-100)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        i18n_plugin = config.plugins.get("i18n")
        if i18n_plugin is None or getattr(i18n_plugin, "building", False):
            return
        default = current.default(config)
        others = [lang.locale for lang in i18n_plugin.config.languages if lang.build and lang.locale != default]
        counts = search.split_index(Path(config.site_dir), default, others)
        log.debug("search entries per language: %s", counts)
        if not config.site_url:  # a sitemap needs absolute addresses: without site_url it would list "None/"
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
