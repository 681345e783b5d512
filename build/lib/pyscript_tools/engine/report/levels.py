"""Colours of levels, for any number of levels: each level's place on one ramp from good to bad.

The engine writes a level's colour into its HTML (``--tk-level-color``) and SVG (``fill``), so the site's
CSS and the PDF both use this one definition.
"""

from __future__ import annotations

# From good to bad: green, light green, amber, orange, red, dark red.
RAMP = ("#2e7d32", "#558b2f", "#f9a825", "#ef6c00", "#c62828", "#6a1b1a")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def colour(index: int, count: int, higher_is_better: bool) -> str:
    """The colour of level ``index`` (0 = lowest) of ``count`` levels: stops spread evenly over the ramp
    (readiness, where higher is better, runs it backwards and leaves out its darkest red)."""
    ramp = RAMP[-2::-1] if higher_is_better else RAMP
    if count <= 1:
        return ramp[0]
    return ramp[round(index * (len(ramp) - 1) / (count - 1))]


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def style(index: int | None, count: int, higher_is_better: bool) -> str:
    """The inline CSS variables that colour a level's element (empty without a level)."""
    if index is None:
        return ""
    bg = colour(index, count, higher_is_better)
    return "--tk-level-color:%s;--tk-level-text:%s" % (bg, text_colour(bg))
