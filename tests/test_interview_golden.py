"""Golden transcript: a scripted interview, byte for byte. Regenerate with --update-goldens
and read the diff to see what a change to the engine, its data or the personas did."""

from __future__ import annotations

from pathlib import Path

from simulator.interview import debrief, parse_moves, play
from tests.interview_helpers import DATA, persona, scenario

GOLDEN = Path(__file__).parent / "golden" / "interview_transcript.json"


def test_scripted_transcript_matches_golden(update_goldens: bool) -> None:
    moves = parse_moves((DATA / "interview_moves.jsonl").read_text("utf-8").splitlines())
    text = play(scenario(), persona(11), moves).to_json() + "\n"
    if update_goldens:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_debrief_of_the_scripted_interview() -> None:
    moves = parse_moves((DATA / "interview_moves.jsonl").read_text("utf-8").splitlines())
    transcript = play(scenario(), persona(11), moves)
    report = debrief(scenario(), transcript)
    assert report.turns_used == 10
    assert report.rapport_curve == transcript.rapport_curve
    assert len(report.rapport_curve) == 11
    assert report.technique_mix.harmful == 1  # the judgement
    assert report.technique_mix.unclassified == 1
    assert report.technique_mix.counts["summary"] == 1
    elicited = set(report.elicited)
    assert {f.fact for f in report.missed} == {f.id for f in scenario().facts} - elicited
    lenders = next(f for f in report.missed if f.fact == "debt_lenders")
    assert lenders.key and not lenders.urgent
    assert "共感" in lenders.hint.ja and "50" in lenders.hint.ja
    assert "empathy" in lenders.hint.en and "rapport is at least 50" in lenders.hint.en
    assert "消費者金融" in lenders.hint.ja  # the prerequisite, in the trainee's words
    assert report.key_share == round(len(report.key_elicited) / len(report.key_facts), 3)
