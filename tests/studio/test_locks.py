"""The lock inspector on a shipped case: what keeps each fact locked at each turn agrees
with what the engine opened, and names the gate's conditions."""

from __future__ import annotations

from pathlib import Path

from simulator.interview import Interview, Move
from simulator.models.vocab import Technique, Topic
from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.studio.locks import Lock, TurnLocks, inspect_turns

CASE = Path(__file__).parents[2] / "cases_synthetic" / "netcafe-kyojuu.yaml"
MOVES = [
    Move(topic=Topic.housing, technique=Technique.closed_question),
    Move(topic=Topic.housing, technique=Technique.open_question),
    Move(topic=Topic.health, technique=Technique.empathy),
    Move(topic=Topic.employment, technique=Technique.open_question),
    Move(topic=Topic.housing, technique=Technique.reflection),
    Move(topic=Topic.health, technique=Technique.open_question),
    Move(topic=Topic.housing, technique=Technique.open_question),
]


def play() -> tuple[Interview, list[TurnLocks]]:
    scenario, region = load_case(str(CASE))
    interview = Interview(scenario, generate_persona(scenario, region, 7))
    for move in MOVES:
        interview.step(move)
    return interview, inspect_turns(scenario, interview.turns)


def test_the_inspection_agrees_with_the_engine() -> None:
    """With topic and technique given, a move opens the first untold fact (file order)
    whose gate it meets: exactly the first fact the inspector finds nothing blocking."""
    interview, inspected = play()
    for turn, locks in zip(interview.turns, inspected, strict=True):
        free = [f.fact_id for f in locks.facts if not f.told_before and not f.blocks]
        assert turn.disclosed == free[:1], turn.id


def test_it_says_what_keeps_a_fact_locked_and_what_would_open_it() -> None:
    interview, inspected = play()
    first = {f.fact_id: f for f in inspected[0].facts}
    # Turn 1: a closed question on housing at rapport below 25.
    street = first["street_nights"]
    kinds = {b.lock: b for b in street.blocks}
    assert kinds[Lock.technique].have == "closed_question"
    assert "open_question" in kinds[Lock.technique].need
    assert kinds[Lock.rapport].need == ("25",)
    assert int(kinds[Lock.rapport].have) == interview.turns[0].rapport_after < 25
    # A health fact asked about housing: the topic is what keeps it.
    foot = {b.lock for b in first["foot_wound"].blocks}
    assert Lock.topic in foot
    # A fact behind another: the prerequisite names the fact to be told first.
    diabetes = {b.lock: b for b in first["diabetes_history"].blocks}
    assert diabetes[Lock.prerequisite].need == ("foot_wound",)
    assert inspected[0].facts[0].opened  # netcafe_life opens on the first move


def test_it_is_deterministic() -> None:
    assert play()[1] == play()[1]
