"""What a counsellor can see of the client's trust: demeanour, never a number.

Trainees read rapport the way they would in a real room, from how the client sits and
talks. The thresholds are deliberately coarse so the view cannot be read as a gauge.
"""

from __future__ import annotations

from enum import StrEnum

from .rapport import technique_table


class Demeanour(StrEnum):
    """How the client comes across; the message catalogs word each one."""

    guarded = "guarded"
    cautious = "cautious"
    opening_up = "opening_up"
    trusting = "trusting"


#: (lowest rapport, demeanour), highest first.
_BANDS = ((75, Demeanour.trusting), (50, Demeanour.opening_up), (25, Demeanour.cautious))


def demeanour(rapport: int) -> Demeanour:
    """The demeanour that goes with a rapport level (0-100)."""
    return next((d for low, d in _BANDS if rapport >= low), Demeanour.guarded)


def restless(distress: int) -> bool:
    """True when the client's distress shows (the level where replies turn hesitant)."""
    return distress >= technique_table().distress.high
