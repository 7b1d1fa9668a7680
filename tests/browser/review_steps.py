"""Shared steps of the supervisor/trainee loop in the browser (tests and screenshots)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.casework.context import CaseContext
from simulator.casework.session import default_attempt_id, resolve_trainee
from simulator.models.submission import Draft, Submission
from simulator.scenario.library import load_case
from simulator.store import Store
from simulator.store.casework_bridge import store_work
from simulator.store.identity import current_user_name
from tests.servers import DemoServer

EXEMPLARS = Path(__file__).resolve().parents[1] / "exemplars"
#: The forms are ~1,200 widgets; on a loaded 2-core machine they take tens of seconds, and
#: once, late in a full run with many kernels alive, more than two minutes: a hang ceiling.
SLOW = 300_000


def hand_in(
    workspace: Path,
    case: str = "dv-higaisha",
    level: str = "middling",
    change: Callable[[Submission], Submission] | None = None,
) -> str:
    """The workspace trainee's work goes into the store as the practice app would put it
    (draft saved, then frozen; ``change`` rewrites it first); returns the trainee's name."""
    name = current_user_name(workspace)
    assert name is not None
    trainee = resolve_trainee(workspace)
    scenario, region = load_case(case)
    work = Submission.model_validate_json((EXEMPLARS / case / f"{level}.json").read_bytes())
    context = CaseContext.of(scenario, region, work.transcript)
    work = work.model_copy(
        update={"trainee_id": trainee, "attempt_id": default_attempt_id(context)}
    )
    if change is not None:
        work = change(work)
    draft = Draft(
        scenario_id=work.scenario_id,
        scenario_version=work.scenario_version,
        region_id=work.region_id,
        seed=work.seed,
        trainee_id=trainee,
        attempt_id=work.attempt_id,
        transcript=work.transcript,
        assessment=work.assessment,
        plan=work.plan,
        created_at=work.created_at,
        updated_at=work.submitted_at,
        submitted_versions=[1],
    )
    with Store.open(workspace=workspace) as store:
        drafts, submissions = store_work(store.as_user(name), trainee, context)
        drafts.save(draft)
        submissions.freeze(work)
    return name


def latest_id(workspace: Path, trainee: str) -> int:
    """The id of the trainee's newest submission."""
    with Store.open(workspace=workspace) as store:
        return max(s.id for s in store.as_user(trainee).submissions())


def review_url(demo: DemoServer) -> str:
    return next(u for u in demo.urls if "voila_apps/review.ipynb" in u)


def cohort_url(demo: DemoServer) -> str:
    return next(u for u in demo.urls if "voila_apps/cohort.ipynb" in u)


def open_queue(page: Page, demo: DemoServer, trainee: str, scenario: str) -> None:
    """The supervisor opens the review app and narrows the queue to one trainee's work
    on one scenario (other tests hand in other cases to the same demo server)."""
    page.goto(review_url(demo))
    page.get_by_placeholder("研修生", exact=True).fill(trainee)
    page.get_by_placeholder("事例 ID", exact=True).fill(scenario)
    page.get_by_role("button", name="一覧を更新").click()
    # The unfiltered queue is on screen until the filtered one replaces it: wait for that,
    # or a choice made in between is lost when the options change.
    page.wait_for_function(
        """([trainee, scenario]) => {
            const options = [...document.querySelectorAll('.nw-queue select option')];
            return options.length > 0 && options.every(
                (o) => o.textContent.includes(trainee) && o.textContent.includes(scenario));
        }""",
        arg=[trainee, scenario],
        timeout=SLOW,
    )


def pick(page: Page, submission: int) -> str:
    """Open the queue's submission with this id once the (re)loaded queue shows it;
    returns its label."""
    option = page.locator(".nw-queue select option").filter(
        has_text=re.compile(rf"(^|】){submission}\s")
    )
    expect(option).to_have_count(1, timeout=SLOW)
    label = option.inner_text()
    page.locator(".nw-queue select").select_option(label=label)
    expect(page.locator(".nw-detail h3")).to_contain_text(f"提出 {submission}（", timeout=SLOW)
    return label


def decide(page: Page, button: str) -> None:
    """Press a decision's button and wait until the app says it recorded that one."""
    page.get_by_role("button", name=button).click()
    expect(page.locator(".nw-message")).to_contain_text(f"「{button}」を記録しました", timeout=SLOW)


def open_mine(page: Page, demo: DemoServer) -> None:
    """The trainee opens the practice app and unfolds 私の提出."""
    page.goto(demo.voila_url)
    page.locator(".nuiawase-mine-box").get_by_text("私の提出").click()
    expect(page.locator(".nw-mine-list select")).to_be_visible(timeout=SLOW)
