"""Several people's answers files for one questionnaire, brought together: who answered what, where
they disagree (the questions to discuss first), each section's range, and a consensus answers file.

Each file is read as "Open an answers file" reads it (older versions migrated, every answer checked); a
file that cannot be read is refused with its name and reason and the others are combined. The files'
order changes nothing: respondents are put in a fixed order (by name, then file name, then answers).

With names hidden (the default) nothing that could identify a respondent is read past this module's
door: the name and the file's name are dropped, and so is every answer typed in words (responses, notes,
owners), which can name or describe its author as surely; respondents are then ordered by their answers
alone, so that "Respondent 2" cannot be matched with a file either. The facilitator sees how many files
were read, which were refused and why, and how many written answers were withheld.
"""

from __future__ import annotations

import statistics
from typing import Any

from .. import definition as d
from ..answers import AnswersError, answer_problem
from ..answers_file import AnswersFileError, new_answers_file, parse_answers_file
from ..i18n import listed, tr, trn
from ..kinds import kind_of
from ..result import Result
from ..scoring import score
from ..text import answer_text, shown
from ..vocabulary import DONT_KNOW, FREE_TEXT_KEYS
from .consensus import Given, canonical, cautious_middle, consensus, disagreement
from .positions import Scale

MAX_FILES = 50  # people in one team assessment; more is a survey, not a workshop
DISCUSS_FROM = 0.5  # disagreement from which a question is among the first to discuss (a "don't know" always is)


class CombineError(ValueError):
    """Nothing could be combined, or a facilitator's choice does not fit the question."""


def read_files(definition: d.Definition, files: list[tuple[str, Any]], named: bool = True,
               keep_duplicates: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, str]], int]:
    """Each (file name, content) parsed, or refused with its reason; the parsed ones in a fixed order,
    made anonymous unless ``named``; and how many were the same answers file again (the same name, dates
    and answers), counted once unless ``keep_duplicates``."""
    if len(files) > MAX_FILES:
        raise CombineError(tr("at most {max} files can be combined at once ({count} given)", max=MAX_FILES,
                              count=len(files)))
    read, refused, seen, duplicates = [], [], set(), 0
    for file_name, content in files:
        try:
            parsed = parse_answers_file(content, definition)
        except AnswersFileError as exc:
            refused.append({"file": str(file_name), "reason": str(exc)})
            continue
        same = canonical([parsed["name"], parsed.get("created"), parsed.get("updated"), parsed["answers"]])
        if same in seen and not keep_duplicates:
            duplicates += 1
            continue
        seen.add(same)
        read.append({**parsed, "file": str(file_name)} if named else _anonymous(parsed))
    read.sort(key=lambda p: (p["name"].casefold(), p["file"].casefold(), canonical(p["answers"])))
    return read, refused, duplicates


def _anonymous(parsed: dict[str, Any]) -> dict[str, Any]:
    """A parsed file without what could say whose it is: its name, its file's name, its words."""
    answers, withheld = {}, 0
    for qid, value in parsed["answers"].items():
        if isinstance(value, dict):
            words = [key for key in FREE_TEXT_KEYS if isinstance(value.get(key), str) and value[key].strip()]
            withheld += len(words)
            value = {k: v for k, v in value.items() if k not in FREE_TEXT_KEYS}
            if not value:
                continue
        answers[qid] = value
    return {**parsed, "name": "", "file": "", "answers": answers, "withheld": withheld}


def _labels(read: list[dict[str, Any]], named: bool) -> list[str]:
    """"Respondent 1..N", or the names in the files (the file's name when it has none), made unique."""
    if not named:
        return [tr("Respondent {number}", number=i + 1) for i in range(len(read))]
    labels: list[str] = []
    for parsed in read:
        base = parsed["name"].strip() or parsed["file"].rsplit("/", 1)[-1].removesuffix(".json")
        label, n = base, 2
        while label in labels:
            label, n = tr("{name} ({number})", name=base, number=n), n + 1
        labels.append(label)
    return labels


def combine(definition: d.Definition, files: list[tuple[str, Any]], named: bool = False,
            choices: dict[str, Any] | None = None, keep_duplicates: bool = False) -> dict[str, Any]:
    """Combine answers files (see the module's docstring). ``choices``: question id -> the answer the
    facilitator chose instead of the median (None: no answer). The same file chosen twice counts once,
    unless ``keep_duplicates``."""
    read, refused, duplicates = read_files(definition, files, named, keep_duplicates)
    if not read:
        if len(refused) == 1:
            raise CombineError(tr("no answers file could be read: {reason}", reason=refused[0]["reason"]))
        raise CombineError(tr("no answers file could be read"))
    labels = _labels(read, named)
    results = [score(definition, parsed["answers"]) for parsed in read]
    kind = kind_of(definition)
    questions = _questions(definition, labels, results, not kind.HIGHER_IS_BETTER)
    answers = {q["id"]: q["consensus"] for q in questions if q["consensus"] is not None}
    by_id = {q["id"]: q for q in questions}
    for qid, value in _checked_choices(definition, choices or {}).items():
        answers.pop(qid, None)
        if value is not None:
            answers[qid] = value
        if qid in by_id:
            by_id[qid].update(consensus=value, chosen=True)
    consensus_result = score(definition, answers)
    consensus_rows = {row["id"]: row for row in consensus_result["questions"]}
    for q in questions:
        q["consensus_text"] = _words(consensus_rows[q["id"]]) if q["id"] in consensus_rows else ""
    name = trn("Consensus of {n} respondent", "Consensus of {n} respondents", len(read))
    return {
        "questionnaire": definition.get("id"), "kind": definition.get("kind"), "title": definition.get("title"),
        "version": definition.get("version"), "named": named, "duplicates": duplicates,
        "withheld": sum(parsed.get("withheld", 0) for parsed in read),
        "respondents": [_respondent(label, parsed, result) for label, parsed, result in zip(labels, read, results)],
        "refused": refused,
        "questions": questions,
        "to_discuss": [q["id"] for q in _by_disagreement(q for q in questions if _first_to_discuss(q))],
        "other_differences": [q["id"] for q in _by_disagreement(q for q in questions
                                                                if q["disagreement"] and not _first_to_discuss(q))],
        "sections": _sections(definition, kind, labels, results),
        "overall": _range(kind, labels, [r.get("overall") or {} for r in results], results[0]),
        "consensus": {"name": name, "answers": answers, "file": new_answers_file(definition, answers, name),
                      "result": consensus_result},
    }


def _first_to_discuss(question: dict[str, Any]) -> bool:
    return question["disagreement"] >= DISCUSS_FROM or bool(question["gaps"])


def _by_disagreement(questions: Any) -> list[dict[str, Any]]:
    return sorted(questions, key=lambda q: (-q["disagreement"], -q["gaps"]))


def _words(row: dict[str, Any]) -> str:
    """An answer in words; a workbook entry with its owner and due date, so that teams can be compared."""
    words = answer_text(row)
    if row.get("type") == "prompt" and words:
        extra = [tr("owner: {owner}", owner=row["owner"])] if row.get("owner") else []
        extra += [tr("due {date}", date=row["due"])] if row.get("due") else []
        words = tr("{answer} ({details})", answer=words, details=listed(extra)) if extra else words
    return words


def _respondent(label: str, parsed: dict[str, Any], result: Result) -> dict[str, Any]:
    return {"label": label, "file": parsed["file"], "name": parsed["name"], "file_version": parsed["file_version"],
            "migration": (parsed.get("migration") or {}).get("summary") if parsed["migrated"] else None,
            "headline": result.get("headline"), "answered": result.get("answered"), "total": result.get("total")}


def _questions(definition: d.Definition, labels: list[str], results: list[Result],
               higher_is_cautious: bool) -> list[dict[str, Any]]:
    rows = [{row["id"]: row for row in result["questions"]} for result in results]
    out = []
    for section, question in d.iter_questions(definition):
        qid = question["id"]
        shown_to = [(label, by_id[qid]) for label, by_id in zip(labels, rows) if qid in by_id]
        if not shown_to:
            continue  # a kind of system nobody chose
        shown = dict(shown_to)
        qtype = shown_to[0][1]["type"]
        scale = Scale(definition, question, qtype)
        given = [Given(label, row["answer"], _words(row), scale.place(row))
                 for label, row in shown_to if row.get("status") not in (None, "missing")]
        median = consensus(definition, question, scale, given, higher_is_cautious)
        out.append({
            "id": qid, "section": section["id"], "text": question.get("text", ""), "type": qtype,
            "answers": [{"respondent": g.respondent, "text": g.text, "value": g.value} for g in given],
            "unanswered": [label for label, row in shown_to if row.get("status") in (None, "missing")],
            "not_shown": [label for label in labels if label not in shown],
            "distribution": _distribution(given),
            "disagreement": disagreement(scale, given),
            "gaps": sum(1 for g in given if g.position == DONT_KNOW),
            "consensus": median,
            "median": median,
            "chosen": False,
            "options": _choices(definition, question, qtype, given),
        })
    return out


def _choices(definition: d.Definition, question: d.Question, qtype: str, given: list[Given]) -> list[dict[str, Any]]:
    """What the facilitator may choose as the consensus, each with who gave it: for a choice, the whole
    scale in its order (an answer nobody gave included); otherwise each answer given, in scale order."""
    def by(value: Any) -> list[str]:
        return [g.respondent for g in given if canonical(g.value) == canonical(value)]

    if qtype == "choice":
        options = d.options_of(definition, question)
        return [{"text": o.get("label"), "value": o.get("value"),
                 "by": [g.respondent for g in given if d.find_option(options, g.value) is o]} for o in options]
    ordered = sorted(_first_of_each(given), key=lambda g: (not isinstance(g.position, (int, float)),
                                                          g.position if isinstance(g.position, (int, float)) else 0))
    return [{"text": g.text, "value": g.value, "by": by(g.value)} for g in ordered]


def _distribution(given: list[Given]) -> list[dict[str, Any]]:
    """Each different answer with who gave it, in scale order (the most common first without a scale)."""
    groups: dict[str, dict[str, Any]] = {}
    for g in given:
        group = groups.setdefault(canonical(g.value) if g.position is None else str(g.position) + g.text,
                                  {"text": g.text, "position": g.position, "respondents": []})
        group["respondents"].append(g.respondent)
    ordered = sorted(groups.values(), key=lambda x: (isinstance(x["position"], str), x["position"]
                     if isinstance(x["position"], (int, float)) else -len(x["respondents"]), x["text"]))
    return [{"text": x["text"], "count": len(x["respondents"]), "respondents": x["respondents"]} for x in ordered]


def _first_of_each(given: list[Given]) -> list[Given]:
    seen, out = set(), []
    for g in given:
        if canonical(g.value) not in seen:
            seen.add(canonical(g.value))
            out.append(g)
    return out


def _checked_choices(definition: d.Definition, choices: dict[str, Any]) -> dict[str, Any]:
    index = d.question_index(definition)
    problems = []
    for qid, value in choices.items():
        if qid not in index:
            problems.append("unknown question id %s" % shown(qid))
        elif value is not None:
            why = answer_problem(definition, index[qid][0], index[qid][1], value)
            if why:
                problems.append("question %s: %s" % (shown(qid), why))
    if problems:
        raise AnswersError(problems)
    return choices


def _range(kind: Any, labels: list[str], entries: list[dict[str, Any]], sample: Result) -> dict[str, Any]:
    """Lowest, median and highest of one section (or the overall result) across respondents."""
    by_level = kind.COMPARE_BY == "level"
    level_list = sample.get("levels") or []
    rank = d.level_ranks(level_list)
    values: list[dict[str, Any]] = []
    known: list[float] = []
    for label, entry in zip(labels, entries):
        value = rank.get(entry.get("level")) if by_level else entry.get("percent")
        values.append({"respondent": label, "value": value, "level_name": entry.get("level_name"),
                       "percent": entry.get("percent")})
        if value is not None:
            known.append(float(value))
    out: dict[str, Any] = {"by": "level" if by_level else "percent", "values": values}
    if known:
        middle = cautious_middle(sorted(known), not kind.HIGHER_IS_BETTER)
        out.update(min=min(known), median=middle, max=max(known), spread=round(max(known) - min(known), 1))
        if not by_level:
            out["mean"] = round(statistics.fmean(known), 1)
        else:
            out.update({"%s_name" % key: level_list[int(out[key])].get("name") for key in ("min", "median", "max")})
    return out


def _sections(definition: d.Definition, kind: Any, labels: list[str], results: list[Result]) -> list[dict[str, Any]]:
    """Each section's range, in the questionnaire's order, over the respondents it applied to."""
    entries = [{s["id"]: s for s in result.get("sections") or []} for result in results]
    out = []
    for section in definition.get("sections") or []:
        present = [(label, by_id[section["id"]]) for label, by_id in zip(labels, entries) if section["id"] in by_id]
        if present:
            first = present[0][1]
            out.append({"id": section["id"], "title": first.get("title"), "short_title": first.get("short_title"),
                        **_range(kind, [label for label, _ in present], [e for _, e in present], results[0])})
    return out
