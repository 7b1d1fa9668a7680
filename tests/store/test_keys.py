"""Idempotency keys are their trainee's own (issue 18, item 4): nobody can claim another
trainee's next key, and a refusal never tells whether someone else used a key."""

from __future__ import annotations

import pytest

from simulator.store import Conflict

from .cast import Cast, exemplar, submit_exemplar


def _next_key(cast: Cast, who: str) -> tuple[int, str]:
    """The next attempt of ``who`` and the key the practice app gives its first version."""
    attempt = getattr(cast, who).start_attempt(cast.cases["hiseiki-kinkyuu"], seed=exemplar().seed)
    return attempt.id, f"casework/{who}/{attempt.id}/v001"


def test_a_key_taken_by_another_trainee_does_not_block_mine(cast: Cast) -> None:
    attempt, key = _next_key(cast, "hana")
    # taro guesses hana's key and submits his own work with it first.
    squatted = submit_exemplar(cast, "taro", idempotency_key=key)
    mine = submit_exemplar(cast, "hana", attempt=attempt, idempotency_key=key)
    assert mine.trainee == "hana" and mine.attempt_id == attempt and mine.id != squatted.id
    assert mine.idempotency_key == key and squatted.idempotency_key == key
    # A retry of either is still that trainee's one submission.
    again = submit_exemplar(cast, "hana", attempt=attempt, idempotency_key=key)
    assert again.id == mine.id
    assert [s.id for s in cast.hana.submissions()] == [mine.id]
    assert [s.id for s in cast.taro.submissions()] == [squatted.id]


def test_using_a_key_someone_else_used_reveals_nothing(cast: Cast) -> None:
    first = submit_exemplar(cast, "hana", idempotency_key="tab-1")
    # The same key from another trainee is simply a new submission: no "key used" refusal.
    other = submit_exemplar(cast, "taro", idempotency_key="tab-1")
    assert other.trainee == "taro" and other.id != first.id
    # Only one's own key, reused on another attempt, is refused (and it says so).
    with pytest.raises(Conflict) as refused:
        submit_exemplar(cast, "hana", idempotency_key="tab-1")
    assert refused.value.key == "store.conflict.key_used"


def test_imported_records_keep_keys_per_trainee(cast: Cast) -> None:
    work = exemplar()
    records = [
        {
            "key": "laptop/1",
            "trainee": who,
            "cohort": "east",
            "scenario_hash": cast.cases["hiseiki-kinkyuu"],
            "seed": work.seed,
            "payload": work.model_copy(update={"trainee_id": who}).model_dump(mode="json"),
        }
        for who in ("hana", "taro")
    ]
    first = cast.ada.import_submissions(records)
    again = cast.ada.import_submissions(records)
    assert (first.stored, first.skipped) == (2, 0)
    assert (again.stored, again.skipped) == (0, 2)
    assert [s.idempotency_key for s in cast.taro.submissions()] == ["laptop/1"]
