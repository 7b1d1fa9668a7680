"""What a trainee does after a reload: the page reopens the unfinished interview on a case
the trainer has just published; the trainee starts another case and speaks at once. The
new client answers, on the page (in the full suite the first remark once reached the old
interview, still on screen: no reply within 300 s; tests/studio/test_resume_then_other_case.py
has the kernel's side)."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.store import Store
from simulator.store.demo import TRAINER
from simulator.store.identity import current_user_name
from simulator.studio.publish import publish_case
from tests.browser import steps
from tests.servers import DemoServer
from tests.studio.test_publish import case_text

SLOW = 300_000
TITLE = "再開のあと別の事例"
REMARK = "今日はどのようなご相談でいらっしゃいましたか？"


def attempt_ids(workspace: Path) -> set[int]:
    """The trainee's attempts so far (the shared demo server has others' tests' too)."""
    with Store.open(workspace=workspace) as store:
        return {a.id for a in store.as_user(trainee(workspace)).attempts()}


def trainee(workspace: Path) -> str:
    user = current_user_name(workspace)
    assert user is not None
    return user


def first_turn(workspace: Path, scenario_id: str, known: set[int]) -> tuple[int, dict[str, object]]:
    """The seed and first stored turn of the trainee's new attempt on ``scenario_id`` (not
    in ``known``), once the page has stored it (turns are kept as they are played)."""
    deadline = time.monotonic() + SLOW / 1000
    with Store.open(workspace=workspace) as store:
        me = store.as_user(trainee(workspace))
        while time.monotonic() < deadline:
            new = [a for a in me.attempts() if a.scenario_id == scenario_id and a.id not in known]
            turns = me.turns(new[-1].id) if new else []
            if turns:
                return new[-1].seed, turns[0].payload
            time.sleep(0.2)
    raise AssertionError(f"no turn stored for {scenario_id} within {SLOW // 1000} s")


def test_after_a_reload_another_case_answers_the_first_remark(demo: DemoServer, page: Page) -> None:
    with Store.open(workspace=demo.workspace) as store:
        published = publish_case(store.as_user(TRAINER[0]), case_text(TITLE), demo.workspace)
    # An interview begun on the published case, left unfinished.
    known = attempt_ids(demo.workspace)
    page.goto(demo.voila_url)
    select = page.locator(".nuiawase-case-library select")
    option = select.locator("option").filter(has_text=TITLE)
    expect(option).to_have_count(1, timeout=SLOW)
    select.select_option(label=option.inner_text())
    steps.interview(page, (REMARK,))
    assert first_turn(demo.workspace, published.scenario_id, known)[1]["id"] == "t01"
    known = attempt_ids(demo.workspace)

    # A reload reopens it, with the case library beside it.
    page.reload()
    expect(page.locator(".nuiawase-resumed")).to_be_visible(timeout=SLOW)
    expect(page.locator(".nuiawase-client")).to_have_count(1, timeout=SLOW)
    # Another case, and the first remark at once, as a trainee in a hurry would.
    steps.pick_case_here(page, steps.CASE)
    page.get_by_role("button", name="この事例で面接を始める").click()
    page.locator(".nuiawase-interview textarea").fill(REMARK)
    page.get_by_role("button", name="話す", exact=True).click()

    try:
        seed, turn = first_turn(demo.workspace, steps.CASE, known)
    except AssertionError as exc:  # what the trainee sees, to tell why
        shown = page.locator(".nuiawase-practice-flow").inner_text()
        raise AssertionError(f"{exc}; the page shows:\n{shown}") from None
    assert turn["id"] == "t01"  # the new client's first turn, not the old one's second
    scenario, region = load_case(steps.CASE)
    name = generate_persona(scenario, region, seed).name.kanji
    interview = page.locator(".nuiawase-interview")
    expect(interview.locator(".nuiawase-intro")).to_contain_text(name, timeout=SLOW)
    expect(interview.locator(".nuiawase-client")).to_have_count(1, timeout=SLOW)
    expect(interview.locator('.nuiawase-turn[data-turn="t01"]')).to_contain_text(REMARK)
    expect(page.locator(".nuiawase-interview-problem .nuiawase-msg-error")).to_have_count(0)
