"""Configuration of the offline plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c

from plugins.runtime.files import FULL_STDLIB, PACKED, PACKED_ARCHIVES, RUNTIME_DIR


class OfflineConfig(base.Config):
    """Which built files the service worker keeps; everything else in the site is kept."""

    enabled = c.Type(bool, default=True)
    # Files never worth keeping offline (glob patterns, relative to the site folder).
    # The whole standard library too: fetched only if a module were missing from the trimmed one. The
    # compressed copies of large files (toolkit-precompress), which a host sends in place of the file. And
    # the Python archives as they are: the browser downloads their packed copies.
    exclude = c.ListOfItems(c.Type(str), default=["sitemap.xml", "sw.js", "**/*.map", "**/*.br", "**/*.gz",
                                                  f"{RUNTIME_DIR}/{FULL_STDLIB}",
                                                  *(f"{RUNTIME_DIR}/{name}" for name in PACKED_ARCHIVES)])
    # Files the service worker keeps unpacked, so that a repeat visit reads them without unpacking them
    # again: the engine's snapshot (gzip: 5.0 MB to download, 15.6 MB kept, about 0.1 s saved per tool
    # page) and the packed Python archives (zstd: 0.85 MB, 3.4 MB kept).
    unpack = c.ListOfItems(c.Type(str), default=[f"{RUNTIME_DIR}/snapshot-*.bin", f"{RUNTIME_DIR}/*{PACKED}"])


def defaults() -> OfflineConfig:
    """The plugin's options as a build without any set uses them (for tools that write sw.js outside a build)."""
    options = OfflineConfig()
    options.load_dict({})
    return options
