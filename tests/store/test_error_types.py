"""Callers tell the store's errors apart by type, not by comparing message keys (issue 18,
one of each): a renamed message can no longer turn a handled case into a crash."""

from __future__ import annotations

import pytest

from simulator.store import AlreadySubmitted, Conflict, DraftChanged, NotFound, ScenarioNotFound

from .cast import Cast, submit_exemplar


def test_a_stale_draft_save_is_a_draft_changed_conflict(cast: Cast) -> None:
    attempt = cast.hana.start_attempt(cast.scenario_hash, seed=3)
    cast.hana.save_draft(attempt.id, {"plan": "a"})
    with pytest.raises(DraftChanged) as stale:
        cast.hana.save_draft(attempt.id, {"plan": "b"}, expected_revision=0)
    assert isinstance(stale.value, Conflict) and stale.value.revision == 1
    assert "1" in stale.value.message("en")


def test_a_second_submission_waiting_for_review_is_already_submitted(cast: Cast) -> None:
    first = submit_exemplar(cast, "hana")
    with pytest.raises(AlreadySubmitted):
        submit_exemplar(cast, "hana", attempt=first.attempt_id)


def test_an_unregistered_scenario_is_scenario_not_found(cast: Cast) -> None:
    with pytest.raises(ScenarioNotFound) as missing:
        cast.hana.start_attempt("0" * 64, seed=1)
    assert isinstance(missing.value, NotFound)
