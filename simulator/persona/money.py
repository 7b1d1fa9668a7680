"""Yen amounts drawn from a template's ranges."""

from __future__ import annotations

import random

from simulator.models import YenRange

#: Clients speak of money in thousands of yen (8万3千円), so amounts are whole thousands.
YEN_STEP = 1_000


def yen(rng: random.Random, bounds: YenRange, step: int = YEN_STEP) -> int:
    """An amount within ``bounds``, a multiple of ``step`` whenever the range holds one.

    A range too narrow to hold a multiple (say 1,200-1,800) gives its minimum: staying
    inside what the author wrote matters more than the rounding.
    """
    low = -(-bounds.min // step)  # ceiling division
    high = bounds.max // step
    if low > high:
        return bounds.min
    return rng.randint(low, high) * step
