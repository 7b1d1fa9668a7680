"""Review: the queue, status changes, overrides with reasons, comments, feedback, and the
append-only record underneath."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from simulator.store import Conflict, InvalidInput, Repository, Status
from simulator.store.events import current_status

from .cast import Cast, scorecard


def _submit(c: Cast, who: str = "hana", levels: dict[str, int] | None = None, **kw: str) -> int:
    me = getattr(c, who)
    attempt = me.start_attempt(c.scenario_hash, seed=7)
    card = scorecard(levels or {"rapport": 2, "plan": 1}, 55.0, **kw)
    return int(me.submit(attempt.id, {"schema_version": 1, "plan": "p"}, card).id)


def test_review_from_submission_to_released_feedback(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    assert [r.submission_id for r in c.sato.review_queue().rows] == [sid]
    assert c.hana.feedback(sid).status == Status.submitted

    c.sato.start_review(sid)
    row = c.sato.review_queue().rows[0]
    assert (row.status, row.reviewer) == (Status.in_review, "sato")
    event = c.sato.override_level(
        sid, "plan", 3, "計画が具体的で本人の言葉に沿っている", expected_level=1
    )
    assert (event.actor, event.old_level, event.new_level) == ("sato", 1, 3)
    assert event.text == "計画が具体的で本人の言葉に沿っている"
    c.sato.add_comment(sid, "傾聴の姿勢がよく出ています", criterion="rapport")
    assert c.sato.levels(sid) == {"rapport": 2, "plan": 3}
    assert not c.hana.feedback(sid).released  # still in review: nothing released

    c.sato.return_to_trainee(sid, note="計画の期限を書き足してください")
    assert c.sato.review_queue().rows == ()
    feedback = c.hana.feedback(sid)
    assert feedback.released and feedback.status == Status.returned
    assert feedback.levels == {"rapport": 2, "plan": 3}
    assert [e.kind.value for e in feedback.events] == ["status", "override", "comment", "status"]
    assert feedback.scorecard is not None and feedback.scorecard["total_score"] == 55.0

    # Returned work is reworked and submitted again: a new, second submission.
    again = c.hana.submit(c.hana.submission(sid).attempt_id, {"plan": "p2"})
    assert again.number == 2 and again.status == Status.submitted


def test_status_moves_only_forward_and_only_from_what_was_seen(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    with pytest.raises(Conflict):
        c.sato.approve(sid)  # not in review yet
    c.sato.start_review(sid)
    with pytest.raises(Conflict):
        c.sato.set_status(sid, "returned", expected="submitted")  # someone moved it
    with pytest.raises(InvalidInput):
        c.sato.set_status(sid, "archived")
    c.sato.approve(sid)
    for status in Status:
        with pytest.raises(Conflict):
            c.sato.set_status(sid, status)
    with pytest.raises(Conflict):
        c.hana.submit(c.hana.submission(sid).attempt_id, {"plan": "again"})
    with pytest.raises(Conflict):
        c.sato.add_comment(sid, "too late")


def test_overrides_need_a_reason_and_the_current_level(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    with pytest.raises(Conflict):
        c.sato.override_level(sid, "plan", 2, "reason")  # not in review
    c.sato.start_review(sid)
    for reason in ("", "   "):
        with pytest.raises(InvalidInput):
            c.sato.override_level(sid, "plan", 2, reason)
    with pytest.raises(InvalidInput):
        c.sato.override_level(sid, "plan", 1, "same as now")
    c.sato.override_level(sid, "plan", 2, "first look")
    with pytest.raises(Conflict):
        c.sato.override_level(sid, "plan", 3, "based on a stale screen", expected_level=1)
    second = c.sato.override_level(sid, "plan", 0, "second look", expected_level=2)
    assert (second.old_level, second.new_level) == (2, 0)
    assert [e.text for e in c.sato.review_events(sid) if e.kind == "override"] == [
        "first look",
        "second look",
    ]


def test_criteria_kept_from_trainees_stay_hidden_after_review(cast: Cast) -> None:
    c = cast
    sid = _submit(c, levels={"rapport": 2, "internal": 1}, rapport="now", internal="never")
    before = c.hana.feedback(sid).scorecard
    assert before is not None
    assert [i["criterion"] for i in before["criteria"]] == ["rapport"]
    c.sato.start_review(sid)
    c.sato.override_level(sid, "internal", 2, "calibration note")
    c.sato.approve(sid)
    after = c.hana.feedback(sid)
    assert after.levels == {"rapport": 2}
    assert all(e.criterion != "internal" for e in after.events)


def test_canned_comments(cast: Cast) -> None:
    c = cast
    kept = c.tina.add_canned_comment(
        "intake", "rapport", {"ja": "共感の言葉が届いています", "en": "x"}
    )
    gone = c.tina.add_canned_comment("intake", "rapport", "使わなくなった言い回し")
    c.tina.retire_canned_comment(gone.id)
    assert [x.id for x in c.sato.canned_comments("intake", "rapport")] == [kept.id]
    sid = _submit(c)
    c.sato.start_review(sid)
    event = c.sato.add_comment(sid, criterion="rapport", canned_comment_id=kept.id)
    assert event.text == "共感の言葉が届いています"
    assert event.detail == {"canned_comment": kept.id}


def test_drafts_refuse_stale_saves_and_submissions_are_idempotent(cast: Cast) -> None:
    c = cast
    attempt = c.hana.start_attempt(c.scenario_hash, seed=3)
    first = c.hana.save_draft(attempt.id, {"plan": "a"})
    c.hana.save_draft(attempt.id, {"plan": "b"}, expected_revision=first.revision)
    with pytest.raises(Conflict):
        c.hana.save_draft(attempt.id, {"plan": "c"}, expected_revision=first.revision)
    assert c.hana.draft(attempt.id).payload == {"plan": "b"}  # type: ignore[union-attr]
    one = c.hana.submit(attempt.id, {"plan": "b"}, idempotency_key="tab-1")
    two = c.hana.submit(attempt.id, {"plan": "b"}, idempotency_key="tab-1")
    assert one.id == two.id and len(c.hana.submissions()) == 1


def test_queue_pages_cover_every_waiting_submission_once(cast: Cast) -> None:
    c = cast
    made = [_submit(c, who) for who in ("hana", "taro") * 60]
    seen: list[int] = []
    cursor = None
    while True:
        page = c.sato.review_queue(cursor=cursor, limit=50)
        seen += [r.submission_id for r in page.rows]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == made
    with pytest.raises(InvalidInput):
        c.sato.review_queue(cursor="not a cursor")


def test_status_projection_equals_the_events(cast: Cast) -> None:
    c = cast
    ids = [_submit(c) for _ in range(4)]
    c.sato.start_review(ids[1])
    for sid, finish in ((ids[2], c.sato.approve), (ids[3], c.sato.return_to_trainee)):
        c.sato.start_review(sid)
        finish(sid)
    for sid in ids:
        assert c.sato.submission(sid).status == current_status(c.sato.review_events(sid))


def test_the_api_has_no_way_to_change_or_remove_an_event() -> None:
    names = [
        n for n, _ in inspect.getmembers(Repository, inspect.isfunction) if not n.startswith("_")
    ]
    changing = [n for n in names if any(w in n for w in ("update", "edit", "delete", "remove"))]
    assert changing == []
    assert "erase_trainee" in names  # the one deletion, for data requests (test_export)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE review_events SET text = 'rewritten'",
        "UPDATE review_events SET new_level = 0",
        "DELETE FROM review_events",
        "UPDATE submissions SET payload = submissions.payload, total_score = 100",
        "DELETE FROM submissions",
        "UPDATE scorecards SET total_score = 100",
        "DELETE FROM scorecards",
    ],
)
def test_the_database_refuses_to_change_the_record(cast: Cast, statement: str) -> None:
    c = cast
    sid = _submit(c)
    c.sato.start_review(sid)
    c.sato.override_level(sid, "plan", 3, "reason")
    before = c.sato.review_events(sid)
    with pytest.raises(DBAPIError, match="append-only"), c.store.engine.begin() as conn:
        conn.execute(text(statement))
    assert c.sato.review_events(sid) == before
    assert c.sato.submission(sid).total_score == 55.0


@pytest.mark.parametrize("cohorts", [2, 10])
def test_queue_order_across_cohorts_with_equal_times(cast: Cast, cohorts: int) -> None:
    c = cast
    op = c.operator
    op.add_user("multi", "supervisor")
    for k in range(cohorts):
        op.add_cohort(f"g{k}")
        op.add_member(f"g{k}", "multi")
        op.add_user(f"u{k}", "trainee")
        op.add_member(f"g{k}", f"u{k}")
    records = [
        {
            "key": f"r{n}",
            "trainee": f"u{n % cohorts}",
            "cohort": f"g{n % cohorts}",
            "scenario_hash": c.scenario_hash,
            "seed": n,
            # Many submissions share a second: the id breaks the tie.
            "submitted_at": f"2026-11-27T09:00:{(n * 7) % 13:02d}+00:00",
            "payload": {"n": n},
        }
        for n in range(150)
    ]
    op.import_submissions(records, batch_size=40)
    expected = sorted(
        (op.submission(sid) for sid in range(1, 151)),
        key=lambda x: (x.submitted_at, x.id),
    )
    seen, cursor = [], None
    while True:
        page = c.multi.review_queue(cursor=cursor, limit=7)
        seen += [r.submission_id for r in page.rows]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [x.id for x in expected]
