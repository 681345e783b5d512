"""The browser computes exactly what CPython computes.

Runs the shared scoring fixtures through the bridge inside Pyodide (Node.js + the npm
`pyodide` package, local files only), with the trimmed standard library the site ships, and compares
every response byte for byte with CPython's.  Skipped only outside CI when node or node_modules/pyodide
is missing.
"""
import json
import os
import re
import shutil
import subprocess

import pytest
from engine_helpers import EXAMPLES, FIXTURES, REPO, example_answers, load_fixture, scoring_cases, site_risk

from plugins.runtime.bytecode import compile_archives
from plugins.runtime.files import FULL_STDLIB, STDLIB, STDLIB_MODULES, copy_pyodide_core, zip_engine
from plugins.runtime.snapshot import WORKER_MODULES, sparse
from pyscript_tools.authoring.cache import BuildCache
from pyscript_tools.engine import bridge

RUNNER = REPO / "tests" / "pyodide" / "run_in_pyodide.mjs"
WORKER_SOURCES = [REPO / "overrides" / module for module in WORKER_MODULES]  # the worker's, as shipped


def requests():
    reqs = []
    for name in ("readiness-mini", "risk-mini", "workbook-mini"):
        reqs.append({"action": "load", "definition": load_fixture(name)})
        reqs.append({"action": "template", "questionnaire": name, "now": "2026-01-01T00:00:00Z"})
    for case in scoring_cases():
        common = {"questionnaire": case["questionnaire"], "answers": case["answers"],
                  "filters": case.get("filters"), "today": case.get("today")}
        reqs.append(dict(common, action="score", base_url="../../"))
        reqs.append(dict(common, action="export_markdown", name="Pilot – “Ünïcode” <test>"))
        reqs.append(dict(common, action="export_csv"))
        reqs.append(dict(common, action="answers_file", name="Pilot", created="2026-01-01T00:00:00Z"))
    by_q = {}
    for case in scoring_cases():
        by_q.setdefault(case["questionnaire"], []).append(case)
    for qid, cases in by_q.items():
        reqs.append({"action": "compare", "questionnaire": qid, "before": cases[0]["answers"],
                     "after": cases[-1]["answers"], "filters": cases[-1].get("filters")})
    old = {"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness-mini",
           "version": "0.1.0", "answers": {"culture-vision": "partly", "gone": "x"}}
    reqs.append({"action": "parse_answers_file", "questionnaire": "readiness-mini", "text": json.dumps(old)})
    reqs.append({"action": "parse_answers_file", "questionnaire": "readiness-mini", "text": "{oops"})
    reqs.append({"action": "score", "questionnaire": "risk-mini", "answers": {"fair-bias": {"likelihood": 9}}})
    return reqs + kinds_requests() + team_and_language_requests()


def kinds_requests():
    """The site's risk questionnaire with its kinds of system: templates for kinds, both worked examples
    scored and exported, and a file saved before kinds existed."""
    risk = site_risk()
    reqs = [{"action": "load", "definition": risk},
            {"action": "template", "questionnaire": "risk", "profiles": [p["id"] for p in risk["profiles"][:2]],
             "now": "2026-01-01T00:00:00Z"}]
    for example in ("risk-example", "risk-transcription-example"):
        common = {"questionnaire": "risk", "answers": example_answers(example, risk)}
        reqs.append(dict(common, action="score", base_url="../../", answers_table=True))
        reqs.append(dict(common, action="export_markdown", name=example))
        reqs.append(dict(common, action="export_csv"))
    old = (FIXTURES / "answers" / "risk-example-1.0.0.json").read_text(encoding="utf-8")
    reqs.append({"action": "parse_answers_file", "questionnaire": "risk", "text": old})
    return reqs


def team_and_language_requests():
    """The actions no scoring case takes (a report as one file, a check, a migration), a team
    of three files combined and exported three ways, and the risk questionnaire in a right-to-left edition."""
    risk = site_risk()
    files = [{"name": f"{example}.json", "text": (EXAMPLES / f"{example}.json").read_text(encoding="utf-8")}
             for example in ("risk-example", "risk-transcription-example")]
    files.append({"name": "old.json", "text": (FIXTURES / "answers" / "risk-example-1.0.0.json").read_text(encoding="utf-8")})
    answers = example_answers("risk-example", risk)
    reqs = [{"action": "export_html", "questionnaire": "risk", "answers": answers, "name": "Pilot", "date": "2026-01-01",
             "base_url": "../../", "site_name": "Site"},
            {"action": "check_answers", "questionnaire": "risk", "answers": {**answers, "gone": "x"}},
            {"action": "migrate", "questionnaire": "risk", "answers": answers, "from_version": "1.0.0"},
            {"action": "combine", "questionnaire": "risk", "files": files, "base_url": "../../"}]
    reqs += [{"action": "export_combined", "questionnaire": "risk", "files": files, "format": fmt, "date": "2026-01-01"}
             for fmt in ("markdown", "csv", "html")]
    arabic = translated_risk("ar")
    reqs += [{"action": "score", "definition": arabic, "answers": answers, "base_url": "../../"},
             {"action": "export_html", "definition": arabic, "answers": answers, "name": "تجربة", "date": "2026-01-01"},
             {"action": "export_csv", "definition": arabic, "answers": answers}]
    return reqs


def translated_risk(code):
    """The site's risk questionnaire as an edition in `code` sends it: its texts and its interface."""
    from pyscript_tools.authoring.catalog import load_catalog
    from pyscript_tools.authoring.content import load_questionnaire_file
    from pyscript_tools.engine.i18n import language

    catalog = load_catalog(REPO / "toolkit_content", code).translations()
    with language(code, catalog):
        definition, problems = load_questionnaire_file(REPO / "toolkit_content" / "questionnaires" / "risk.yml",
                                                       language=code)
    assert problems == [], problems
    return {**definition, "language": code, "interface": catalog}


def _node():
    node = shutil.which("node")
    if not node or not (REPO / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        if os.environ.get("CI"):
            pytest.fail("node or node_modules/pyodide missing in CI (run `npm ci`)")
        pytest.skip("node or node_modules/pyodide not installed (run `npm ci`)")
    return node


def _snapshot(node, tmp_path, archive):
    """A snapshot made and published as the site's build does: from the published runtime files, fixtures
    preloaded, without its zero pages."""
    runtime, definitions = tmp_path / "runtime", tmp_path / "definitions"
    shutil.copyfile(archive, runtime / "pyscript_tools.zip")
    definitions.mkdir()
    for name in ("readiness-mini", "risk-mini", "workbook-mini"):
        (definitions / f"{name}.json").write_text(json.dumps(load_fixture(name)), encoding="utf-8")
    made = subprocess.run([node, str(REPO / "plugins" / "runtime" / "snapshot.mjs"), str(runtime), str(definitions),
                           str(EXAMPLES), str(tmp_path / "snapshot.bin"), *map(str, WORKER_SOURCES)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-2000:]
    published = tmp_path / "snapshot.sparse"  # as the site publishes it, once inflated
    published.write_bytes(sparse((tmp_path / "snapshot.bin").read_bytes()))
    return published, json.loads(made.stdout)["engine"]


@pytest.mark.parametrize("start", ["normal", "snapshot"])
def test_pyodide_matches_cpython(tmp_path, start):
    """Through the engine archive and the trimmed standard library exactly as the site ships them (compiled
    to bytecode), started normally or from a snapshot."""
    node = _node()
    runtime = tmp_path / "runtime"
    copy_pyodide_core(REPO / "node_modules" / "pyodide", runtime)
    reqs = requests()
    expected = [bridge.handle(json.dumps(r)) for r in reqs]
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"requests": reqs}), encoding="utf-8")
    archive = zip_engine(REPO / "pyscript_tools" / "engine", tmp_path / "pyscript_tools.zip", "pyscript_tools.engine")
    compile_archives(runtime, [runtime / STDLIB, archive], runtime / FULL_STDLIB, BuildCache(REPO, "bytecode"))
    command = [node, str(RUNNER), str(path), str(archive)]
    if start == "snapshot":
        snapshot, engine = _snapshot(node, tmp_path, archive)
        command.append(str(snapshot))
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TOOLKIT_STDLIB": str(runtime / STDLIB)})
    missing = sorted(set(re.findall(r"No module named '([^']+)'", proc.stderr)))
    assert not missing, (f"the trimmed standard library lacks {', '.join(missing)}: run tests/pyodide/trace_stdlib.py "
                         f"to update plugins/runtime/{STDLIB_MODULES.name}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["python"].startswith("3."), out["python"]
    assert out["outside"] == "", "the engine imported modules from outside itself and the standard library: " + out["outside"]
    if start == "snapshot":
        assert out["restored"] == engine, "the run did not start from the snapshot"
    assert set(out["stdlib"]) <= set(STDLIB_MODULES.read_text(encoding="utf-8").split())
    assert len(out["responses"]) == len(expected)
    for req, want, got in zip(reqs, expected, out["responses"]):
        assert got == want, "difference for %s %s" % (req["action"], req.get("questionnaire"))
    # sanity: the responses are real results, not a shared error
    oks = [json.loads(r)["ok"] for r in expected]
    assert oks.count(True) >= len(reqs) - 2
