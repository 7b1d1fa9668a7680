"""In Voila, a trainee fills in a plan, picks a resource and sees its eligibility hint,
submits, and makes the printable page."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from simulator.casework.session import resolve_trainee
from simulator.store import Store
from simulator.store.demo import SUPERVISOR
from simulator.store.workspace_store import store_user
from simulator.widgets.plan_editor import sample_forms
from tests.casework_helpers import fill_assessment
from tests.servers import DemoServer

GOAL = "また働いて、<b>息子</b>に会いに行きたい"


def field(page: Page, path: str, element: str) -> Locator:
    """The input element of the form field bound to ``path``."""
    css = "nf-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")
    return page.locator(f".nuiawase-plan .{css} {element}").first


def test_fill_pick_submit_and_print_a_plan(demo: DemoServer, page: Page) -> None:
    # The trainee wrote the assessment earlier; the draft waits in the workspace's store.
    trainee = resolve_trainee(demo.workspace)
    a, _ = sample_forms(workspace=demo.workspace, trainee_id=trainee)
    fill_assessment(a)
    a.session.save_now()

    page.goto(demo.voila("assessment_plan.ipynb"))
    plan = page.locator(".nuiawase-plan")
    expect(plan.get_by_text("プラン兼事業等利用申込書")).to_be_visible(timeout=90_000)
    # The restored assessment is on the page too.
    expect(page.locator(".nf-assessment-judgement textarea")).to_have_value(
        re.compile("住まいを失い")
    )

    field(page, "plan.long_term_goal", "textarea").fill("")
    field(page, "plan.long_term_goal", "textarea").fill("x")
    field(page, "plan.long_term_goal", "textarea").fill("")
    expect(page.locator(".nf-plan-long_term_goal-msgs")).to_contain_text("目標が空です")
    field(page, "plan.long_term_goal", "textarea").fill(GOAL)
    field(page, "plan.short_term_goal", "textarea").fill("屋根のあるところで寝て、足を治したい")
    expect(page.locator(".nf-plan-long_term_goal-msgs")).to_have_text("")

    page.locator("button.nf-plan-issues-add").click()
    field(page, "plan.issues[0].text", "textarea").fill("今夜から寝る場所がない")
    field(page, "plan.issues[0].findings", "select").select_option(label="住まい")

    page.locator("button.nf-plan-client_actions-add").click()
    field(page, "plan.client_actions[0].text", "textarea").fill(
        "シェルターで毎朝決まった時間に起きる"
    )
    field(page, "plan.client_actions[0].due_on", "input").fill("2025-06-08")
    field(page, "plan.client_actions[0].issues", "select").select_option(index=0)

    # The resource picker: the community care centre is for people of 65 and over.
    page.locator(".nuiawase-resource-search input").fill("包括")
    page.locator(".nuiawase-resource-results select").select_option(index=0)
    expect(page.locator(".nuiawase-resource-detail")).to_contain_text("65歳以上の方")
    page.locator(".nuiawase-resource-search input").fill("一時生活")
    page.locator(".nuiawase-resource-results select").select_option(index=0)
    expect(page.locator(".nuiawase-resource-detail")).to_contain_text("一時生活支援")
    page.locator("button.nuiawase-resource-add").click()
    field(page, "plan.supports[0].content", "textarea").fill("宿泊と食事、居住支援")
    field(page, "plan.supports[0].period", "input").fill("6月〜8月")
    field(page, "plan.supports[0].frequency", "input").fill("週1回面談")
    field(page, "plan.supports[0].issues", "select").select_option(index=0)
    expect(field(page, "plan.supports[0].agency", "input")).not_to_have_value("")

    page.locator(".nf-plan-act_programmes-temporary_shelter input").check()
    for path, day in (
        ("plan.period_start", "2025-06-02"),
        ("plan.period_end", "2025-11-30"),
        ("plan.coordination_meeting", "2025-06-10"),
        ("plan.consent.agreed_on", "2025-06-02"),
    ):
        field(page, path, "input").fill(day)
    page.locator(".nf-plan-consent-agreed input").check()

    # Submitting without a monitoring date is refused, and the field says why.
    page.locator("button.nuiawase-submit").click()
    expect(page.locator(".nuiawase-result")).to_contain_text("提出できません")
    expect(page.locator(".nf-plan-next_monitoring-msgs")).to_contain_text("次回モニタリング日")
    field(page, "plan.next_monitoring", "input").fill("2025-08-29")
    expect(page.locator(".nf-plan-next_monitoring-msgs")).to_have_text("")

    page.locator("button.nuiawase-submit").click()
    expect(page.locator(".nuiawase-result")).to_contain_text("第1版を提出しました")
    page.locator("button.nuiawase-print").click()
    expect(page.locator("a.nuiawase-print-link")).to_be_visible()

    attempt = a.session.draft.attempt_id
    printed = demo.workspace / "prints" / trainee / f"{attempt}-v001.html"
    text = printed.read_text(encoding="utf-8")
    assert "また働いて、&lt;b&gt;息子&lt;/b&gt;に会いに行きたい" in text
    assert "<b>息子" not in text
    assert "一時生活支援事業" in text and "2025年8月29日" in text
    # `nuiawase demo` made a store: the version is kept there, waiting for the supervisor.
    with Store.open(workspace=demo.workspace) as store:
        me = store.as_user(store_user(demo.workspace, trainee))
        mine = [x for x in me.submissions() if x.payload["attempt_id"] == attempt]
        assert [x.number for x in mine] == [1]
        queue = store.as_user(SUPERVISOR[0]).review_queue(limit=500).rows
        assert mine[0].id in {row.submission_id for row in queue}
    assert not (demo.workspace / "submissions").exists()

    # The link opens the page through the Jupyter server.
    with page.context.expect_page() as opened:
        page.locator("a.nuiawase-print-link").click()
    expect(opened.value.get_by_text("プラン兼事業等利用申込書").first).to_be_visible()
