"""Build-time YAML loading with line numbers (needs PyYAML; never shipped to the browser).

``load_yaml_with_lines(text) -> (data, lines, errors)``: ``lines`` maps a path tuple
(e.g. ``("sections", 0, "questions", 1, "scale")``) to its 1-based line.  Duplicate
mapping keys are reported (PyYAML would silently keep the last one).
"""

from __future__ import annotations

import yaml

from .checks import FILE, format_path, problem

# libyaml's parser when PyYAML was built with it (several times faster), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _convert(node, path, lines, errors, file, scalars):
    if isinstance(node, yaml.MappingNode):
        mapping: dict = {}
        seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                errors.append(problem(file, key_node.start_mark.line + 1, format_path(path),
                                      "YAML merge keys (<<) are not supported"))
                continue
            key = _convert(key_node, path + ("?",), {}, errors, file, scalars)
            if isinstance(key, (dict, list)):
                errors.append(problem(file, key_node.start_mark.line + 1, format_path(path),
                                      "a mapping key must be a plain value"))
                continue
            sub = path + (key,)
            line = key_node.start_mark.line + 1
            if key in seen:
                errors.append(problem(file, line, format_path(sub), "duplicate key %r (already at line %d)" % (key, seen[key])))
            seen[key] = line
            lines[sub] = line
            mapping[key] = _convert(value_node, sub, lines, errors, file, scalars)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            sub = path + (i,)
            lines[sub] = item.start_mark.line + 1
            items.append(_convert(item, sub, lines, errors, file, scalars))
        return items
    # scalar: let the safe constructor resolve its type
    return scalars.construct_object(node, deep=True)


def load_yaml_with_lines(text, file="<yaml>"):
    """Parse ``text``; return (data, lines, errors).  Never raises."""
    lines = {(): 1}
    errors: list[str] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, lines, [problem(file, line, FILE, "YAML syntax error: %s" % (what or exc))]
    except yaml.YAMLError as exc:
        return None, lines, [problem(file, 1, FILE, "YAML error: %s" % str(exc).splitlines()[0])]
    if node is None:
        return None, lines, [problem(file, 1, FILE, "the file is empty")]
    try:
        data = _convert(node, (), lines, errors, file, yaml.constructor.SafeConstructor())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, lines, [problem(file, line, FILE, "YAML error: %s" % (exc.problem or exc.context or exc))]
    except yaml.YAMLError as exc:
        return None, lines, [problem(file, 1, FILE, "YAML error: %s" % str(exc).splitlines()[0])]
    except RecursionError:
        return None, lines, [problem(file, 1, FILE, "YAML error: an alias refers to itself (recursive anchors "
                                                    "are not supported)")]
    return data, lines, errors
