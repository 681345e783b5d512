"""Typed configuration of the `toolkit-primers` plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class PrimersConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Primer folder, relative to the directory of mkdocs.yml (the roles are the content folder's roles.yml).
    primers_dir = c.Type(str, default="toolkit_content/primers")
    # Docs-relative folder of the generated pages (primers/ROLE.md) and of the index page.
    pages_dir = c.Type(str, default="primers")
    # The index page's line that becomes the list of roles with HTML and PDF links.
    marker = c.Type(str, default="<!-- toolkit-primers -->")
    # Build the PDFs (slow). The environment variable TOOLKIT_PRIMERS_PDF=0/1 overrides this.
    pdf = c.Type(bool, default=True)
    # Site folder for the PDFs, and their file name pattern.
    pdf_dir = c.Type(str, default="primers")
    pdf_name = c.Type(str, default="rai-toolkit-primer-{role}.pdf")
    min_pages = c.Type(int, default=2)
    max_pages = c.Type(int, default=6)
    # A role-tagged heading without a first paragraph: "warn" (fails --strict) or "info".
    missing_summary = c.Choice(("warn", "info"), default="warn")
    # Docs-relative page on the AI life cycle that the primers link to (left unlinked if absent).
    life_cycle_page = c.Type(str, default="introduction/life-cycle.md")
    # Docs-relative page on the law that applies, which the legal checkpoints link to (left unlinked if absent).
    law_page = c.Type(str, default="tools/law.md")
