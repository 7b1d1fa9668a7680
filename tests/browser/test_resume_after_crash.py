"""kill -9 of the real server in the middle of an attempt, then a restart: the practice
page gives back the same client, the interview so far and the draft (issue 18, item 5);
a reload in the middle of the interview keeps it too (issue 14).

The seed is random, as for every trainee (the fixed-seed sample would hide a page that
starts a new client and happens to look the same).
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from simulator.models.casework import ASSESSMENT_DOMAINS
from simulator.models.vocab import Topic
from simulator.store import Store
from simulator.store.identity import current_user_name
from tests.browser import steps
from tests.servers import DemoServer, demo_server

GOAL = "もう一度、昼の仕事に就きたい"
HOUSING = "寮を出なければならない"
HOUSING_NOTES = f"assessment.findings[{ASSESSMENT_DOMAINS.index(Topic.housing)}].notes"
#: A ceiling for the draft to reach the database (it is saved a moment after typing).
SAVE_CEILING = 120.0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the Jupyter server and its kernels), deepest last."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def kill_dash_9(server: DemoServer) -> None:
    """SIGKILL the demo command, its Jupyter server and the kernels: nothing shuts down."""
    for pid in [server.process.pid, *descendants(server.process.pid)]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.process.wait()


def housing_panel(page: Page) -> Locator:
    """The title of the assessment's 住まい panel (its fields are built when it opens)."""
    titles = page.locator(".nuiawase-assessment .jupyter-widget-Collapse-header")
    return titles.filter(has_text=re.compile(r"^\s*住まい")).first


def wait_for_draft(workspace: Path, text: str) -> None:
    """Return once the store holds a draft with ``text`` (the autosave is asynchronous)."""
    user = current_user_name(workspace)
    assert user is not None
    deadline = time.monotonic() + SAVE_CEILING
    with Store.open(workspace=workspace) as store:
        me = store.as_user(user)
        while time.monotonic() < deadline:
            drafts = [me.draft(a.id) for a in me.attempts()]
            if any(d is not None and text in str(d.payload) for d in drafts):
                return
            time.sleep(0.2)
    raise AssertionError(f"no draft with {text!r} within {SAVE_CEILING:.0f} s")


def test_after_kill_9_and_a_restart_the_same_attempt_comes_back(tmp_path: Path, page: Page) -> None:
    workspace = tmp_path / "workspace"
    with demo_server(workspace) as first:
        steps.pick_case(page, first.voila_url)
        steps.interview(page)
        intro = page.locator(".nuiawase-intro").inner_text()
        replies = page.locator(".nuiawase-client").all_inner_texts()
        # A reload in the middle of the interview loses nothing either (issue 14).
        page.reload()
        expect(page.locator(".nuiawase-client")).to_have_text(replies)
        expect(page.locator(".nuiawase-intro")).to_have_text(intro)
        steps.end_interview(page)
        page.get_by_role("button", name="アセスメントとプランの記入へ進む").click()
        expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=steps.FORMS_TIMEOUT)
        # A domain panel's fields are built when it is opened: what is typed there is kept.
        housing_panel(page).click()
        steps.field(page, HOUSING_NOTES, "textarea").fill(HOUSING)
        steps.field(page, "plan.long_term_goal", "textarea").fill(GOAL)
        wait_for_draft(workspace, GOAL)
        wait_for_draft(workspace, HOUSING)
        kill_dash_9(first)

    with demo_server(workspace) as second:
        page.goto(second.voila_url)
        expect(page.locator(".nuiawase-resumed")).to_contain_text("前回の続きを開きました")
        # The same client (the intro names them, with their age)...
        expect(page.locator(".nuiawase-intro")).to_have_text(intro)
        # ...the interview as it was...
        expect(page.locator(".nuiawase-client")).to_have_text(replies)
        # ...and the forms with the draft.
        expect(steps.field(page, "plan.long_term_goal", "textarea")).to_have_value(
            GOAL, timeout=steps.FORMS_TIMEOUT
        )
        # The domain panel is built again when opened, with what was typed in it.
        housing_panel(page).click()
        expect(steps.field(page, HOUSING_NOTES, "textarea")).to_have_value(HOUSING)
