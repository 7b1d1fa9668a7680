"""The forms' drafts and submissions in the store (SQLite; the store's own tests cover
PostgreSQL): autosave into the database, restore after a restart, old draft files moved
in once, two tabs, submit into the review queue, roles, and the demo seeding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from simulator.casework import CaseworkSession, FileDraftStore, FileSubmissionStore
from simulator.casework.sample import sample_context
from simulator.rubric.files import default_exemplars_dir, default_rubric
from simulator.store import NotFound, PermissionDenied, Repository, Store, StoreNotReady
from simulator.store.casework_bridge import (
    DraftConflict,
    StoreDraftStore,
    StoreSubmissionStore,
    rubric_hash,
    store_work,
)
from simulator.store.demo import DEMO_TRAINEES, SUPERVISOR, seed_demo
from simulator.store.demo_course import SUPERVISORS, course_steps
from simulator.store.workspace_store import close_stores, has_store, open_work_stores
from simulator.widgets.plan_editor import sample_forms
from simulator.widgets.practice import PracticeFlow
from tests.casework_helpers import fill_through_widgets

GOAL = "plan.long_term_goal"
SAMPLE_INTERVIEW = (
    Path(__file__).parents[2] / "simulator" / "casework" / "data" / "sample_interview.yaml"
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The workspace's config names the user and its SQLite file is the store.
    for var in ("NUIAWASE_DATABASE_URL", "NUIAWASE_USER", "JUPYTERHUB_USER", "NUIAWASE_WORKSPACE"):
        monkeypatch.delenv(var, raising=False)
    yield
    close_stores()


def make_workspace(folder: Path, user: str = "hana") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nuiawase.yaml").write_text(f"user: {user}\nlocale: ja\n", encoding="utf-8")
    return folder


def add_store(workspace: Path, register: bool = True) -> Store:
    """The store lands: hana (trainee) and sato (supervisor) in east, jiro in west."""
    store = Store.open(workspace=workspace, upgrade=True)
    op = store.as_operator()
    for name, role in (("hana", "trainee"), ("jiro", "trainee"), ("sato", "supervisor")):
        op.add_user(name, role)
    op.add_user("tina", "trainer")
    op.add_cohort("east")
    op.add_cohort("west")
    for cohort, name in (("east", "hana"), ("east", "sato"), ("west", "jiro")):
        op.add_member(cohort, name)
    if register:
        tina = store.as_user("tina")
        tina.register_scenario(sample_context().scenario)
        tina.register_rubric(default_rubric())
    return store


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    ws = make_workspace(tmp_path / "ws")
    with add_store(ws):
        yield ws


def open_session(workspace: Path) -> CaseworkSession:
    return CaseworkSession.open(
        sample_context(), workspace=workspace, stores=open_work_stores, autosave_delay=0.05
    )


def as_user(workspace: Path, name: str) -> Repository:
    return Store.open(workspace=workspace).as_user(name)


def html_text(widget: Any) -> str:
    """Every HTML value inside a widget tree."""
    out = widget.value if type(widget).__name__ == "HTML" else ""
    return out + "".join(html_text(c) for c in getattr(widget, "children", ()))


def test_drafts_live_in_the_store_and_a_restarted_kernel_restores_them(workspace: Path) -> None:
    s = open_session(workspace)
    assert isinstance(s.drafts, StoreDraftStore)
    assert isinstance(s.submissions, StoreSubmissionStore)
    s.set(GOAL, "また働きたい")
    s.save_now()
    assert s.save_error is None
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    assert (attempt.scenario_id, attempt.seed) == ("netcafe-kyojuu", 7)
    draft = hana.draft(attempt.id)
    assert draft is not None and draft.payload["plan"]["long_term_goal"] == "また働きたい"
    # The interview's turns went in with the attempt, once.
    assert len(hana.turns(attempt.id)) == len(sample_context().transcript.turns)
    assert not (workspace / "drafts").exists()  # no second copy on disk

    close_stores()  # the kernel restarts: a new process, a new connection pool
    again = open_session(workspace)
    assert again.get(GOAL) == "また働きたい"
    again.set(GOAL, "息子に会いたい")
    again.save_now()
    assert again.save_error is None
    assert len(hana.attempts()) == 1
    assert len(hana.turns(attempt.id)) == len(sample_context().transcript.turns)


def test_a_draft_file_from_before_the_store_moves_in_once(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = open_session(ws)
    assert isinstance(before.drafts, FileDraftStore)
    assert isinstance(before.submissions, FileSubmissionStore)
    before.set(GOAL, "ファイルに書いた目標")
    before.save_now()
    file = FileDraftStore(ws).path("hana", before.draft.attempt_id)
    assert file.is_file() and not has_store(ws)

    add_store(ws).close()
    after = open_session(ws)
    assert after.get(GOAL) == "ファイルに書いた目標"
    assert not file.exists()
    assert file.with_name(file.name + ".imported").is_file()  # kept for a person, not read
    hana = as_user(ws, "hana")
    (attempt,) = hana.attempts()
    first = hana.draft(attempt.id)
    assert first is not None and first.revision == 1

    close_stores()
    assert open_session(ws).get(GOAL) == "ファイルに書いた目標"
    still = hana.draft(attempt.id)
    assert still is not None and still.revision == 1  # imported once, not again


def test_the_stale_tab_gets_a_clear_conflict_and_keeps_its_typing(workspace: Path) -> None:
    a1, _ = sample_forms(workspace=workspace, autosave_delay=0.05)
    a2, _ = sample_forms(workspace=workspace, autosave_delay=0.05)  # a second tab
    one, two = a1.session, a2.session
    one.set(GOAL, "一つ目のタブ")
    one.save_now()
    two.set(GOAL, "二つ目のタブ")
    two.save_now()

    assert isinstance(two.save_error, DraftConflict)
    assert two.get(GOAL) == "二つ目のタブ"  # still on the screen, not lost
    shown = html_text(a2)
    assert "別のタブか別の端末で保存されています" in shown and "Traceback" not in shown
    assert "another tab" in two.save_error.message("en")
    hana = as_user(workspace, "hana")
    (attempt,) = hana.attempts()
    stored = hana.draft(attempt.id)
    assert stored is not None and stored.payload["plan"]["long_term_goal"] == "一つ目のタブ"
    # The next change is refused as well rather than written over the other tab's.
    two.set(GOAL, "二つ目のタブ、続き")
    two.save_now()
    assert isinstance(two.save_error, DraftConflict)
    # The first tab goes on saving normally.
    one.set(GOAL, "一つ目のタブ、続き")
    one.save_now()
    assert one.save_error is None


def test_submit_goes_to_the_review_queue_with_its_scorecard_once(workspace: Path) -> None:
    a, p = sample_forms(workspace=workspace, autosave_delay=0.05)
    fill_through_widgets(a, p)
    result = p.session.submit()
    assert result.ok and result.path is None and result.submission is not None
    # A retried request (same version, same idempotency key) is the same submission.
    p.session.submissions.freeze(result.submission)

    hana, sato = as_user(workspace, "hana"), as_user(workspace, "sato")
    (sub,) = hana.submissions()
    assert sub.number == 1 and sub.idempotency_key is not None
    assert sub.payload["plan"]["long_term_goal"] == p.session.get(GOAL)
    rows = sato.review_queue().rows
    assert [(r.submission_id, r.trainee, r.cohort) for r in rows] == [(sub.id, "hana", "east")]
    card = sato.scorecard(sub.id)
    assert card is not None and card.rubric_hash == rubric_hash(default_rubric())
    assert card.payload["rubric_id"] == default_rubric().id
    assert rows[0].total_score == card.payload["total"]

    # A second version while the first waits for review: a clear message, nothing stored.
    assert not p.submit()
    assert "前の版が指導者の確認を待っています" in p.result.value
    assert len(hana.submissions()) == 1
    # The printable page is made from the store's copy; no submission file is written.
    page = p.session.print_latest()
    assert page is not None and "プラン" in page.read_text(encoding="utf-8")
    assert not (workspace / "submissions").exists()


def test_another_trainee_cannot_reach_my_work_through_the_bridge(workspace: Path) -> None:
    s = open_session(workspace)
    s.set(GOAL, "hana の目標")
    s.save_now()
    attempt_id = s.draft.attempt_id
    with Store.open(workspace=workspace) as store:
        drafts, submissions = store_work(store.as_user("jiro"), "jiro", sample_context())
        with pytest.raises(PermissionDenied):
            drafts.load("hana", attempt_id)
        with pytest.raises(PermissionDenied):
            submissions.versions("hana", attempt_id)
        with pytest.raises(PermissionDenied):
            drafts.save(s.draft)  # hana's draft, saved as jiro


def test_under_jupyterhub_a_kernel_opens_only_its_own_users_work(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "jiro")
    with pytest.raises(PermissionDenied):
        open_work_stores(workspace, "hana")


def test_a_case_not_registered_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    add_store(ws, register=False).close()
    s = open_session(ws)
    s.set(GOAL, "目標")
    s.save_now()
    assert isinstance(s.save_error, NotFound)
    assert "netcafe-kyojuu" in s.save_error.message("ja")
    assert s.get(GOAL) == "目標"


def test_a_store_without_its_schema_is_an_error_never_files(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "nuiawase.sqlite3").touch()
    assert has_store(ws)
    with pytest.raises(StoreNotReady):
        open_work_stores(ws, "hana")


def test_without_a_store_the_work_stays_in_files(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    drafts, submissions = open_work_stores(ws, "hana")
    assert isinstance(drafts, FileDraftStore) and isinstance(submissions, FileSubmissionStore)
    assert not (ws / "nuiawase.sqlite3").exists()


def test_demo_seeding_is_idempotent_and_gives_the_supervisor_a_queue(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", user="demo-user")
    first = seed_demo(ws)
    handed_in = sum(
        step.action in ("submit", "resubmit")
        for _, steps in course_steps(default_exemplars_dir())
        for step in steps
    )
    assert first.users == 2 + len(SUPERVISORS) + len(DEMO_TRAINEES)
    assert first.submissions == handed_in > 40
    assert first.scenarios == 12
    second = seed_demo(ws)
    assert (second.users, second.submissions) == (0, 0)

    with Store.open(workspace=ws) as store:
        op = store.as_operator()
        assert len(op.users()) == 2 + len(SUPERVISORS) + len(DEMO_TRAINEES)
        (cohort,) = op.cohorts()
        assert set(cohort.trainees) == {"demo-user", *(n for n, _ in DEMO_TRAINEES)}
        assert set(cohort.supervisors) == {n for n, _ in SUPERVISORS}
        queue = store.as_user(SUPERVISOR[0]).review_queue(limit=500).rows
        waiting = len(queue)
        assert 0 < waiting < handed_in and all(r.total_score is not None for r in queue)
        assert store.as_user(SUPERVISOR[0]).scorecard(queue[0].submission_id) is not None

    # The workspace's own trainee practises into the same queue.
    a, p = sample_forms(workspace=ws, autosave_delay=0.05)
    fill_through_widgets(a, p)
    assert p.submit(), p.result.value
    with Store.open(workspace=ws) as store:
        rows = store.as_user(SUPERVISOR[0]).review_queue(limit=500).rows
        assert len(rows) == waiting + 1 and rows[-1].trainee == "demo-user"


def _interviewed_flow(workspace: Path) -> PracticeFlow:
    """The practice page after the sample interview, as the notebook runs it."""
    script = YAML(typ="safe").load(SAMPLE_INTERVIEW.read_text(encoding="utf-8"))
    flow = PracticeFlow(workspace=workspace)
    flow.interview.library.picker.value = script["scenario"]
    panel = flow.interview.start(seed=script["seed"])
    for move in script["moves"]:
        panel.choose(move["topic"], move["technique"])
    panel.end()
    return flow


def submitted_flow(workspace: Path) -> PracticeFlow:
    """The practice page after the sample interview, its forms filled in and submitted."""
    flow = _interviewed_flow(workspace)
    flow.to_forms.click()
    assessment, plan = flow.forms.children
    fill_through_widgets(assessment, plan)
    plan.submit_button.click()
    assert flow.feedback is not None, plan.result.value
    return flow


def test_the_practice_flow_submits_into_the_supervisors_queue(workspace: Path) -> None:
    submitted_flow(workspace)
    rows = as_user(workspace, "sato").review_queue().rows
    assert [(r.trainee, r.scenario_id) for r in rows] == [("hana", "netcafe-kyojuu")]


def test_the_practice_flow_explains_a_store_it_cannot_use(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", user="nobody")
    add_store(ws).close()  # a store that does not know the workspace's user
    flow = _interviewed_flow(ws)
    flow.to_forms.click()
    assert flow.session is None
    assert "利用者 nobody は登録されていません" in html_text(flow.forms)
