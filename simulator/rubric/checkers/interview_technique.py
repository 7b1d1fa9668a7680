"""interview_technique: how the interview was conducted, read from the transcript.

The share of moves that were open questions, reflections or empathy; the number of
harmful moves (judgement, blame, interrogation, premature advice); and the share of the
cues the client dropped that were followed up (the engine records the missed ones).
"""

from __future__ import annotations

from pydantic import Field

from simulator.models.vocab import Technique

from ..case import Case
from .base import CheckResult, Params, Thresholds, checker, lowers, measures, ordered

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
        return CheckResult(0, (), (lowers("no_interview", 0),))
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
    notes = [measures("mix", {"share": round(100 * share), "harmful": len(harmful)})]
    # Each shortfall names the highest level it allows, so the next step shown is the one
    # that actually held the level down.
    good_bound = sum(1 for t in params.good_share if share >= t)
    if good_bound < 3:
        need = round(100 * params.good_share[good_bound])
        notes.append(lowers("few_good", good_bound, {"share": round(100 * share), "need": need}))
    if harmful:
        bound = sum(1 for m in params.max_harmful if len(harmful) <= m)
        notes.append(lowers("harmful", bound, {"n": len(harmful)}, tuple(harmful)))
    if missed:
        bound = sum(1 for c in params.cue_share if cues >= c)
        notes.append(lowers("missed_cues", bound, {"n": len(missed)}, tuple(missed_turns)))
    return CheckResult(level, ordered([*harmful, *missed_turns]), tuple(notes))
