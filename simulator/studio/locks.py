"""The lock inspector: per turn of a play-test and per fact, what keeps the fact locked
and what would open it, read from the engine's own record of the turn.

The conditions are the gate's (simulator.interview.gates): the move's topic among
``gate.topics``, its technique among ``gate.techniques`` (never a harmful one), rapport
after the move at least ``gate.min_rapport``, and every ``gate.requires`` fact already
told. A remark asked about a fact by meaning (the turn's ``asked_about``) is put to the
gate with the gate's own topic, so for that fact the topic condition counts as met.
Deterministic: the same turns give the same inspection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from simulator.models import LocalizedText, Scenario
from simulator.models.scenario import ClientFact
from simulator.models.transcript import Turn


class Lock(StrEnum):
    """One gate condition a move did not meet."""

    topic = "topic"
    technique = "technique"
    rapport = "rapport"
    prerequisite = "prerequisite"


@dataclass(frozen=True)
class Block:
    """A condition not met: what the move had, and what would open the fact."""

    lock: Lock
    have: str
    need: tuple[str, ...]


@dataclass(frozen=True)
class FactLock:
    """One fact at one turn: told before, opened by this move, or locked and why."""

    fact_id: str
    summary: LocalizedText
    told_before: bool
    opened: bool
    blocks: tuple[Block, ...]

    @property
    def locked(self) -> bool:
        """True when the fact is still untold after this turn."""
        return not (self.told_before or self.opened)


@dataclass(frozen=True)
class TurnLocks:
    """Every fact of the case at one turn."""

    turn_id: str
    topic: str | None
    technique: str | None
    rapport: int
    facts: tuple[FactLock, ...]


def _blocks(fact: ClientFact, turn: Turn, told: set[str]) -> tuple[Block, ...]:
    gate = fact.gate
    out: list[Block] = []
    topic = turn.topic.value if turn.topic else "-"
    if turn.asked_about != fact.id and (turn.topic is None or turn.topic not in gate.topics):
        out.append(Block(Lock.topic, topic, tuple(t.value for t in gate.topics)))
    technique = turn.technique
    if technique is None or technique.harmful or technique not in gate.techniques:
        have = technique.value if technique else "-"
        out.append(Block(Lock.technique, have, tuple(t.value for t in gate.techniques)))
    if turn.rapport_after < gate.min_rapport:
        out.append(Block(Lock.rapport, str(turn.rapport_after), (str(gate.min_rapport),)))
    missing = tuple(r for r in gate.requires if r not in told)
    if missing:
        out.append(Block(Lock.prerequisite, "", missing))
    return tuple(out)


def inspect_turn(scenario: Scenario, turn: Turn, told: Sequence[str]) -> TurnLocks:
    """The locks of every fact at ``turn``, with ``told`` the facts disclosed before it."""
    before = set(told)
    facts = tuple(
        FactLock(
            fact_id=f.id,
            summary=f.summary,
            told_before=f.id in before,
            opened=f.id in turn.disclosed,
            blocks=() if f.id in before else _blocks(f, turn, before),
        )
        for f in scenario.facts
    )
    return TurnLocks(
        turn_id=turn.id,
        topic=turn.topic.value if turn.topic else None,
        technique=turn.technique.value if turn.technique else None,
        rapport=turn.rapport_after,
        facts=facts,
    )


def inspect_turns(scenario: Scenario, turns: Sequence[Turn]) -> list[TurnLocks]:
    """The inspection of every turn of a play-test, in order."""
    told: list[str] = []
    out = []
    for turn in turns:
        out.append(inspect_turn(scenario, turn, told))
        told.extend(turn.disclosed)
    return out
