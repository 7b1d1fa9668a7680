"""The record of one interview: every turn as the engine understood it, and what came out.

The transcript is the evidence the rubric checkers point at (turn ids such as ``t07``) and
the input of the debrief. Same scenario, seed and moves give the same JSON, byte for byte.
It lives with the models because submissions, scorecards and the store all carry it; the
interview engine (simulator.interview) is what writes it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .vocab import Technique, Topic


class Phase(StrEnum):
    """Where the intake is (techniques.yaml ``phases``)."""

    opening = "opening"
    exploring = "exploring"
    summarising = "summarising"
    closing = "closing"


class Deflection(StrEnum):
    """Why a move disclosed nothing (the reply hints at it)."""

    low_rapport = "low_rapport"
    prerequisite = "prerequisite"
    technique = "technique"
    nothing_more = "nothing_more"
    harmful = "harmful"
    unclassified = "unclassified"
    no_topic = "no_topic"


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
    reply: str = Field(description="What the client said back, in Japanese.")
    rapport_before: int = Field(description="Trust (0-100) before the move.")
    rapport_after: int = Field(description="Trust (0-100) after the move.")
    distress_after: int = Field(description="How upset the client is (0-100) after the move.")
    phase: Phase = Field(
        description="Where the intake was: opening, exploring, summarising or closing."
    )
    disclosed: list[str] = Field(description="Fact ids this move opened (zero or one).")
    deflection: Deflection | None = Field(
        default=None, description="Why nothing opened (None when a fact opened)."
    )
    cue: str | None = Field(default=None, description="A cue the client dropped this turn.")
    cue_fact: str | None = Field(default=None, description="The urgent fact behind the cue.")
    followed_cues: list[str] = Field(
        default_factory=list, description="Facts whose pending cue this move followed up."
    )
    asked_about: str | None = Field(
        default=None, description="The fact the remark asked about, matched by meaning."
    )
    recalled: list[str] = Field(
        default_factory=list,
        description="A fact already disclosed that the client said again (asked twice).",
    )
    topic_confidence: float | None = Field(
        default=None, description="How sure the classifier was of the topic (0-1; free text)."
    )
    technique_confidence: float | None = Field(
        default=None, description="How sure the classifier was of the technique (0-1)."
    )
    unsure: bool = Field(
        default=False, description="The reading was below the confidence threshold."
    )
    corrected_from: dict[str, str | None] | None = Field(
        default=None,
        description="The classifier's reading ({topic, technique}) when the trainee "
        "corrected it; the turn's topic and technique are the corrected ones.",
    )


class MissedCue(_Record):
    """A cue nobody followed up within the window."""

    fact: str = Field(description="The urgent fact the cue pointed to.")
    turn: str = Field(description="The turn the cue was dropped in.")
    cue: str = Field(description="What the client said as a hint.")


class Transcript(_Record):
    """A whole interview."""

    schema_version: int = Field(
        default=TRANSCRIPT_SCHEMA_VERSION,
        description="Format version of the transcript; currently 1.",
    )
    scenario_id: str = Field(description="The scenario interviewed.")
    scenario_version: int = Field(description="The scenario's content version.")
    seed: int = Field(
        description="The attempt's seed; with the moves it reproduces this transcript."
    )
    turn_budget: int = Field(description="Moves the counsellor had.")
    initial_rapport: int = Field(description="Trust (0-100) when the client sat down.")
    presenting_complaint: str = Field(description="The client's opening words (主訴).")
    turns: list[Turn] = Field(description="Every move and reply, in order.")
    disclosed_facts: list[str] = Field(description="Fact ids in the order they were disclosed.")
    missed_cues: list[MissedCue] = Field(description="Cues nobody followed up in time.")
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
