"""Build-time loading of questionnaire files (used by the CLI and the MkDocs plugin).

Needs PyYAML (through :mod:`pyscript_tools.yaml_source`); never shipped to the browser.

- ``load_questionnaire_file(path, anchors_by_page=None, vocabulary=None) -> (definition, errors)``
- ``validate_links(definition, anchors_by_page, lines=None, file=...) -> errors``
- ``scan_docs_anchors(docs_dir) -> {"roadmap/processes.md": {"oversight-committee", ...}}``
- ``load_questionnaire_dir(directory, anchors_by_page=None) -> ({id: definition}, errors)``

Errors are strings ``file:line: field: message``; nothing here raises on bad content.
"""

from __future__ import annotations

import os

from .anchors import scan_docs_anchors  # noqa: F401  (re-exported)
from .validate import validate_definition, validate_links as _validate_links


def load_vocabulary(roles_file):
    """The ids questionnaire tags may use: roles from ``roles_file`` (toolkit_content/roles.yml) when it
    exists and parses, so editors add a role in one place; stages and approaches as the engine defines."""
    from .validate import default_vocabulary
    from .yaml_source import load_yaml_with_lines

    vocabulary = default_vocabulary()
    try:
        with open(roles_file, encoding="utf-8") as fh:
            data, _, errors = load_yaml_with_lines(fh.read(), file=_display(roles_file))
    except OSError:
        return vocabulary
    roles = data.get("roles") if isinstance(data, dict) and not errors else None
    ids = {entry["id"] for entry in roles or () if isinstance(entry, dict) and isinstance(entry.get("id"), str)}
    if ids:
        vocabulary["roles"] = ids
    return vocabulary


def _display(path):
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    return rel if not rel.startswith("..") else str(path)


def load_questionnaire_file(path, anchors_by_page=None, vocabulary=None, lines_out=None):
    """Load and validate one questionnaire YAML file.

    Returns ``(definition, errors)``; ``definition`` is None when the file cannot be
    parsed.  When ``anchors_by_page`` is given, learn_more and level links are checked
    against it too.  If ``lines_out`` is a dict it receives the line map.
    """
    from .yaml_source import load_yaml_with_lines

    path = str(path)
    file = _display(path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        return None, ["%s:1: (file): cannot read: %s" % (file, exc)]
    data, lines, errors = load_yaml_with_lines(text, file=file)
    if lines_out is not None:
        lines_out.update(lines)
    if data is None:
        return None, errors
    stem = os.path.splitext(os.path.basename(path))[0]
    errors = errors + validate_definition(data, lines=lines, file=file, stem=stem, vocabulary=vocabulary)
    if anchors_by_page is not None:
        errors += _validate_links(data, anchors_by_page, lines=lines, file=file)
    return data, sort_errors(errors)


def sort_errors(errors):
    """Order messages of one file by line number (stable)."""
    def key(msg):
        parts = msg.split(":", 2)
        try:
            return int(parts[1])
        except (IndexError, ValueError):
            return 0
    return sorted(errors, key=key)


def validate_links(definition, anchors_by_page, lines=None, file="questionnaire"):
    """Errors for links to pages or anchors missing from ``anchors_by_page``."""
    return _validate_links(definition, anchors_by_page, lines=lines, file=file)


def load_questionnaire_dir(directory, anchors_by_page=None, vocabulary=None):
    """Load every ``*.yml`` in ``directory``; returns ({id: definition}, errors)."""
    found = {}
    errors = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith((".yml", ".yaml")))
    except OSError as exc:
        return {}, ["%s:1: (file): cannot list directory: %s" % (directory, exc)]
    for name in names:
        defn, errs = load_questionnaire_file(os.path.join(directory, name), anchors_by_page, vocabulary)
        errors += errs
        if defn is not None and not errs and isinstance(defn, dict):
            found[defn["id"]] = defn
    return found, errors
