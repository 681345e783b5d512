"""Read-only helpers over a questionnaire definition (a plain dict).

The definition is the YAML file as data (as validated by
:mod:`pyscript_tools.validate`).  These helpers resolve scales, walk the
questions in order and map level ids to ranks.  Standard library only.
"""

from __future__ import annotations

KINDS = ("readiness", "risk", "workbook")

ROLES = (
    "executive-leadership",
    "technology-innovation",
    "rnd-developers",
    "legal-data-protection",
    "end-users",
    "oversight-committee",
    "communications",
)
APPROACHES = ("develop", "procure", "deploy")
STAGES = (
    "planning-design",
    "development-procurement",
    "deployment-use",
    "monitoring-evaluation",
)
PRINCIPLES = (
    "lawfulness",
    "minimization-of-harm",
    "human-autonomy",
    "fairness",
    "good-governance",
)

SPECIAL_DONT_KNOW = "dont-know"
SPECIAL_NOT_APPLICABLE = "not-applicable"
SPECIALS = (SPECIAL_DONT_KNOW, SPECIAL_NOT_APPLICABLE)

WORKBOOK_STATUSES = ("not-started", "in-progress", "done", "not-applicable")
WORKBOOK_STATUS_LABELS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "not-applicable": "Not applicable",
}

QUESTION_TYPES = ("choice", "rated", "prompt")


def iter_questions(definition):
    """Yield (section, question) pairs in document order."""
    for section in definition.get("sections") or []:
        for question in section.get("questions") or []:
            yield section, question


def question_index(definition):
    """Map question id -> (section, question)."""
    return {q["id"]: (s, q) for s, q in iter_questions(definition)}


def question_type(definition, section, question):
    """The effective type of a question: choice, rated or prompt."""
    explicit = question.get("type")
    if explicit:
        return explicit
    kind = definition.get("kind")
    if kind == "workbook":
        return "prompt"
    if kind == "risk" and not section.get("screening"):
        if "scale" in question or "options" in question:
            return "choice"
        return "rated"
    return "choice"


def options_of(definition, question):
    """The list of options of a choice question (resolving ``scale``)."""
    if "options" in question and question["options"] is not None:
        return list(question["options"])
    scale = question.get("scale")
    if scale is not None:
        return list((definition.get("scales") or {}).get(scale) or [])
    return []


def scored_options(options):
    """Options that carry points and are not special."""
    return [o for o in options if not o.get("special") and isinstance(o.get("points"), (int, float))
            and not isinstance(o.get("points"), bool)]


def max_points(options):
    """Best number of points among the non-special options (0 if none)."""
    pts = [o["points"] for o in scored_options(options)]
    return max(pts) if pts else 0


def level_ids(definition):
    return [lv["id"] for lv in definition.get("levels") or []]


def level_rank(definition):
    """Map level id -> rank (0 = lowest)."""
    return {lid: i for i, lid in enumerate(level_ids(definition))}


def level_by_id(definition, level_id):
    for lv in definition.get("levels") or []:
        if lv.get("id") == level_id:
            return lv
    return None


def level_for_percent(definition, percent):
    """Highest level whose ``min`` is <= percent (levels are ordered)."""
    if percent is None:
        return None
    found = None
    for lv in definition.get("levels") or []:
        if percent >= lv.get("min", 0):
            found = lv
    if found is None:
        levels = definition.get("levels") or []
        found = levels[0] if levels else None
    return found


def doc_link_to_url(link):
    """Turn a docs-relative Markdown link into a site-relative URL.

    ``roadmap/processes.md#oversight-committee`` -> ``roadmap/processes/#oversight-committee``
    (MkDocs ``use_directory_urls``).  ``index.md`` pages map to their folder.
    """
    if not link:
        return None
    page, sep, anchor = link.partition("#")
    if page.endswith(".md"):
        stem = page[:-3]
        if stem == "index":
            page = ""
        elif stem.endswith("/index"):
            page = stem[: -len("index")]
        else:
            page = stem + "/"
    return page + (sep + anchor if sep else "")


def question_link(section, question):
    """The guidance link for a question (its own, else its section's)."""
    return question.get("learn_more") or section.get("learn_more")


def tags_of(question, section=None):
    tags = question.get("tags") or {}
    out = {
        "roles": list(tags.get("roles") or []),
        "stages": list(tags.get("stages") or []),
        "approaches": list(tags.get("approaches") or []),
    }
    if question.get("stage") and question["stage"] not in out["stages"]:
        out["stages"].insert(0, question["stage"])
    return out

STAGE_TITLES = {
    "planning-design": "Planning and design",
    "development-procurement": "Development or procurement",
    "deployment-use": "Deployment and use",
    "monitoring-evaluation": "Monitoring and evaluation",
}


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)
