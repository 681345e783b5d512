"""Configuration of the questionnaires plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class QuestionnairesConfig(base.Config):
    """Where questionnaires are read from and where their JSON goes in the site."""

    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default="toolkit_content/questionnaires")
    dest = c.Type(str, default="assets/toolkit/questionnaires")
    examples_dir = c.Type(str, default="tools/examples")
    privacy_page = c.Type(str, default="about.md")
    team_guide_page = c.Type(str, default="tools/team.md")
