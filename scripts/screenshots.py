"""Take the README's screenshots from a real `nuiawase demo` in Debian's chromium.

.venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import demo_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    """Start a demo server, open each step in the browser and save a PNG per step."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, demo_server(Path(tmp) / "ws") as server:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(locale="ja-JP", viewport={"width": 1100, "height": 800})
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                ),
            )
            page.goto(server.voila_url)
            page.get_by_text("事例ライブラリ").wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / "01-case-library.png"), full_page=True)

            page.goto(server.voila_url.replace("library.ipynb", "interview.ipynb"))
            page.get_by_role("button", name="この事例で面接を始める").click(timeout=60_000)
            for text in (
                "今日はどのようなご相談でいらっしゃいましたか？",
                "それは大変でしたね。よく来てくださいました",
                "お仕事のことを、もう少し聞かせていただけますか",
            ):
                page.locator(".nuiawase-interview textarea").fill(text)
                page.get_by_role("button", name="話す", exact=True).click()
                page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / "02-interview.png"), full_page=True)
            page.get_by_role("button", name="面接を終える").click()
            page.get_by_text("振り返り").wait_for()
            page.get_by_text("振り返り").scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "03-debrief.png"), full_page=True)
            browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
