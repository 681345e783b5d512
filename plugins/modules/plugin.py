"""MkDocs plugin `toolkit-modules`: the theme's templates get `module_preloads(entries)`, the modules that
a page's module scripts import, which main.html lists as `<link rel="modulepreload">`. A page then asks
for all its modules in one round trip after the HTML, instead of one round trip per level of imports."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .config import ModulesConfig
from .graph import imported_modules


class ModulesPlugin(BasePlugin[ModulesConfig]):
    """Reads the import graph from the theme's files, once per entry list and build."""

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return
        folders = [Path(folder) for folder in config.theme.dirs]

        def theme_file(url: str) -> Path:
            """The theme file published at `url` (relative to the site's root); the custom_dir comes first."""
            found = next((folder / url for folder in folders if (folder / url).is_file()), None)
            if found is None:
                raise PluginError(f"toolkit-modules: no theme file {url} to read the imports of")
            return found.resolve()

        def published(path: Path) -> str:
            """The URL (relative to the site's root) of the theme file at `path`."""
            folder = next((folder.resolve() for folder in folders if path.is_relative_to(folder.resolve())), None)
            if folder is None or not path.is_file():
                raise PluginError(f"toolkit-modules: {path} is imported but is not a file of the theme")
            return path.relative_to(folder).as_posix()

        @cache
        def preloads(entries: tuple[str, ...]) -> list[str]:
            return [published(path) for path in imported_modules(theme_file(url) for url in entries)]

        def module_preloads(entries: Iterable[str]) -> list[str]:
            """The site-relative URLs of the modules `entries` (URLs of module scripts) import."""
            return preloads(tuple(entries))

        env.globals["module_preloads"] = module_preloads
