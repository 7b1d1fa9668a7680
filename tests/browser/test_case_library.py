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
