"""The record of one interview: every turn as the engine understood it, and what came out.

The transcript is the evidence the rubric checkers point at (turn ids such as ``t07``) and
the input of the debrief. Same scenario, seed and moves give the same JSON, byte for byte.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from simulator.models.vocab import Technique, Topic

from .gates import Deflection
from .state import Phase

TRANSCRIPT_SCHEMA_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Turn(_Record):
    """One move and the client's reply."""

    id: str = Field(description="Turn id, t01, t02, ...")
    topic: Topic | None = Field(description="The topic as understood (after context).")
    technique: Technique | None = Field(
        description="The technique as scored; None when the text was not understood."
    )
    text: str | None = Field(default=None, description="The counsellor's words, for free text.")
    topic_source: str | None = Field(
        default=None,
        description="Where the topic came from: given, text, cue, previous, opening.",
    )
    explanation: list[str] = Field(
        default_factory=list, description="Classifier rules that fired and context rules applied."
    )
    reply: str
    rapport_before: int
    rapport_after: int
    distress_after: int
    phase: Phase
    disclosed: list[str] = Field(description="Fact ids this move opened (zero or one).")
    deflection: Deflection | None = Field(
        default=None, description="Why nothing opened (None when a fact opened)."
    )
    cue: str | None = Field(default=None, description="A cue the client dropped this turn.")
    cue_fact: str | None = Field(default=None, description="The urgent fact behind the cue.")
    followed_cues: list[str] = Field(
        default_factory=list, description="Facts whose pending cue this move followed up."
    )


class MissedCue(_Record):
    """A cue nobody followed up within the window."""

    fact: str
    turn: str = Field(description="The turn the cue was dropped in.")
    cue: str


class Transcript(_Record):
    """A whole interview."""

    schema_version: int = TRANSCRIPT_SCHEMA_VERSION
    scenario_id: str
    scenario_version: int
    seed: int
    turn_budget: int
    initial_rapport: int
    presenting_complaint: str
    turns: list[Turn]
    disclosed_facts: list[str] = Field(description="Fact ids in the order they were disclosed.")
    missed_cues: list[MissedCue]
    moves_ignored: int = Field(
        default=0, description="Moves given after the turn budget was used up."
    )

    def to_json(self) -> str:
        """Stable, readable JSON (UTF-8 Japanese, two-space indent)."""
        return self.model_dump_json(indent=2)

    @property
    def rapport_curve(self) -> list[int]:
        """Rapport before the first move and after each move."""
        return [self.initial_rapport, *(t.rapport_after for t in self.turns)]
