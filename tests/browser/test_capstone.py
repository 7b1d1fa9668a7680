"""The capstone end to end on the `nuiawase demo` server (issue 16's acceptance): the trainee
opens the capstone in Voila, starts it, follows its exercise link to the practice page
(which opens with the capstone's case chosen), interviews on it, writes the assessment
and plan, submits, and the capstone's progress says submitted; then the demo's supervisor
finds that submission in the review queue, under the trainee's name and the case."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.curriculum.catalog import module
from simulator.scenario.library import load_case
from simulator.store.identity import current_user_name
from simulator.widgets.case_library import CaseLibraryModel
from tests.browser import review_steps as rs
from tests.browser import steps
from tests.servers import DemoServer

#: A short interview: how they came, acknowledging, the household, the most pressing thing.
REMARKS = (
    "今日はどのようなご相談でいらっしゃいましたか？",
    "来てくださってありがとうございます。大変でしたね。",
    "お子さんとの暮らしで、いま一番困っていることは何ですか。",
)


def test_trainee_submits_the_capstone_and_the_supervisor_finds_it(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    capstone = module("capstone")
    case = capstone.exercise.case
    assert case is not None
    trainee = current_user_name(demo.workspace)
    assert trainee is not None

    def shot(name: str) -> None:
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)

    # The trainee opens the capstone and starts it (a submission counts only after that).
    page.goto(demo.voila("12_capstone.ipynb"))
    expect(page.get_by_role("heading", name=capstone.title.ja)).to_be_visible(timeout=120_000)
    status = page.locator(".nuiawase-module-status")
    expect(status).to_contain_text("まだ始めていません")
    shot("01-capstone-not-started")
    page.locator("button.nuiawase-module-start").click()
    expect(status).to_contain_text("□ 提出")
    shot("02-capstone-started")

    # The exercise names its case and links to the practice page, which opens beside it.
    exercise = page.locator(".nuiawase-exercise-link")
    expect(exercise).to_be_visible()
    exercise.scroll_into_view_if_needed()
    expect(page.get_by_text("使う事例: ひとり親世帯の滞納と疲れ")).to_be_visible()
    shot("03-capstone-exercise")
    with page.context.expect_page() as opened:
        exercise.click()
    practice = opened.value
    # The link names the case: the practice page opens with it already chosen.
    label = {v: k for k, v in CaseLibraryModel().options()}[case]
    picked = practice.locator(".nuiawase-case-library select option:checked")
    expect(picked).to_have_text(label, timeout=120_000)
    expect(practice.locator(".nuiawase-case-library")).to_contain_text("ひとり親世帯の滞納と疲れ")
    practice.screenshot(path=str(tmp_path / "04-practice-case.png"), full_page=True)

    # A short interview, the assessment and plan, submitted.
    steps.interview(practice, REMARKS)
    practice.screenshot(path=str(tmp_path / "05-interview.png"), full_page=True)
    steps.end_interview(practice)
    steps.fill_minimal_assessment(practice)
    steps.fill_minimal_plan(practice, load_case(case)[0].reference_date)
    practice.screenshot(path=str(tmp_path / "06-forms.png"), full_page=True)
    feedback = steps.submit(practice)
    expect(feedback.locator(".nuiawase-level").first).to_contain_text("/ 3")
    practice.screenshot(path=str(tmp_path / "07-feedback.png"), full_page=True)
    practice.close()

    # Back on the capstone page (reloaded), its progress says submitted, not yet approved.
    page.reload()
    status = page.locator(".nuiawase-module-status")
    expect(status).to_contain_text("✓ 提出", timeout=120_000)
    expect(status).to_contain_text("□ 承認")
    shot("08-capstone-submitted")

    # The demo's supervisor finds it in the review queue under the trainee's name and case.
    rs.open_queue(page, demo, trainee, case)
    # An option's text comes back with no-break spaces.
    label = rs.pick(page, rs.latest_id(demo.workspace, trainee)).replace("\xa0", " ")
    assert f"デモ 研修生（{trainee}） {case}" in label, label
    expect(page.locator(".nuiawase-demo-as")).to_contain_text("shunin")
    expect(page.locator(".nw-detail")).to_contain_text(REMARKS[2], timeout=rs.SLOW)
    shot("09-review-queue")
    # No consent to share information: the scorecard's evidence names the field in words.
    card = page.locator("#nw-scorecard")
    expect(card).to_contain_text("同意・情報共有")
    expect(card).not_to_contain_text("information_sharing")
    card.get_by_text("同意・情報共有").first.scroll_into_view_if_needed()
    shot("10-review-scorecard")
