"""Per-turn random generators derived from the attempt seed.

Every random choice in an interview comes from ``turn_rng``: a ``random.Random`` seeded
from a SHA-256 of (scenario id, attempt seed, turn). Python's ``hash()`` is salted per
process and the global ``random`` is shared state, so neither could give a byte-identical
replay on another day or machine.
"""

from __future__ import annotations

import hashlib
import random


def turn_rng(scenario_id: str, seed: int, turn: int) -> random.Random:
    """The generator for one turn (turn 0 is the start of the interview)."""
    digest = hashlib.sha256(f"{scenario_id}\x1f{seed}\x1f{turn}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
