"""The interview record. The types live in simulator.models.transcript (submissions and
the store carry them too); they are re-exported here for the interview's own modules."""

from simulator.models.transcript import (
    TRANSCRIPT_SCHEMA_VERSION,
    Deflection,
    MissedCue,
    Phase,
    Transcript,
    Turn,
)

__all__ = ["TRANSCRIPT_SCHEMA_VERSION", "Deflection", "MissedCue", "Phase", "Transcript", "Turn"]
