"""JSON bridge between the browser worker and the engine.

``handle(request_json: str) -> str`` never raises.  Request ``{"action": A, ...}``;
response ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "one-line reason"}``.
See /work/coord/ENGINE_API.md (and docs/maintainers/authoring-questionnaires.md) for
every action.  Standard library only.
"""

from __future__ import annotations

import json

from . import __version__, ANSWERS_FORMAT, ANSWERS_FORMAT_VERSION, jsonsafe
from .scoring import AnswersError, score as _score
from .text import shown
from .validate import validate_definition

_REGISTRY = {}
# A request carries at most a definition or an answers file's text, escaped: generous, but bounded.
REQUEST_MAX_BYTES = 4 * jsonsafe.MAX_FILE_BYTES
REQUEST_MAX_DEPTH = 16


class BridgeError(Exception):
    pass


def register(definition):
    """Validate and remember a questionnaire definition; returns its id."""
    if not isinstance(definition, dict):
        raise BridgeError("definition must be a JSON object")
    errors = validate_definition(definition, file=str(definition.get("id") or "definition"))
    if errors:
        more = len(errors) - 1
        raise BridgeError("invalid questionnaire: %s%s" % (errors[0], " (and %d more)" % more if more else ""))
    _REGISTRY[definition["id"]] = definition
    return definition["id"]


def _definition(request, key="questionnaire"):
    if isinstance(request.get("definition"), dict):
        register(request["definition"])
        return request["definition"]
    qid = request.get(key)
    if not isinstance(qid, str):
        raise BridgeError("missing %r (a questionnaire id)" % key)
    if qid not in _REGISTRY:
        raise BridgeError("questionnaire %s is not loaded (send action 'load' first)" % shown(qid))
    return _REGISTRY[qid]


def _answers(request, key="answers"):
    answers = request.get(key)
    if answers is None:
        return {}
    if not isinstance(answers, dict):
        raise BridgeError("%r must be an object mapping question ids to values" % key)
    return answers


def _filters(request):
    filters = request.get("filters")
    if filters is None:
        return None
    if not isinstance(filters, dict):
        raise BridgeError("'filters' must be an object like {\"roles\": [...], \"stages\": [...], \"approaches\": [...]}")
    return filters


def _report_options(request):
    prefix = request.get("id_prefix")
    return {"base_url": request.get("base_url") or "", "name": request.get("name") or "",
            "id_prefix": prefix if isinstance(prefix, str) and prefix else None}


def _with_reports(defn, result, request):
    try:
        from .report import render_html
    except ImportError:  # pragma: no cover - report module missing
        return result
    html = render_html(defn, result, **_report_options(request))
    if request.get("answers_table"):
        from .answers_html import answers_html
        html["answers"] = answers_html(result)
    result = dict(result)
    result["html"] = html
    result["svg"] = html.get("svg", "")
    return result


def _action_version(request):
    return {"engine": __version__, "answers_format": ANSWERS_FORMAT,
            "answers_format_version": ANSWERS_FORMAT_VERSION,
            "loaded": sorted(_REGISTRY), "actions": sorted(ACTIONS)}


def _action_load(request):
    defn = request.get("definition")
    qid = register(defn)
    return {"questionnaire": qid, "version": defn.get("version"), "kind": defn.get("kind")}


def _action_score(request):
    defn = _definition(request)
    result = _score(defn, _answers(request), filters=_filters(request), today=request.get("today"))
    if request.get("html", True):
        result = _with_reports(defn, result, request)
    return result


ACTIONS = {
    "version": _action_version,
    "load": _action_load,
    "score": _action_score,
}


def _extend_actions():
    """Register the actions whose modules are present (all of them in a full install)."""
    try:
        from . import bridge_actions
    except ImportError:  # pragma: no cover
        return
    bridge_actions.install(ACTIONS, _definition, _answers, _filters, BridgeError)


_extend_actions()


def dispatch(request):
    """Handle an already-decoded request; returns the response dict."""
    if not isinstance(request, dict):
        return {"ok": False, "error": "request must be a JSON object"}
    action = request.get("action")
    fn = ACTIONS.get(action)
    if fn is None:
        return {"ok": False, "error": "unknown action %s (known: %s)" % (shown(action), ", ".join(sorted(ACTIONS)))}
    try:
        return {"ok": True, "result": fn(request)}
    except (BridgeError, AnswersError) as exc:
        return {"ok": False, "error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
    except Exception as exc:  # never raise across the bridge
        return {"ok": False, "error": "internal error in %s: %s: %s"
                % (action, type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")}


def handle(request_json):
    """JSON in, JSON out; never raises."""
    try:
        request = jsonsafe.loads(request_json, "the request", REQUEST_MAX_BYTES, REQUEST_MAX_DEPTH)
    except jsonsafe.JsonLimitError as exc:
        response = {"ok": False, "error": str(exc)}
    except (TypeError, ValueError) as exc:
        response = {"ok": False, "error": "request is not valid JSON: %s" % exc}
    else:
        response = dispatch(request)
        if isinstance(request, dict) and "id" in request:
            response["id"] = request["id"]
    try:
        return json.dumps(response, ensure_ascii=False, sort_keys=False)
    except (TypeError, ValueError) as exc:
        return json.dumps({"ok": False, "error": "result is not serialisable: %s" % exc})
