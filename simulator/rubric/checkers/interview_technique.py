"""interview_technique: how the interview was conducted, read from the transcript.

The share of moves that were open questions, reflections or empathy; the number of
harmful moves (judgement, blame, interrogation, premature advice); and the share of the
cues the client dropped that were followed up (the engine records the missed ones).
"""

from __future__ import annotations

from pydantic import Field

from simulator.models.vocab import Technique

from ..case import Case
from .base import CheckResult, Note, Params, Thresholds, checker, ordered

GOOD = frozenset({Technique.open_question, Technique.reflection, Technique.empathy})


class TechniqueParams(Params):
    """Per level 1, 2, 3: least good share, most harmful moves, least cue share."""

    good_share: Thresholds = (0.3, 0.5, 0.65)
    max_harmful: tuple[int, int, int] = Field(default=(4, 2, 0))
    cue_share: Thresholds = (0.0, 0.5, 1.0)


@checker("interview_technique", TechniqueParams)
def interview_technique(case: Case, params: TechniqueParams) -> CheckResult:
    """Open questions, reflection and empathy; no harmful moves; every cue followed."""
    turns = case.transcript.turns
    if not turns:
        return CheckResult(0, (), (Note("no_interview", {}),))
    good = sum(1 for t in turns if t.technique in GOOD)
    harmful = [t.id for t in turns if t.technique is not None and t.technique.harmful]
    dropped = {t.cue_fact for t in turns if t.cue_fact}
    missed = {c.fact for c in case.transcript.missed_cues} & dropped
    missed_turns = [c.turn for c in case.transcript.missed_cues if c.fact in missed]
    share = good / len(turns)
    cues = 1 - len(missed) / len(dropped) if dropped else 1.0
    level = 0
    for lv in (1, 2, 3):
        i = lv - 1
        if (
            share >= params.good_share[i]
            and len(harmful) <= params.max_harmful[i]
            and cues >= params.cue_share[i]
        ):
            level = lv
    notes = [Note("mix", {"share": round(100 * share), "harmful": len(harmful)})]
    if harmful:
        notes.append(Note("harmful", {"n": len(harmful)}, tuple(harmful)))
    if missed:
        notes.append(Note("missed_cues", {"n": len(missed)}, tuple(missed_turns)))
    return CheckResult(level, ordered([*harmful, *missed_turns]), tuple(notes))
