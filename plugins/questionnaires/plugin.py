"""MkDocs plugin `toolkit-questionnaires`: questionnaire YAML in, static forms and JSON definitions out."""
from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import markdown as markdown_lib
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from pyscript_tools.authoring.catalog import engine_messages
from pyscript_tools.authoring.content import check_links, load_questionnaires, load_roles, questionnaire_files
from pyscript_tools.authoring.form_html import form_templates, render_form
from pyscript_tools.engine.report.law import frame_rules_table
from pyscript_tools.engine.report.table import to_html

from ..languages import current
from .anchors import heading_titles, html_anchors
from .config import QuestionnairesConfig

log = get_plugin_logger(__name__)
MARKER = re.compile(r"<!--\s*toolkit-questionnaire:\s*([a-z0-9-]+)\s*-->")
LEGAL_MARKER = re.compile(r"<!--\s*toolkit-legal-rules:\s*([a-z0-9-]+)\s*-->")


class QuestionnairesPlugin(BasePlugin[QuestionnairesConfig]):
    """Fails the build on any content error; otherwise places each form where its marker stands."""

    def __init__(self):
        super().__init__()
        self.project = Path()
        self.language = ""
        self.prefix = ""  # this language's folder in the site ("" for the default language)
        self.definitions: dict[str, dict] = {}
        self.links: dict[str, list] = {}  # per questionnaire, its guidance links, checked once every page is built
        self.anchors: dict[str, set[str]] = {}
        self.titles: dict[str, str] = {}
        self.role_names: dict[str, str] = {}
        self.engine_strings: dict[str, object] = {}
        self.speaking: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext  # from on_config
        self.files = Files([])
        self.templates = form_templates()  # the theme's overrides first, from on_config

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.project = current.project(config)
        self.language = current.code(config)
        translated = None if current.is_default(config) else self.language
        english_roles = current.roles_file(config)
        roles, errors = load_roles(self.project / english_roles, display=english_roles)
        role_ids = [role.id for role in roles]
        if translated:  # the readers' names of roles, in this language (the same ids)
            roles_file = current.translated(config, english_roles)
            named, problems = load_roles(self.project / roles_file, display=roles_file)
            errors += problems + _same_roles(roles, named, roles_file)
            roles = named or roles
        self.links = {}  # each questionnaire's and its profiles' guidance links, checked once every page is built
        with current.speaking(config):
            self.definitions, problems = load_questionnaires(
                questionnaire_files(self.project / self.config.content_dir), roles=role_ids, language=translated,
                links_out=self.links)
        self._fail_on(errors + problems)
        self.anchors, self.titles = {}, {}
        self.role_names = {role.id: role.short_name for role in roles}
        self.speaking = lambda: current.speaking(config)
        catalog = current.catalog_for(config)
        messages = current.messages(self.project)
        self.engine_strings = {**catalog.about, **catalog.subset(engine_messages(messages))} if catalog else {}
        self.prefix = current.prefix(config)
        self.templates = form_templates(tuple(config.theme.dirs))  # a partial in the theme's custom_dir wins
        return config

    def on_files(self, files, *, config):
        self.files = files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return
        unknown = [qid for qid in MARKER.findall(markdown) if qid not in self.definitions]
        if unknown:
            raise PluginError(f"{page.file.src_uri}: unknown questionnaire {', '.join(unknown)}")
        frames = {f["id"] for d in self.definitions.values() for f in (d.get("legal") or {}).get("frames") or []}
        unknown = [fid for fid in LEGAL_MARKER.findall(markdown) if fid not in frames]
        if unknown:
            raise PluginError(f"{page.file.src_uri}: unknown legal frame {', '.join(unknown)} "
                              f"(frames: {', '.join(sorted(frames))})")
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return
        source = current.source_uri(page.file)
        self.anchors[source] = html_anchors(html)  # headings carry their toc ids
        self.titles.update({f"{source}#{anchor}": title for anchor, title in heading_titles(html).items()})
        self.titles[source] = page.title or source
        if LEGAL_MARKER.search(html):
            with self.speaking():
                html = LEGAL_MARKER.sub(lambda m: self._legal_rules(m.group(1)), html)
        if not MARKER.search(html):  # a marker quoted in a code block is escaped: no widget there
            return html
        page.meta["toolkit_widget"] = True  # the template then loads the widget's scripts
        # Guidance links in results go to this language's pages: from the root of this language.
        site_root = get_relative_url(self.prefix or ".", page.url).rstrip("/") + "/"
        resolve = lambda link: self._resolve(link, page)  # noqa: E731 - one-line adapter
        with self.speaking():
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
            definition_url=get_relative_url(self._definition_path(qid), page.url),
            templates=self.templates,
        )

    def _legal_rules(self, frame_id: str) -> str:
        """A legal frame's rules as a table, from the definition that carries the frames."""
        definition = next(d for d in self.definitions.values()
                          if any(f["id"] == frame_id for f in (d.get("legal") or {}).get("frames") or []))
        return '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">%s</div></div>' % to_html(
            frame_rules_table(definition, frame_id))

    def _definition_path(self, qid: str) -> str:
        return f"{self.published()[0]}/{qid}.json"

    def published(self) -> tuple[str, str]:
        """Where this build publishes its definitions and its worked examples, inside the site."""
        return f"{self.config.dest}/{self.language}", self.config.examples_dir

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

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        errors = []  # every page is built now: check each guidance link against the pages' headings
        for links in self.links.values():
            errors += check_links(links, self.anchors)
        self._fail_on(errors)
        for qid, definition in self.definitions.items():
            target = Path(config.site_dir) / self._definition_path(qid)
            target.parent.mkdir(parents=True, exist_ok=True)
            published = {**definition, "language": self.language, "link_titles": self._link_titles(definition)}
            if self.engine_strings:
                published["interface"] = self.engine_strings
            target.write_text(json.dumps(published, ensure_ascii=False), encoding="utf-8")

    def _link_titles(self, definition: dict) -> dict[str, str]:
        """The title of the heading (or page) each guidance link of the questionnaire points to, in this language."""
        links = {link.target for link in self.links.get(definition["id"], [])}
        return {link: self.titles[link] for link in sorted(links) if link in self.titles}

    def _resolve(self, link: str, page) -> str:
        path, _, anchor = link.partition("#")
        target = self.files.get_file_from_path(path)
        if target is None:
            return link  # reported with file and line by the link check in on_post_build
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


_RENDERER = markdown_lib.Markdown(extensions=["attr_list", "abbr", "def_list"])  # made once: thousands of texts


def _markdown(text: str) -> str:
    """Help texts and descriptions are Markdown in the YAML; rendered once, at build time."""
    return _RENDERER.reset().convert(str(text))


def _same_roles(english: list, translated: list, file: str) -> list[str]:
    """A translation of the roles names the same roles, in the same order."""
    if [r.id for r in english] != [r.id for r in translated]:
        return [f"{file}:1: roles: the ids must be the English ones, in the same order"]
    return []
