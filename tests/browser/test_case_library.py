"""In Voila, a trainee picks a case and reads its objectives, in Japanese."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from simulator.scenario import load_case
from simulator.scenario.catalog import case_summaries
from tests.servers import DemoServer


def test_pick_a_case_in_voila(demo: DemoServer, page: Page) -> None:
    cases = case_summaries()
    page.goto(demo.voila("library.ipynb"))
    expect(page.get_by_text("事例ライブラリ")).to_be_visible(timeout=60_000)
    first, last = cases[0], cases[-1]
    expect(page.locator(".nuiawase-case-library h3")).to_have_text(first.title.ja)

    page.locator(".nuiawase-case-library select").select_option(index=len(cases) - 1)
    expect(page.locator(".nuiawase-case-library h3")).to_have_text(last.title.ja)
    expect(page.get_by_text(last.objectives[0].ja)).to_be_visible()
    # The answer key never reaches the trainee's page.
    scenario, _ = load_case(str(last.path))
    content = page.content()
    for issue in scenario.answer_key.issues:
        assert issue.title.ja not in content


def test_the_library_shows_the_interviews_language_and_who_is_present(
    demo: DemoServer, page: Page
) -> None:
    """Before the first word a trainee reads that she reads no kanji, that a phone
    interpreter is on offer and that a friend sits in and tries to interpret."""
    page.goto(demo.voila("library.ipynb"))
    expect(page.get_by_text("事例ライブラリ")).to_be_visible(timeout=60_000)
    at = [c.id for c in case_summaries()].index("gaikokujin-muhoken")
    page.locator(".nuiawase-case-library select").select_option(index=at)
    detail = page.locator(".nuiawase-case-library")
    expect(detail.get_by_text("タガログ語・英語・日本語")).to_be_visible(timeout=30_000)
    expect(detail.get_by_text("話す: 流暢 / 読む: 片言・かなのみ")).to_be_visible()
    expect(detail.get_by_text("電話・映像通訳を使える")).to_be_visible()
    expect(detail.get_by_text("通訳をしようとしている", exact=False)).to_be_visible()
