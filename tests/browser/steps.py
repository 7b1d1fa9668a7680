"""What a trainee does in the practice notebook, step by step in the browser.

The assessment sheet and the plan are about 1,200 widgets; on a loaded 2-core machine
Voila takes tens of seconds to render them, hence FORMS_TIMEOUT.

Shared by the end-to-end test (which asserts after each step) and scripts/screenshots.py
(which photographs each step for the README).
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Locator, Page, expect

from simulator.casework.labels import (
    category_label,
    outcome_label,
    severity_label,
    status_label,
)
from simulator.models.casework import ASSESSMENT_DOMAINS, DomainStatus, ScreeningOutcome
from simulator.models.vocab import IntakeCategory, Topic
from simulator.widgets.case_library import CaseLibraryModel
from simulator.widgets.form_parts import css_class

CASE = "hiseiki-kinkyuu"
#: Rendering both forms, and scoring a submission, on a busy machine (milliseconds).
FORMS_TIMEOUT = 300_000
QUESTIONS = (
    "今日はどのようなご相談でいらっしゃいましたか？",
    "それは大変でしたね。よく来てくださいました。",
    "差し支えなければ、お仕事のことを聞かせていただけますか。",
)


def field(page: Page, path: str, element: str) -> Locator:
    """The input element of the form field bound to ``path``."""
    return page.locator(f".{css_class(path)} {element}").first


def pick_case(page: Page, url: str, case: str = CASE) -> None:
    """Open the practice notebook and choose a case."""
    page.goto(url)
    pick_case_here(page, case)


def pick_case_here(page: Page, case: str) -> None:
    """Choose a case in the library on the page."""
    label = {v: k for k, v in CaseLibraryModel().options()}[case]
    page.locator(".nuiawase-case-library select").select_option(label=label, timeout=90_000)


def interview(page: Page, questions: tuple[str, ...] = QUESTIONS) -> None:
    """Start the interview and type each question, waiting for each reply."""
    page.get_by_role("button", name="この事例で面接を始める").click()
    box = page.locator(".nuiawase-interview textarea")
    for n, question in enumerate(questions, start=1):
        box.fill(question)
        page.get_by_role("button", name="話す", exact=True).click()
        expect(page.locator(".nuiawase-client")).to_have_count(n)


def end_interview(page: Page) -> None:
    """End the interview (it asks first); the debrief appears."""
    page.get_by_role("button", name="面接を終える", exact=True).click()
    page.get_by_role("button", name="はい、面接を終える").click()
    expect(page.get_by_role("heading", name="振り返り", exact=True)).to_be_visible()


def fill_minimal_assessment(page: Page) -> None:
    """One problem, the screening, one domain and the judgement."""
    page.get_by_role("button", name="アセスメントとプランの記入へ進む").click()
    expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=FORMS_TIMEOUT)
    field(page, "assessment.checklist.checked.no_food", "input").check()
    field(page, "assessment.checklist.most_pressing", "select").select_option(
        label=category_label(IntakeCategory.no_food, "ja")
    )
    field(page, "assessment.screening.outcome", "select").select_option(
        label=outcome_label(ScreeningOutcome.ongoing_support, "ja")
    )
    field(page, "assessment.screening.reason", "textarea").fill("食べるものがなく家賃も滞納。")
    page.locator(".nuiawase-form").get_by_text("食料・手持ち金", exact=True).click()
    findings = f"assessment.findings[{ASSESSMENT_DOMAINS.index(Topic.food_cash)}]"
    field(page, f"{findings}.status", "select").select_option(
        label=status_label(DomainStatus.concern, "ja")
    )
    field(page, f"{findings}.severity", "select").select_option(label=severity_label(3, "ja"))
    field(page, f"{findings}.notes", "textarea").fill("給料日まで食べるものがない。")
    field(page, "assessment.judgement", "textarea").fill("まず食料を確保し、家計を整える。")


def fill_minimal_plan(page: Page, start: dt.date = dt.date(2025, 6, 2)) -> None:
    """Goals, one issue, one action, one support from the directory, dates and consent;
    the plan starts on ``start`` (no earlier than the case's assessment date)."""

    def day(offset: int) -> str:
        return (start + dt.timedelta(days=offset)).isoformat()

    field(page, "plan.long_term_goal", "textarea").fill("家賃を払って、今の部屋で暮らしたい")
    field(page, "plan.short_term_goal", "textarea").fill("給料日までちゃんと食べたい")
    page.locator("button.nf-plan-issues-add").click()
    field(page, "plan.issues[0].text", "textarea").fill("給料日まで食べるものがない")
    field(page, "plan.issues[0].findings", "select").select_option(label="食料・手持ち金")
    page.locator("button.nf-plan-client_actions-add").click()
    field(page, "plan.client_actions[0].text", "textarea").fill("フードバンクに取りに行く")
    field(page, "plan.client_actions[0].due_on", "input").fill(day(1))
    page.locator(".nuiawase-resource-search input").fill("フードバンク")
    page.locator(".nuiawase-resource-results select").select_option(index=0)
    page.locator("button.nuiawase-resource-add").click()
    field(page, "plan.supports[0].content", "textarea").fill("食料の提供")
    field(page, "plan.supports[0].period", "input").fill(f"{start.month}月")
    field(page, "plan.supports[0].frequency", "input").fill("週1回")
    for path, offset in (
        ("plan.period_start", 0),
        ("plan.period_end", 181),
        ("plan.next_monitoring", 88),
        ("plan.coordination_meeting", 8),
        ("plan.consent.agreed_on", 0),
    ):
        field(page, path, "input").fill(day(offset))
    field(page, "plan.consent.agreed", "input").check()


def submit(page: Page) -> Locator:
    """Submit; returns the feedback view once it shows."""
    page.locator("button.nuiawase-submit").click()
    feedback = page.locator(".nuiawase-feedback")
    expect(feedback.get_by_text("フィードバック", exact=True)).to_be_visible(timeout=FORMS_TIMEOUT)
    return feedback


#: What a trainee records about teamwork and the community (field path -> text).
TEAMWORK_TEXT = {
    "assessment.sharing.supervision[0].with_whom": "主任相談支援員",
    "assessment.sharing.supervision[0].about": "家賃の滞納と食料の確保を当日中に相談した。",
    "assessment.sharing.second_worker": "就労支援員",
    "plan.team[0].who": "就労支援員の佐藤",
    "plan.team[0].handles": "ハローワークへの同行と求人探し",
    "plan.informal_supports[0].who": "職場の同僚",
    "plan.informal_supports[0].what": "シフトの相談にのってくれる。",
    "plan.community_actions[0].what": "区内の居場所カフェに初回は同行する。",
    "plan.community_actions[0].with_whom": "カフェ「ひだまり」",
    "plan.follow_up.when": "終結後3か月",
    "plan.follow_up.how": "電話で様子を聞く。",
}


def teamwork_element(path: str) -> str:
    """The element a teamwork field is typed into: a one-line input or a text box."""
    one_line = ("who", "with_whom", "when", "second_worker")
    return "input" if path.endswith(one_line) else "textarea"


def fill_teamwork(page: Page) -> None:
    """Add a row to each teamwork list and fill it, as a trainee would."""
    for path in (
        "assessment.sharing.supervision",
        "plan.team",
        "plan.informal_supports",
        "plan.community_actions",
    ):
        page.locator(f"button.{css_class(path)}-add").click()
    field(page, "assessment.sharing.supervision[0].held_on", "input").fill("2025-06-01")
    field(page, "assessment.sharing.two_person", "input").check()
    for path, text in TEAMWORK_TEXT.items():
        field(page, path, teamwork_element(path)).fill(text)
    field(page, "plan.team[0].role", "select").select_option(label="就労支援員")
    field(page, "plan.community_actions[0].kind", "select").select_option(label="居場所・参加の場")
    field(page, "plan.informal_supports[0].client_agreed", "input").check()
