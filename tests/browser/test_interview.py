"""In Voila, a trainee interviews a client in Japanese and reads the debrief."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser import steps
from tests.servers import DemoServer
from tests.test_interview_unsure import UNSURE


def test_interview_in_voila(demo: DemoServer, page: Page) -> None:
    page.goto(demo.voila("interview.ipynb"))
    page.get_by_role("button", name="この事例で面接を始める").click(timeout=60_000)
    box = page.locator(".nuiawase-interview textarea")
    expect(box).to_be_visible()

    box.fill("今日はどのようなご相談でいらっしゃいましたか？")
    page.get_by_role("button", name="話す", exact=True).click()
    reply = page.locator(".nuiawase-client").first
    expect(reply).to_contain_text("相談者:")
    expect(page.locator(".nuiawase-understood").first).to_contain_text("開かれた質問")

    # Typed text is shown as text, never as markup.
    box.fill("<b>それは</b>大変でしたね")
    page.get_by_role("button", name="話す", exact=True).click()
    expect(page.locator(".nuiawase-you").nth(1)).to_contain_text("<b>それは</b>大変でしたね")
    assert page.locator(".nuiawase-you b").count() == 0

    expect(page.locator(".nuiawase-status").first).to_contain_text("回のやりとり")
    # A trainee reads trust from the client's demeanour, never as a number.
    expect(page.locator(".nuiawase-debug")).to_have_count(0)
    expect(page.locator(".nuiawase-interview")).not_to_contain_text("トレーナー表示")
    steps.end_interview(page)
    expect(page.locator("svg.nuiawase-chart")).to_be_visible()
    expect(page.locator(".nuiawase-interview textarea")).to_be_hidden()


def test_trainer_view_shows_the_numbers(demo: DemoServer, page: Page) -> None:
    page.goto(demo.voila("trainer_interview.ipynb").replace("/curriculum/", "/voila_apps/"))
    page.get_by_role("button", name="この事例で面接を始める").click(timeout=60_000)
    page.locator(".nuiawase-interview textarea").fill("今日はどのようなご相談ですか？")
    page.get_by_role("button", name="話す", exact=True).click()
    expect(page.locator(".nuiawase-debug").first).to_contain_text("信頼")
    expect(page.locator(".nuiawase-status").last).to_contain_text("トレーナー表示")


def test_an_unsure_reading_is_corrected_with_one_click(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    page.goto(demo.voila("interview.ipynb"))
    page.get_by_role("button", name="この事例で面接を始める").click(timeout=60_000)
    box = page.locator(".nuiawase-interview textarea")
    box.fill(UNSURE)
    page.get_by_role("button", name="話す", exact=True).click()
    # Nothing is said yet: the reading is shown with the choices, the typing is kept.
    note = page.locator(".nuiawase-unsure-note")
    expect(note).to_contain_text("自信がありません")
    expect(page.locator(".nuiawase-client")).to_have_count(0)
    expect(box).to_have_value(UNSURE)
    page.screenshot(path=str(tmp_path / "unsure.png"))
    choice = page.locator(".nuiawase-readings button").nth(1)  # the likeliest other reading
    chosen = choice.inner_text().split("について、")[-1].strip()
    choice.click()
    expect(page.locator(".nuiawase-client")).to_have_count(1)
    expect(page.locator(".nuiawase-understood").first).to_contain_text("あなたが選んだ読み方")
    expect(page.locator(".nuiawase-understood").first).to_contain_text(chosen)
    expect(note).to_be_hidden()
    expect(box).to_have_value("")
