"""The browser computes exactly what CPython computes.

Runs the shared scoring fixtures through the bridge inside Pyodide (Node.js + the npm
`pyodide` package, local files only) and compares every response byte for byte with
CPython's.  Skipped only outside CI when node or node_modules/pyodide is missing.
"""
import json
import os
import shutil
import subprocess

import pytest
from engine_helpers import REPO, load_fixture, scoring_cases

from plugins.runtime.files import zip_engine
from pyscript_tools.engine import bridge

RUNNER = REPO / "tests" / "pyodide" / "run_in_pyodide.mjs"


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
    return reqs


def test_pyodide_matches_cpython(tmp_path):
    """Through the engine archive exactly as the site ships it."""
    node = shutil.which("node")
    have_pyodide = (REPO / "node_modules" / "pyodide" / "pyodide.mjs").is_file()
    if not node or not have_pyodide:
        if os.environ.get("CI"):
            pytest.fail("node or node_modules/pyodide missing in CI (run `npm ci`)")
        pytest.skip("node or node_modules/pyodide not installed (run `npm ci`)")
    reqs = requests()
    expected = [bridge.handle(json.dumps(r)) for r in reqs]
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"requests": reqs}), encoding="utf-8")
    archive = zip_engine(REPO / "pyscript_tools" / "engine", tmp_path / "pyscript_tools.zip", "pyscript_tools.engine")
    proc = subprocess.run([node, str(RUNNER), str(path), str(archive)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["python"].startswith("3."), out["python"]
    assert out["outside"] == "", "the engine imported modules from outside itself and the standard library: " + out["outside"]
    assert len(out["responses"]) == len(expected)
    for req, want, got in zip(reqs, expected, out["responses"]):
        assert got == want, "difference for %s %s" % (req["action"], req.get("questionnaire"))
    # sanity: the responses are real results, not a shared error
    oks = [json.loads(r)["ok"] for r in expected]
    assert oks.count(True) >= len(reqs) - 2
