"""Configuration of the precompress plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class PrecompressConfig(base.Config):
    """Which built files get compressed copies beside them, and how hard they are compressed."""

    enabled = c.Type(bool, default=True)
    # Files of these types, from this size: the Python runtime, the search indexes, the longest pages. A
    # host compresses smaller files on the fly as well as ahead.
    suffixes = c.ListOfItems(c.Type(str), default=[".wasm", ".js", ".json", ".css", ".html", ".svg", ".txt", ".xml"])
    min_size = c.Type(int, default=100_000)
    # Brotli's quality: its highest (11) for files from `best_from` bytes (the runtime's WebAssembly and
    # script: 0.36 MB smaller than quality 9 on the WebAssembly, for half a minute of work made once and
    # then kept in the build cache); `brotli_quality` for the rest, where the highest saves little.
    brotli_quality = c.Type(int, default=9)
    best_from = c.Type(int, default=1_000_000)


def defaults() -> PrecompressConfig:
    """The plugin's options as a build without any set uses them (for tests that write a build's files)."""
    options = PrecompressConfig()
    options.load_dict({})
    return options
