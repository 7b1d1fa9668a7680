"""The review queue's keyboard on a real `nuiawase demo` server (issue 10): j/k and the
arrows move the selection, Enter opens it, and none of it fires while the supervisor types."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser import review_steps as rs
from tests.servers import DemoServer

CASES = ("netcafe-kyojuu", "single-mother-taino", "tajuu-saimu-koureisha")


def _ids(page: Page) -> list[str]:
    """The submission ids of the queue, top to bottom, as the supervisor reads them."""
    labels = page.locator(".nw-queue select option").all_inner_texts()
    return [re.match(r"\d+", x.split("】")[-1]).group(0) for x in labels]  # type: ignore[union-attr]


def _selected(page: Page) -> int:
    return int(page.locator(".nw-queue select").evaluate("s => s.selectedIndex"))


def test_j_k_arrows_and_enter_open_the_chosen_submission(demo: DemoServer, page: Page) -> None:
    for case in CASES:
        trainee = rs.hand_in(demo.workspace, case, "middling")
    page.goto(rs.review_url(demo))
    page.get_by_placeholder("研修生", exact=True).fill(trainee)
    page.get_by_role("button", name="一覧を更新").click()
    options = page.locator(".nw-queue select option")
    expect(options.first).to_contain_text(trainee, timeout=rs.SLOW)
    page.wait_for_function(
        """(trainee) => [...document.querySelectorAll('.nw-queue select option')]
            .every((o) => o.textContent.includes(trainee))""",
        arg=trainee,
        timeout=rs.SLOW,
    )
    ids = _ids(page)
    assert len(ids) >= 3
    heading = page.locator(".nw-detail h3")

    # Moving does not open: after j, j, j, k the kernel still has nothing open, so its
    # Next opens the first submission (the kernel reads messages in order: had a key opened
    # one, Next would go on from there).
    neutral = page.locator(".nuiawase-review .nw-keys")
    neutral.click()
    for key in ("j", "j", "j", "k"):
        page.keyboard.press(key)
    assert _selected(page) == 1
    expect(heading).to_have_count(0)
    page.get_by_role("button", name="次へ", exact=True).click()
    expect(heading).to_contain_text(f"提出 {ids[0]}（", timeout=rs.SLOW)

    # j, j, k, Enter from the page (the focus on no field) opens the second one.
    neutral.click()
    for key in ("j", "j", "k"):
        page.keyboard.press(key)
    assert _selected(page) == 1
    page.keyboard.press("Enter")
    expect(heading).to_contain_text(f"提出 {ids[1]}（", timeout=rs.SLOW)

    # With the queue focused the arrows move it too, and Enter opens.
    page.locator(".nw-queue select").focus()
    page.keyboard.press("ArrowDown")
    assert _selected(page) == 2
    page.keyboard.press("Enter")
    expect(heading).to_contain_text(f"提出 {ids[2]}（", timeout=rs.SLOW)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("k")
    assert _selected(page) == 0

    # Typing a comment, a reason or a filter keeps every key: nothing moves, nothing opens.
    for field in (".nw-comment textarea", ".nw-reason textarea"):
        page.locator(field).click()
        page.keyboard.type("jkj")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        expect(page.locator(field)).to_have_value(re.compile(r"^jkj\n?$"))
    trainee_box = page.get_by_placeholder("研修生", exact=True)
    trainee_box.click()
    trainee_box.press("End")
    trainee_box.type("jk")
    expect(trainee_box).to_have_value(trainee + "jk")
    assert _selected(page) == 0
    # Still the third is open in the kernel: its Previous is the second.
    page.get_by_role("button", name="前へ", exact=True).click()
    expect(heading).to_contain_text(f"提出 {ids[1]}（", timeout=rs.SLOW)
