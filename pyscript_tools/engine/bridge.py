"""The protocol between the browser and the engine: JSON in, JSON out.

``handle(request_json) -> str`` never raises. A request is ``{"action": NAME, ...fields}``; the
response is ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "one short sentence"}``, with the
request's ``id`` echoed when it has one. Every action is registered here with :func:`action`; the
request and response of each are described in ``docs/maintainers/engine-protocol.md`` and the
browser's names for them are in ``overrides/assets/toolkit/engine/protocol.js``.

A mistake in a request (unknown questionnaire, invalid answers, a bad file) is answered with its
reason. An unexpected exception is answered as "internal error in ACTION" so that nothing crosses the
bridge as an exception; tests set :data:`RAISE_INTERNAL_ERRORS` so that they see it instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from . import ANSWERS_FORMAT, ANSWERS_FORMAT_VERSION, ENGINE_VERSION, jsonsafe
from .answers import AnswersError, check_answers, valid_date
from .answers_file import AnswersFileError, migrate_answers, new_answers_file, parse_answers_file, template
from .definition import Definition
from .i18n import definition_language
from .kinds import KINDS, is_kind
from .report.answers_table import answers_html
from .report.compare import compare_html, compare_results
from .report.csv import to_csv
from .report.document import report_document
from .report.html import render_html
from .report.markdown import to_markdown
from .report.team import team_csv, team_document, team_html, team_markdown
from .result import Result
from .scoring import score
from .team import CombineError, combine
from .text import one_line, shown, truncate
from .vocabulary import ID_RE

# A request carries at most a definition or an answers file's text, escaped: generous, but bounded.
REQUEST_MAX_BYTES = 4 * jsonsafe.MAX_FILE_BYTES
REQUEST_MAX_DEPTH = 16
ERROR_LIMIT = 300  # characters: an error is one short sentence, whatever it quotes

# Tests set this, so that an unexpected exception fails them instead of becoming "internal error".
RAISE_INTERNAL_ERRORS = False

ACTIONS: dict[str, Callable[[Request], Any]] = {}
_DEFINITIONS: dict[str, Definition] = {}


class BridgeError(Exception):
    """A mistake in the request; its message is the response's error."""


def action(name: str) -> Callable[[Callable[[Request], Any]], Callable[[Request], Any]]:
    """Register the decorated function as the action ``name``."""
    def register(fn: Callable[[Request], Any]) -> Callable[[Request], Any]:
        ACTIONS[name] = fn
        return fn
    return register


class Request:
    """A decoded request, with readers for the fields actions share."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        return value if isinstance(value, str) else ""

    def heading_level(self) -> int:
        """The level of the result's headings in the page (2 to 5; 3 unless sent)."""
        level = self.data.get("heading_level")
        return level if isinstance(level, int) and 2 <= level <= 5 else 3

    def definition(self) -> Definition:
        """The questionnaire the request is about: sent with it, or loaded before by id."""
        if isinstance(self.data.get("definition"), dict):
            return register(self.data["definition"])
        qid = self.data.get("questionnaire")
        if not isinstance(qid, str):
            raise BridgeError("missing 'questionnaire' (a questionnaire id)")
        if qid not in _DEFINITIONS:
            raise BridgeError("questionnaire %s is not loaded (send action 'load' first)" % shown(qid))
        return _DEFINITIONS[qid]

    def answers(self, key: str = "answers") -> dict[str, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise BridgeError("%r must be an object mapping question ids to values" % key)
        return value

    def filters(self) -> dict[str, Any] | None:
        value = self.data.get("filters")
        if value is not None and not isinstance(value, dict):
            raise BridgeError("'filters' must be an object like {\"roles\": [...], \"stages\": [...], \"approaches\": [...]}")
        return value

    def score(self, answers: dict[str, Any] | None = None) -> Result:
        return score(self.definition(), self.answers() if answers is None else answers,
                     filters=self.filters(), today=self.get("today"))

    def answers_or_file(self, key: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Answers given as a mapping, or as an answers file (its text or its object): (answers, parsed file)."""
        value = self.data.get(key)
        if value is None:
            raise BridgeError("missing %r (answers object or answers-file text)" % key)
        if isinstance(value, dict) and value.get("format") is None:
            return value, None
        if not isinstance(value, (str, dict)):
            raise BridgeError("%r must be an answers object or the text of an answers file" % key)
        try:
            parsed = parse_answers_file(value, self.definition())
        except AnswersFileError as exc:  # the page names the file; the key would be English noise
            raise BridgeError(str(exc)) from None
        return parsed["answers"], parsed


def register(definition: Any) -> Definition:
    """Remember a questionnaire definition (one already known as it is stays as it was). The build checked
    every definition it publishes (pyscript_tools.authoring.validate); this refuses only what is not one."""
    if not isinstance(definition, dict):
        raise BridgeError("definition must be a JSON object")
    if _DEFINITIONS.get(str(definition.get("id"))) == definition:
        return _DEFINITIONS[definition["id"]]
    problem = _not_a_definition(definition)
    if problem:
        raise BridgeError("invalid questionnaire: %s" % problem)
    _DEFINITIONS[definition["id"]] = definition
    return definition


def _not_a_definition(definition: dict[str, Any]) -> str | None:
    """What shows a JSON object is not a published questionnaire definition, or None."""
    if not isinstance(definition.get("id"), str) or not ID_RE.match(definition["id"]):
        return "no valid id"
    if not is_kind(definition.get("kind")):
        return "kind %r is not one of %s" % (definition.get("kind"), ", ".join(KINDS))
    sections = definition.get("sections")
    if not isinstance(sections, list) or not sections or not all(isinstance(s, dict) for s in sections):
        return "no sections"
    return None


def _file_name(request: Request, name: str, what: str, extension: str) -> str:
    """``ID-NAME-DATE.EXT`` from the assessment's name (``what`` without one) and the request's date."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name or "").strip("-").lower()[:60]
    date = request.text("date") if valid_date(request.text("date")) else ""
    return "-".join(part for part in (request.definition()["id"], slug or what, date) if part) + "." + extension


# --------------------------------------------------------------------------- actions


@action("version")
def _version(request: Request) -> dict[str, Any]:
    return {"engine": ENGINE_VERSION, "answers_format": ANSWERS_FORMAT,
            "answers_format_version": ANSWERS_FORMAT_VERSION,
            "loaded": sorted(_DEFINITIONS), "actions": sorted(ACTIONS)}


@action("load")
def _load(request: Request) -> dict[str, Any]:
    definition = register(request.get("definition"))
    return {"questionnaire": definition["id"], "version": definition.get("version"), "kind": definition.get("kind")}


@action("score")
def _score(request: Request) -> Result:
    result = request.score()
    if request.get("html", True):
        html = render_html(result, base_url=request.text("base_url"), name=request.text("name"),
                           id_prefix=request.text("id_prefix") or None, heading_level=request.heading_level())
        if request.get("answers_table"):
            html["answers"] = answers_html(result)
        result = {**result, "html": html, "svg": html["svg"]}
    return result


@action("check_answers")
def _check(request: Request) -> dict[str, Any]:
    return {"problems": check_answers(request.definition(), request.answers())}


@action("parse_answers_file")
def _parse(request: Request) -> dict[str, Any]:
    if request.get("text") is None:
        raise BridgeError("missing 'text' (the content of the answers file)")
    try:
        return parse_answers_file(request.get("text"), request.definition())
    except AnswersFileError as exc:
        raise BridgeError(str(exc)) from None


@action("answers_file")
def _answers_file(request: Request) -> dict[str, Any]:
    definition, answers = request.definition(), request.answers()
    problems = check_answers(definition, answers)
    if problems:
        raise BridgeError(one_line(problems))
    name = request.text("name")
    data = new_answers_file(definition, answers, name=name, created=request.get("created"),
                            updated=request.get("updated"))
    return {"file": data, "json": json.dumps(data, ensure_ascii=False, indent=2),
            "filename": _file_name(request, name, "answers", "json"), "mime": "application/json"}


@action("template")
def _template(request: Request) -> dict[str, Any]:
    profiles = request.get("profiles")
    if profiles is not None and not isinstance(profiles, list):
        raise BridgeError("'profiles' must be a list of the ids of kinds of system")
    return template(request.definition(), now=request.get("now"), name=request.text("name"), profiles=profiles)


@action("migrate")
def _migrate(request: Request) -> dict[str, Any]:
    kept, report = migrate_answers(request.definition(), request.answers(), request.get("from_version"))
    return {"answers": kept, "migration": report}


@action("export_markdown")
def _export_markdown(request: Request) -> dict[str, Any]:
    name = request.text("name")
    return {"markdown": to_markdown(request.score(), name=name, base_url=request.text("base_url"),
                                    date=request.text("date")),
            "filename": _file_name(request, name, "report", "md"), "mime": "text/markdown"}


@action("export_html")
def _export_html(request: Request) -> dict[str, Any]:
    """The report as one self-contained HTML file (also what the page prints)."""
    result, name = request.score(), request.text("name")
    html = report_document(result, name, request.text("date"), request.text("base_url"), request.text("site_name"))
    return {"html": html, "filename": _file_name(request, name, "report", "html"), "mime": "text/html"}


@action("export_csv")
def _export_csv(request: Request) -> dict[str, Any]:
    return {"csv": to_csv(request.score()),
            "filename": _file_name(request, request.text("name"), "answers", "csv"), "mime": "text/csv"}


@action("compare")
def _compare(request: Request) -> dict[str, Any]:
    before, parsed = request.answers_or_file("before")
    after, _ = request.answers_or_file("after")
    out = compare_results(request.score(before), request.score(after))
    if parsed and parsed.get("migration"):
        out["migration"] = parsed["migration"]
    out["html"] = compare_html(out, request.text("before_label") or "Earlier", request.text("after_label") or "Now")
    return out


def _combined(request: Request) -> dict[str, Any]:
    """The request's answers files ({"name", "text"} each) combined, with its `named` and `choices`."""
    files = request.get("files")
    if not isinstance(files, list) or not all(isinstance(f, dict) and isinstance(f.get("text"), str) for f in files):
        raise BridgeError("'files' must be a list of {\"name\": file name, \"text\": its content}")
    choices = request.get("choices") or {}
    if not isinstance(choices, dict):
        raise BridgeError("'choices' must map question ids to the chosen answers")
    try:
        return combine(request.definition(), [(str(f.get("name") or "file %d" % (i + 1)), f["text"])
                                              for i, f in enumerate(files)],
                       named=request.get("named") is True, choices=choices,
                       keep_duplicates=request.get("keep_duplicates") is True)
    except CombineError as exc:
        raise BridgeError(str(exc)) from None


@action("combine")
def _combine(request: Request) -> dict[str, Any]:
    """Several people's answers files combined: the result, its HTML and the consensus answers file."""
    definition, combined = request.definition(), _combined(request)
    html = team_html(combined, request.text("base_url"), request.text("id_prefix") or "tk-%s-team" % definition["id"],
                     request.heading_level())
    consensus = combined["consensus"]
    return {**combined, "html": html,
            "consensus_json": json.dumps(consensus["file"], ensure_ascii=False, indent=2),
            "consensus_filename": _file_name(request, consensus["name"], "consensus", "json")}


TEAM_EXPORTS = {"markdown": ("md", "text/markdown"), "csv": ("csv", "text/csv"), "html": ("html", "text/html")}


@action("export_combined")
def _export_combined(request: Request) -> dict[str, Any]:
    """The combined answers as Markdown, CSV or a self-contained report (which the page also prints)."""
    fmt = request.text("format")
    if fmt not in TEAM_EXPORTS:
        raise BridgeError("'format' must be one of: %s" % ", ".join(TEAM_EXPORTS))
    combined = _combined(request)
    extension, mime = TEAM_EXPORTS[fmt]
    out: dict[str, Any] = {"filename": _file_name(request, "combined", "combined", extension), "mime": mime}
    if fmt == "markdown":
        out["content"] = team_markdown(combined)
    elif fmt == "csv":
        out["content"] = team_csv(combined)
    else:
        out["content"] = team_document(combined, request.text("date"), request.text("base_url"), request.text("site_name"))
    return out


# --------------------------------------------------------------------------- dispatch


def _definition_of(data: dict[str, Any]) -> Any:
    """The definition a request is about, for its language (sent with it, or loaded before)."""
    if isinstance(data.get("definition"), dict):
        return data["definition"]
    return _DEFINITIONS.get(str(data.get("questionnaire")))


def dispatch(data: Any) -> dict[str, Any]:
    """Answer an already-decoded request."""
    if not isinstance(data, dict):
        return {"ok": False, "error": "request must be a JSON object"}
    name = data.get("action")
    fn = ACTIONS.get(name) if isinstance(name, str) else None
    if fn is None:
        return {"ok": False, "error": "unknown action %s (known: %s)" % (shown(name), ", ".join(sorted(ACTIONS)))}
    try:
        with definition_language(_definition_of(data)):
            return {"ok": True, "result": fn(Request(data))}
    except (BridgeError, AnswersError) as exc:
        return {"ok": False, "error": truncate(str(exc).splitlines()[0], ERROR_LIMIT) if str(exc) else type(exc).__name__}
    except Exception:
        if RAISE_INTERNAL_ERRORS:
            raise
        return {"ok": False, "error": "internal error in %s" % name}


def handle(request_json: Any) -> str:
    """JSON in, JSON out; never raises (unless :data:`RAISE_INTERNAL_ERRORS` is set)."""
    try:
        data = jsonsafe.loads(request_json, "the request", REQUEST_MAX_BYTES, REQUEST_MAX_DEPTH)
    except jsonsafe.JsonLimitError as exc:
        response = {"ok": False, "error": str(exc)}
    except (TypeError, ValueError) as exc:
        response = {"ok": False, "error": "request is not valid JSON: %s" % str(exc).splitlines()[0][:200]}
    else:
        response = dispatch(data)
        if isinstance(data, dict) and "id" in data:
            response["id"] = data["id"]
    return json.dumps(response, ensure_ascii=False)
