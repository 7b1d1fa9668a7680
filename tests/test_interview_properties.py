"""Property tests of the interview engine: replay, bounds, gates, seed independence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.interview import Move, play
from simulator.interview.gates import opens
from simulator.interview.transcript import Transcript
from simulator.models.vocab import Technique, Topic
from tests.interview_helpers import persona, scenario

# A few free-text moves in the mix, including ones the classifier cannot read.
TEXTS = [
    "今日はどうされましたか？",
    "大変でしたね。",
    "お金のことを教えてください",
    "家賃はいくらですか",
    "なんで貯金しなかったんですか",
    "……",
    "眠れていますか？",
    "つらかったんですね",
    "どうしてですか？",
    "xyz",
    "とにかくハローワークに行ってください",
]

structured = st.builds(
    Move,
    topic=st.one_of(st.none(), st.sampled_from(list(Topic))),
    technique=st.sampled_from(list(Technique)),
)
free_text = st.sampled_from(TEXTS).map(lambda text: Move(text=text))
moves_lists = st.lists(st.one_of(structured, structured, free_text), max_size=45)
seeds = st.integers(min_value=0, max_value=10_000)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _play(moves: list[Move], seed: int) -> Transcript:
    return play(scenario(), persona(seed), moves)


@SETTINGS
@given(moves=moves_lists, seed=seeds)
def test_replay_is_exact(moves: list[Move], seed: int) -> None:
    assert _play(moves, seed).to_json() == _play(moves, seed).to_json()


@SETTINGS
@given(moves=moves_lists, seed=seeds)
def test_rapport_stays_within_bounds(moves: list[Move], seed: int) -> None:
    transcript = _play(moves, seed)
    for turn in transcript.turns:
        assert 0 <= turn.rapport_before <= 100
        assert 0 <= turn.rapport_after <= 100
        assert 0 <= turn.distress_after <= 100
    curve = transcript.rapport_curve
    assert all(a == t.rapport_before for a, t in zip(curve, transcript.turns, strict=False))


@SETTINGS
@given(moves=moves_lists, seed=seeds)
def test_no_fact_before_its_gate(moves: list[Move], seed: int) -> None:
    sc = scenario()
    transcript = _play(moves, seed)
    disclosed: list[str] = []
    for turn in transcript.turns:
        assert len(turn.disclosed) <= 1
        if turn.technique is None or turn.topic is None:
            assert turn.disclosed == []
            continue
        for fid in turn.disclosed:
            fact = sc.fact(fid)
            assert fact is not None
            assert not turn.technique.harmful
            assert turn.topic in fact.gate.topics
            assert turn.technique in fact.gate.techniques
            assert turn.rapport_after >= fact.gate.min_rapport
            assert all(req in disclosed for req in fact.gate.requires)
            # ... and it was the first eligible fact in file order.
            for earlier in sc.facts[: sc.facts.index(fact)]:
                if earlier.id not in disclosed:
                    assert not opens(
                        earlier, turn.topic, turn.technique, turn.rapport_after, disclosed
                    )
        disclosed.extend(turn.disclosed)
    assert disclosed == transcript.disclosed_facts


@SETTINGS
@given(moves=moves_lists, seed=seeds, other=seeds)
def test_another_seed_discloses_the_same_facts(moves: list[Move], seed: int, other: int) -> None:
    a, b = _play(moves, seed), _play(moves, other)
    assert a.disclosed_facts == b.disclosed_facts
    assert [t.disclosed for t in a.turns] == [t.disclosed for t in b.turns]
    assert a.rapport_curve == b.rapport_curve
    assert [(c.fact, c.turn) for c in a.missed_cues] == [(c.fact, c.turn) for c in b.missed_cues]
