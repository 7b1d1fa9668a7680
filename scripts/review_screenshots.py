"""Take the README's screenshots of the supervisor's apps from a real `nuiawase demo`.

    .venv/bin/python scripts/review_screenshots.py

The workspace trainee hands in a flagged piece of work (tests/browser/review_steps.py);
the demo's 主任 opens it in the review app and follows an evidence pointer, returns it
with a comment, and the trainee reads the return in 私の提出. Saves docs/screenshots/
07-review.png, 08-cohort.png and 09-mine.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.store import Store  # noqa: E402
from simulator.store.demo import SUPERVISOR  # noqa: E402
from tests.browser import review_steps as rs  # noqa: E402
from tests.servers import demo_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    """Start a demo server, walk the review loop and save a PNG per app."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, demo_server(Path(tmp) / "ws") as server:
        trainee = rs.hand_in(server.workspace)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                ),
            )
            rs.open_queue(page, server, trainee, "dv-higaisha")
            rs.pick(page, rs.latest_id(server.workspace, trainee))
            page.locator(".nw-detail a.nw-ev").first.click()
            page.wait_for_timeout(600)
            page.screenshot(path=str(OUT / "07-review.png"))
            page.goto(rs.cohort_url(server))
            expect(page.locator(".nw-cohort-view svg").first).to_be_visible(timeout=rs.SLOW)
            page.wait_for_timeout(600)
            page.screenshot(path=str(OUT / "08-cohort.png"), full_page=True)
            with Store.open(workspace=server.workspace) as store:
                boss = store.as_user(SUPERVISOR[0])
                sid = max(s.id for s in store.as_user(trainee).submissions())
                boss.start_review(sid)
                boss.add_comment(
                    sid, "長期目標を本人の言葉で書き直しましょう", target="plan.long_term_goal"
                )
                boss.return_to_trainee(sid, "希死念慮への当日の対応を記録してください")
            rs.open_mine(page, server)
            page.locator(".nw-mine-list select").select_option(index=0)
            expect(page.locator(".nw-mine-detail")).to_contain_text("差し戻し", timeout=rs.SLOW)
            page.wait_for_timeout(600)
            page.screenshot(path=str(OUT / "09-mine.png"))
            browser.close()


if __name__ == "__main__":
    main()
