"""Which plural form a count takes, by a language's Unicode CLDR plural rules, given as data.

A language's catalogue holds its rules (``"(plural rules)"`` in ``interface.yml``, as gettext's catalogues
hold theirs in a header): ``{"one": "i = 0,1"}`` for French, ``{"zero": "n = 0", "one": "n = 1", "two":
"n = 2", "few": "n % 100 = 3..10", "many": "n % 100 = 11..99"}`` for Arabic. The first category whose
rule holds is the form; else ``"other"``. A rule is conditions joined by ``and`` and ``or`` (``and`` binds
first); a condition is ``n`` (the number) or ``i`` (its whole part), optionally ``% m``, then ``=`` or
``!=`` and a list of values and ranges (``0,1``, ``3..10``). The browser takes the same categories from
its own CLDR data (``Intl.PluralRules``); a test holds the two together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
ENGLISH = {"one": "n = 1"}
_CONDITION = re.compile(r"^\s*([ni])\s*(?:%\s*(\d+))?\s*(!=|=)\s*([\d.,\s]+?)\s*$")


def _holds(condition: str, n: float) -> bool:
    match = _CONDITION.match(condition)
    if match is None:
        raise ValueError(f"not a plural rule condition: {condition!r}")
    operand, modulo, relation, values = match.groups()
    value = abs(n) if operand == "n" else int(abs(n))
    if modulo:
        value = value % int(modulo)
    found = False
    for item in values.replace(" ", "").split(","):
        low, _, high = item.partition("..")
        found = found or (value == int(low) if not high else int(low) <= value <= int(high) and value == int(value))
    return found if relation == "=" else not found


def _rule_holds(rule: str, n: float) -> bool:
    return any(all(_holds(condition, n) for condition in alternative.split(" and "))
               for alternative in rule.split(" or "))


def category(rules: Mapping[str, str] | None, n: float) -> str:
    """The CLDR plural category of ``n`` under ``rules`` (English's when none are given)."""
    for name, rule in (rules or ENGLISH).items():
        if name != "other" and _rule_holds(rule, n):
            return name
    return "other"


def problems(rules: object) -> list[str]:
    """What is wrong with a catalogue's plural rules (empty when they can be used)."""
    if not isinstance(rules, Mapping):
        return ["expected a mapping of plural categories to rules"]
    found = [f"{name!r} is not a CLDR plural category ({', '.join(CATEGORIES)})" for name in rules if name not in CATEGORIES]
    for name, rule in rules.items():
        try:
            _rule_holds(str(rule), 1)
        except ValueError as error:
            found.append(f"{name}: {error}")
    return found
