"""Yen amounts drawn from a template's ranges."""

from __future__ import annotations

import random
from collections.abc import Sequence

from simulator.models import YenRange

#: Clients speak of money in thousands of yen (8万3千円), so amounts are whole thousands.
YEN_STEP = 1_000


def _multiples(bounds: YenRange, step: int) -> tuple[int, int] | None:
    """The least and greatest multiple of ``step`` within ``bounds`` (in steps), or None."""
    low = -(-bounds.min // step)  # ceiling division
    high = bounds.max // step
    return None if low > high else (low, high)


def yen(rng: random.Random, bounds: YenRange, step: int = YEN_STEP) -> int:
    """An amount within ``bounds``, a multiple of ``step`` whenever the range holds one.

    A range too narrow to hold a multiple (say 1,200-1,800) gives its minimum: staying
    inside what the author wrote matters more than the rounding.
    """
    steps = _multiples(bounds, step)
    if steps is None:
        return bounds.min
    return rng.randint(*steps) * step


def yen_values(bounds: YenRange, step: int = YEN_STEP) -> Sequence[int]:
    """Every amount ``yen`` can draw from ``bounds``, in increasing order."""
    steps = _multiples(bounds, step)
    if steps is None:
        return [bounds.min]
    return range(steps[0] * step, steps[1] * step + 1, step)
