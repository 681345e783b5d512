"""The structure of the content, checked with the JSON Schemas beside this module (``schema/``).

The schemas are the one description of what a questionnaire and a profile may contain (editors' IDEs
read them too, through each file's ``# yaml-language-server: $schema=...`` line). Here each schema error
becomes one short sentence at ``file:line`` (:mod:`.checks`); what a schema cannot say (references between
fields, unique ids, order) is checked in code (:mod:`.validate`, :mod:`.kinds`, :mod:`.content`).

A schema may give ``errorMessage`` next to a ``pattern`` or a ``not`` (as VS Code's YAML and JSON
support does): the sentence said when that clause fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .checks import Checker, FieldPath, expected, got, item_count, missing_key, one_of, too_long, unknown_key

SCHEMAS = Path(__file__).with_name("schema")  # the content format is the code's: its schemas ship with it

_TYPES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
          "number": "a number", "boolean": "true or false", "null": "nothing"}


@cache
def schema(name: str) -> dict[str, Any]:
    """``questionnaire`` or ``profile``: the schema, read once."""
    data: dict[str, Any] = json.loads((SCHEMAS / ("%s.schema.json" % name)).read_text(encoding="utf-8"))
    return data


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """The schema's validator, compiled once. ``profile-public``: a profile as a questionnaire carries it,
    in any language: the fields of its file but the harms, without the length limits (those hold for the
    English file, checked where it is read; translations run longer)."""
    if name == "profile-public":
        whole = schema("profile")
        public = dict(whole, properties={k: v for k, v in whole["properties"].items() if k not in ("harms", "$schema")},
                      required=[k for k in whole["required"] if k != "harms"])
        return _compiled(_without("maxLength", public))
    return _compiled(schema(name))


def _compiled(whole: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A validator of ``whole`` with its local references (``#/$defs/...``) written out in place, which
    checks the risk questionnaire in 0.14 s instead of 0.20 s (the schemas have no recursive references)."""
    defs = whole.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(v) for v in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return inline({**defs[ref[len("#/$defs/"):]], **rest})
        return {k: inline(v) for k, v in node.items() if k != "$defs"}
    return jsonschema.Draft202012Validator(inline(whole))


def _without(keyword: str, node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without(keyword, v) for k, v in node.items() if k != keyword}
    return [_without(keyword, v) for v in node] if isinstance(node, list) else node


def profile_keys() -> set[str]:
    """The fields of a profile that a questionnaire carries (all but its harms)."""
    return set(validator("profile-public").schema["properties"])


def check_structure(check: Checker, data: Any, name: str, at: FieldPath = ()) -> None:
    """Every error of ``data`` (found at ``at``) against the schema ``name``, each once, as a problem."""
    for path, message in dict.fromkeys(_errors(data, name)):
        check.fail(at + path, message)


def check_field(check: Checker, data: dict[str, Any], key: str) -> None:
    """What the questionnaire schema says of one field of ``data`` (given its kind): for the fields the build
    replaces by what they name (``profiles_from``, ``legal_from``) before the whole is checked."""
    for path, message in dict.fromkeys(_errors({"kind": data.get("kind"), key: data[key]}, "questionnaire")):
        if path[:1] == (key,):
            check.fail(path, message)


def _errors(data: Any, name: str) -> Iterator[tuple[FieldPath, str]]:
    for error in validator(name).iter_errors(data):
        yield from _sentences(error)


def _sentences(error: jsonschema.ValidationError) -> list[tuple[FieldPath, str]]:
    """The problems one schema error stands for: (field path, sentence)."""
    path: FieldPath = tuple(error.absolute_path)
    keyword, value, instance, where = error.validator, error.validator_value, error.instance, error.schema
    if "propertyNames" in error.absolute_schema_path:  # the key itself is wrong
        path = path + (instance,)
    if keyword == "required":
        return [(path, missing_key(key)) for key in value if isinstance(instance, dict) and key not in instance]
    if keyword == "additionalProperties":
        allowed = list(where.get("properties", {}))
        return [(path + (key,), unknown_key(key, allowed)) for key in instance if key not in allowed]
    if keyword == "dependentRequired":
        return [(path + (key,), _together(key, needs)) for key, needs in value.items()
                if key in instance and any(n not in instance for n in needs)]
    if keyword == "not" and isinstance(value.get("required"), list) and len(value["required"]) == 1:
        path = path + tuple(value["required"])  # a key not allowed here: point at it
    return [(path, _sentence(keyword, value, instance, where))]


def _sentence(keyword: Any, value: Any, instance: Any, where: dict[str, Any]) -> str:
    message = where.get("errorMessage")
    if keyword in ("minLength", "pattern") and isinstance(instance, str) and not instance.strip():
        return expected("non-empty text", instance)
    if keyword in ("pattern", "type") and message:
        return "%s, got %s" % (message, got(instance))
    if keyword == "not":
        return message or "not allowed here"
    if keyword == "type":
        return expected(" or ".join(_TYPES.get(n, n) for n in ([value] if isinstance(value, str) else value)), instance)
    if keyword == "enum":
        return one_of(value, instance)
    if keyword == "maxLength":
        return too_long(len(instance), value)
    if keyword in ("minItems", "maxItems"):
        if where.get("minItems") == 1 and "maxItems" not in where:
            return "expected a non-empty list"
        return item_count(where.get("minItems", 0), where.get("maxItems"), len(instance))
    if keyword in ("minimum", "maximum"):
        low, high = where.get("minimum"), where.get("maximum")
        return expected("a number from %s to %s" % (low, high) if high is not None else "a number of %s or more" % low,
                        instance)
    if keyword == "minProperties":
        return "must not be empty"
    if keyword == "uniqueItems":
        return "lists an entry twice"
    return "does not fit the schema (%s: %s)" % (keyword, value)  # a keyword the schemas do not use yet


def _together(key: str, needs: list[str]) -> str:
    return "give %s together, or neither" % " and ".join(repr(k) for k in [key] + list(needs))
