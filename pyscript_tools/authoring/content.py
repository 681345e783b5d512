"""Loading the content in ``toolkit_content/`` at build time and on the command line (needs PyYAML).

Nothing here raises on bad content: every loader returns what it could read and the list of problems,
each ``file:line: field: message``.

- ``load_roles(path) -> (roles, problems)``: the one reader of ``roles.yml``.
- ``load_profiles(folder, levels=..., taken=None, roles=None, anchors_by_page=None) -> (profiles, problems)``:
  the kinds of AI system (``toolkit_content/profiles/*.yml``) a risk questionnaire takes.
- ``load_questionnaire_file(path, anchors_by_page=None, roles=None, links_out=None) -> (definition, problems)``:
  the definition the engine and the browser receive, with the profiles it takes merged in.
- ``load_questionnaire_dir(directory, anchors_by_page=None, roles=None) -> ({id: definition}, problems)``
- ``check_links(links, anchors_by_page) -> problems``: links collected by ``links_out``, checked later
  (the MkDocs plugin checks them against the pages it has built).
- ``validate_links(definition, anchors_by_page, lines=None, file=...) -> problems``
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.definition import iter_questions, options_of, question_index
from ..engine.i18n import tr
from ..engine.vocabulary import ID_RE
from .checks import Checker, format_path, line_of, problem, sort_problems
from .legal import load_frames, merge_frames
from .schema import check_field, check_structure
from .translate import Overlay, overlay_path, translate_profile, translate_questionnaire
from .validate import PROFILE_KEYS, entries, iter_links, link_problem, tag_vocabulary, validate_definition
from .yaml_source import load_yaml_with_lines


def display_path(path: str | os.PathLike) -> str:
    """``path`` relative to the working folder when it is below it (for messages)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_yaml(path: str | os.PathLike, display: str | None = None) -> tuple[Any, dict[tuple, int], list[str]]:
    """A YAML file's data, its line map and its problems (data is None when it cannot be parsed)."""
    file = display or display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [problem(file, 1, "(file)", "cannot read: %s" % exc)]
    return load_yaml_with_lines(text, file=file)


# --------------------------------------------------------------------------- roles


ROLES_FILE = "roles.yml"  # the reader roles, in the content folder (translated in its i18n/LANG/)


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short_name: str
    description: str


def load_roles(path: str | os.PathLike, display: str | None = None) -> tuple[list[Role], list[str]]:
    """The reader roles from ``roles.yml``, in its order, and every problem with the file."""
    data, lines, problems = read_yaml(path, display)
    if data is None:
        return [], problems
    check = Checker(display or display_path(path), lines)
    listed = check.items(check.mapping(data, (), required=("roles",)).get("roles"), ("roles",), 1, 30)
    roles, seen = [], set()
    for i, entry in enumerate(listed):
        at = ("roles", i)
        entry = check.mapping(entry, at, required=("id", "name", "description"), optional=("short_name",))
        if not entry:
            continue
        rid = check.ident(entry.get("id"), at + ("id",))
        if rid in seen:
            check.fail(at + ("id",), "duplicate role id '%s'" % rid)
        seen.add(rid)
        name = check.text(entry.get("name"), at + ("name",), 120)
        short = check.text(entry["short_name"], at + ("short_name",), 60) if "short_name" in entry else name
        roles.append(Role(rid, name, short, check.text(entry.get("description"), at + ("description",), 400)))
    return roles, problems + check.problems


# --------------------------------------------------------------------------- links


@dataclass(frozen=True)
class Link:
    """A link to a guidance page, and where it is written."""

    file: str
    line: int
    field: str
    target: str


def check_links(links: list[Link], anchors_by_page: dict[str, set[str]]) -> list[str]:
    """The links whose page or anchor does not exist, as ``file:line: field: message``."""
    problems = []
    for link in links:
        why = link_problem(link.target, anchors_by_page)
        if why:
            problems.append(problem(link.file, link.line, link.field, why))
    return problems


def _links(file: str, lines: dict[tuple, int], found: list[tuple[tuple, Any]]) -> list[Link]:
    return [Link(file, line_of(lines, path), format_path(path), target)
            for path, target in found if isinstance(target, str)]


def validate_links(definition: Any, anchors_by_page: dict[str, set[str]], lines: dict[tuple, int] | None = None,
                   file: str = "questionnaire") -> list[str]:
    """Every link of ``definition`` checked against ``anchors_by_page`` {"roadmap/processes.md": {...}}."""
    return check_links(_links(file, lines or {}, list(iter_links(definition))), anchors_by_page)


# --------------------------------------------------------------------------- profiles: kinds of AI system

@dataclass(frozen=True)
class Profile:
    """A kind of AI system, read from ``ID.yml`` in the profiles folder, without problems."""

    data: dict[str, Any]
    file: str
    lines: dict[tuple, int]

    def links(self) -> list[Link]:
        found: list[tuple[tuple, Any]] = [(("application_area",), self.data.get("application_area"))]
        found += [(("harms", i, "learn_more"), h.get("learn_more")) for i, h in entries(self.data.get("harms"))]
        found += [(("guidance", i, "page"), g.get("page")) for i, g in entries(self.data.get("guidance"))]
        return _links(self.file, self.lines, found)


def load_profiles(folder: str | os.PathLike, levels: list[str], taken: dict[str, str] | None = None,
                  roles: list[str] | None = None,
                  anchors_by_page: dict[str, set[str]] | None = None) -> tuple[list[Profile], list[str]]:
    """Every ``*.yml`` profile in ``folder``, in file-name order: (the profiles without problems, every
    problem). ``levels``: the level ids a profile's ``min_level`` may name; ``taken``: question ids
    already used, with where ({"law-no-legal-basis": "risk.yml:72"}), which harm ids must not reuse; links
    are checked when ``anchors_by_page`` is given, role tags when ``roles`` (ids) is."""
    taken = dict(taken or {})
    prefixes: dict[str, str] = {}  # harm_prefix -> the file that has it
    profiles, problems = [], []
    for path in sorted(Path(folder).glob("*.yml")):
        profile, errors = _load_profile(path, levels, taken, roles, prefixes)
        if profile is not None and anchors_by_page is not None:
            errors += check_links(profile.links(), anchors_by_page)
        problems += errors
        if profile is not None and not errors:
            profiles.append(profile)
    return profiles, problems


def _load_profile(path: Path, levels: list[str], taken: dict[str, str], roles: list[str] | None,
                  prefixes: dict[str, str]) -> tuple[Profile | None, list[str]]:
    """One profile file: its structure by the profile schema, then what it refers to (``taken``
    receives its harm ids, ``prefixes`` its harm_prefix)."""
    file = display_path(path)
    data, lines, problems = read_yaml(path)
    if data is None:
        return None, problems
    check = Checker(file, lines)
    check_structure(check, data, "profile")
    if not isinstance(data, dict):
        return None, problems + check.problems
    pid = data.get("id")
    if isinstance(pid, str) and pid != path.stem:
        check.fail(("id",), "id '%s' must equal the file name '%s.yml'" % (pid, path.stem))
    prefix = data.get("harm_prefix")
    if prefix in prefixes:
        check.fail(("harm_prefix",), "harm_prefix '%s' is already %s's: each kind has its own" % (prefix, prefixes[prefix]))
    elif isinstance(prefix, str):
        prefixes[prefix] = file
    if "min_level" in data:
        check.choice(data["min_level"], ("min_level",), levels)
    for i, harm in entries(data.get("harms")):
        _check_harm(check, harm, ("harms", i), taken, prefix if isinstance(prefix, str) else None, roles)
    return Profile(data, file, lines), problems + sort_problems(check.problems, lines)


def _check_harm(check: Checker, harm: dict, at: tuple, taken: dict[str, str], prefix: str | None,
                roles: list[str] | None) -> None:
    """A harm's id is the kind's (its harm_prefix) and no other question's; its roles are roles.yml's."""
    hid = harm.get("id")
    if isinstance(hid, str) and ID_RE.match(hid):
        if hid in taken:
            check.fail(at + ("id",), "id '%s' is already used (%s): a harm id must be unique among the "
                                     "questionnaire's questions and every profile's harms" % (hid, taken[hid]))
        else:
            taken[hid] = "%s:%d" % (check.file, check.line(at + ("id",)))
        if prefix and not hid.startswith(prefix + "-"):
            check.fail(at + ("id",), "id '%s' must start with this kind's harm_prefix '%s-'" % (hid, prefix))
    tags = harm.get("tags")
    if roles is not None and isinstance(tags, dict) and isinstance(tags.get("roles"), list):
        for j, role in enumerate(tags["roles"]):
            if isinstance(role, str) and ID_RE.match(role):
                check.choice(role, at + ("tags", "roles", j), roles)


def _question_lines(data: Any, file: str, lines: dict[tuple, int]) -> dict[str, str]:
    """The questionnaire's own question ids, with where each is (``file:line``)."""
    found: dict[str, str] = {}
    for i, section in entries(data.get("sections")):
        for j, question in entries(section.get("questions")):
            if isinstance(question.get("id"), str):
                found.setdefault(question["id"], "%s:%d" % (file, line_of(lines, ("sections", i, "questions", j, "id"))))
    return found


def _profiles_for(path: Path, data: dict[str, Any], lines: dict[tuple, int], roles: list[str] | None,
                  anchors_by_page: dict[str, set[str]] | None) -> tuple[list[Profile], list[str]]:
    """The profiles a questionnaire takes (``profiles_from``: a folder, relative to its file)."""
    if "profiles_from" not in data:
        return [], []
    check = Checker(display_path(path), lines)
    at = ("profiles_from",)
    given = data["profiles_from"]
    folder = Path(os.path.normpath(path.parent / given)) if isinstance(given, str) else path.parent
    check_field(check, data, "profiles_from")
    if check.problems:
        return [], check.problems
    if "profiles" in data:
        check.fail(at, "give either 'profiles_from' or 'profiles', not both")
    elif not isinstance(given, str) or not given or not folder.is_dir():
        check.fail(at, "expected a folder of profiles, relative to this file, such as ../profiles; got %r" % (given,))
    elif not any(folder.glob("*.yml")):
        check.fail(at, "no profiles (*.yml files) in %s" % given)
    if check.problems:
        return [], check.problems
    levels = [str(lv["id"]) for _, lv in entries(data.get("levels")) if isinstance(lv.get("id"), str)]
    return load_profiles(folder, levels, _question_lines(data, check.file, lines), roles, anchors_by_page)


def merge_profiles(data: dict[str, Any], profiles: list[Profile]) -> dict[str, Any]:
    """The questionnaire as the engine and the browser receive it: without ``profiles_from``, with its
    profiles' public fields in ``profiles`` and, after its own sections, one section of harms per profile."""
    merged = {key: value for key, value in data.items() if key != "profiles_from"}
    if profiles:
        merged["profiles"] = [{k: v for k, v in p.data.items() if k in PROFILE_KEYS} for p in profiles]
        merged["sections"] = list(data.get("sections") or []) + [_profile_section(p.data) for p in profiles]
    return merged


def _profile_section(profile: dict[str, Any]) -> dict[str, Any]:
    """A profile's harms, as a section of rated questions that counts only when its kind is chosen."""
    return {"id": "profile-%s" % profile["id"], "title": tr("Specific to {kind}", kind=profile["title"]),
            "profile": profile["id"],
            "description": profile["summary"], "learn_more": profile["application_area"],
            "questions": [{"id": h["id"], "type": "rated", **{k: v for k, v in h.items() if k not in ("id", "principle")}}
                          for h in profile["harms"]]}


# --------------------------------------------------------------------------- questionnaires


def load_questionnaire_file(path: str | os.PathLike, anchors_by_page: dict[str, set[str]] | None = None,
                            roles: list[str] | None = None, links_out: list[Link] | None = None,
                            language: str | None = None) -> tuple[dict[str, Any] | None, list[str]]:
    """Load and validate one questionnaire, with the profiles it takes (``profiles_from``) merged in;
    links are checked too when ``anchors_by_page`` is given, and role tags when ``roles`` (ids) is.
    ``links_out``, if given, receives every link of the questionnaire and its profiles, to check later.
    With ``language`` (other than English), the texts come from the translations (:mod:`.translate`),
    and each missing or unknown translation is a problem."""
    file = display_path(path)
    data, lines, problems = read_yaml(path)
    if data is None:
        return None, problems
    profiles, profile_problems = ([], []) if not isinstance(data, dict) else \
        _profiles_for(Path(path), data, lines, roles, anchors_by_page)
    english, overlay = data, None
    if language and isinstance(data, dict):
        data, profiles, overlay, translation_problems = _translated(Path(path), data, profiles, language)
        profile_problems += translation_problems
    definition = merge_profiles(data, profiles) if isinstance(data, dict) else data
    if isinstance(definition, dict) and "legal_from" in definition:
        definition, legal_problems = _with_legal_frames(Path(path), definition, lines, roles, language)
        profile_problems += legal_problems
    problems += validate_definition(definition, lines=lines, file=file, stem=Path(path).stem,
                                    vocabulary=tag_vocabulary(roles),
                                    locate=(lambda at: overlay.place(english, at)) if overlay else None)
    links = _links(file, lines, list(iter_links(english)))
    if anchors_by_page is not None:
        problems += check_links(links, anchors_by_page)
    if links_out is not None:
        links_out += links + [link for profile in profiles for link in profile.links()]
    return definition, sort_problems(problems, lines) + profile_problems


def _with_legal_frames(path: Path, definition: dict[str, Any], lines: dict[tuple, int], roles: list[str] | None,
                       language: str | None) -> tuple[dict[str, Any], list[str]]:
    """The definition with the legal frames its ``legal_from`` folder holds (see :mod:`.legal`)."""
    check = Checker(display_path(path), lines)
    given = definition["legal_from"]
    folder = Path(os.path.normpath(path.parent / given)) if isinstance(given, str) else path.parent
    check_field(check, definition, "legal_from")
    if check.problems:  # a kind without legal frames
        return {k: v for k, v in definition.items() if k != "legal_from"}, check.problems
    if not isinstance(given, str) or not folder.is_dir():
        check.fail(("legal_from",), "expected a folder of legal frames, relative to this file, such as ../legal; "
                                    "got %r" % (given,))
    if check.problems:
        return merge_frames(definition, [], {}), check.problems
    content = path.resolve().parents[1]
    names = _role_names(content, language)
    questions = {q["id"]: {str(o.get("value")) for o in options_of(definition, q)}
                 for _, q in iter_questions(definition) if isinstance(q.get("id"), str)}
    frames, problems = load_frames(folder, questions, roles if roles is not None else list(names),
                                   display=check.file, language=language)
    return merge_frames(definition, frames, names), problems


def _role_names(content: Path, language: str | None) -> dict[str, str]:
    """The readers' short names of the roles (``roles.yml``, or its translation), by id."""
    roles, _ = load_roles(content / ROLES_FILE)
    if language:
        translated, _ = load_roles(content / "i18n" / language / ROLES_FILE)
        roles = translated or roles
    return {role.id: role.short_name for role in roles}


def _translated(path: Path, data: dict[str, Any], profiles: list[Profile],
                language: str) -> tuple[dict[str, Any], list[Profile], Overlay, list[str]]:
    """The questionnaire and its profiles with the texts of ``language``, the questionnaire's overlay (which
    places a translated text's problem in its own file), and the translations' problems."""
    content = path.resolve().parents[1]
    overlay = Overlay(overlay_path(content, path, language),
                      display_path(overlay_path(content, path, language)), language)
    translated = translate_questionnaire(data, overlay)
    problems = overlay.finish()
    kinds = []
    for profile in profiles:
        english = Path(profile.file)
        where = overlay_path(content, english if english.is_absolute() else Path.cwd() / english, language)
        profile_overlay = Overlay(where, display_path(where), language)
        kinds.append(Profile(translate_profile(profile.data, profile_overlay), profile.file, profile.lines))
        problems += profile_overlay.finish()
    return translated, kinds, overlay, problems


def link_continuations(definitions: dict[str, dict[str, Any]], only: set[str] | None = None,
                       files: dict[str, str] | None = None) -> list[str]:
    """Give each definition with ``continue_with`` (of those in ``only``, by default all) what it needs of
    the next questionnaire (its title, version and the texts of the questions mapped), and every problem:
    an unknown questionnaire, question or answer value there (at its line when ``files`` gives the file
    each definition was read from, by id)."""
    problems = []
    for qid, definition in definitions.items():
        spec = definition.get("continue_with")
        if not isinstance(spec, dict) or (only is not None and qid not in only):
            continue
        file = (files or {}).get(qid)
        check = Checker(display_path(file), read_yaml(file)[1]) if file else Checker(qid)
        at = ("continue_with",)
        target = definitions.get(str(spec.get("questionnaire")))
        if target is None:
            check.fail(at + ("questionnaire",), "no questionnaire %r" % spec.get("questionnaire"))
            problems += check.problems
            continue
        index = question_index(target)
        texts = {}
        for source, goal in (spec.get("questions") or {}).items():
            if goal not in index:
                check.fail(at + ("questions", source), "%r is not a question of %s" % (goal, target["id"]))
                continue
            texts[goal] = index[goal][1].get("text")
            allowed = {str(o.get("value")) for o in options_of(target, index[goal][1])}
            for value, new in (spec.get("values") or {}).items():
                if str(new) not in allowed:
                    check.fail(at + ("values", value), "%r is not an answer of %s in %s" % (new, goal, target["id"]))
        spec["target"] = {"title": target.get("title"), "version": target.get("version"), "questions": texts}
        problems += sort_problems(list(dict.fromkeys(check.problems)), check.lines)
    return problems


def questionnaire_files(directory: str | os.PathLike) -> list[str]:
    """The questionnaire files of ``directory`` (``*.yml``), in name order; OSError when it cannot be listed."""
    return [os.path.join(directory, n) for n in sorted(os.listdir(directory)) if n.endswith((".yml", ".yaml"))]


def load_questionnaires(paths: list[str], anchors_by_page: dict[str, set[str]] | None = None,
                        roles: list[str] | None = None, language: str | None = None,
                        links_out: dict[str, list[Link]] | None = None,
                        context: list[str] | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The questionnaires in ``paths``, each given what it needs of the one it continues into: ({id:
    definition}, every problem). The build, the command line and the tests load content through this.
    ``links_out`` receives each questionnaire's guidance links (by id), to check once every page is built;
    ``context``: other questionnaires they may continue into, whose own problems are not reported here."""
    found: dict[str, dict[str, Any]] = {}
    files: dict[str, str] = {}
    problems: list[str] = []
    for path in paths:
        links: list[Link] = []
        definition, errors = load_questionnaire_file(path, anchors_by_page, roles, links_out=links, language=language)
        problems += errors
        if definition is not None and not errors and isinstance(definition, dict):
            found[definition["id"]] = definition
            files[definition["id"]] = str(path)
            if links_out is not None:
                links_out[definition["id"]] = links
    known = dict(found)
    for path in context or []:
        other, errors = load_questionnaire_file(path, roles=roles, language=language)
        if other is not None and not errors and isinstance(other, dict):
            known.setdefault(other["id"], other)
    return found, problems + link_continuations(known, only=set(found), files=files)


def load_questionnaire_dir(directory: str | os.PathLike, anchors_by_page: dict[str, set[str]] | None = None,
                           roles: list[str] | None = None,
                           language: str | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every ``*.yml`` questionnaire in ``directory``: ({id: definition}, problems)."""
    try:
        paths = questionnaire_files(directory)
    except OSError as exc:
        return {}, [problem(str(directory), 1, "(file)", "cannot list directory: %s" % exc)]
    return load_questionnaires(paths, anchors_by_page, roles, language)
