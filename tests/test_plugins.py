"""MkDocs conventions every plugin of the site keeps: an `enabled` option that really turns it off, and
state declared in `__init__` (no attribute appears later, in a hook)."""
from __future__ import annotations

import ast
import inspect
import tomllib
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment

ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"][
    "mkdocs.plugins"]


def plugin_class(target: str):
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


class Untouchable:
    """An argument a hook must not read: any use of it fails the test."""

    def __getattr__(self, name):
        raise AssertionError(f"a disabled plugin read .{name} of its arguments")

    def __contains__(self, item):
        raise AssertionError("a disabled plugin read its arguments")


def disabled(cls):
    plugin = cls()
    plugin.load_config({"enabled": False})
    return plugin


def hooks(cls) -> list[str]:
    return [name for name, _ in inspect.getmembers(cls, inspect.isfunction)
            if name.startswith("on_") and name != "on_startup"]


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_every_plugin_can_be_turned_off(name: str):
    cls = plugin_class(ENTRY_POINTS[name])
    assert "enabled" in dict(cls.config_class._schema), f"{name} has no `enabled` option"
    plugin = disabled(cls)
    for hook in hooks(cls):
        method = getattr(plugin, hook)
        parameters = inspect.signature(method).parameters.values()
        # The theme overrides still need what the languages plugin gives them: `tr()` and its filters (in
        # English) and the site's root in each page's context.
        environment, context = Environment(), {"base_url": "../.."}
        given = {"env": environment, "context": context}
        arguments = {p.name: given.get(p.name) or Untouchable() for p in parameters}
        positional = [arguments[p.name] for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        result = method(*positional, **{p.name: arguments[p.name] for p in parameters if p.kind is p.KEYWORD_ONLY})
        assert result is None or result is positional[0], f"{name}.{hook} changed its input"
    if "on_env" in hooks(cls) and "tr" in environment.globals:
        assert environment.globals["tr"]("Result") == "Result"
    if "tk_site_root" in context:
        assert context == {"base_url": "../..", "tk_site_root": "../.."}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_plugin_state_is_declared_in_init(name: str):
    cls = plugin_class(ENTRY_POINTS[name])
    tree = ast.parse(inspect.getsource(cls))
    declared, assigned = set(), {}
    for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) else []
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and isinstance(element.value, ast.Name) \
                            and element.value.id == "self":
                        (declared.add(element.attr) if function.name == "__init__"
                         else assigned.setdefault(element.attr, function.name))
    late = {attr: where for attr, where in assigned.items() if attr not in declared}
    assert late == {}, f"{name}: attributes first set outside __init__: {late}"


def test_translations_are_found_under_the_configured_content_folder():
    """The content folder is one setting (toolkit-languages' content_dir): an agency that renames it
    keeps its translations found, for every plugin's content files."""
    from plugins.languages import current
    from plugins.languages.plugin import LanguagesPlugin

    languages = LanguagesPlugin()
    languages.load_config({"content_dir": "agency-content/"})
    i18n = SimpleNamespace(current_language="fr", config=SimpleNamespace(
        languages=[SimpleNamespace(locale="en", default=True), SimpleNamespace(locale="fr", default=False)]))
    config = SimpleNamespace(plugins={"toolkit-languages": languages, "i18n": i18n})
    assert current.translated(config, "agency-content/roles.yml") == "agency-content/i18n/fr/roles.yml"
    assert current.translated(config, "agency-content/primers") == "agency-content/i18n/fr/primers"
    assert current.translated(config, "toolkit_content/roles.yml") == "toolkit_content/roles.yml"
