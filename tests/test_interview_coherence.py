"""The client never contradicts the record (issue: the client answers what was asked).

On every shipped case: asked again about a fact already told, in several wordings, the
client never denies it; screening questions are answered as the case's facts say; and a
property test over random conversations finds no denial of a subject the case holds.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.interview import Interview, Move, StrongBot, play
from simulator.interview.answering import related, screens
from simulator.interview.replies import fill, reply_data
from simulator.models import Persona, Scenario
from simulator.models.vocab import Topic
from simulator.persona import generate_persona
from simulator.scenario import load_region, load_scenario

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p.stem for p in (ROOT / "cases_synthetic").glob("*.yaml"))


@cache
def case(case_id: str) -> tuple[Scenario, Persona]:
    scenario = load_scenario(ROOT / "cases_synthetic" / f"{case_id}.yaml")
    region = load_region(ROOT / "cases_synthetic" / "regions" / f"{scenario.region}.yaml")
    return scenario, generate_persona(scenario, region, 5)


def denials() -> list[str]:
    """Every line by which the client says 'nothing of that kind'."""
    data = reply_data()
    lines = list(data.deflections["nothing_more"])
    for said in data.screening_no.values():
        lines.extend(said)
    return lines


def denies(reply: str) -> bool:
    return any(line in reply for line in denials())


@cache
def strong_moves(case_id: str) -> list[Move]:
    """What a good counsellor says in this case, leaving four turns at the end."""
    scenario, persona = case(case_id)
    bot = StrongBot()
    interview = Interview(scenario, persona)
    moves: list[Move] = []
    from simulator.interview.bots import Observation

    while interview.turns_left > 4:
        move = bot.next_move()
        moves.append(move)
        bot.observe(Observation.of(interview.step(move)))
    return moves


def _phrase(text: str) -> str:
    """The first clause of what the client said that says something (six characters or
    more), as a counsellor would quote it back."""
    clauses = [c for c in re.split(r"[。、…！？!?]", text.strip("…。 ")) if len(c) >= 6]
    return (clauses[0] if clauses else text)[:24]


def reasks(scenario: Scenario, persona: Persona, fact_id: str, told_in: str = "") -> list[str]:
    """Three ways to ask again; the first two quote what the client said when telling it
    (``told_in``, the reply), as a counsellor quotes back what they heard."""
    fact = scenario.fact(fact_id)
    assert fact is not None
    said = _phrase(told_in or fill(fact.wordings[0], persona.slots()))
    summary = _phrase(fact.summary.ja)
    return [
        f"さきほど「{said}」とおっしゃっていましたね。そのことをもう少し聞かせてもらえますか",
        f"{said}、ということでしたよね？",
        f"{summary}、というお話について、いま改めて伺ってもいいですか",
    ]


@pytest.mark.parametrize("case_id", CASES)
def test_asking_again_about_a_told_fact_never_denies_it(case_id: str) -> None:
    scenario, persona = case(case_id)
    prefix = strong_moves(case_id)
    heard = play(scenario, persona, prefix)
    told = heard.disclosed_facts
    assert told, f"{case_id}: the strong counsellor heard nothing"
    replies = {f: t.reply for t in heard.turns for f in t.disclosed}
    for fact_id in told:
        for text in reasks(scenario, persona, fact_id, replies[fact_id]):
            turn = play(scenario, persona, [*prefix, Move(text=text)]).turns[-1]
            assert not denies(turn.reply), (case_id, fact_id, text, turn.reply)
            assert turn.technique is not None, (case_id, text)


SCREENING_QUESTIONS = {
    Topic.mental_health: "死にたいと思うことはありますか",
    Topic.abuse: "家で暴力を受けることはありますか",
    Topic.food_cash: "今日は何か食べましたか",
    Topic.debt: "借金や滞納はありますか",
    Topic.housing: "今の部屋から追い出されそうな状況ですか",
}


@pytest.mark.parametrize("case_id", CASES)
@pytest.mark.parametrize("topic", list(SCREENING_QUESTIONS))
def test_screening_questions_are_answered_as_the_facts_say(case_id: str, topic: Topic) -> None:
    scenario, persona = case(case_id)
    question = SCREENING_QUESTIONS[topic]
    # Asked early (turn 3, after a greeting) and late (after a good counsellor's interview).
    early = [Move(text="今日はどのようなことでいらっしゃいましたか"), Move(text="そうでしたか")]
    holds = any(screens(f, topic) for f in scenario.facts)
    no_lines = reply_data().screening_no[topic]
    for prefix in (early, strong_moves(case_id)):
        turn = play(scenario, persona, [*prefix, Move(text=question)]).turns[-1]
        if holds:
            assert not denies(turn.reply), (case_id, topic, turn.reply)
        else:
            assert any(line in turn.reply for line in no_lines), (case_id, topic, turn.reply)


# A conversation in the hiseiki-kinkyuu case (rent arrears, no food, no suicide risk): free
# text of every kind, screening questions and re-asks among them.
POOL = [
    "今日はどのようなことでいらっしゃいましたか",
    "大変でしたね",
    "お仕事のことを教えてください",
    "家賃のことで困っていることはありますか",
    "管理会社からの書類には何と書いてありましたか",
    "さきほどの家賃のこと、もう少し聞かせてください",
    "今日は何か食べましたか",
    "死にたいと思うことはありますか",
    "借金はありますか",
    "頼れる人は身近にいらっしゃいますか",
    "なんでもっと早く来なかったんですか",
    "うん……",
    "ガスや電気は止まっていませんか",
    "夜は眠れていますか",
    "ここでのお話は外に漏れることはありません",
    "xyz",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.sampled_from(POOL), min_size=1, max_size=30),
    seed=st.integers(min_value=0, max_value=50),
)
def test_no_conversation_makes_the_client_deny_what_the_case_holds(
    texts: list[str], seed: int
) -> None:
    scenario, _ = case("hiseiki-kinkyuu")
    region = load_region(ROOT / "cases_synthetic" / "regions" / f"{scenario.region}.yaml")
    persona = generate_persona(scenario, region, seed)
    transcript = play(scenario, persona, [Move(text=t) for t in texts])
    data = reply_data()
    for turn in transcript.turns:
        # "Nothing of that kind" to a screening question: the case holds nothing it screens for.
        for topic, lines in data.screening_no.items():
            if any(line in turn.reply for line in lines):
                holding = [f.id for f in scenario.facts if screens(f, topic)]
                assert not holding, (turn.id, turn.text, turn.reply, holding)
        # "Nothing more on that": the case holds nothing on the subject as read.
        if turn.topic is not None and any(
            line in turn.reply for line in data.deflections["nothing_more"]
        ):
            holding = [f.id for f in scenario.facts if related(f, turn.topic)]
            assert not holding, (turn.id, turn.text, turn.reply, holding)


GENERAL_QUESTIONS = [
    "何か困っていることはありますか",
    "何か困っていることはある？",
    "心配なことはありますか",
    "いま、どんなことでお悩みですか",
]


@pytest.mark.parametrize("case_id", CASES)
def test_a_general_question_is_not_taken_for_one_hidden_fact(case_id: str) -> None:
    # Every intake asks what troubles the client; a fact that happens to say 困る must not be
    # what such a question asks about (it once opened a suicide plan's subject in kishinen).
    scenario, persona = case(case_id)
    for text in GENERAL_QUESTIONS:
        turn = Interview(scenario, persona).step(Move(text=text))
        assert turn.asked_about is None, (text, turn.asked_about, turn.explanation)
