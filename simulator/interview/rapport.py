"""The technique table (data/techniques.yaml) and the arithmetic of rapport and distress.

The numbers live in the data file, not here: scenario authors tune gates against them, so
they must be readable and changeable without touching code.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.models.vocab import Technique

from .datafiles import load_model

RAPPORT_MIN = 0
RAPPORT_MAX = 100


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClosedRun(_Data):
    """Penalty for a run of closed questions."""

    technique: Technique = Technique.closed_question
    from_count: int = Field(ge=1, description="Position in the run where the penalty starts.")
    delta: int = Field(le=0, description="Rapport change for each question from there on.")


class PrematureAdvice(_Data):
    """When plain advice counts as premature advice."""

    within_opening: bool = True
    until_disclosed: int = Field(ge=0, description="Advice before this many disclosures.")


class WhyRun(_Data):
    """Consecutive why-questions turn into interrogation."""

    from_count: int = Field(ge=2)
    becomes: Technique


class DistressRules(_Data):
    """How upset the client is; affects wording only (see techniques.yaml)."""

    initial: int = Field(ge=0, le=100)
    per_urgent_fact: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    deltas: dict[Technique, int]
    closed_run: int = 0

    @model_validator(mode="after")
    def _complete(self) -> DistressRules:
        missing = set(Technique) - set(self.deltas)
        if missing:
            raise ValueError(f"distress.deltas lacks {sorted(missing)}")
        return self


class Phases(_Data):
    """Lengths of the opening and closing phases, in turns."""

    opening_turns: int = Field(ge=0)
    closing_turns: int = Field(ge=0)


class CueRules(_Data):
    """How long a surfaced cue waits to be followed up."""

    follow_window: int = Field(ge=1)


class TechniqueTable(_Data):
    """Everything data/techniques.yaml says."""

    rapport: dict[Technique, int]
    closed_run: ClosedRun
    premature_advice: PrematureAdvice
    why_run: WhyRun
    distress: DistressRules
    phases: Phases
    cues: CueRules

    @model_validator(mode="after")
    def _complete(self) -> TechniqueTable:
        # Every technique needs a delta: a missing one would silently count as 0.
        missing = set(Technique) - set(self.rapport)
        if missing:
            raise ValueError(f"rapport lacks {sorted(missing)}")
        return self


@cache
def technique_table() -> TechniqueTable:
    """The validated technique table (read once per process)."""
    return load_model("techniques.yaml", TechniqueTable)


def clamp(value: int, low: int = RAPPORT_MIN, high: int = RAPPORT_MAX) -> int:
    """Keep a score inside its scale."""
    return max(low, min(high, value))


def closed_run_after(run: int, technique: Technique | None) -> int:
    """Length of the closed-question run after a move (unclassified moves leave it alone)."""
    if technique is None:
        return run
    return run + 1 if technique is technique_table().closed_run.technique else 0


def rapport_delta(technique: Technique, run_after: int) -> int:
    """Rapport change of one move, given the closed-question run length including it."""
    table = technique_table()
    delta = table.rapport[technique]
    rule = table.closed_run
    if technique is rule.technique and run_after >= rule.from_count:
        delta += rule.delta
    return delta


def distress_delta(technique: Technique, run_after: int) -> int:
    """Distress change of one move."""
    table = technique_table()
    delta = table.distress.deltas[technique]
    rule = table.closed_run
    if technique is rule.technique and run_after >= rule.from_count:
        delta += table.distress.closed_run
    return delta
