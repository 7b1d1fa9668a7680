"""In Voila, the teamwork and community fields a trainee fills are saved with the draft
and come back when the page is opened again."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from simulator.casework.session import resolve_trainee
from simulator.models.submission import Draft
from simulator.widgets.plan_editor import sample_forms
from tests.browser.steps import (
    FORMS_TIMEOUT,
    TEAMWORK_TEXT,
    field,
    fill_teamwork,
    teamwork_element,
)
from tests.casework_helpers import fill_assessment
from tests.servers import DemoServer

#: A ceiling for the kernel to save what the browser typed (not a timing: it returns as
#: soon as the draft holds the last field).
SAVE_CEILING = 300.0


def saved_draft(demo: DemoServer, trainee: str) -> Draft:
    """The draft as the store holds it, once the last teamwork field has reached it."""
    deadline = time.monotonic() + SAVE_CEILING
    while True:
        a, _ = sample_forms(workspace=demo.workspace, trainee_id=trainee)
        draft = a.session.draft
        if draft.plan.follow_up.how == TEAMWORK_TEXT["plan.follow_up.how"]:
            return draft
        assert time.monotonic() < deadline, "the draft never held the follow-up"
        time.sleep(1)


def test_teamwork_fields_save_and_come_back(demo: DemoServer, page: Page) -> None:
    trainee = resolve_trainee(demo.workspace)
    a, _ = sample_forms(workspace=demo.workspace, trainee_id=trainee)
    fill_assessment(a)
    a.session.save_now()

    page.goto(demo.voila("assessment_plan.ipynb"))
    expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=FORMS_TIMEOUT)
    expect(page.locator("button.nf-plan-team-add")).to_be_visible(timeout=FORMS_TIMEOUT)
    fill_teamwork(page)

    draft = saved_draft(demo, trainee)
    assert draft.assessment.sharing.two_person is True
    assert draft.assessment.sharing.supervision[0].with_whom == "主任相談支援員"
    assert draft.plan.team[0].role is not None and draft.plan.team[0].role.value == (
        "employment_counsellor"
    )
    assert draft.plan.informal_supports[0].client_agreed is True
    assert draft.plan.community_actions[0].kind is not None

    page.goto(demo.voila("assessment_plan.ipynb"))
    expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=FORMS_TIMEOUT)
    for path, text in TEAMWORK_TEXT.items():
        expect(field(page, path, teamwork_element(path))).to_have_value(text, timeout=FORMS_TIMEOUT)
    expect(field(page, "assessment.sharing.two_person", "input")).to_be_checked()
    expect(field(page, "plan.informal_supports[0].client_agreed", "input")).to_be_checked()
