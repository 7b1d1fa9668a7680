"""The loop trainee -> supervisor -> trainee on a real `nuiawase demo` server (issue 10's
acceptance): the supervisor opens a flagged submission, follows evidence pointers to a
turn and to a plan field in the form on the same page, overrides (a reason is required),
comments on a plan field and returns it; the trainee sees the return and the comment,
revises and resubmits; the supervisor sees what changed, approves and releases; the
trainee reads the released feedback."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser import review_steps as rs
from tests.servers import DemoServer
from tests.store.cast import expected_card


def test_supervisor_and_trainee_loop(demo: DemoServer, page: Page) -> None:
    trainee = rs.hand_in(demo.workspace)

    # The supervisor: the flagged submission is first; evidence scrolls and highlights.
    rs.open_queue(page, demo, trainee, "dv-higaisha")
    assert "要至急確認" in rs.pick(page, rs.latest_id(demo.workspace, trainee))
    detail = page.locator(".nw-detail")
    expect(detail.locator(".nw-urgent")).to_have_text("要至急確認")
    link = detail.locator("a.nw-ev").first
    pointer = link.inner_text()
    link.click()
    target = detail.locator(":target")
    expect(target).to_have_count(1)
    assert pointer in target.inner_text()
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 224, 138)"
    # A pointer at a plan field scrolls to that field in the form shown in the same page.
    field_link = detail.locator('table a.nw-ev[href^="#nw-ev-plan-"]').first
    href = field_link.get_attribute("href")
    assert href is not None
    field_link.click()
    field = detail.locator(f".nw-form [id='{href[1:]}']")
    expect(field).to_have_count(1)
    expect(detail.locator(".nw-form :target")).to_have_attribute("id", href[1:])
    expect(field).to_be_in_viewport()
    assert field.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 224, 138)"

    page.locator(".nw-criterion select").select_option(label="根拠に基づくプラン")
    auto = expected_card("dv-higaisha", "middling").criterion("grounding").level  # type: ignore[union-attr]
    page.locator(".nw-level select").select_option(label=str(3 if auto != 3 else 2))
    page.get_by_role("button", name="水準を変更").click()
    expect(page.locator(".nw-message")).to_contain_text("理由", timeout=rs.SLOW)
    page.locator(".nw-reason textarea").fill("本人の発言を根拠に挙げられている")
    rs.decide(page, "水準を変更")
    page.locator(".nw-target input").fill("plan.long_term_goal")
    page.locator(".nw-comment textarea").fill("長期目標を本人の言葉で書き直しましょう")
    rs.decide(page, "コメントする")
    page.locator(".nw-note textarea").fill("安全の確認を当日中に")
    rs.decide(page, "差し戻す")

    # The trainee sees the return and the comment, revises and resubmits.
    rs.open_mine(page, demo)
    page.locator(".nw-mine-list select").select_option(index=0)
    mine = page.locator(".nw-mine-detail")
    expect(mine).to_contain_text("差し戻し", timeout=rs.SLOW)
    expect(mine).to_contain_text("長期目標を本人の言葉で書き直しましょう")
    expect(mine).to_contain_text("安全の確認を当日中に")
    page.get_by_role("button", name="修正して再提出する").click()
    goal = page.locator(".nf-plan-long_term_goal textarea").first
    expect(goal).to_be_visible(timeout=rs.SLOW)
    goal.fill("娘と安心して暮らせる部屋に移りたい")
    page.locator(".nf-plan-coordination_meeting input").first.fill("2025-09-16")
    page.locator("button.nuiawase-submit").click()
    expect(page.locator(".nuiawase-feedback")).to_be_visible(timeout=rs.SLOW)

    # The supervisor sees the changes, approves and releases.
    rs.open_queue(page, demo, trainee, "dv-higaisha")
    rs.pick(page, rs.latest_id(demo.workspace, trainee))
    expect(page.locator(".nw-detail")).to_contain_text("前の版からの変更")
    expect(page.locator(".nw-detail")).to_contain_text("娘と安心して暮らせる部屋に移りたい")
    rs.decide(page, "承認する")
    rs.decide(page, "研修生に公開する")

    # The trainee reads the released feedback.
    rs.open_mine(page, demo)
    page.locator(".nw-mine-list select").select_option(index=0)
    mine = page.locator(".nw-mine-detail")
    expect(mine).to_contain_text("公開済み", timeout=rs.SLOW)
    expect(mine.locator(".nw-mine-levels")).to_contain_text("根拠に基づくプラン")
    # The returned first version keeps its override beside the automatic level.
    page.locator(".nw-mine-list select").select_option(index=1)
    expect(mine.locator(".nw-mine-levels")).to_contain_text("本人の発言を根拠に挙げられている")
