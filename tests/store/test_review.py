"""Review: the queue, status changes, overrides with reasons, comments, feedback, and the
append-only record underneath."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from simulator.models.rubric import Visibility
from simulator.rubric.files import default_rubric
from simulator.rubric.scorecard import score_submission
from simulator.scenario.library import load_case
from simulator.store import Conflict, InvalidInput, PermissionDenied, Repository, Status
from simulator.store.documents import as_document, scorecard_for_trainee
from simulator.store.events import current_status
from simulator.store.queue import QueueFilter

from .cast import Cast, exemplar, expected_card, reseeded, submit_exemplar


def _submit(
    c: Cast, who: str = "hana", case: str = "hiseiki-kinkyuu", level: str = "middling"
) -> int:
    return submit_exemplar(c, who, case, level).id


def test_review_from_submission_to_released_feedback(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    auto = {r.id: r.level for r in expected_card().criteria if r.level is not None}
    assert [r.submission_id for r in c.sato.review_queue().rows] == [sid]
    assert c.hana.feedback(sid).status == Status.submitted

    c.sato.start_review(sid)
    row = c.sato.review_queue().rows[0]
    assert (row.status, row.reviewer) == (Status.in_review, "sato")
    new = 3 if auto["grounding"] != 3 else 2
    event = c.sato.override_level(
        sid,
        "grounding",
        new,
        "計画が具体的で本人の言葉に沿っている",
        expected_level=auto["grounding"],
    )
    assert (event.actor, event.old_level, event.new_level) == ("sato", auto["grounding"], new)
    assert event.text == "計画が具体的で本人の言葉に沿っている"
    c.sato.add_comment(sid, "傾聴の姿勢がよく出ています", criterion="interview_technique")
    assert c.sato.levels(sid) == {**auto, "grounding": new}
    assert not c.hana.feedback(sid).released  # still in review: nothing released

    c.sato.return_to_trainee(sid, note="計画の期限を書き足してください")
    assert c.sato.review_queue().rows == ()
    feedback = c.hana.feedback(sid)
    assert feedback.released and feedback.status == Status.returned
    assert feedback.levels == {**auto, "grounding": new}
    assert [e.kind.value for e in feedback.events] == ["status", "override", "comment", "status"]
    assert feedback.scorecard is not None
    shown = {i["id"]: i for i in feedback.scorecard["criteria"]}
    assert shown["grounding"]["level"] == new and shown["grounding"]["reviewed"]
    assert "coverage" in shown  # after_review criteria show once released

    # Returned work is reworked and submitted again: a new, second submission.
    work = reseeded(exemplar("hiseiki-kinkyuu", "strong"), exemplar().seed, "hana")
    work = work.model_copy(update={"version": 2})
    again = c.hana.submit(c.hana.submission(sid).attempt_id, work)
    assert again.number == 2 and again.status == Status.submitted


def test_approved_work_waits_for_release(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    c.sato.start_review(sid)
    c.sato.approve(sid, note="よくできています")
    # Approved but not released: still the supervisor's to act on, not yet the trainee's.
    assert [r.status for r in c.sato.review_queue().rows] == [Status.approved]
    assert not c.hana.feedback(sid).released
    assert c.hana.submission(sid).total_score is None
    c.sato.release(sid)
    assert c.sato.review_queue().rows == ()
    view = c.hana.feedback(sid)
    assert view.released and view.status == Status.released
    assert c.hana.submission(sid).status == Status.released
    assert [e.new_status for e in view.events] == ["in_review", "approved", "released"]
    with pytest.raises(Conflict):
        c.sato.release(sid)


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
    with pytest.raises(Conflict):
        c.sato.release(sid)  # only approved work is released
    c.sato.approve(sid)
    c.sato.release(sid)
    for status in Status:
        with pytest.raises(Conflict):
            c.sato.set_status(sid, status)
    with pytest.raises(Conflict):
        c.hana.submit(
            c.hana.submission(sid).attempt_id, exemplar().model_copy(update={"trainee_id": "hana"})
        )
    with pytest.raises(Conflict):
        c.sato.add_comment(sid, "too late")


def test_overrides_need_a_reason_a_known_criterion_and_the_current_level(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    auto = expected_card().criterion("grounding")
    assert auto is not None and auto.level is not None
    other, third = (auto.level + 1) % 4, (auto.level + 2) % 4
    with pytest.raises(Conflict):
        c.sato.override_level(sid, "grounding", other, "reason")  # not in review
    c.sato.start_review(sid)
    for reason in ("", "   "):
        with pytest.raises(InvalidInput):
            c.sato.override_level(sid, "grounding", other, reason)
    with pytest.raises(InvalidInput):
        c.sato.override_level(sid, "grounding", auto.level, "same as now")
    for bad in (4, -1):
        with pytest.raises(InvalidInput):
            c.sato.override_level(sid, "grounding", bad, "off the scale")
    with pytest.raises(InvalidInput):
        c.sato.override_level(sid, "made_up_criterion", 3, "no such criterion")
    c.sato.override_level(sid, "grounding", other, "first look")
    with pytest.raises(Conflict):
        c.sato.override_level(
            sid, "grounding", third, "based on a stale screen", expected_level=auto.level
        )
    second = c.sato.override_level(sid, "grounding", third, "second look", expected_level=other)
    assert (second.old_level, second.new_level) == (other, third)
    assert [e.text for e in c.sato.review_events(sid) if e.kind == "override"] == [
        "first look",
        "second look",
    ]
    # A supervisor-only criterion has no automatic level; the supervisor gives it one.
    c.sato.override_level(sid, "supervisor_judgement", 2, "面接全体を通して")
    assert c.sato.levels(sid)["supervisor_judgement"] == 2


def test_criteria_kept_from_trainees_stay_hidden_after_review() -> None:
    rubric = default_rubric()
    hidden = rubric.model_copy(
        update={
            "criteria": [
                c.model_copy(update={"visibility": Visibility.never}) if c.id == "coverage" else c
                for c in rubric.criteria
            ]
        }
    )
    scenario, region = load_case("hiseiki-kinkyuu")
    card = as_document(score_submission(exemplar(), scenario, region, hidden))
    before = scorecard_for_trainee(card, False)
    assert "coverage" not in {i["id"] for i in before["criteria"]}
    assert "resource_fit" not in {i["id"] for i in before["criteria"]}  # after review only
    assert before["total"] == sum(i["level"] * i["weight"] for i in before["criteria"])
    after = scorecard_for_trainee(card, True, {"coverage": 3}, hidden)
    assert "coverage" not in {i["id"] for i in after["criteria"]}
    assert "resource_fit" in {i["id"] for i in after["criteria"]}


def test_canned_comments(cast: Cast) -> None:
    c = cast
    rubric = expected_card().rubric_id
    kept = c.tina.add_canned_comment(
        rubric, "interview_technique", {"ja": "共感の言葉が届いています", "en": "x"}
    )
    gone = c.tina.add_canned_comment(rubric, "interview_technique", "使わなくなった言い回し")
    c.tina.retire_canned_comment(gone.id)
    assert [x.id for x in c.sato.canned_comments(rubric, "interview_technique")] == [kept.id]
    sid = _submit(c)
    c.sato.start_review(sid)
    event = c.sato.add_comment(sid, criterion="interview_technique", canned_comment_id=kept.id)
    assert event.text == "共感の言葉が届いています"
    assert event.detail == {"canned_comment": kept.id}
    with pytest.raises(InvalidInput):
        c.sato.add_comment(sid, "x", criterion="rapport")  # not a criterion of the rubric


def test_drafts_refuse_stale_saves_and_submissions_are_idempotent(cast: Cast) -> None:
    c = cast
    attempt = c.hana.start_attempt(c.scenario_hash, seed=3)
    first = c.hana.save_draft(attempt.id, {"plan": "a"})
    c.hana.save_draft(attempt.id, {"plan": "b"}, expected_revision=first.revision)
    with pytest.raises(Conflict):
        c.hana.save_draft(attempt.id, {"plan": "c"}, expected_revision=first.revision)
    assert c.hana.draft(attempt.id).payload == {"plan": "b"}  # type: ignore[union-attr]
    one = submit_exemplar(c, "hana", idempotency_key="tab-1")
    two = c.hana.submit(
        one.attempt_id,
        exemplar().model_copy(update={"trainee_id": "hana"}),
        idempotency_key="tab-1",
    )
    assert one.id == two.id and len(c.hana.submissions()) == 1


def test_queue_pages_cover_every_waiting_submission_once(cast: Cast) -> None:
    c = cast
    made = [_submit(c, who) for who in ("hana", "taro") * 30]
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
    c.sato.add_comment(sid, "reason")
    before = c.sato.review_events(sid)
    with pytest.raises(DBAPIError, match="append-only"), c.store.engine.begin() as conn:
        conn.execute(text(statement))
    assert c.sato.review_events(sid) == before
    assert c.sato.submission(sid).total_score == expected_card().total


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
            "scenario_hash": c.cases["hiseiki-kinkyuu"],
            "seed": n,
            # Many submissions share a second: the id breaks the tie.
            "submitted_at": f"2026-11-27T09:00:{(n * 7) % 13:02d}+00:00",
            "payload": as_document(reseeded(exemplar(), n, f"u{n % cohorts}")),
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


def test_the_store_scores_what_it_receives_and_nothing_else(cast: Cast) -> None:
    c = cast
    sid = _submit(c)
    card = c.sato.scorecard(sid)
    assert card is not None
    assert card.payload == as_document(expected_card())
    assert card.total_score == c.sato.submission(sid).total_score == expected_card().total
    attempt = c.hana.start_attempt(c.cases["hiseiki-kinkyuu"], seed=exemplar().seed)
    made_up = {"plan": "x", "scorecard": {"total": 63, "criteria": [{"id": "x", "level": 3}]}}
    with pytest.raises(InvalidInput):
        c.hana.submit(attempt.id, made_up)  # not a submission: nothing stored
    other_seed = reseeded(exemplar(), 1, "hana")
    with pytest.raises(InvalidInput):
        c.hana.submit(attempt.id, other_seed)  # not this attempt's case and seed
    assert len(c.hana.submissions()) == 1


def test_a_risk_left_without_a_same_day_action_goes_first(cast: Cast) -> None:
    c = cast
    calm = _submit(c, "hana", "hiseiki-kinkyuu", "weak")
    safe = _submit(c, "taro", "dv-higaisha", "strong")  # every risk met that day
    risky = _submit(c, "hana", "dv-higaisha", "middling")  # suicide risk left for later
    rows = c.sato.review_queue().rows
    assert [r.submission_id for r in rows] == [risky, calm, safe]
    assert rows[0].urgent == ("suicide_risk",)
    assert rows[1].urgent == rows[2].urgent == ()
    assert c.sato.submission(risky).urgent == ("suicide_risk",)
    assert c.hana.submission(risky).urgent == ()  # the flag would tell her what the case holds
    # Paging keeps the order across the flag's boundary.
    first = c.sato.review_queue(limit=1)
    second = c.sato.review_queue(cursor=first.next_cursor, limit=2)
    assert [r.submission_id for r in (*first.rows, *second.rows)] == [risky, calm, safe]


def test_queue_filters(cast: Cast) -> None:
    c = cast
    a = _submit(c, "hana", "hiseiki-kinkyuu", "weak")
    b = _submit(c, "taro", "dv-higaisha", "strong")
    ids = lambda **kw: [r.submission_id for r in c.sato.review_queue(where=QueueFilter(**kw)).rows]  # noqa: E731
    assert ids(scenario="dv-higaisha") == [b]
    assert ids(trainee="hana") == [a]
    c.sato.start_review(b)
    assert ids(status=Status.in_review) == [b]
    lowest = c.sato.review_queue().rows
    for row in lowest:
        assert row.lowest is not None
        assert row.submission_id in ids(lowest=row.lowest)
    with pytest.raises(PermissionDenied):
        c.sato.review_queue(where=QueueFilter(cohort="west"))
