"""Command line: ``python -m pyscript_tools validate|template|score|combine|untranslated`` (build time; needs PyYAML).

The same engine functions as the browser's: nothing is scored or reported here that is not in
:mod:`pyscript_tools.engine`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from ..engine.answers import AnswersError
from ..engine.answers_file import AnswersFileError, parse_answers_file, template
from ..engine.report.csv import to_csv
from ..engine.report.document import report_document
from ..engine.report.markdown import to_markdown
from ..engine.report.team import team_csv, team_document, team_markdown
from ..engine.scoring import score
from ..engine.team import CombineError, combine
from . import untranslated
from .anchors import scan_docs_anchors
from .checks import FILE, problem
from .content import ROLES_FILE, load_questionnaires, load_roles, questionnaire_files

DEFAULT_CONTENT = os.path.join("toolkit_content", "questionnaires")
DEFAULT_DOCS = "docs"


class CliError(Exception):
    pass


def _find_file(qid_or_path, content):
    if os.path.isfile(qid_or_path):
        return qid_or_path
    for ext in (".yml", ".yaml"):
        candidate = os.path.join(content, qid_or_path + ext)
        if os.path.isfile(candidate):
            return candidate
    raise CliError("no questionnaire %r in %s/ (give an id or a path to a .yml file)" % (qid_or_path, content))


def _siblings(path: str) -> list[str]:
    """The other questionnaires of a file's folder, which it may continue into."""
    folder = os.path.dirname(path) or "."
    return [p for p in questionnaire_files(folder) if not (os.path.exists(p) and os.path.samefile(p, path))]


def _load(qid_or_path, content):
    """One questionnaire, loaded as the build loads it (with the others of its folder to continue into)."""
    path = _find_file(qid_or_path, content)
    definitions, errors = load_questionnaires([path], context=_siblings(path))
    if errors:
        more = len(errors) - 1
        raise CliError("%s%s (run `python -m pyscript_tools validate %s` for all problems)"
                       % (errors[0], " (and %d more problem%s)" % (more, "s" if more > 1 else "") if more else "",
                          path))
    return next(iter(definitions.values()))  # the one file given, loaded without a problem


def cmd_validate(args):
    files = list(args.files)
    roles_file = os.path.join(os.path.dirname(os.path.normpath(args.content)), ROLES_FILE)
    roles, all_errors = load_roles(roles_file) if os.path.isfile(roles_file) else ([], [])
    role_ids = [role.id for role in roles] or None
    if not files:
        if not os.path.isdir(args.content):
            raise CliError("no files given and %s/ does not exist" % args.content)
        files = sorted(os.path.join(args.content, n) for n in os.listdir(args.content)
                       if n.endswith((".yml", ".yaml")))
        if not files:
            raise CliError("no questionnaire files in %s/" % args.content)
    anchors = None
    if not args.no_links:
        if os.path.isdir(args.docs):
            anchors = scan_docs_anchors(args.docs)
        else:
            print("note: %s/ not found: links to guidance pages are not checked" % args.docs, file=sys.stderr)
    for path in files:
        if not os.path.isfile(path):
            all_errors.append(problem(path, 1, FILE, "no such file"))
            continue
        _, errors = load_questionnaires([path], anchors_by_page=anchors, roles=role_ids, context=_siblings(path))
        all_errors += errors
        if not errors and not args.quiet:
            print("ok: %s" % path)
    for err in all_errors:
        print(err)
    if all_errors:
        print("%d problem%s found" % (len(all_errors), "" if len(all_errors) == 1 else "s"), file=sys.stderr)
        return 1
    return 0


def cmd_template(args):
    defn = _load(args.id, args.content)
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        blank = template(defn, now=now, profiles=args.kind)
    except AnswersError as exc:
        raise CliError(str(exc)) from None
    print(json.dumps(blank, ensure_ascii=False, indent=2))
    return 0


def cmd_score(args):
    defn = _load(args.id, args.content)
    try:
        with open(args.answers, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise CliError("cannot read %s: %s" % (args.answers, exc.strerror or exc)) from None
    try:
        parsed = parse_answers_file(raw, defn)
    except AnswersFileError as exc:
        raise CliError("%s: %s" % (args.answers, exc)) from None
    if parsed["migrated"]:
        print("note: %s" % parsed["migration"]["summary"], file=sys.stderr)
    filters = {"roles": args.role or [], "stages": args.stage or [], "approaches": args.approach or []}
    result = score(defn, parsed["answers"], filters=filters, today=args.today or date.today().isoformat())
    if parsed["migrated"]:
        result["migration"] = parsed["migration"]
    if args.format == "markdown":
        sys.stdout.write(to_markdown(result, name=parsed.get("name") or ""))
    elif args.format == "csv":
        sys.stdout.write(to_csv(result))
    elif args.format == "html":
        sys.stdout.write(report_document(result, parsed.get("name") or "", args.today or date.today().isoformat(),
                                         args.base_url))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_combine(args):
    defn = _load(args.id, args.content)
    files = []
    for path in args.answers:
        try:
            with open(path, "rb") as fh:
                files.append((path, fh.read()))
        except OSError as exc:
            raise CliError("cannot read %s: %s" % (path, exc.strerror or exc)) from None
    try:
        combined = combine(defn, files, named=args.names)
    except CombineError as exc:
        raise CliError(str(exc)) from None
    for refused in combined["refused"]:
        print("note: %s left out: %s" % (refused["file"], refused["reason"]), file=sys.stderr)
    if args.format == "md":
        sys.stdout.write(team_markdown(combined))
    elif args.format == "csv":
        sys.stdout.write(team_csv(combined))
    elif args.format == "html":
        sys.stdout.write(team_document(combined, date.today().isoformat()))
    elif args.format == "consensus":
        print(json.dumps(combined["consensus"]["file"], ensure_ascii=False, indent=2))
    else:
        print(json.dumps({k: v for k, v in combined.items() if k != "consensus"} | {
            "consensus": {k: v for k, v in combined["consensus"].items() if k != "result"}}, ensure_ascii=False, indent=2))
    return 0


def cmd_untranslated(args):
    root = Path(args.root)
    if args.skeleton:
        sys.stdout.write(untranslated.skeleton(untranslated.missing_interface(root, args.language)))
        return 0
    problems = untranslated.interface_problems(root, args.language) + untranslated.content_problems(root, args.language)
    for found in problems:
        print(found)
    pages = untranslated.english_pages(root, args.language)
    if args.pages:
        print("\n%d page(s) shown in English, with a notice:" % len(pages))
        for page in pages:
            print("  docs/%s" % page)
    print("%d problem%s; %d page(s) in English only" % (len(problems), "" if len(problems) == 1 else "s", len(pages)),
          file=sys.stderr)
    return 1 if problems else 0


def build_parser():
    p = argparse.ArgumentParser(prog="python -m pyscript_tools",
                                description="Validate questionnaires, make blank answers files, score and combine answers.")
    p.add_argument("--content", default=DEFAULT_CONTENT,
                   help="folder of questionnaire YAML files (default: %(default)s)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    v = sub.add_parser("validate", help="check questionnaire files (all problems at once)")
    v.add_argument("files", nargs="*", help="YAML files (default: every file in --content)")
    v.add_argument("--docs", default=DEFAULT_DOCS, help="docs folder for link checks (default: %(default)s)")
    v.add_argument("--no-links", action="store_true", help="do not check learn_more links")
    v.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    t = sub.add_parser("template", help="print a blank answers file listing allowed values and points")
    t.add_argument("id", help="questionnaire id (or path to its YAML file)")
    t.add_argument("--kind", action="append", metavar="PROFILE",
                   help="risk: a kind of AI system the answers are for (repeatable); the template then lists "
                        "its harms too")
    s = sub.add_parser("score", help="score an answers file")
    s.add_argument("id", help="questionnaire id (or path to its YAML file)")
    s.add_argument("answers", help="answers file (JSON)")
    s.add_argument("--format", choices=("json", "markdown", "csv", "html"), default="json",
                   help="html: the self-contained report, as the site's 'Download the report' makes it")
    s.add_argument("--base-url", default="", help="html: address of the site, for the report's links to the guidance")
    s.add_argument("--role", action="append", help="workbook filter (repeatable)")
    s.add_argument("--stage", action="append", help="workbook filter (repeatable)")
    s.add_argument("--approach", action="append", help="workbook filter (repeatable)")
    s.add_argument("--today", help="YYYY-MM-DD (default: today): the date legal obligations and workbook due dates "
                                   "are checked against")
    c = sub.add_parser("combine", help="combine several people's answers files: disagreements and a consensus")
    c.add_argument("id", help="questionnaire id (or path to its YAML file)")
    c.add_argument("answers", nargs="+", help="answers files (JSON), one per respondent")
    c.add_argument("--format", choices=("md", "json", "csv", "html", "consensus"), default="md",
                   help="md (default), json, csv (one row per question), html (the printable report) or "
                        "consensus (the consensus answers file)")
    c.add_argument("--names", action="store_true", help="show respondents by the names in their files "
                                                          "(default: Respondent 1, 2, ...)")
    u = sub.add_parser("untranslated", help="list what a language lacks: interface strings, content, pages")
    u.add_argument("language", help="language code, such as fr")
    u.add_argument("--root", default=".", help="the project folder (default: the current one)")
    u.add_argument("--pages", action="store_true", help="also list the pages shown in English")
    u.add_argument("--skeleton", action="store_true",
                   help="print the missing interface strings as YAML to fill in toolkit_content/i18n/LANG/interface.yml")
    for sp in (v, t, s, c):
        sp.add_argument("--content", default=argparse.SUPPRESS,
                        help="folder of questionnaire YAML files (default: %s)" % DEFAULT_CONTENT)
    return p


def main(argv=None):
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    if not args.command:
        parser.print_usage(sys.stderr)
        print("error: give a command: validate, template, score, combine or untranslated", file=sys.stderr)
        return 2
    try:
        commands = {"validate": cmd_validate, "template": cmd_template, "score": cmd_score, "combine": cmd_combine,
                    "untranslated": cmd_untranslated}
        return commands[args.command](args)
    except CliError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for the user
        print("error: unexpected %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
        return 1
