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
            browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
