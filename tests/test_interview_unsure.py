"""Saying when unsure: an unsure reading is shown before the remark is said, the trainee
corrects it with one click, and the correction is logged in the transcript and replays."""

from __future__ import annotations

import pytest

from simulator.interview import Move, play
from simulator.interview.moves import Correction, MoveParseError, parse_moves
from simulator.models.vocab import Technique, Topic
from simulator.widgets.interview_panel import InterviewPanel, turn_html
from tests.interview_helpers import persona, scenario

# Remarks the model reads with little confidence; the first still unsure in every shipped case
# after a retrain is used (the topic reads the case, and the browser test opens whichever case
# the page offers first; a test below fails loudly if a retrain makes all of them sure).
CANDIDATES = (
    "手元の書類、見せてもらってもいいですか",
    "お腹のあたりを押さえてらっしゃいますけど…",
    "書類のことで",
    "そのへんは、まあ",
)


def _first_unsure() -> str:
    from pathlib import Path

    from simulator.interview import classify
    from simulator.interview.matching import matcher
    from simulator.scenario import load_scenario

    cases = Path(__file__).resolve().parents[1] / "cases_synthetic"
    scenarios = [load_scenario(p) for p in sorted(cases.glob("*.yaml"))]

    def unsure_everywhere(text: str) -> bool:
        return classify(text).unsure and all(
            classify(text, s.vocabulary, matcher(s).by_topic(text)).unsure for s in scenarios
        )

    return next((t for t in CANDIDATES if unsure_everywhere(t)), "")


UNSURE = _first_unsure()


def test_there_is_an_unsure_remark_to_test_with() -> None:
    assert UNSURE, "every candidate is read with confidence now: add an unsure remark"


def test_an_unsure_remark_waits_for_the_trainee_and_keeps_the_typing() -> None:
    panel = InterviewPanel(scenario(), persona(3))
    reading = panel.interview.read(UNSURE)
    assert reading.unsure, reading.explanation
    panel.text.value = UNSURE
    assert panel.say(UNSURE) is None
    assert panel.interview.turns == []  # nothing said yet
    assert panel.text.value == UNSURE  # nothing typed is lost
    assert panel.confirm.layout.display == "flex"
    labels = [b.description for b in panel.confirm_buttons.children]
    assert labels[0] == "このまま話す"
    assert len(labels) >= 3  # as read, and at least two other readings
    assert "自信がありません" in panel.confirm_note.value


def test_one_click_corrects_the_reading_and_the_transcript_keeps_both() -> None:
    panel = InterviewPanel(scenario(), persona(3))
    panel.say(UNSURE)
    reading = panel.pending
    assert reading is not None
    alternative = reading.alternatives[0]
    panel.confirm_buttons.children[1].click()  # the likeliest other reading
    turn = panel.interview.turns[-1]
    assert turn.technique is alternative.technique
    if alternative.topic is not None:  # no topic: the engine takes it from the context
        assert turn.topic is alternative.topic
    assert turn.corrected_from == {
        "topic": reading.topic.value if reading.topic else None,
        "technique": reading.technique.value if reading.technique else None,
    }
    assert any(line.startswith("corrected by the trainee") for line in turn.explanation)
    assert panel.confirm.layout.display == "none" and panel.text.value == ""
    assert "あなたが選んだ読み方" in turn_html(turn, None)


def test_sending_as_read_keeps_the_reading_and_marks_it_unsure() -> None:
    panel = InterviewPanel(scenario(), persona(3))
    panel.say(UNSURE)
    panel.confirm_buttons.children[0].click()
    turn = panel.interview.turns[-1]
    assert turn.unsure and turn.corrected_from is None
    assert turn.text == UNSURE


def test_a_correction_replays_exactly_from_a_moves_file() -> None:
    lines = [
        '{"text": "' + UNSURE + '", "correction": {"topic": "health", '
        '"technique": "open_question"}}',
        '{"text": "大変でしたね"}',
    ]
    moves = parse_moves(lines)
    assert moves[0].correction == Correction(topic=Topic.health, technique=Technique.open_question)
    first = play(scenario(), persona(7), moves).to_json()
    assert first == play(scenario(), persona(7), moves).to_json()
    assert '"corrected_from"' in first


def test_a_correction_needs_text() -> None:
    with pytest.raises(MoveParseError, match=r"line 1: .*correction"):
        parse_moves(['{"technique": "empathy", "correction": {"technique": "empathy"}}'])
    assert Move(text="はい").correction is None


def test_the_menu_gives_any_other_reading_of_a_waiting_remark() -> None:
    panel = InterviewPanel(scenario(), persona(3))
    panel.say(UNSURE)
    turn = panel.choose(Topic.debt.value, Technique.closed_question.value)
    assert turn is not None and turn.text == UNSURE
    assert turn.topic is Topic.debt and turn.technique is Technique.closed_question
    assert turn.corrected_from is not None
