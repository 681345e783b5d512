"""The domain's fixed vocabulary, defined once: every other module imports it from here.

Roles are content, not vocabulary: they come from ``toolkit_content/roles.yml`` (see
:func:`pyscript_tools.authoring.content.load_roles`).
"""

from __future__ import annotations

import re

from .i18n import N_

# Ids of questionnaires, sections, questions, levels, roles, profiles: lowercase words and hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)

KINDS = ("readiness", "risk", "workbook")

PRINCIPLES = ("lawfulness", "minimization-of-harm", "human-autonomy", "fairness", "good-governance")

# The AI life cycle, in order, with the titles the site uses (English: shown through i18n.tr).
STAGES = {
    "planning-design": N_("Planning and design"),
    "development-procurement": N_("Development or procurement"),
    "deployment-use": N_("Deployment and use"),
    "monitoring-evaluation": N_("Monitoring and evaluation"),
}

# Ways an agency obtains an AI system.
APPROACHES = {"develop": N_("Develop in house"), "procure": N_("Procure"), "deploy": N_("Deploy")}

# What a workbook prompt's status can be.
STATUSES = {
    "not-started": N_("Not started"),
    "in-progress": N_("In progress"),
    "done": N_("Done"),
    "not-applicable": N_("Not applicable"),
}

# choice: pick an option; multi: pick any number of options (a list; an empty one is no answer);
# rated: likelihood x severity (or not applicable); prompt: a workbook entry.
QUESTION_TYPES = ("choice", "multi", "rated", "prompt")

# Where a question may take its options from instead of listing them: the definition's profiles (the
# kinds of AI system, one option each), or its legal frames (one option each).
LEGAL_FRAMES_OPTION = "legal-frames"
OPTIONS_FROM = ("profiles", LEGAL_FRAMES_OPTION)

DONT_KNOW = "dont-know"
NOT_APPLICABLE = "not-applicable"
SPECIALS = (DONT_KNOW, NOT_APPLICABLE)

RATING_AXES = ("likelihood", "severity")
RATING_KEYS = RATING_AXES + ("note",)
PROMPT_KEYS = ("status", "response", "owner", "due")

# The parts of an answer a respondent types in words: they can name or describe their author.
FREE_TEXT_KEYS = ("response", "note", "owner")

# The three ways to filter workbook prompts, and the tag each reads.
FILTER_DIMENSIONS = ("roles", "stages", "approaches")
