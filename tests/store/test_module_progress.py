"""Curriculum progress: append-only module events per trainee, read by role, on SQLite and
PostgreSQL; the capstone's submitted and approved come from the review queue."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from simulator.store import InvalidInput, PermissionDenied
from simulator.store.progress import CAPSTONE, ModuleEventKind

from .cast import Cast, submit_exemplar


def test_events_add_up_to_a_module_s_progress(cast: Cast) -> None:
    hana = cast.hana
    hana.record_module_event("03", ModuleEventKind.module_started)
    hana.record_module_event("03", "exercise_done", detail={"case": "netcafe-kyojuu"})
    hana.record_module_event("03", "check_failed", score=0.4, detail={"answers": [0, 1]})
    assert not hana.module_progress()["03"].check_passed
    hana.record_module_event("03", "check_passed", score=0.8)
    hana.record_module_event("03", "reflection_written", text="沈黙を待てなかった")
    hana.record_module_event("03", "reflection_written", text="沈黙を待てた。次は要約を")

    got = hana.module_progress()["03"]
    assert got.check_passed and got.check_attempts == 2 and got.best_score == 0.8
    assert got.reflection == "沈黙を待てた。次は要約を"  # the latest one
    assert got.completed
    assert [e.kind for e in hana.module_events(module="03")][:2] == [
        ModuleEventKind.module_started,
        ModuleEventKind.exercise_done,
    ]
    # A supervisor of her cohort reads it; one of another cohort and other trainees do not.
    assert cast.sato.module_progress("hana")["03"].reflection == got.reflection
    for who in ("suzu", "taro"):
        with pytest.raises(PermissionDenied):
            getattr(cast, who).module_events("hana")
    # Only a trainee records, and only for themselves.
    with pytest.raises(PermissionDenied):
        cast.sato.record_module_event("03", "module_started")
    assert cast.taro.module_progress() == {}


def test_bad_progress_input_is_refused_with_a_clear_error(cast: Cast) -> None:
    hana = cast.hana
    for module, kind, kw in (
        ("03", "reflection_written", {"text": "   "}),
        ("03", "reflection_written", {}),
        ("03", "check_passed", {}),
        ("03", "check_passed", {"score": 1.5}),
        ("03", "module_started", {"score": 0.5}),
        ("03", "exercise_done", {"text": "x"}),
        ("03", "finished", {}),
        ("../etc", "module_started", {}),
    ):
        with pytest.raises(InvalidInput) as info:
            hana.record_module_event(module, kind, **kw)
        assert info.value.message("en")  # a sentence, in the catalog
    assert hana.module_events() == []


def test_a_reflection_draft_is_kept_until_the_reflection_is_written(cast: Cast) -> None:
    cast.hana.save_module_draft("05", "まず安全を")
    cast.hana.save_module_draft("05", "まず安全を確かめ、主任に当日相談する")
    # Another connection (a restarted kernel) finds the draft.
    again = cast.store.as_user("hana")
    assert again.module_draft("05") == "まず安全を確かめ、主任に当日相談する"
    assert cast.taro.module_draft("05") is None
    again.record_module_event("05", "reflection_written", text="まず安全を確かめる")
    assert again.module_draft("05") is None
    assert again.module_progress()["05"].reflection == "まず安全を確かめる"


def test_module_events_are_append_only_and_go_with_an_erasure(cast: Cast) -> None:
    cast.hana.record_module_event("01", "module_started")
    cast.hana.record_module_event("01", "reflection_written", text="一つの意義")
    cast.hana.save_module_draft("02", "同意とは")
    for statement in ("UPDATE module_events SET text = 'x'", "DELETE FROM module_events"):
        with pytest.raises(DBAPIError, match="append-only"), cast.store.engine.begin() as conn:
            conn.execute(text(statement))
    data = cast.ada.trainee_data("hana")
    assert [e["kind"] for e in data["module_events"]] == ["module_started", "reflection_written"]
    assert data["module_drafts"][0]["text"] == "同意とは"
    counts = cast.ada.erase_trainee("hana")
    assert (counts["module_events"], counts["module_drafts"]) == (2, 1)


def test_the_capstone_is_submitted_and_approved_through_the_review_queue(cast: Cast) -> None:
    hana = cast.hana
    # Work submitted before the capstone started does not count for it.
    earlier = submit_exemplar(cast, "hana")
    hana.record_module_event(CAPSTONE, "module_started")
    assert hana.module_progress()[CAPSTONE].submitted_at is None
    sub = submit_exemplar(cast, "hana", level="strong")
    got = hana.module_progress()[CAPSTONE]
    assert got.submitted_at == sub.submitted_at and got.approved_at is None
    cast.sato.start_review(earlier.id)
    cast.sato.approve(earlier.id)  # the earlier one still does not count
    assert hana.module_progress()[CAPSTONE].approved_at is None
    cast.sato.start_review(sub.id)
    cast.sato.approve(sub.id)
    got = cast.sato.module_progress("hana")[CAPSTONE]
    assert got.approved_at is not None and got.approved_at >= got.submitted_at  # type: ignore[operator]
    assert not got.completed  # the capstone's reflection is still to write
    hana.record_module_event(CAPSTONE, "reflection_written", text="全体を通して")
    assert hana.module_progress()[CAPSTONE].completed
