"""Take the README's screenshots from a real `nuiawase demo` in Debian's chromium.

    .venv/bin/python scripts/screenshots.py

Walks the practice notebook as a trainee does (tests/browser/steps.py) and saves a PNG
of each step in docs/screenshots/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import steps  # noqa: E402
from tests.servers import demo_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def shot(page: Page, name: str, anchor: str | None = None) -> None:
    """Save the page, scrolled to ``anchor`` (a CSS selector) when given."""
    page.wait_for_timeout(600)
    if anchor:
        page.locator(anchor).first.scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=anchor is None)


def main() -> None:
    """Start a demo server, walk the practice flow and save a PNG per step."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, demo_server(Path(tmp) / "ws") as server:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(locale="ja-JP", viewport={"width": 1100, "height": 860})
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                ),
            )
            steps.pick_case(page, server.voila_url)
            shot(page, "01-case-library")
            steps.interview(page)
            shot(page, "02-interview")
            steps.end_interview(page)
            shot(page, "03-debrief", ".nuiawase-chart")
            steps.fill_minimal_assessment(page)
            shot(page, "04-assessment", ".nuiawase-form")
            page.locator(".nuiawase-resource-search input").fill("包括")
            page.locator(".nuiawase-resource-results select").select_option(index=0)
            shot(page, "05-plan", ".nuiawase-resource-detail")
            steps.fill_minimal_plan(page)
            feedback = steps.submit(page)
            # One evidence link opened, as a trainee reads it beside its criterion.
            feedback.locator("details.nuiawase-evidence > summary").first.click()
            shot(page, "06-feedback", ".nuiawase-feedback")
            browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
