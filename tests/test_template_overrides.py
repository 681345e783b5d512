"""An agency overrides the questionnaire form's HTML as it overrides Material's partials: a template of the
same path in the theme's custom_dir wins over the default (the primers' override is in test_primers.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def test_a_form_partial_in_custom_dir_changes_the_built_page(tmp_path):
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "index.md").write_text("# Check\n\n<!-- toolkit-questionnaire: readiness-mini -->\n")
    (tmp_path / "content" / "questionnaires").mkdir(parents=True)
    shutil.copy(FIXTURES / "questionnaires" / "readiness-mini.yml", tmp_path / "content" / "questionnaires")
    shutil.copy(ROOT / "toolkit_content" / "roles.yml", tmp_path / "content")
    partial = tmp_path / "overrides" / "toolkit" / "form" / "start.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<section class="tk-start" data-tk-start>\n  <p class="agency-start">{{ title }}</p>\n</section>\n')
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Override fixture
        theme: {name: material, custom_dir: overrides}
        markdown_extensions: [attr_list, md_in_html, toc]
        plugins:
          - toolkit-languages:
              content_dir: content
          - toolkit-questionnaires:
              content_dir: content/questionnaires
        """))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
                         cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<section class="tk-start" data-tk-start><p class="agency-start">Readiness check (test fixture)</p></section>' in page
    assert "Before you start" not in page
    assert 'data-question="culture-vision"' in page  # the other parts are the defaults
