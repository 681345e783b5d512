"""python -m pyscript_tools validate | template | score."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest
from engine_helpers import FIXTURES, QDIR, REPO, role_ids


def run(*args, cwd=REPO):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.run([sys.executable, "-m", "pyscript_tools", *args], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=60)
    assert "Traceback" not in p.stderr + p.stdout
    return p


def test_validate_fixtures_ok():
    p = run("validate", "--no-links", *map(str, sorted(QDIR.glob("*.yml"))))
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.count("ok: ") == 3


def test_validate_content_dir_default_and_option():
    p = run("validate", "--content", str(QDIR), "--docs", str(FIXTURES / "docs"))
    assert p.returncode == 0, p.stdout + p.stderr


def test_validate_reports_all_problems():
    p = run("validate", "--no-links", str(FIXTURES / "invalid" / "many-problems.yml"),
            str(FIXTURES / "invalid" / "bad-matrix.yml"), str(FIXTURES / "invalid" / "broken-yaml.yml"))
    assert p.returncode == 1
    found = [tuple(line.split(": ", 2)[:2]) for line in p.stdout.strip().splitlines()]
    invalid = "tests/fixtures/invalid/"
    assert found == [(invalid + "many-problems.yml:2", "version"), (invalid + "many-problems.yml:5", "colour"),
                     (invalid + "many-problems.yml:9", "scales.yesno[1].value"),
                     (invalid + "many-problems.yml:13", "levels[2].min"),
                     (invalid + "many-problems.yml:22", "sections[0].questions[0].tags.roles[0]"),
                     (invalid + "many-problems.yml:22", "sections[0].questions[0].tags.approaches[0]"),
                     (invalid + "many-problems.yml:23", "sections[0].questions[1].id"),
                     (invalid + "many-problems.yml:26", "sections[0].questions[2]"),
                     (invalid + "many-problems.yml:30", "sections[0].questions[3].scale"),
                     (invalid + "bad-matrix.yml:10", "matrix[0][1]"), (invalid + "bad-matrix.yml:11", "matrix[1][0]"),
                     (invalid + "broken-yaml.yml:4", "(file)")]
    assert "12 problems found" in p.stderr


def test_validate_reports_a_continuation_that_names_what_the_next_questionnaire_lacks(tmp_path):
    """The command line checks what the build checks: here, a quick check that hands over to a question
    the full assessment does not have."""
    content = REPO / "toolkit_content" / "questionnaires"
    for name in ("quick-check.yml", "readiness.yml"):
        (tmp_path / name).write_text((content / name).read_text(encoding="utf-8"), encoding="utf-8")
    quick = tmp_path / "quick-check.yml"
    quick.write_text(quick.read_text(encoding="utf-8").replace("oversight: oversight-mandate", "oversight: no-such-question"),
                     encoding="utf-8")
    p = run("validate", "--no-links", str(quick))
    assert p.returncode == 1
    line = next(i for i, text in enumerate(quick.read_text(encoding="utf-8").splitlines(), 1) if "no-such-question" in text)
    assert (f"{quick}:{line}: continue_with.questions.oversight: 'no-such-question' is not a question of readiness"
            in p.stdout), p.stdout


def test_validate_missing_link_targets():
    p = run("validate", "--docs", str(FIXTURES / "docs"), str(FIXTURES / "invalid" / "many-problems.yml"))
    assert "page 'roadmap/nowhere.md' does not exist" in p.stdout
    assert "has no anchor #no-such-anchor" in p.stdout


def test_template_then_score(tmp_path):
    p = run("template", "readiness-mini", "--content", str(QDIR))
    assert p.returncode == 0
    t = json.loads(p.stdout)
    assert t["questionnaire"] == "readiness-mini" and t["created"].endswith("Z")
    t["answers"].update({"culture-vision": "partly", "culture-dialogue": "embedded"})
    f = tmp_path / "a.json"
    f.write_text(json.dumps(t))
    p = run("score", "readiness-mini", str(f), "--content", str(QDIR))
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["sections"][0]["percent"] == 75.0 and r["complete"] is False
    p = run("score", "readiness-mini", str(f), "--content", str(QDIR), "--format", "markdown")
    assert p.returncode == 0 and p.stdout.startswith("# Readiness check")
    p = run("score", "readiness-mini", str(f), "--content", str(QDIR), "--format", "csv")
    assert p.returncode == 0
    assert len(list(csv.reader(io.StringIO(p.stdout)))) == 5


def test_score_by_path_and_workbook_filters(tmp_path):
    f = tmp_path / "w.json"
    f.write_text(json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "workbook-mini",
                             "version": "1.0.0", "answers": {"wb-law-basis": {"status": "done"}}}))
    p = run("score", str(QDIR / "workbook-mini.yml"), str(f), "--role", "legal-data-protection")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["total"] == 2


def test_score_migrates_with_note(tmp_path):
    f = tmp_path / "old.json"
    f.write_text(json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness-mini",
                             "version": "1.0.0", "answers": {"culture-vision": "partly", "gone": "x"}}))
    p = run("score", "readiness-mini", str(f), "--content", str(QDIR))
    assert p.returncode == 0
    assert "1 kept, 1 dropped" in p.stderr
    assert json.loads(p.stdout)["migration"]["dropped"][0]["question"] == "gone"


@pytest.mark.parametrize("args,fragment", [
    (["score", "nope", "x.json"], "no questionnaire 'nope'"),
    (["score", "readiness-mini", "/nonexistent/a.json"], "cannot read"),
    (["template", "nope"], "no questionnaire 'nope'"),
    (["template", str(FIXTURES / "invalid" / "bad-matrix.yml")], "matrix not monotone"),
])
def test_bad_input_exits_non_zero_with_one_line(args, fragment):
    p = run(*args, "--content", str(QDIR))
    assert p.returncode != 0
    assert fragment in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("content,fragment", [
    ("{broken", "not valid JSON"),
    ('{"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "risk-mini", "version": "2.0.0"}',
     "another questionnaire ('risk-mini'), not for “Readiness check (test fixture)”"),
    ('{"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness-mini", "version": "1.2.0",'
     ' "answers": {"culture-vision": "perfect"}}', "'perfect' is not one of"),
])
def test_bad_answers_file(tmp_path, content, fragment):
    f = tmp_path / "a.json"
    f.write_text(content)
    p = run("score", "readiness-mini", str(f), "--content", str(QDIR))
    assert p.returncode == 1 and fragment in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_no_command_and_bad_format():
    assert run().returncode == 2
    assert run("score", "a", "b", "--format", "pdf").returncode == 2


def test_validate_accepts_a_role_added_to_roles_yml(tmp_path):
    """Roles come from toolkit_content/roles.yml: an editor adds one there and tags questions with it."""
    import shutil
    from pathlib import Path

    from pyscript_tools.authoring.content import load_questionnaire_file, load_roles

    root = Path(__file__).resolve().parents[2] / "toolkit_content"
    roles = tmp_path / "roles.yml"
    roles.write_text((root / "roles.yml").read_text() + "\n  - id: procurement-office\n    name: Procurement office\n"
                     "    description: Buys systems.\n", encoding="utf-8")
    quick = tmp_path / "quick-check.yml"
    shutil.copy(root / "questionnaires" / "quick-check.yml", quick)
    quick.write_text(quick.read_text().replace("        scale: progress\n",
                     "        scale: progress\n        tags: {roles: [procurement-office]}\n", 1), encoding="utf-8")
    ids = [role.id for role in load_roles(roles)[0]]
    assert {"procurement-office", "executive-leadership"} <= set(ids)
    assert load_questionnaire_file(quick, roles=ids)[1] == []
    assert any("procurement-office" in e for e in load_questionnaire_file(quick, roles=role_ids())[1])


# ---------------------------------------------------------------- kinds of AI system (risk profiles)

def test_template_for_kinds_lists_their_harms_and_scores(tmp_path):
    from engine_helpers import site_risk

    definition = site_risk()
    kinds = [p["id"] for p in definition["profiles"]][:2]
    kind_questions = {"screen-application"}
    own = [q["id"] for s in definition["sections"] if s.get("profile") in (None, *kinds) for q in s["questions"]
           if all(set(v) & set(kinds) for k, v in (q.get("ask_if") or {}).items() if k in kind_questions)]
    p = run("template", "risk", *[arg for kind in kinds for arg in ("--kind", kind)])
    assert p.returncode == 0, p.stderr
    t = json.loads(p.stdout)
    assert list(t["answers"]) == own and t["answers"]["screen-application"] == kinds
    rated = [qid for qid, info in t["allowed"].items() if info["type"] == "rated"]
    t["answers"].update({qid: {"likelihood": 1, "severity": 1} for qid in rated})
    f = tmp_path / "a.json"
    f.write_text(json.dumps(t))
    p = run("score", "risk", str(f))
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout)
    follow_ups = [qid for qid in own if "asked_if" in t["allowed"][qid]]  # asked once the answer they follow is given
    assert [x["id"] for x in result["profiles"]] == kinds and result["total"] == len(own) - len(follow_ups)
    p = run("score", "risk", str(f), "--format", "markdown")
    assert "## What is particular about %s" % definition["profiles"][0]["title"] in p.stdout


def test_template_with_an_unknown_kind_lists_the_known_ones():
    from engine_helpers import site_risk

    p = run("template", "risk", "--kind", "telepathy")
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1
    assert "'telepathy' is not one of: " + ", ".join(x["id"] for x in site_risk()["profiles"]) in p.stderr
    p = run("template", "readiness", "--kind", "telepathy")
    assert p.returncode == 1 and "has no kinds of system" in p.stderr


def test_validate_reports_a_broken_profile_with_file_and_line(tmp_path):
    import shutil

    shutil.copytree(REPO / "toolkit_content", tmp_path / "toolkit_content")
    broken = sorted((tmp_path / "toolkit_content" / "profiles").glob("*.yml"))[0]
    lines = broken.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = "title:"
    broken.write_text("\n".join(lines) + "\n")
    p = run("validate", "--content", str(tmp_path / "toolkit_content" / "questionnaires"), "--docs", str(REPO / "docs"))
    assert p.returncode == 1
    assert f"{broken}:{at + 1}: title: expected non-empty text" in p.stdout, p.stdout


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_a_broken_link_beside_a_questionnaire_is_reported_as_missing_not_as_an_error(tmp_path):
    """A questionnaire is read with the others of its folder; a link there to a file that is gone is one
    missing file when the folder is validated, and no obstacle to validating the questionnaire beside it."""
    source = sorted(QDIR.glob("*.yml"))[0]
    (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    alone = run("validate", "--no-links", str(tmp_path / source.name))
    assert alone.returncode == 0 and f"ok: {tmp_path / source.name}" in alone.stdout, alone.stdout + alone.stderr
    folder = run("validate", "--no-links", "--content", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stdout.splitlines() == [f"ok: {tmp_path / source.name}", f"{tmp_path / 'gone.yml'}:1: (file): no such file"]
