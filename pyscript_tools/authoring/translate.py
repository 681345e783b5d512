"""Translations of the structured content: one overlay per English file, in ``toolkit_content/i18n/LANG/``.

An overlay holds only the texts, keyed by the ids the English file already has; ids, values, points,
levels' thresholds and links stay in the English file, defined once. For a questionnaire::

    title: ...                       # also description, introduction, note, purpose, who, time
    examples: {risk-example.json: ...}
    scales: {SCALE: {VALUE: label, or {label: ..., description: ...}}}
    likelihood: {VALUE: {label: ..., description: ...}}   # and severity
    levels: {LEVEL: {name: ..., description: ..., next_step: ...}}
    sections:
      SECTION:
        title: ...                   # also short_title, description, recommendation
        questions:
          QUESTION: {text: ..., help: ..., recommendation: ..., options: {VALUE: label, or {...}}}

for a legal frame: its title, short_title, summary, ``look_up`` (a list in the English order),
``instruments: {ID: {name, short, note}}``, ``dates: {ID: {label, note}}``, ``obligations: {ID: text}`` and
``rules: {ID: {title, text, exceptions: [text, ...]}}``;
and for a kind of AI system (a profile): its title, short_title, summary, uses, min_level_reason;
``failure_modes``, ``mitigations`` and ``guidance`` as lists in the English order (each failure mode
``{title, text}``, each guidance entry ``{title, why}``); ``harms: {HARM: {text, help, recommendation}}``.

Every text the English has must be translated, and the overlay may hold nothing else: each problem is
reported as ``overlay-file:line: field: message``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from .checks import FILE, format_path, line_of, problem
from .typography import typeset_tree
from .yaml_source import load_yaml_with_lines

QUESTIONNAIRE_TEXTS = ("title", "description", "introduction", "note", "purpose", "who", "time")
SECTION_TEXTS = ("title", "short_title", "description", "recommendation")
QUESTION_TEXTS = ("text", "help", "recommendation")
LEVEL_TEXTS = ("name", "description", "next_step")
OPTION_TEXTS = ("label", "description")
PROFILE_TEXTS = ("title", "short_title", "summary", "uses", "min_level_reason")
HARM_TEXTS = ("text", "help", "recommendation")
FRAME_TEXTS = ("title", "short_title", "summary")


def overlay_path(content: Path, english: Path, language: str) -> Path:
    """toolkit_content/questionnaires/risk.yml -> toolkit_content/i18n/fr/questionnaires/risk.yml"""
    return content / "i18n" / language / english.resolve().relative_to(content.resolve())


class Overlay:
    """An overlay file: its texts by path, which of them were used, and what was missing."""

    def __init__(self, path: Path, display: str, language: str):
        self.file = display
        self.used: set[tuple[str, ...]] = set()
        self.problems: list[str] = []
        if not path.exists():
            self.data: Any = {}
            self.lines: dict[tuple, int] = {}
            self.problems.append(problem(display, 1, FILE, "no translation of this file yet"))
            return
        data, lines, problems = load_yaml_with_lines(path.read_text(encoding="utf-8"), file=display)
        self.data = typeset_tree(data, language)  # the language's typography, whatever spaces were typed
        self.lines = {_spelled(key): line for key, line in lines.items()}  # looked up by spelled path
        self.problems += problems
        if self.data is None:
            self.data = {}

    def _find(self, path: tuple) -> Any:
        node = self.data
        for key in path:
            if isinstance(node, dict):
                match = next((k for k in node if str(k) == str(key)), None)
                if match is None:
                    return None
                node = node[match]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                return None
        return node

    def _line(self, path: tuple) -> int:
        """The line of ``path`` in the overlay, or of its nearest parent there."""
        return line_of(self.lines, _spelled(path))

    def text(self, path: tuple, english: Any) -> Any:
        """The translation at ``path`` of the English text ``english`` (which is kept when it is missing)."""
        self.used.add(_spelled(path))
        value = self._find(path)
        if isinstance(value, str) and value.strip():
            return value
        self.problems.append(problem(self.file, self._line(path), format_path(path),
                                     "missing translation (English: %r)" % str(english)[:70]))
        return english

    def option(self, path: tuple, option: dict[str, Any]) -> None:
        """Translate an option's label (and description): given as a text, or as ``{label, description}``."""
        value = self._find(path)
        if isinstance(value, str) and "description" not in option:
            self.used.add(_spelled(path))
            option["label"] = value
            return
        for key in OPTION_TEXTS:
            if key in option:
                option[key] = self.text(path + (key,), option[key])

    def items(self, path: tuple, english: list[Any]) -> None:
        """Check that a list has as many entries as the English (its entries are translated one by one)."""
        value = self._find(path)
        if isinstance(value, list) and len(value) != len(english):
            self.problems.append(problem(self.file, self._line(path), format_path(path),
                                         "%d entries, the English has %d (keep its order)" % (len(value), len(english))))

    def place(self, english: Any, path: tuple) -> tuple[str, int, str] | None:
        """Where this overlay wrote the text at ``path`` of the translated data (a path by positions, as a
        check reports it; ``english``: the data as read from the English file): file, line and field, or
        None when the text there is not the overlay's."""
        spelled, node = [], english
        for key in path:
            if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                node = node[key]
                named = [node[k] for k in ("id", "value", "file") if isinstance(node, dict) and k in node]
                spelled.append(named[0] if named else key)
            elif isinstance(node, dict) and key in node:
                node, spelled = node[key], spelled + [key]
            else:
                return None
        for found in (_spelled(tuple(spelled)), _spelled(tuple(spelled[:-1]))):  # an option given as its label
            if found in self.used and found in self.lines:
                return self.file, self.lines[found], format_path(found)
        return None

    def finish(self) -> list[str]:
        """The problems, with every text of the overlay that translates nothing in the English."""
        for path in _leaf_paths(self.data):
            if _spelled(path) not in self.used:
                self.problems.append(problem(self.file, self._line(path), format_path(path),
                                             "not in the English file (check the id or the field)"))
        return self.problems


def _spelled(path: tuple) -> tuple[str, ...]:
    return tuple(str(k) for k in path)


def _leaf_paths(node: Any, path: tuple = ()) -> list[tuple]:
    """The path of every text in an overlay (a mapping's keys, a list's positions)."""
    if isinstance(node, dict):
        return [p for key, value in node.items() if key != "$schema" for p in _leaf_paths(value, path + (key,))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _leaf_paths(value, path + (i,))]
    return [path]


def translate_questionnaire(data: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """The questionnaire ``data`` (as read from its English YAML) with the overlay's texts."""
    out = copy.deepcopy(data)
    for key in QUESTIONNAIRE_TEXTS:
        if key in out:
            out[key] = overlay.text((key,), out[key])
    for example in out.get("examples") or []:
        example["title"] = overlay.text(("examples", example.get("file")), example.get("title"))
    for name, options in (out.get("scales") or {}).items():
        for option in options or []:
            overlay.option(("scales", name, option.get("value")), option)
    for axis in ("likelihood", "severity"):
        for step in out.get(axis) or []:
            overlay.option((axis, step.get("value")), step)
    for level in out.get("levels") or []:
        for key in LEVEL_TEXTS:
            if key in level:
                level[key] = overlay.text(("levels", level.get("id"), key), level[key])
    for section in out.get("sections") or []:
        at = ("sections", section.get("id"))
        for key in SECTION_TEXTS:
            if key in section:
                section[key] = overlay.text(at + (key,), section[key])
        for question in section.get("questions") or []:
            q_at = at + ("questions", question.get("id"))
            for key in QUESTION_TEXTS:
                if key in question:
                    question[key] = overlay.text(q_at + (key,), question[key])
            for option in question.get("options") or []:
                overlay.option(q_at + ("options", option.get("value")), option)
    return out


def translate_profile(data: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """A kind of AI system (as read from its English YAML) with the overlay's texts."""
    out = copy.deepcopy(data)
    for key in PROFILE_TEXTS:
        if key in out:
            out[key] = overlay.text((key,), out[key])
    for name, keys in (("failure_modes", ("title", "text")), ("guidance", ("title", "why"))):
        overlay.items((name,), out.get(name) or [])
        for i, entry in enumerate(out.get(name) or []):
            for key in keys:
                entry[key] = overlay.text((name, i, key), entry.get(key))
    overlay.items(("mitigations",), out.get("mitigations") or [])
    out["mitigations"] = [overlay.text(("mitigations", i), m) for i, m in enumerate(out.get("mitigations") or [])]
    for harm in out.get("harms") or []:
        for key in HARM_TEXTS:
            if key in harm:
                harm[key] = overlay.text(("harms", harm.get("id"), key), harm[key])
    return out


def translate_frame(data: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """A legal frame (as read from its English YAML) with the overlay's texts; references, dates, owners
    and conditions stay the English file's."""
    out = copy.deepcopy(data)
    for key in FRAME_TEXTS:
        out[key] = overlay.text((key,), out[key])
    if "look_up" in out:
        overlay.items(("look_up",), out["look_up"])
        out["look_up"] = [overlay.text(("look_up", i), text) for i, text in enumerate(out["look_up"])]
    for group, keys in (("instruments", ("name", "short", "note")), ("dates", ("label", "note"))):
        for entry in out.get(group) or []:
            for key in keys:
                if key in entry:
                    entry[key] = overlay.text((group, entry["id"], key), entry[key])
    for obligation in out.get("obligations") or []:
        obligation["text"] = overlay.text(("obligations", obligation["id"]), obligation["text"])
    for rule in out.get("rules") or []:
        for key in ("title", "text"):
            rule[key] = overlay.text(("rules", rule["id"], key), rule[key])
        exceptions = rule.get("exceptions") or []
        if exceptions:
            overlay.items(("rules", rule["id"], "exceptions"), exceptions)
        for i, exception in enumerate(exceptions):
            exception["text"] = overlay.text(("rules", rule["id"], "exceptions", i), exception["text"])
    return out
