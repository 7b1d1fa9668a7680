"""The first end-to-end practice in Voila, on the `nuiawase demo` server: pick a case,
interview in Japanese, assess and plan, submit, read the feedback."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from simulator.models.rubric import Visibility
from simulator.rubric.files import default_rubric
from tests.browser import steps
from tests.servers import DemoServer


def test_practise_a_whole_case_in_voila(demo: DemoServer, page: Page) -> None:
    steps.pick_case(page, demo.voila_url)  # the URL `make demo` prints first
    steps.interview(page)
    steps.end_interview(page)
    steps.fill_minimal_assessment(page)
    steps.fill_minimal_plan(page)
    feedback = steps.submit(page)

    for criterion in default_rubric().criteria:
        if criterion.visibility is Visibility.now:
            expect(feedback.get_by_text(criterion.title.ja, exact=True)).to_be_visible()
        else:
            # Not scored in view: named, with why, in the list of what waits for review.
            expect(feedback.get_by_text(criterion.title.ja, exact=True)).to_have_count(0)
            waiting = feedback.locator(".nuiawase-hidden li", has_text=criterion.title.ja)
            expect(waiting).to_contain_text("主任相談支援員")
    expect(feedback.locator(".nuiawase-level").first).to_contain_text("/ 3")
    # What to try next is labelled as such, built from the checker's reasons.
    expect(feedback.locator(".nuiawase-next").first).to_contain_text("次に試すこと")
    # Evidence is one click away.
    feedback.locator("button.nuiawase-evidence").first.click()
    expect(feedback.locator(".nuiawase-evidence-detail")).not_to_be_empty()
    # A new variant of the same case starts a fresh interview.
    page.get_by_role("button", name="同じ事例を別の相談者で練習する").last.click()
    expect(page.locator(".nuiawase-interview textarea")).to_be_visible()
    expect(page.locator(".nuiawase-feedback")).to_have_count(0)
