"""After a crash, a restart or a reload, the practice page reopens the trainee's
unfinished attempt (issue 18, item 5; issue 14): the same client (seed), the interview so
far, and the forms with their draft. The seed is random, as in the app, not the sample's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.workspace_store import close_stores
from simulator.widgets.practice import PracticeFlow

from .test_casework_bridge import GOAL, add_store, as_user, make_workspace, submitted_flow


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """hana's workspace with a store that registers the sample case (test_casework_bridge)."""
    for var in ("NUIAWASE_DATABASE_URL", "NUIAWASE_USER", "JUPYTERHUB_USER", "NUIAWASE_WORKSPACE"):
        monkeypatch.delenv(var, raising=False)
    ws = make_workspace(tmp_path / "ws")
    with add_store(ws):
        yield ws
    close_stores()


CASE = "netcafe-kyojuu"  # the case the test store registers
REMARKS = (
    "今日はどのようなご相談でいらっしゃいましたか？",
    "それは大変でしたね。よく来てくださいました。",
    "差し支えなければ、お仕事のことを聞かせていただけますか。",
)


def _interviewing(workspace: Path) -> PracticeFlow:
    """A trainee who has said three things to a new client (a random seed)."""
    flow = PracticeFlow(workspace=workspace)
    assert flow.interview.panel is None  # nothing to reopen yet
    flow.interview.library.picker.value = CASE
    panel = flow.interview.start()
    for remark in REMARKS:
        if panel.say(remark) is None:  # an unsure reading: said as read
            panel.send_as(None)
    assert len(panel.interview.turns) == len(REMARKS)
    assert flow.notice.value == ""  # every turn was stored
    return flow


def test_an_interview_in_progress_comes_back_after_a_restart(workspace: Path) -> None:
    before = _interviewing(workspace)
    panel = before.interview.panel
    assert panel is not None
    close_stores()  # the server dies; a new kernel opens the page

    after = PracticeFlow(workspace=workspace)
    again = after.interview.panel
    assert again is not None
    assert again.interview.seed == panel.interview.seed
    assert again.interview.persona == panel.interview.persona
    assert again.chat.value == panel.chat.value
    assert again.interview.turns_left == panel.interview.turns_left
    assert "前回の続きを開きました" in after.notice.value
    # The picker stays, for a trainee who would rather start another case.
    assert after.interview.start_button.layout.display is None
    # It goes on where it stopped, on the same attempt.
    again.say("ご家族のことも伺ってよろしいですか。") or again.send_as(None)
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    assert attempt.seed == panel.interview.seed
    assert len(hana.turns(attempt.id)) == len(REMARKS) + 1


def _with_a_draft(workspace: Path) -> PracticeFlow:
    """A trainee who interviewed, opened the forms and wrote the long-term goal."""
    flow = _interviewing(workspace)
    assert flow.interview.panel is not None
    flow.interview.panel.end()
    session = flow.open_forms()
    session.set(GOAL, "また働きたい")
    session.save_now()
    assert session.save_error is None
    return flow


def test_the_forms_come_back_with_their_draft(workspace: Path) -> None:
    flow = _with_a_draft(workspace)
    close_stores()

    after = PracticeFlow(workspace=workspace)
    assert after.session is not None and after.session.get(GOAL) == "また働きたい"
    assert len(after.forms.children) == 2
    assert after.transcript is not None
    assert after.transcript.turns == flow.interview.panel.interview.transcript().turns


def test_once_handed_in_a_reload_starts_afresh(workspace: Path) -> None:
    submitted_flow(workspace)
    close_stores()
    again = PracticeFlow(workspace=workspace)
    assert again.interview.panel is None and again.session is None


def _go_back(flow: PracticeFlow) -> None:
    """「事例一覧に戻る」 at the top of the page, and yes to its question."""
    flow.back_top.button.click()
    assert flow.back_top.asking.layout.display is None  # it asks first
    flow.back_top.yes.click()
    assert flow.interview.panel is None  # the library again


def test_going_back_abandons_the_attempt_and_a_reload_starts_afresh(workspace: Path) -> None:
    flow = _interviewing(workspace)
    _go_back(flow)
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    assert hana.abandoned_attempts() == {attempt.id}
    assert len(hana.turns(attempt.id)) == len(REMARKS)  # abandoned, nothing deleted
    # 私の提出 says so at once, and after a reload.
    assert flow.my_view is not None
    assert "中断" in flow.my_view.abandoned.value and CASE in flow.my_view.abandoned.value
    close_stores()
    again = PracticeFlow(workspace=workspace)
    assert again.interview.panel is None and again.session is None
    assert "前回の続き" not in again.notice.value
    assert again.my_view is not None and "中断" in again.my_view.abandoned.value
    # Going back twice, or once more from the library, changes nothing.
    assert not as_user(workspace, "hana").abandon_attempt(attempt.id)


def test_going_back_from_the_forms_abandons_the_draft_too(workspace: Path) -> None:
    _go_back(_with_a_draft(workspace))
    close_stores()
    again = PracticeFlow(workspace=workspace)
    assert again.session is None and again.forms.children == ()
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    assert hana.draft(attempt.id) is not None  # kept, not deleted


def test_a_submitted_attempt_is_not_abandoned(workspace: Path) -> None:
    from simulator.store.errors import Conflict

    flow = submitted_flow(workspace)
    flow.back.button.click()  # nothing to lose: no question, no abandonment
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    assert hana.abandoned_attempts() == set()
    with pytest.raises(Conflict):
        hana.abandon_attempt(attempt.id)


def test_a_new_attempt_after_an_abandoned_one_comes_back_after_a_reload(
    workspace: Path,
) -> None:
    flow = _interviewing(workspace)
    _go_back(flow)
    panel = flow.interview.start()
    panel.choose("housing", "open_question")
    close_stores()
    again = PracticeFlow(workspace=workspace)
    assert again.interview.panel is not None
    assert again.interview.panel.interview.seed == panel.interview.seed


def test_erasing_a_trainee_erases_her_abandoned_attempts(workspace: Path) -> None:
    _go_back(_interviewing(workspace))
    from simulator.store import Store

    with Store.open(workspace=workspace) as store:
        store.as_operator().add_user("ada", "admin")
    admin = as_user(workspace, "ada")
    assert admin.trainee_data("hana")["attempts"][0]["abandoned_at"] is not None
    counts = admin.erase_trainee("hana")
    assert counts["attempt_events"] == 1


def test_in_a_kernel_the_resumed_attempt_is_part_of_the_page(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a kernel the unfinished attempt is reopened while the cell runs, so its widgets are
    in the page Voila sends (widgets made after the cell reach the browser only if it has
    connected in time; on a loaded server it had not)."""
    import asyncio
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    from simulator.widgets import deferred

    first = _interviewing(workspace)
    assert first.interview.panel is not None
    seed = first.interview.panel.interview.seed
    close_stores()

    async def reload() -> tuple[PracticeFlow, bool]:
        flow = PracticeFlow(workspace=workspace)
        # The cell has not ended, and the attempt is already back.
        inside = flow.interview.panel is not None and flow.backend.live is not None
        await asyncio.sleep(0)
        return flow, inside

    # The page in a kernel, in a thread of its own: a browser test's Playwright keeps a loop
    # running in this one.
    monkeypatch.setattr(deferred, "in_kernel", lambda: True)
    with ThreadPoolExecutor(1) as pool:
        context = contextvars.copy_context()
        again, inside = pool.submit(context.run, asyncio.run, reload()).result()
    assert inside
    assert again.interview.panel is not None, again.notice.value
    assert again.interview.panel.interview.seed == seed
    assert again.backend.live is not None and again.my_view is not None
