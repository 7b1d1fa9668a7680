"""The first end-to-end practice in Voila, on the `nuiawase demo` server: pick a case,
interview in Japanese, assess and plan, submit, read the feedback."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from simulator.models.rubric import Visibility
from simulator.rubric.files import default_rubric
from simulator.widgets.case_library import CaseLibraryModel
from tests.browser import steps
from tests.servers import DemoServer


def test_practise_a_whole_case_in_voila(demo: DemoServer, page: Page) -> None:
    steps.pick_case(page, demo.voila_url)  # the URL `make demo` prints first
    # The page says it is Japanese and names itself in Japanese (the tab, a bookmark).
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page).to_have_title("相談支援の練習（面接・アセスメント・プラン）")
    steps.interview(page)
    steps.end_interview(page)
    steps.fill_minimal_assessment(page)
    steps.fill_minimal_plan(page)
    # Every warning is listed before submitting, and a folded domain panel shows its count.
    expect(page.locator(".nuiawase-warning-list")).to_contain_text("提出前の確認: 注意")
    expect(page.locator(".nuiawase-warning-list li").first).to_be_visible()
    expect(page.get_by_text("食料・手持ち金 - 課題あり（要確認")).to_be_visible()
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
    # Evidence is one click away and opens beside its criterion, in view, in words.
    check_evidence_opens_beside_its_criterion(page, feedback)
    # The printed form names the trainee, not the login (root in this container).
    page.locator("button.nuiawase-print").click()
    with page.context.expect_page() as opened:
        page.locator("a.nuiawase-print-link").click()
    printed = opened.value
    expect(printed.locator(".nw-form")).to_contain_text("デモ 研修生")
    expect(printed.locator(".nw-form")).not_to_contain_text("root")
    # Opened directly too (pasted, bookmarked: no Referer), it shows the form, not 403.
    direct = page.context.new_page()
    answer = direct.goto(printed.url)
    assert answer is not None and answer.status == 200, printed.url
    expect(direct.locator(".nw-form")).to_contain_text("デモ 研修生")
    direct.close()
    # ... but only for the signed-in user: a browser without the session gets the login page.
    assert page.context.browser is not None
    stranger = page.context.browser.new_context()
    outsider = stranger.new_page()
    outsider.goto(printed.url)
    expect(outsider.locator(".nw-form")).to_have_count(0)
    assert "デモ 研修生" not in outsider.content()
    stranger.close()
    printed.close()
    # A new variant wipes the feedback, so it asks first.
    page.get_by_role("button", name="同じ事例を別の相談者で練習する", exact=True).last.click()
    expect(feedback).to_be_visible()
    page.get_by_role("button", name="はい、同じ事例を別の相談者で練習する").last.click()
    expect(page.locator(".nuiawase-interview textarea")).to_be_visible()
    expect(page.locator(".nuiawase-feedback")).to_have_count(0)
    # Back to the library in the middle of the new interview (one turn said: the store
    # keeps it), and into another case.
    page.locator(".nuiawase-interview textarea").fill(steps.QUESTIONS[0])
    page.get_by_role("button", name="話す", exact=True).click()
    expect(page.locator(".nuiawase-client")).to_have_count(1)
    page.get_by_role("button", name="事例一覧に戻る", exact=True).first.click()
    page.get_by_role("button", name="はい、事例一覧に戻る").first.click()
    expect(page.locator(".nuiawase-interview")).to_have_count(0)
    # The attempt left behind is abandoned: a reload does not reopen it, 私の提出 says 中断.
    page.reload()
    expect(page.locator(".nuiawase-case-library select")).to_be_enabled()
    page.locator(".nuiawase-mine-box").get_by_text("私の提出", exact=True).click()
    expect(page.locator(".nw-mine-abandoned")).to_contain_text(f"{steps.CASE} 中断")
    expect(page.locator(".nuiawase-interview")).to_have_count(0)
    expect(page.locator(".nuiawase-resumed")).to_have_count(0)
    other = next(v for _, v in CaseLibraryModel().options() if v != steps.CASE)
    steps.pick_case_here(page, other)
    page.get_by_role("button", name="この事例で面接を始める").click()
    expect(page.locator(".nuiawase-interview textarea")).to_be_visible()


def check_evidence_opens_beside_its_criterion(page: Page, feedback: Locator) -> None:
    """Click a field's evidence and a turn's evidence in their criteria: each opens right
    there, scrolled into view, as the trainee wrote it (label and text), never as code."""
    criteria = feedback.locator(".nuiawase-criterion")
    for kind in ("記入欄", "発言"):
        criterion = criteria.filter(has=page.locator("summary", has_text=kind)).first
        link = criterion.locator("summary", has_text=kind).first
        link.scroll_into_view_if_needed()
        link.click()
        detail = criterion.locator(".nuiawase-evidence-detail:visible").first
        expect(detail).to_be_in_viewport()
        text = detail.inner_text()
        assert text.strip(), kind
        for code in ("{", "}", "[]", '"', "_", "None", "True", "False"):
            assert code not in text, (kind, text)
        if kind == "発言":
            expect(detail).to_contain_text("相談者:")
        else:
            assert re.search(r"[ぁ-んァ-ン一-龥]", text), text
        # Beside the criterion: the evidence sits inside the criterion's own box.
        box, shown = criterion.bounding_box(), detail.bounding_box()
        assert box is not None and shown is not None
        assert box["y"] <= shown["y"] <= box["y"] + box["height"]
