"""The Jinja templates of the site's generated HTML (the questionnaire form, the primers), overridable as
Material's partials are: a template of the same relative path in one of ``overrides`` (the theme's
``custom_dir`` first) wins over the default shipped beside the code.

In an ``.html`` template a line break and the indentation after it are layout only, not output, so that
elements laid out on several lines keep no space between them; ``{{ "\\n" }}`` writes a line break. Other
templates (Markdown) are output as written. ``.html`` templates escape what they insert (autoescaping);
the ``tr`` function gives an interface string in the current language. They escape as the engine's own
HTML does (:func:`html.escape`), so that a page reads the same whichever part of the code wrote it.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.ext import Extension
from jinja2.nodes import EvalContext
from markupsafe import Markup

from ..engine.i18n import tr

_LAYOUT = re.compile(r"\n[ \t]*")


class _LayoutOnlyLineBreaks(Extension):
    """Drops line breaks and indentation from ``.html`` templates' own text (not from what they insert)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _LAYOUT.sub("", source) if name and name.endswith(".html") else source


def _escape(value: object) -> Markup:
    """``value`` escaped for HTML by :func:`html.escape` (Jinja's own spells ' and " otherwise); HTML stays."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@pass_eval_context
def _escaped(context: EvalContext, value: object) -> object:
    """What an autoescaping template inserts, escaped by :func:`_escape`."""
    return _escape(value) if context.autoescape and value is not None else value


def environment(defaults: Path, overrides: Iterable[str | Path] = ()) -> Environment:
    """Templates from ``overrides`` (in order) and then from ``defaults``."""
    loader = ChoiceLoader([FileSystemLoader([str(folder) for folder in overrides]), FileSystemLoader(str(defaults))])
    env = Environment(loader=loader, autoescape=select_autoescape(["html"], default_for_string=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False,
                      extensions=[_LayoutOnlyLineBreaks], finalize=_escaped)
    env.globals["tr"] = tr
    env.filters["e"] = env.filters["escape"] = _escape
    return env
