"""Roles through the apps: a trainee identity opens neither the review queue nor the
cohort figures, and sees only their own work; a supervisor sees only their cohorts."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from simulator.store import Store
from simulator.store.demo import DEMO_TRAINEES, SUPERVISOR
from simulator.store.identity import current_user_name
from tests.browser import review_steps as rs
from tests.servers import DemoServer


def test_a_trainee_identity_is_refused(demo: DemoServer, page: Page) -> None:
    other = DEMO_TRAINEES[0][0]
    for url in (rs.review_url(demo), rs.cohort_url(demo)):
        page.goto(url.replace(f"as={SUPERVISOR[0]}", f"as={other}"))
        expect(page.locator(".nuiawase-msg-error").first).to_contain_text(
            "権限がありません", timeout=rs.SLOW
        )
        expect(page.get_by_text(DEMO_TRAINEES[1][0])).to_have_count(0)
    # The workspace trainee's own list holds nothing of the demo trainees' work.
    rs.hand_in(demo.workspace, "kishinen-ippan-soudan", "weak")
    rs.open_mine(page, demo)
    name = current_user_name(demo.workspace)
    with Store.open(workspace=demo.workspace) as store:
        own = len(store.as_user(str(name)).submissions())
        everyone = len(store.as_user(SUPERVISOR[0]).review_queue(limit=500).rows)
    assert 0 < own < everyone
    expect(page.locator(".nw-mine-list select option")).to_have_count(own)


def test_a_supervisor_sees_only_their_cohorts(demo: DemoServer, page: Page) -> None:
    with Store.open(workspace=demo.workspace) as store:
        op = store.as_operator()
        op.add_user("yoso", "supervisor", "他チーム 主任")
        op.add_cohort("elsewhere")
        op.add_member("elsewhere", "yoso")
    page.goto(rs.review_url(demo).replace(f"as={SUPERVISOR[0]}", "as=yoso"))
    expect(page.locator(".nw-queue select")).to_be_visible(timeout=rs.SLOW)
    expect(page.locator(".nw-queue select option")).to_have_count(0)
    page.goto(rs.cohort_url(demo).replace(f"as={SUPERVISOR[0]}", "as=yoso"))
    expect(page.locator(".nw-cohort-view")).to_be_visible(timeout=rs.SLOW)
    for name, _ in DEMO_TRAINEES:
        expect(page.locator(".nw-cohort-view").get_by_text(name)).to_have_count(0)
