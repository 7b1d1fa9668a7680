"""Thirty trainees interview and submit through one real service process at once (the
load benchmark's crowd, bounded: a few turns each, no timing asserted). Nothing is lost or
refused, no interview is mixed with another (each stored transcript and each reply a
trainee received is what the engine gives for that trainee's seed alone), and every stored
score is the one the store's scorer makes of the stored work."""

from __future__ import annotations

from pathlib import Path

from tests.service_crowd import check_store, run_crowd, trainee_names
from tests.service_server import service_process, strong_play

TRAINEES = 30
TURNS = 4


def test_thirty_trainees_at_once_lose_nothing_and_keep_the_services_scores(
    tmp_path: Path,
) -> None:
    seed, moves, forms = strong_play()
    names = trainee_names(TRAINEES)
    with service_process(tmp_path, names) as svc:
        crowd = run_crowd(svc, names, seed, moves[:TURNS], forms)
        kept = check_store(svc, names, crowd)
    assert crowd.errors == []
    assert len(crowd.attempts) == TRAINEES
    assert (kept.turns_stored, kept.submissions_stored) == (TRAINEES * TURNS, TRAINEES)
    assert kept.lost == 0
    assert kept.wrong_transcripts == []
    assert kept.wrong_replies == []
    assert kept.wrong_scores == []
