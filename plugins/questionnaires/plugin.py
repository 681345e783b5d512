"""MkDocs plugin `toolkit-questionnaires`: questionnaire YAML in, static forms and JSON definitions out."""
from __future__ import annotations

import json
import re
from pathlib import Path

import markdown as markdown_lib
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.utils import get_relative_url

from pyscript_tools.build.content import check_links, load_questionnaire_file, load_roles
from pyscript_tools.build.form_html import render_form

from .anchors import html_anchors
from .config import QuestionnairesConfig

log = get_plugin_logger(__name__)
MARKER = re.compile(r"<!--\s*toolkit-questionnaire:\s*([a-z0-9-]+)\s*-->")


class QuestionnairesPlugin(BasePlugin[QuestionnairesConfig]):
    """Fails the build on any content error; otherwise places each form where its marker stands."""

    def on_config(self, config):
        self.project = Path(config.config_file_path).parent
        self.definitions, self.links = {}, {}
        roles, errors = load_roles(self.project / self.config.roles_file, display=self.config.roles_file)
        role_ids = [role.id for role in roles]
        for path in sorted((self.project / self.config.content_dir).glob("*.yml")):
            links: list = []  # the questionnaire's and its profiles', checked once every page is built
            definition, problems = load_questionnaire_file(path, roles=role_ids, links_out=links)
            errors += problems
            if definition is not None and not problems:
                self.definitions[definition["id"]] = definition
                self.links[definition["id"]] = links
        self._fail_on(errors)
        self.anchors: dict[str, set[str]] = {}
        self.role_names = {role.id: role.short_name for role in roles}
        return config

    def on_files(self, files, *, config):
        self.files = files
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        unknown = [qid for qid in MARKER.findall(markdown) if qid not in self.definitions]
        if unknown:
            raise PluginError(f"{page.file.src_uri}: unknown questionnaire {', '.join(unknown)}")
        return markdown

    def on_page_content(self, html, *, page, config, files):
        self.anchors[page.file.src_uri] = html_anchors(html)  # headings carry their toc ids
        if not MARKER.search(html):  # a marker quoted in a code block is escaped: no widget there
            return html
        page.meta["toolkit_widget"] = True  # the template then loads the widget's scripts
        site_root = get_relative_url(".", page.url) + "/" if page.url else ""
        resolve = lambda link: self._resolve(link, page)  # noqa: E731 - one-line adapter
        return MARKER.sub(lambda m: self._render(m.group(1), page, resolve, site_root, _level_after(html, m.start())),
                          html)

    def _render(self, qid: str, page, resolve, site_root: str, heading_level: int) -> str:
        privacy = self.files.get_file_from_path(self.config.privacy_page)
        guide = self.files.get_file_from_path(self.config.team_guide_page)
        return render_form(
            self.definitions[qid], resolve, site_root,
            markdown=_markdown,
            examples=self._examples(qid, page),
            privacy_url=get_relative_url(privacy.url, page.url) + "#privacy" if privacy else "",
            team_guide_url=get_relative_url(guide.url, page.url) if guide else "",
            role_names=self.role_names,
            heading_level=heading_level,
        )

    def _examples(self, qid: str, page) -> list[tuple[str, str]]:
        """The questionnaire's worked examples as (address from this page, title); a missing file fails the build."""
        found = []
        for example in self.definitions[qid].get("examples") or []:
            path = f"{self.config.examples_dir}/{example['file']}"
            file = self.files.get_file_from_path(path)
            if file is None:
                raise PluginError(f"{qid}: worked example {path} is not in docs/")
            found.append((get_relative_url(file.url, page.url), example["title"]))
        return found

    def on_env(self, env, *, config, files):
        errors = []
        for links in self.links.values():
            errors += check_links(links, self.anchors)
        self._fail_on(errors)
        return env

    def on_post_build(self, *, config):
        dest = Path(config.site_dir) / self.config.dest
        dest.mkdir(parents=True, exist_ok=True)
        for qid, definition in self.definitions.items():
            (dest / f"{qid}.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")

    def _resolve(self, link: str, page) -> str:
        path, _, anchor = link.partition("#")
        target = self.files.get_file_from_path(path)
        if target is None:
            return link  # reported with file and line by the link check in on_env
        url = get_relative_url(target.url, page.url)
        return f"{url}#{anchor}" if anchor else url

    @staticmethod
    def _fail_on(errors: list[str]) -> None:
        if errors:
            raise PluginError("questionnaire content has errors:\n  " + "\n  ".join(errors))


_HEADING = re.compile(r"<h([1-6])[\s>]")


def _level_after(html: str, position: int) -> int:
    """One level below the last heading before `position`, so the page's outline stays in order."""
    levels = _HEADING.findall(html, 0, position)
    return int(levels[-1]) + 1 if levels else 2


def _markdown(text: str) -> str:
    """Help texts and descriptions are Markdown in the YAML; rendered once, at build time."""
    return markdown_lib.markdown(str(text), extensions=["attr_list", "abbr", "def_list"])
