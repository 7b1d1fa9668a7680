"""Unit tests of the interview state machine (simulator/interview/engine.py and friends)."""

from __future__ import annotations

import json

import pytest

from simulator.interview import (
    Deflection,
    Interview,
    Move,
    MoveParseError,
    SessionOver,
    parse_moves,
    play,
)
from simulator.interview.rapport import technique_table
from simulator.interview.seeding import turn_rng
from simulator.models.vocab import Technique, Topic
from tests.interview_helpers import persona, scenario

T = Technique


def mv(topic: str | None, technique: Technique) -> Move:
    return Move(topic=Topic(topic) if topic else None, technique=technique)


def interview(seed: int = 1) -> Interview:
    return Interview(scenario(), persona(seed))


# ----------------------------------------------------------------------------- rapport


def test_rapport_starts_at_the_template_value() -> None:
    iv = interview()
    assert iv.state.rapport == scenario().persona.initial_rapport == 20


@pytest.mark.parametrize(
    ("technique", "delta"),
    [
        (T.empathy, 8),
        (T.reflection, 6),
        (T.summary, 4),
        (T.open_question, 3),
        (T.silence, 2),
        (T.reassurance, 1),
        (T.information, 1),
        (T.closed_question, 0),
        (T.interrogation, -10),
        (T.judgement, -15),
        (T.blame, -15),
        (T.premature_advice, -8),
    ],
)
def test_contract_deltas(technique: Technique, delta: int) -> None:
    # The contract scenario authors write gates to; a change here breaks their scenarios.
    assert technique_table().rapport[technique] == delta
    iv = interview()
    turn = iv.step(mv("social", technique))
    assert turn.rapport_after - turn.rapport_before == delta


def test_advice_after_exploring_costs_two() -> None:
    iv = interview()
    for m in [
        mv("complaint", T.open_question),
        mv("household", T.open_question),
        mv("health", T.open_question),
        mv("household", T.empathy),
    ]:
        iv.step(m)
    assert len(iv.state.disclosed) >= 3
    turn = iv.step(mv("employment", T.advice))
    assert turn.technique is T.advice
    assert turn.rapport_after - turn.rapport_before == -2


def test_third_closed_question_in_a_row_costs_three() -> None:
    iv = interview()
    deltas = [
        (t.rapport_after - t.rapport_before)
        for t in (iv.step(mv("social", T.closed_question)) for _ in range(4))
    ]
    assert deltas == [0, 0, -3, -3]
    iv.step(mv("social", T.empathy))  # ends the run
    assert iv.step(mv("social", T.closed_question)).rapport_after == iv.state.rapport


def test_rapport_is_clamped() -> None:
    iv = interview()
    for _ in range(5):
        iv.step(mv("social", T.blame))
    assert iv.state.rapport == 0
    for _ in range(20):
        iv.step(mv("social", T.empathy))
    assert iv.state.rapport == 100


# ----------------------------------------------------------------------------- context rules


def test_advice_in_the_opening_is_premature() -> None:
    turn = interview().step(mv("employment", T.advice))
    assert turn.technique is T.premature_advice
    assert turn.rapport_after - turn.rapport_before == -8
    assert any("premature" in line for line in turn.explanation)


def test_repeated_why_questions_become_interrogation() -> None:
    iv = interview()
    # A bare 「どうして辞めたんですか？」 now reads as interrogation on its own: every blind
    # writer labelled that shape so. A polite why-question is an open question first.
    first = iv.step(Move(text="なぜそう思われたのか、よかったら聞かせてください"))
    second = iv.step(Move(text="どうしてそう思ったんですか？"))
    third = iv.step(Move(text="なぜですか？"))
    assert first.technique is T.open_question
    assert second.technique is T.interrogation
    assert third.technique is T.interrogation


def test_topicless_move_continues_the_previous_topic() -> None:
    iv = interview()
    iv.step(mv("complaint", T.open_question))  # the opening cue of rent_arrears
    cue_follow = iv.step(Move(technique=T.empathy))  # heard as about the pending cue
    assert cue_follow.topic is Topic.housing and cue_follow.topic_source == "cue"
    iv.step(Move(technique=T.empathy))  # the second opening cue (suicidal_thoughts)
    iv.step(mv("household", T.open_question))
    turn = iv.step(Move(technique=T.reflection))
    assert turn.topic is Topic.household
    assert turn.topic_source == "previous"


def test_first_topicless_move_is_about_the_complaint() -> None:
    turn = interview().step(Move(text="今日はどうされましたか？"))
    assert turn.topic is Topic.complaint
    assert turn.disclosed == ["job_loss"]


# ----------------------------------------------------------------------------- gates


def test_fact_opens_only_when_every_condition_holds() -> None:
    iv = interview()
    # income_pension needs income/household, open/reflection/empathy, rapport 25.
    low = iv.step(mv("income", T.closed_question))
    assert low.disclosed == [] and low.deflection is Deflection.technique
    low = iv.step(mv("income", T.open_question))  # 20 + 3 = 23 < 25
    assert low.disclosed == [] and low.deflection is Deflection.low_rapport
    ok = iv.step(mv("income", T.open_question))  # 26
    assert ok.disclosed == ["income_pension"]


def test_prerequisite_deflection_and_chain() -> None:
    iv = interview()
    for _ in range(5):
        iv.step(mv("social", T.empathy))  # rapport 60
    turn = iv.step(mv("mental_health", T.empathy))
    assert turn.disclosed == []
    assert turn.deflection is Deflection.prerequisite
    iv.step(mv("health", T.open_question))  # not_sleeping
    assert "not_sleeping" in iv.state.disclosed
    turn = iv.step(mv("mental_health", T.empathy))
    assert turn.disclosed == ["suicidal_thoughts"]


def test_at_most_one_fact_per_move_in_file_order() -> None:
    iv = interview()
    for _ in range(4):
        iv.step(mv("social", T.empathy))
    # household opens lives_with_mother (earlier in the file) before income_pension.
    first = iv.step(mv("household", T.empathy))
    second = iv.step(mv("household", T.empathy))
    assert first.disclosed == ["lives_with_mother"]
    assert second.disclosed == ["income_pension"]


def test_harmful_moves_never_open_and_say_so() -> None:
    iv = interview()
    for technique in (T.judgement, T.blame, T.interrogation, T.premature_advice):
        turn = iv.step(mv("employment", technique))
        assert turn.disclosed == []
        assert turn.deflection is Deflection.harmful


def test_nothing_more_on_an_empty_topic() -> None:
    turn = interview().step(mv("children", T.open_question))
    assert turn.deflection is Deflection.nothing_more
    assert turn.reply


def test_presenting_complaint_is_said_once() -> None:
    iv = interview()
    iv.step(mv("complaint", T.open_question))  # opens job_loss
    turn = iv.step(mv("complaint", T.open_question))
    assert iv.presenting_complaint in turn.reply
    again = iv.step(mv("complaint", T.open_question))
    assert again.deflection is Deflection.nothing_more


# ----------------------------------------------------------------------------- free text


def test_unclassified_text_gets_a_puzzled_reply_not_an_error() -> None:
    iv = interview()
    turn = iv.step(Move(text="qwerty uiop"))
    assert turn.technique is None
    assert turn.deflection is Deflection.unclassified
    assert turn.rapport_after == turn.rapport_before
    assert turn.reply


def test_free_text_turn_records_the_classification() -> None:
    turn = interview().step(Move(text="お仕事のことを教えてください"))
    assert turn.text == "お仕事のことを教えてください"
    assert turn.topic is Topic.employment and turn.technique is T.open_question
    assert turn.topic_source == "text"
    assert any(line.startswith("=> technique") for line in turn.explanation)


def test_placeholders_are_filled_from_the_persona() -> None:
    p = persona(4)
    iv = Interview(scenario(), p)
    turn = iv.step(mv("employment", T.open_question))
    assert turn.disclosed == ["job_loss"]
    assert "{" not in turn.reply
    slots = p.slots()
    assert slots["last_job"] in turn.reply or slots["job_years"] in turn.reply


# ----------------------------------------------------------------------------- cues


def test_opening_cue_followed_up() -> None:
    iv = interview()
    first = iv.step(mv("complaint", T.open_question))
    assert first.cue_fact == "rent_arrears"
    assert first.cue and first.cue in first.reply
    follow = iv.step(Move(technique=T.empathy))  # no topic: heard as about the cue
    assert follow.topic is Topic.housing and follow.topic_source == "cue"
    assert follow.followed_cues == ["rent_arrears"]
    assert "rent_arrears" not in [c.fact for c in iv.transcript().missed_cues]


def test_cue_missed_after_the_window() -> None:
    iv = interview()
    iv.step(mv("complaint", T.open_question))
    iv.step(mv("employment", T.closed_question))
    iv.step(mv("housing", T.closed_question))  # a closed question does not follow up
    missed = iv.transcript(final=False).missed_cues
    assert [c.fact for c in missed] == ["rent_arrears"]
    assert missed[0].turn == "t01"


def test_opening_cues_then_a_second_chance_on_the_topic() -> None:
    iv = interview()
    turns = [iv.step(mv("social", T.closed_question)) for _ in range(4)]
    assert [t.cue_fact for t in turns] == ["rent_arrears", "suicidal_thoughts", None, None]
    assert [c.fact for c in iv.transcript(final=False).missed_cues] == [
        "rent_arrears",
        "suicidal_thoughts",
    ]
    # Touching housing while rent_arrears stays closed drops its second cue.
    turn = iv.step(mv("housing", T.closed_question))
    assert turn.disclosed == []
    assert turn.cue_fact == "rent_arrears"
    assert turn.cue == scenario().fact("rent_arrears").cues[1]  # type: ignore[union-attr]
    # No cue is left for suicidal_thoughts (it had one).
    assert iv.step(mv("mental_health", T.closed_question)).cue is None


def test_no_cue_on_a_harmful_move_or_in_the_closing() -> None:
    iv = interview()
    assert iv.step(mv("complaint", T.judgement)).cue is None
    iv2 = interview()
    budget = scenario().turn_budget
    for _ in range(budget - 1):
        iv2.step(mv("children", T.silence))
    last = iv2.step(mv("housing", T.closed_question))
    assert last.phase.value == "closing" and last.cue is None


# ----------------------------------------------------------------------------- budget, play


def test_budget_ends_the_session() -> None:
    iv = interview()
    for _ in range(scenario().turn_budget):
        iv.step(mv("social", T.silence))
    assert iv.finished
    with pytest.raises(SessionOver):
        iv.step(mv("social", T.silence))


def test_play_counts_moves_past_the_budget() -> None:
    moves = [mv("social", T.silence)] * (scenario().turn_budget + 3)
    transcript = play(scenario(), persona(), moves)
    assert len(transcript.turns) == scenario().turn_budget
    assert transcript.moves_ignored == 3


def test_persona_of_another_scenario_is_refused() -> None:
    other = persona().model_copy(update={"scenario_id": "other-case"})
    with pytest.raises(ValueError, match="other-case"):
        Interview(scenario(), other)


def test_turn_ids_and_json_shape() -> None:
    transcript = play(scenario(), persona(), [mv("complaint", T.open_question)] * 3)
    data = json.loads(transcript.to_json())
    assert [t["id"] for t in data["turns"]] == ["t01", "t02", "t03"]
    for key in ("id", "topic", "technique", "reply", "rapport_after", "disclosed"):
        assert key in data["turns"][0]
    assert data["disclosed_facts"] == ["job_loss"]
    assert "missed_cues" in data


def test_turn_rng_is_stable() -> None:
    # Derived from SHA-256, not hash(): the same on every machine and day.
    assert turn_rng("interview-test", 1, 1).random() == turn_rng("interview-test", 1, 1).random()
    assert turn_rng("interview-test", 1, 1).random() != turn_rng("interview-test", 2, 1).random()


# ----------------------------------------------------------------------------- moves input


def test_parse_moves_reads_both_kinds_and_skips_blank_lines() -> None:
    moves = parse_moves(
        [
            '{"text": "大変でしたね"}',
            "",
            '{"topic": "debt", "technique": "empathy"}',
            '{"technique": "silence"}',
        ]
    )
    assert moves == [
        Move(text="大変でしたね"),
        Move(topic=Topic.debt, technique=T.empathy),
        Move(technique=T.silence),
    ]


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"topic": "debt"}', "either 'text' or 'technique'"),
        ('{"topic": "money", "technique": "empathy"}', "unknown value 'money'"),
        ('{"topic": "debt", "technique": "hug"}', "technique"),
        ('{"text": "はい", "technique": "silence"}', "not both"),
        ('{"text": ""}', "text"),
        ('{"text": "はい", "colour": "red"}', "colour"),
    ],
)
def test_parse_moves_names_the_bad_line(line: str, fragment: str) -> None:
    with pytest.raises(MoveParseError) as err:
        parse_moves(['{"text": "こんにちは"}', "", line])
    assert err.value.line == 3
    assert str(err.value).startswith("line 3: ")
    assert fragment in str(err.value)


def test_quoting_the_clients_words_asks_about_what_they_told() -> None:
    """「さっき『…』っておっしゃいましたね」 is about the fact those words told, whatever else
    the remark's words suggest; a remark that quotes nothing is read as before."""
    iv = interview()
    told = None
    for _ in range(12):
        turn = iv.step(mv("complaint", Technique.open_question))
        turn = turn if turn.disclosed else iv.step(mv("housing", Technique.open_question))
        if turn.disclosed:
            told = turn
            break
    assert told is not None, "the template case told nothing to open questions"
    fact = iv.scenario.fact(told.disclosed[0])
    assert fact is not None
    words = next(
        told.reply[at : at + 8]
        for at in range(len(told.reply) - 8)
        if not any(c in "。、…「」？！ " for c in told.reply[at : at + 8])
    )
    quoting = iv.step(Move(text=f"さきほど「{words}」とおっしゃいましたね。"))
    assert quoting.topic is fact.domain
    assert any(line.startswith("quoted:") for line in quoting.explanation)
    plain = iv.step(Move(text="なるほど、そうだったんですね。"))
    assert not any(line.startswith("quoted:") for line in plain.explanation)
