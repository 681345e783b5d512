"""The kinds of AI system in the Risk Assessment, as a respondent meets them: ticking a kind adds its
specific harms to the form, and the result then says what is particular about it (its mitigations and
guidance); facial recognition and a transcription tool give different harms, mitigations and guidance."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    definition,
    open_tool,
    progress_text,
    question,
    question_count,
    result,
    show_result,
)

CHOOSER = "Which kinds of AI system"


def _profile(kind: str) -> dict:
    return next(p for p in definition("risk")["profiles"] if p["id"] == kind)


def _section(kind: str) -> dict:
    return next(s for s in definition("risk")["sections"] if s.get("profile") == kind)


def _tick(page: Page, kind: str, on: bool = True) -> None:
    box = question(page, CHOOSER).get_by_label(_profile(kind)["title"], exact=True)
    box.check() if on else box.uncheck()


def _expect_kind_in_form(page: Page, kind: str, shown: bool) -> None:
    entry = page.locator(f"[data-tk-menu] li[data-tk-nav='{_section(kind)['id']}']")
    (expect(entry).to_be_attached if shown else expect(entry).to_be_hidden)()
    if shown:
        expect(entry).not_to_have_attribute("hidden", "")


def _expect_kind_in_result(page: Page, kind: str) -> None:
    profile = _profile(kind)
    show_result(page)
    part = result(page).locator(".tk-profile", has_text=profile["title"])
    expect(part).to_be_visible(timeout=ENGINE_MS)
    expect(part.get_by_role("heading").first).to_contain_text(f"What is particular about {profile['title']}")
    for mitigation in profile["mitigations"][:2]:
        expect(part.locator(".tk-profile__mitigations")).to_contain_text(mitigation.split(".")[0][:60])
    guidance = part.locator(".tk-profile__guidance a").first
    expect(guidance).to_have_text(profile["guidance"][0]["title"])


def test_each_kind_brings_its_own_harms_mitigations_and_guidance(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    fr, speech = "facial-recognition", "speech-language"
    assert {q["text"] for q in _section(fr)["questions"]}.isdisjoint({q["text"] for q in _section(speech)["questions"]})

    _tick(page, fr)
    expect(page.locator("[data-tk-progress-text]")).to_have_text(
        progress_text("risk", 1, question_count("risk", kinds=(fr,))))
    _expect_kind_in_form(page, fr, shown=True)
    _expect_kind_in_form(page, speech, shown=False)
    harm = _section(fr)["questions"][0]["text"]
    expect(question(page, harm[:60])).to_be_visible()  # the menu leads to the kind's own section
    _expect_kind_in_result(page, fr)
    expect(result(page).get_by_role("heading", name=f"What is particular about {_profile(speech)['title']}")).to_have_count(0)

    _tick(page, fr, on=False)
    _tick(page, speech)
    _expect_kind_in_form(page, fr, shown=False)
    _expect_kind_in_form(page, speech, shown=True)
    expect(question(page, _section(speech)["questions"][0]["text"][:60])).to_be_visible()
    _expect_kind_in_result(page, speech)
    expect(result(page).get_by_role("heading", name=f"What is particular about {_profile(fr)['title']}")).to_have_count(0)
    # The minimum level quoted is the transcription kind's, with its reason; facial recognition's is gone.
    floor = result(page).locator(".tk-profile__floor")
    expect(floor).to_have_count(1)
    expect(floor).to_contain_text(_profile(speech)["min_level_reason"].split(",")[0])


def test_none_of_these_clears_the_other_ticks_and_another_tick_clears_it(guarded_page: Page, site_url: str):
    """An answer that excludes the others ("None of these") cannot stand beside them: ticking it clears them,
    and ticking one of them clears it, so the answers never contradict each other."""
    page = guarded_page
    open_tool(page, site_url, "risk")
    _tick(page, "facial-recognition")
    functions = question(page, "What does the system do with people's faces")
    identifies = functions.get_by_label(re.compile("^Identifies people"))
    verifies = functions.get_by_label(re.compile("^Verifies a claimed identity"))
    none = functions.get_by_label(re.compile("^None of these"))
    identifies.check()
    verifies.check()
    none.check()
    for box, ticked in ((identifies, False), (verifies, False), (none, True)):
        expect(box).to_be_checked(checked=ticked)
    identifies.check()
    for box, ticked in ((identifies, True), (verifies, False), (none, False)):
        expect(box).to_be_checked(checked=ticked)
    page.reload()  # what was kept is what was shown
    for box, ticked in ((identifies, True), (verifies, False), (none, False)):
        expect(box).to_be_checked(checked=ticked)


def test_ticking_the_facts_the_law_turns_on_changes_what_the_law_requires(guarded_page: Page, site_url: str):
    """A facial recognition system under the EU frame: the follow-up questions appear as the answers make
    them relevant, and live identification in public shows a prohibition first; retrospective use shows
    the high-risk checkpoints instead (the 48-hour authorisation among them)."""
    page = guarded_page
    open_tool(page, site_url, "risk")
    _tick(page, "facial-recognition")
    frame = question(page, "Which legal frame applies")
    frame.get_by_label("European Union").check()
    timing = page.locator("fieldset[data-question='law-identification-timing']")
    expect(timing).to_be_hidden()  # asked only once identification is ticked
    question(page, "What does the system do with people's faces").get_by_label(re.compile("^Identifies people")).check()
    expect(timing).to_be_visible()
    timing.get_by_label(re.compile("^Live")).check()
    question(page, "Is it used on people in places open to the public").get_by_label(re.compile("^Yes")).check()
    law = result(page).locator(".tk-law")
    show_result(page)
    expect(result(page).locator(".tk-summary__prohibited")).to_contain_text("Prohibited under EU", timeout=ENGINE_MS)
    expect(law).to_contain_text("AI Act, Art. 5(1)(h)")
    expect(law).to_contain_text("not legal advice")
    question(page, "When does it identify people").get_by_label(re.compile("^Afterwards")).check()
    show_result(page)
    expect(law.locator(".tk-law__rule").first).to_contain_text("High-risk", timeout=ENGINE_MS)
    expect(law).to_contain_text("AI Act, Art. 26(10)")
    expect(law).to_contain_text("48 hours")
    expect(law).not_to_contain_text("Art. 5(1)(h)")
    expect(result(page).locator(".tk-summary__prohibited")).to_have_count(0)
