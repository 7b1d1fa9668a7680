"""Cues: hints the client drops about an urgent fact before disclosing it.

When a cue surfaces (documented in the authoring guide and in techniques.yaml):

* only for facts with an ``urgency`` and ``cues``, still undisclosed, not already waiting
  to be followed up, and with a cue not yet used (each cue is said at most once; a second
  cue is a second chance after a missed first one);
* at most one cue per reply, never in the closing phase (no time left to follow it up),
  and never in reply to a harmful move (a judged client closes up) or a move the
  classifier could not read;
* not for a fact whose cue this very move followed up (they are already on it);
* **topic trigger**: the move touched the fact's domain or one of its gate topics, but the
  fact stayed closed (e.g. rapport too low): the client hints instead of telling;
* **opening trigger**: in the opening turns, the first such fact that has never dropped a
  cue does so, the way clients mention the pressing thing in passing while they explain
  why they came.

A cue is followed up when one of the next ``follow_window`` moves (techniques.yaml) is on
the fact's domain or one of its gate topics, or asks about the fact itself by meaning
(matching.py), with a technique that is neither harmful nor a closed question, or when the
fact is disclosed. Otherwise it is recorded as missed.
A move without a topic right after a cue is understood as being about the cue.
"""

from __future__ import annotations

from collections.abc import Collection

from simulator.models.scenario import ClientFact, Scenario
from simulator.models.vocab import Technique, Topic

from .state import ClientState, PendingCue, Phase
from .transcript import MissedCue


def follow_topics(fact: ClientFact) -> set[Topic]:
    """Topics on which a move counts as following up this fact's cue."""
    return {fact.domain, *fact.gate.topics}


def follows_up(technique: Technique | None) -> bool:
    """Techniques that take a cue up: not harmful, not a closed question."""
    return (
        technique is not None
        and not technique.harmful
        and (technique is not Technique.closed_question)
    )


def settle(
    scenario: Scenario,
    state: ClientState,
    topic: Topic | None,
    technique: Technique | None,
    asked: Collection[str] = (),
) -> tuple[list[str], list[MissedCue]]:
    """Count this move against every pending cue: followed, still waiting, or missed.

    ``asked`` holds the facts the remark asked about by meaning: asking about the fact behind
    a cue follows it up whatever topic the remark was filed under.
    """
    followed: list[str] = []
    missed: list[MissedCue] = []
    waiting: list[PendingCue] = []
    for cue in state.pending_cues:
        fact = scenario.fact(cue.fact_id)
        if fact is None:  # cannot happen for a validated scenario; drop rather than crash
            continue
        if fact.id in state.disclosed or (
            follows_up(technique)
            and ((topic is not None and topic in follow_topics(fact)) or fact.id in asked)
        ):
            followed.append(fact.id)
            continue
        cue.moves_left -= 1
        if cue.moves_left <= 0:
            missed.append(MissedCue(fact=fact.id, turn=cue.turn_id, cue=cue.text))
        else:
            waiting.append(cue)
    state.pending_cues = waiting
    return followed, missed


def pick(
    scenario: Scenario,
    state: ClientState,
    topic: Topic | None,
    phase: Phase,
    just_followed: list[str],
) -> tuple[ClientFact, str] | None:
    """The cue to drop in this reply, if any (see the module docstring for the rules)."""
    if phase is Phase.closing:
        return None
    # A fact whose cue this very move took up is being talked about: no second hint now.
    pending = {c.fact_id for c in state.pending_cues} | set(just_followed)
    candidates = [
        f
        for f in scenario.facts
        if f.urgency is not None
        and f.id not in state.disclosed
        and f.id not in pending
        and state.cues_used.get(f.id, 0) < len(f.cues)
    ]
    chosen = next((f for f in candidates if topic is not None and topic in follow_topics(f)), None)
    if chosen is None and phase is Phase.opening:
        chosen = next((f for f in candidates if state.cues_used.get(f.id, 0) == 0), None)
    if chosen is None:
        return None
    return chosen, chosen.cues[state.cues_used.get(chosen.id, 0)]
