"""SVG charts, written once against rows: a radar, horizontal bars and a risk heat map.

Each chart is an accessible image (``role="img"`` with a title and a description); the same figures
always follow it in a table. Text colours use ``currentColor`` so both palettes work.

In a language written right to left, a chart is its mirror image: each is drawn for left to right, and every
horizontal position goes through :func:`_flipper` (x becomes width - x), while the SVG's own direction is
the language's. A text anchor then needs no change: "end" was a label's left edge before the mirror, and in
right-to-left text "end" is its left edge still, on the other side of the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from .. import text
from ..definition import level_ranks
from ..i18n import direction, listed, tr, trn
from . import levels as level_colours

ACCENT = "#1565c0"


class Bar(NamedTuple):
    label: str
    percent: float | None
    value: str  # what the bar's end says, e.g. "3 of 8 done"


def _flipper(width: float) -> Callable[..., float]:
    """Where a horizontal position drawn for left to right goes in the current language: ``flip(x)`` for a
    point, ``flip(x, span)`` for the left edge of a box `span` wide."""
    if direction() != "rtl":
        return lambda x, span=0.0: x
    return lambda x, span=0.0: width - x - span


def _open(kind: str, width: float, height: float, id_prefix: str, title: str, desc: str) -> list[str]:
    pid = text.html(id_prefix)
    return ['<svg xmlns="http://www.w3.org/2000/svg" class="tk-chart tk-chart--%s" viewBox="0 0 %d %d" '
            'width="100%%" direction="%s" role="img" aria-labelledby="%s-title %s-desc">'
            % (kind, width, height, direction(), pid, pid),
            '<title id="%s-title">%s</title>' % (pid, text.html(title)),
            '<desc id="%s-desc">%s</desc>' % (pid, text.html(desc))]


def radar(rows: list[tuple[str, float | None]], id_prefix: str, title: str) -> str:
    """Percentages per axis on a radar (bars when there are fewer than three axes)."""
    desc = listed("%s %s" % (label, text.percent_text(p)) for label, p in rows)
    if len(rows) < 3:
        return bars([Bar(label, p, text.percent_text(p)) for label, p in rows], id_prefix, title)
    width, height = 680, 420
    cx, cy, r = width / 2, height / 2 + 5, 135
    n = len(rows)
    flip = _flipper(width)

    def drawn(i: int, frac: float) -> tuple[float, float]:
        """Axis `i` at `frac` of its length, clockwise from the top, for left to right."""
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * frac * math.cos(angle), cy + r * frac * math.sin(angle)

    def point(i: int, frac: float) -> tuple[float, float]:
        x, y = drawn(i, frac)
        return flip(x), y

    parts = _open("radar", width, height, id_prefix, title, desc)
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join("%.1f,%.1f" % point(i, ring) for i in range(n))
        parts.append('<polygon class="tk-chart__grid" points="%s" fill="none" stroke="currentColor" '
                     'stroke-opacity="0.25" stroke-width="1"/>' % points)
    for i, (label, percent) in enumerate(rows):
        x, y = point(i, 1.0)
        parts.append('<line class="tk-chart__axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="currentColor" '
                     'stroke-opacity="0.35"/>' % (cx, cy, x, y))
        lx, ly = drawn(i, 1.16)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        lx = flip(lx)
        parts.append('<text class="tk-chart__label" x="%.1f" y="%.1f" text-anchor="%s" font-size="12" '
                     'fill="currentColor">%s<tspan x="%.1f" dy="14" font-weight="bold">%s</tspan></text>'
                     % (lx, ly, anchor, text.html(text.truncate(label, 28)), lx, text.html(text.percent_text(percent))))
    for ring in (0.5, 1.0):
        x, y = drawn(0, ring)
        parts.append('<text class="tk-chart__tick" x="%.1f" y="%.1f" font-size="10" fill="currentColor" '
                     'fill-opacity="0.7">%d%%</text>' % (flip(x + 4), y + 10, int(ring * 100)))
    points = " ".join("%.1f,%.1f" % point(i, (p or 0) / 100.0) for i, (_, p) in enumerate(rows))
    parts.append('<polygon class="tk-chart__value" points="%s" fill="%s" fill-opacity="0.25" stroke="%s" '
                 'stroke-width="2"/>' % (points, ACCENT, ACCENT))
    for i, (_, percent) in enumerate(rows):
        if percent is not None:
            x, y = point(i, percent / 100.0)
            parts.append('<circle class="tk-chart__dot" cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (x, y, ACCENT))
    parts.append("</svg>")
    return "".join(parts)


def bars(rows: list[Bar], id_prefix: str, title: str) -> str:
    """One horizontal progress bar per row."""
    width, bar_x, bar_w, row_h = 560, 200, 280, 30
    height = max(1, len(rows)) * row_h + 10
    flip = _flipper(width)
    parts = _open("bars", width, height, id_prefix, title, listed("%s %s" % (r.label, r.value) for r in rows))
    for i, row in enumerate(rows):
        y = 5 + i * row_h
        parts.append('<text class="tk-chart__label" x="%d" y="%d" text-anchor="end" font-size="12" '
                     'fill="currentColor">%s</text>' % (flip(bar_x - 8), y + 17, text.html(text.truncate(row.label, 30))))
        parts.append('<rect class="tk-chart__track" x="%d" y="%d" width="%d" height="18" rx="3" '
                     'fill="currentColor" fill-opacity="0.12"/>' % (flip(bar_x, bar_w), y + 4, bar_w))
        filled = 0 if row.percent is None else max(0.0, min(100.0, row.percent)) * bar_w / 100.0
        parts.append('<rect class="tk-chart__bar" x="%.1f" y="%d" width="%.1f" height="18" rx="3" fill="%s"/>'
                     % (flip(bar_x, filled), y + 4, filled, ACCENT))
        parts.append('<text class="tk-chart__value-text" x="%d" y="%d" font-size="12" fill="currentColor">%s</text>'
                     % (flip(bar_x + bar_w + 6), y + 17, text.html(row.value)))
    parts.append("</svg>")
    return "".join(parts)


def _cell_title(likelihood: Any, severity: Any, level: Any, count: int, harms: list[str]) -> str:
    head = trn("{likelihood} × {severity}: {level}, {n} item", "{likelihood} × {severity}: {level}, {n} items", count,
               likelihood=likelihood, severity=severity, level=level)
    return head + "".join("\n• %s" % text.truncate(h, 90) for h in harms)


def heatmap(grid: dict[str, Any], result_levels: list[dict[str, Any]], id_prefix: str, title: str, desc: str,
            harms: list[list[list[str]]] | None = None) -> str:
    """A likelihood (rows, highest at the top) by severity (columns) grid, each cell in its level's
    colour with the number of items it holds; hovering a cell lists them (``harms``: their texts per cell).
    ``grid``: likelihood, severity, matrix, counts."""
    lik, sev = grid.get("likelihood") or [], grid.get("severity") or []
    matrix, counts = grid.get("matrix") or [], grid.get("counts") or []
    rank = level_ranks(result_levels)
    cell, left, top = 64, 130, 20
    width = left + cell * len(sev) + 10
    flip = _flipper(width)
    parts = _open("heatmap", width, top + cell * len(lik) + 70, id_prefix, title, desc)
    for li in range(len(lik)):
        row_y = top + (len(lik) - 1 - li) * cell
        parts.append('<text class="tk-chart__label" x="%d" y="%d" text-anchor="end" font-size="11" '
                     'fill="currentColor">%s</text>'
                     % (flip(left - 6), row_y + cell / 2 + 4, text.html(text.truncate(lik[li].get("label"), 18))))
        for si in range(len(sev)):
            k = rank.get(matrix[li][si], 0)
            n = counts[li][si]
            name = result_levels[k].get("name") if result_levels else ""
            fill = level_colours.colour(k, len(result_levels), higher_is_better=False)
            x = flip(left + si * cell, cell)
            parts.append('<rect class="tk-chart__cell" x="%d" y="%d" width="%d" height="%d" fill="%s" '
                         'stroke="#ffffff" stroke-width="2"><title>%s</title></rect>'
                         % (x, row_y, cell, cell, fill, text.html(_cell_title(
                             lik[li].get("label"), sev[si].get("label"), name, n, harms[li][si] if harms else []))))
            if n:
                parts.append('<circle cx="%d" cy="%d" r="13" fill="#ffffff" fill-opacity="0.9"/>'
                             '<text class="tk-chart__count" x="%d" y="%d" text-anchor="middle" font-size="14" '
                             'font-weight="bold" fill="#000000">%d</text>'
                             % (x + cell / 2, row_y + cell / 2 - 6, x + cell / 2, row_y + cell / 2 - 1, n))
            parts.append('<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s">%s</text>'
                         % (x + cell / 2, row_y + cell - 6, level_colours.text_colour(fill),
                            text.html(text.truncate(name, 10))))
    base_y = top + len(lik) * cell
    for si in range(len(sev)):
        parts.append('<text class="tk-chart__label" x="%d" y="%d" text-anchor="middle" font-size="11" '
                     'fill="currentColor">%s</text>' % (flip(left + si * cell + cell / 2), base_y + 16,
                                                        text.html(text.truncate(sev[si].get("label"), 11))))
    parts.append('<text x="%d" y="%d" text-anchor="middle" font-size="12" font-weight="bold" '
                 'fill="currentColor">%s</text>' % (flip(left + cell * len(sev) / 2), base_y + 40, text.html(tr("Severity →"))))
    middle, side = top + len(lik) * cell / 2, flip(12)
    parts.append('<text x="%d" y="%d" font-size="12" font-weight="bold" fill="currentColor" '
                 'transform="rotate(-90 %d %d)" text-anchor="middle">%s</text>'
                 % (side, middle, side, middle, text.html(tr("Likelihood →"))))
    parts.append("</svg>")
    return "".join(parts)


class Range(NamedTuple):
    label: str
    low: float | None
    middle: float | None
    high: float | None
    points: list[float]  # each respondent's value


def ranges(rows: list[Range], id_prefix: str, title: str, ticks: list[str] | None = None) -> str:
    """Per row, the span from the lowest to the highest value with a mark at the median and a dot per
    respondent. The axis is 0-100 % or, with ``ticks``, the levels 0..len(ticks)-1 by name."""
    width, left, axis_w, row_h, top = 620, 190, 380, 30, 26
    top_value = float(len(ticks) - 1) if ticks else 100.0
    height = top + max(1, len(rows)) * row_h + 8
    flip = _flipper(width)

    def x(value: float) -> float:
        return flip(left + (value / top_value if top_value else 0) * axis_w)

    def say(value: float | None) -> str:
        if value is None:
            return "–"
        return str(ticks[int(value)]) if ticks else text.percent_text(value)

    desc = listed(tr("{label}: {low} to {high}, median {median}", label=r.label, low=say(r.low), high=say(r.high),
                        median=say(r.middle)) for r in rows)
    parts = _open("ranges", width, height, id_prefix, title, desc)
    marks = [(i, name) for i, name in enumerate(ticks)] if ticks else [(v, text.percent_text(v)) for v in (0, 25, 50, 75, 100)]
    for value, name in marks:
        parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="currentColor" stroke-opacity="0.2"/>'
                     '<text class="tk-chart__tick" x="%.1f" y="%d" text-anchor="middle" font-size="10" '
                     'fill="currentColor">%s</text>' % (x(value), top - 6, x(value), height - 4, x(value), top - 10,
                                                        text.html(text.truncate(name, 14))))
    for i, row in enumerate(rows):
        y = top + i * row_h + row_h / 2
        parts.append('<text class="tk-chart__label" x="%d" y="%.1f" text-anchor="end" font-size="12" '
                     'fill="currentColor">%s</text>' % (flip(left - 10), y + 4, text.html(text.truncate(row.label, 28))))
        if row.low is None or row.high is None:
            continue
        start, end = sorted((x(row.low), x(row.high)))
        parts.append('<rect class="tk-chart__range" x="%.1f" y="%.1f" width="%.1f" height="10" rx="5" fill="%s" '
                     'fill-opacity="0.3"/>' % (start - 5, y - 5, end - start + 10, ACCENT))
        for point in row.points:
            parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (x(point), y, ACCENT))
        if row.middle is not None:
            parts.append('<rect class="tk-chart__median" x="%.1f" y="%.1f" width="3" height="18" fill="currentColor"/>'
                         % (x(row.middle) - 1.5, y - 9))
    parts.append("</svg>")
    return "".join(parts)
