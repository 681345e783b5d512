"""A risk questionnaire's rules: likelihood and severity values ascending, and a matrix of level ids, one
row per likelihood and one column per severity, whose level never falls as either grows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..validate import Definition


def check(definition: Definition) -> None:
    data = definition.data
    sizes = {axis: _check_axis(definition, axis) for axis in ("likelihood", "severity")}
    matrix = data.get("matrix")
    if not isinstance(matrix, list) or not all(isinstance(row, list) for row in matrix):
        return  # the schema says what it must be
    rows, columns = sizes["likelihood"], sizes["severity"]
    ok = True
    if rows is not None and len(matrix) != rows:
        ok = False
        definition.fail(("matrix",), "has %d rows but likelihood has %d values" % (len(matrix), rows))
    rank = {level: i for i, level in enumerate(definition.level_ids)}
    for i, row in enumerate(matrix):
        if columns is not None and len(row) != columns:
            definition.fail(("matrix", i), "row %d has %d cells but severity has %d values" % (i + 1, len(row), columns))
            ok = False
        for j, cell in enumerate(row):
            if not isinstance(cell, str) or cell not in rank:
                ok = False
                if isinstance(cell, str):  # anything else: the schema says what it must be
                    definition.level(cell, ("matrix", i, j))
    if ok:
        _check_monotone(definition, matrix, rank)


def _check_axis(definition: Definition, axis: str) -> int | None:
    """The number of values on the axis (None when it is not a list), each above the last."""
    items = definition.data.get(axis)
    if not isinstance(items, list):
        return None
    previous = None
    for i, item in enumerate(items):
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if previous is not None and value <= previous:
            definition.fail((axis, i, "value"), "values out of order: %r is not above %r (list lowest first)"
                            % (value, previous))
        previous = value
    return len(items)


def _check_monotone(definition: Definition, matrix: list[list[Any]], rank: dict[str, int]) -> None:
    """A higher severity (to the right) or likelihood (below) never lowers the level."""
    for i, row in enumerate(matrix):
        for j, cell in enumerate(row):
            if j + 1 < len(row) and rank[row[j + 1]] < rank[cell]:
                definition.fail(("matrix", i, j + 1), "matrix not monotone: %r is lower than %r to its left "
                                "(a higher severity must never lower the level)" % (row[j + 1], cell))
            if i + 1 < len(matrix) and j < len(matrix[i + 1]) and rank[matrix[i + 1][j]] < rank[cell]:
                definition.fail(("matrix", i + 1, j), "matrix not monotone: %r is lower than %r above it "
                                "(a higher likelihood must never lower the level)" % (matrix[i + 1][j], cell))
