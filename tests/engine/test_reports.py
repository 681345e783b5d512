"""HTML fragments, SVG charts, Markdown and CSV exports, comparison."""
import csv
import io
import re
import xml.etree.ElementTree as ET

from pyscript_tools.engine.i18n import language
from pyscript_tools.engine.report import charts
from pyscript_tools.engine.report.compare import compare_html, compare_results
from pyscript_tools.engine.report.csv import BYTE_ORDER_MARK, to_csv
from pyscript_tools.engine.report.html import render_html
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score

EVIL = '<script>alert("x")</script> & \'quotes\''
FULL_READINESS = {"culture-vision": "partly", "culture-dialogue": "embedded",
                  "people-skills": "dont-know", "people-training": "some"}


def parse_svg(svg):
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    return root


def test_every_user_text_is_escaped(readiness, workbook):
    readiness["title"] = EVIL
    readiness["sections"][0]["title"] = EVIL
    readiness["sections"][0]["questions"][0]["recommendation"] = EVIL
    html = render_html(score(readiness, FULL_READINESS), name=EVIL, base_url='"><x')
    for frag in html.values():
        assert "<script>" not in frag and '"><x' not in frag
    assert "&lt;script&gt;" in html["all"]
    r = score(workbook, {"wb-law-basis": {"status": "in-progress", "owner": EVIL, "response": EVIL}})
    html = render_html(r)
    assert "<script>" not in html["all"] and "&lt;script&gt;" in html["details"]


def test_radar_chart_and_accessible_table(readiness):
    readiness["sections"].append({"id": "process", "title": "Processes",
                                  "questions": [{"id": "proc-1", "text": "P", "scale": "maturity"}]})
    html = render_html(score(readiness, dict(FULL_READINESS, **{"proc-1": "embedded"})))
    root = parse_svg(html["svg"])
    assert "tk-chart--radar" in root.get("class") and root.get("role") == "img"
    assert root.get("aria-labelledby")
    assert html["svg"] in html["chart"]
    assert "<table" in html["chart"] and "<caption>" in html["chart"]
    assert "Processes" in html["chart"] and "100%" in html["chart"]


def test_heatmap_for_risk(risk):
    r = score(risk, {"law-no-basis": {"likelihood": 2, "severity": 3}, "fair-bias": {"likelihood": 4, "severity": 4}})
    html = render_html(r)
    root = parse_svg(html["svg"])
    assert "tk-chart--heatmap" in root.get("class")
    cells = [el for el in root.iter() if el.tag.endswith("rect")]
    assert len(cells) == 16
    assert "Likely" in html["chart"] and "Severe" in html["chart"] and "Critical" in html["chart"]
    # Each cell names the harms rated into it, on hover and in the table that stands for the chart.
    texts = {q["id"]: q["text"] for s in risk["sections"] for q in s["questions"]}
    titles = ["".join(t.text or "" for t in el.iter() if t.tag.endswith("title")) for el in cells]
    assert [t for t in titles if texts["fair-bias"] in t] and [t for t in titles if texts["law-no-basis"] in t]
    chart_rows = ET.fromstring(html["chart"][html["chart"].index("<table"):]).iter("tr")
    cells_in_table = [[c.text for c in row] for row in chart_rows][1:]
    assert [row[3] for row in cells_in_table] == [texts["fair-bias"], texts["law-no-basis"]], "most serious first"
    # Not every question is answered: the level is the least it will be, and says so.
    assert "Provisional risk level: at least Critical so far" in html["summary"]
    assert "Overall risk level" not in html["summary"]


def test_progress_bars_for_workbook(workbook):
    r = score(workbook, {"wb-law-basis": {"status": "done"}})
    html = render_html(r)
    root = parse_svg(html["svg"])
    assert "tk-chart--bars" in root.get("class")
    assert "Stage: Planning and design" in html["chart"]
    assert "<table" in html["chart"] and "Action plan" in html["all"]


def test_note_and_incomplete_in_summary(readiness):
    html = render_html(score(readiness, {"culture-vision": "partly"}))
    assert "Indicative self-assessment aid" in html["level"] and html["level"] in html["all"]
    assert "1 of 4 questions answered: the result is provisional" in html["summary"]
    open_sections = [s for s in readiness["sections"] if any(q["id"] != "culture-vision" for q in s["questions"])]
    for section in open_sections:
        assert section.get("short_title", section["title"]) in html["summary"], "an unfinished section is named"
    assert html["summary"].count("Overall:") == 0 and "Provisional:" in html["summary"]
    assert 'href="roadmap/organizational-culture/#why-culture-matters"' in html["details"]
    html = render_html(score(readiness, {"culture-vision": "partly"}), base_url="../../")
    assert 'href="../../roadmap/organizational-culture/#why-culture-matters"' in html["details"]


def test_a_complete_result_is_final_and_starts_with_what_to_do(readiness):
    from pyscript_tools.engine import definition as dfn

    # Every question answered with its second option (scored, not the best): a complete result with actions.
    answers = {q["id"]: dfn.options_of(readiness, q)[1]["value"] for _, q in dfn.iter_questions(readiness)}
    result = score(readiness, answers)
    html = render_html(result)
    assert result["complete"] and "Overall:" in html["summary"] and "provisional" not in html["summary"]
    assert html["all"].index("What to do first") < html["all"].index("<svg")
    assert 0 < len(result["priorities"]) <= 5
    assert 'data-tk-goto="%s"' % result["priorities"][0]["question"] in html["priorities"]
    assert "data-tk-goto" not in render_html(result, on_page=False)["all"], "a report file has no page to go back to"


def test_markdown_export(readiness, risk, workbook):
    readiness["sections"][0]["title"] = "Culture | *mindset*"
    md = to_markdown(score(readiness, FULL_READINESS), name="Pilot <2026>", date="2026-02-01")
    assert md.startswith("# Readiness check (test fixture)\n")
    assert "Pilot \\<2026\\>" in md and "Culture \\| \\*mindset\\*" in md
    assert "Indicative self-assessment aid" in md
    assert "## Recommendations" in md and "[learn more](roadmap/organizational-culture/#why-culture-matters)" in md
    assert md.index("## What to do first") < md.index("## Recommendations")
    assert "## Knowledge gaps" in md
    md = to_markdown(score(risk, {"screen-biometric": "yes"}))
    assert "**Provisional risk level:** at least High so far" in md
    md = to_markdown(score(workbook, {"wb-law-basis": {"status": "in-progress", "response": "Draft\nopinion"}}))
    assert "## Action plan" in md and "Draft opinion" in md


def test_csv_export(readiness, workbook):
    text = to_csv(score(readiness, FULL_READINESS)).removeprefix(BYTE_ORDER_MARK)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["question"] for r in rows] == ["culture-vision", "culture-dialogue", "people-skills", "people-training"]
    assert rows[0]["points"] == "2" and rows[0]["max"] == "4" and rows[0]["answer_label"] == "Partly in place"
    assert rows[2]["status"] == "dont-know"
    text = to_csv(score(workbook, {"wb-law-basis": {"status": "done", "response": "=HYPERLINK(\"x\")", "owner": "+1"}}))
    row = next(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))
    assert row["response"].startswith("'=") and row["owner"] == "+1"


def test_a_csv_opens_in_a_spreadsheet_with_its_arabic_intact(workbook):
    """A byte-order mark first: spreadsheet programs then read the file as UTF-8, not in a legacy code page."""
    text = to_csv(score(workbook, {"wb-law-basis": {"status": "done", "response": "تقييم الأثر", "owner": "فريق"}}))
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["response"] == "تقييم الأثر" and row["owner"] == "فريق"


def test_compare_readiness(readiness):
    before = score(readiness, {"culture-vision": "planned", "people-skills": "embedded"})
    after = score(readiness, {"culture-vision": "embedded", "people-skills": "partly"})
    c = compare_results(before, after)
    assert [(s["id"], s["change"], s["delta"]) for s in c["sections"]] == [
        ("culture", "improved", 75.0), ("people", "worse", -50.0)]
    assert {x["question"] for x in c["changed_answers"]} == {"culture-vision", "people-skills"}
    html = compare_html(c)
    assert "Improved (+75.0 points)" in html and "Worse (-50.0 points)" in html


def test_compare_says_which_side_left_a_section_unanswered_and_how_much_was_answered(readiness):
    """A section answered earlier but not yet now was not "removed", and one the earlier file left blank is not
    "new"; a section answered only in part says how much, since its percentage covers only those answers."""
    before = score(readiness, {"culture-vision": "planned", "culture-dialogue": "planned"})
    after = score(readiness, {"culture-vision": "embedded", "people-skills": "partly"})
    c = compare_results(before, after)
    assert [(s["id"], s["change"]) for s in c["sections"]] == [("culture", "improved"), ("people", "unanswered-then")]
    c = compare_results(after, before)
    assert [(s["id"], s["change"]) for s in c["sections"]] == [("culture", "worse"), ("people", "unanswered-now")]
    html = compare_html(c)
    assert "Removed" not in html and "Not answered now" in html
    assert "1 of 2 answered" in html  # culture now: one of its two questions


def test_compare_risk_lower_is_better(risk):
    before = score(risk, {"fair-bias": {"likelihood": 4, "severity": 4}})
    after = score(risk, {"fair-bias": {"likelihood": 2, "severity": 2}})
    c = compare_results(before, after)
    assert c["sections"][2]["change"] == "improved"
    assert c["overall"]["change"] == "improved"


def _charts(readiness, risk, workbook) -> dict[str, str]:
    """One chart of each shape, drawn in the language the caller has set."""
    ranges = [charts.Range("Culture", 20.0, 50.0, 90.0, [20.0, 50.0, 90.0]), charts.Range("People", None, None, None, [])]
    return {"radar": render_html(score(readiness, FULL_READINESS))["svg"],
            "heatmap": render_html(score(risk, {"fair-bias": {"likelihood": 4, "severity": 2}}))["svg"],
            "bars": render_html(score(workbook, {"wb-law-basis": {"status": "done"}}))["svg"],
            "ranges": charts.ranges(ranges, "team", "Ranges")}


def _positions(element) -> list[float]:
    """Every horizontal position an element of a chart takes, a box by its left and right edges."""
    found = [float(element.get(name)) for name in ("x", "x1", "x2", "cx") if element.get(name) is not None]
    if element.tag.endswith("rect"):
        found.append(float(element.get("x")) + float(element.get("width")))
    found += [float(pair.split(",")[0]) for pair in (element.get("points") or "").split()]
    found += [float(v) for v in re.findall(r"rotate\(\S+ (\S+) ", element.get("transform") or "")]
    return found


def test_right_to_left_a_chart_is_the_mirror_of_left_to_right(readiness, risk, workbook):
    """Right to left, every horizontal position of every chart is mirrored (the most severe column, the
    first axis after the top, a bar's start, the labels' side), its text anchors stay (a right-to-left
    anchor already means the other side) and the SVG says which way its text runs."""
    left_to_right = _charts(readiness, risk, workbook)
    with language("ar", {"(direction)": "rtl"}):
        right_to_left = _charts(readiness, risk, workbook)
    for shape, drawn in left_to_right.items():
        ltr, rtl = parse_svg(drawn), parse_svg(right_to_left[shape])
        assert (ltr.get("direction"), rtl.get("direction")) == ("ltr", "rtl"), shape
        width = float(ltr.get("viewBox").split()[2])
        pairs = list(zip(ltr.iter(), rtl.iter(), strict=True))
        assert len(pairs) > 10, shape
        for before, after in pairs:
            mirrored = sorted(round(width - x) for x in _positions(before))
            assert mirrored == sorted(round(x) for x in _positions(after)), (shape, before.attrib, after.attrib)
            assert before.get("text-anchor") == after.get("text-anchor"), shape


def test_no_heading_of_a_downloaded_report_stands_over_nothing(readiness):
    """Each section of the report a respondent downloads has something under its heading: a kind whose result
    has no detailed panels (risk) gets no empty "In detail"."""
    from engine_helpers import example_answers, site_risk

    from pyscript_tools.engine.report.document import report_body

    risk = site_risk()
    body = report_body(score(risk, example_answers("risk-example", risk)), name="Pilot", date="2026-01-01")
    empty = re.sub(r"<div[^>]*>\s*</div>", "", body)
    assert re.findall(r"<h2>([^<]*)</h2>\s*</div>", empty) == []
    assert "<h2>In detail</h2><div" in report_body(score(readiness, FULL_READINESS))  # a kind that has them
