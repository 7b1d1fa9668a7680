"""Whether a move opens a fact, and if not, why not.

The rule is the contract scenario authors write to: a move (topic, technique) discloses a
fact when the topic is in ``gate.topics``, the technique in ``gate.techniques``, rapport
(after the move's own delta) is at least ``gate.min_rapport`` and every fact in
``gate.requires`` is already disclosed. Harmful techniques never open anything, and at most
one fact opens per move: the first eligible one in file order.
"""

from __future__ import annotations

from collections.abc import Collection

from simulator.models.scenario import ClientFact, Scenario
from simulator.models.transcript import Deflection
from simulator.models.vocab import Technique, Topic


def opens(
    fact: ClientFact,
    topic: Topic,
    technique: Technique,
    rapport: int,
    disclosed: Collection[str],
) -> bool:
    """True when this move meets every condition of the fact's gate."""
    gate = fact.gate
    return (
        not technique.harmful
        and topic in gate.topics
        and technique in gate.techniques
        and rapport >= gate.min_rapport
        and all(req in disclosed for req in gate.requires)
    )


def first_opening(
    scenario: Scenario,
    topic: Topic,
    technique: Technique,
    rapport: int,
    disclosed: Collection[str],
) -> ClientFact | None:
    """The first undisclosed fact (file order) this move opens, if any."""
    for fact in scenario.facts:
        if fact.id not in disclosed and opens(fact, topic, technique, rapport, disclosed):
            return fact
    return None


def missing_conditions(
    fact: ClientFact, technique: Technique, rapport: int, disclosed: Collection[str]
) -> list[Deflection]:
    """The gate conditions this move misses (topic aside), in the order a trainee should
    fix them; empty when the gate would open."""
    gate = fact.gate
    missing: list[Deflection] = []
    if technique not in gate.techniques:
        missing.append(Deflection.technique)
    if rapport < gate.min_rapport:
        missing.append(Deflection.low_rapport)
    if not all(req in disclosed for req in gate.requires):
        missing.append(Deflection.prerequisite)
    return missing


def blocking_reason(
    scenario: Scenario,
    topic: Topic,
    technique: Technique,
    rapport: int,
    disclosed: Collection[str],
) -> Deflection:
    """Why a non-harmful move on ``topic`` opened nothing.

    Among the undisclosed facts behind this topic, the one closest to opening (fewest unmet
    conditions, then file order) decides the reason; with none left it is ``nothing_more``.
    """
    best: list[Deflection] | None = None
    for fact in scenario.facts:
        if fact.id in disclosed or topic not in fact.gate.topics:
            continue
        missing = missing_conditions(fact, technique, rapport, disclosed)
        if missing and (best is None or len(missing) < len(best)):
            best = missing
    return best[0] if best else Deflection.nothing_more
