"""Configuration of the offline plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c

from plugins.runtime.files import FULL_STDLIB, RUNTIME_DIR


class OfflineConfig(base.Config):
    """Which built files the service worker keeps; everything else in the site is kept."""

    enabled = c.Type(bool, default=True)
    # Files never worth keeping offline (glob patterns, relative to the site folder).
    # The whole standard library too: fetched only if a module were missing from the trimmed one. And the
    # compressed copies of large files (toolkit-precompress), which a host sends in place of the file.
    exclude = c.ListOfItems(c.Type(str), default=["sitemap.xml", "sw.js", "**/*.map", "**/*.br", "**/*.gz",
                                                  f"{RUNTIME_DIR}/{FULL_STDLIB}"])
    # Gzip files the service worker keeps unpacked, so that a repeat visit reads them without inflating
    # them again (the engine's snapshot: 6.4 MB to download, 17 MB kept, about 0.1 s saved per tool page).
    unpack = c.ListOfItems(c.Type(str), default=[f"{RUNTIME_DIR}/snapshot-*.bin"])


def defaults() -> OfflineConfig:
    """The plugin's options as a build without any set uses them (for tools that write sw.js outside a build)."""
    options = OfflineConfig()
    options.load_dict({})
    return options
