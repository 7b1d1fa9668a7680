"""The client's state during one interview."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.models.transcript import Phase
from simulator.models.vocab import Topic

__all__ = ["ClientState", "PendingCue", "Phase"]


@dataclass
class PendingCue:
    """A cue the client dropped that the counsellor may still follow up."""

    fact_id: str
    turn_id: str
    text: str
    moves_left: int


@dataclass
class ClientState:
    """Everything the engine remembers between turns. Mutated only by the engine."""

    rapport: int
    distress: int
    turns_used: int = 0
    phase: Phase = Phase.opening
    disclosed: list[str] = field(default_factory=list)
    closed_run: int = 0
    why_run: int = 0
    last_topic: Topic | None = None
    complaint_said: bool = False
    summarised: bool = False
    cues_used: dict[str, int] = field(default_factory=dict)
    pending_cues: list[PendingCue] = field(default_factory=list)
