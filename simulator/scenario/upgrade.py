"""File format versions. An old file is upgraded step by step, or fails clearly.

Each kind keeps its current version and the functions that lift a document from version
``n`` to ``n + 1``. There are none yet: version 1 is the first release.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Upgrade = Callable[[Any], Any]

CURRENT_VERSION: dict[str, int] = {
    "scenario": 1,
    "region": 1,
    "rubric": 1,
    "submission": 1,
    "module": 1,
}

#: UPGRADES[kind][n] lifts a document of version n to n + 1.
UPGRADES: dict[str, dict[int, Upgrade]] = {kind: {} for kind in CURRENT_VERSION}


def upgrade(kind: str, version: int, data: Any) -> Any:
    """Bring ``data`` from ``version`` to the current version of ``kind``."""
    steps = UPGRADES[kind]
    while version < CURRENT_VERSION[kind]:
        data = steps[version](data)
        version += 1
    return data


def can_upgrade(kind: str, version: int) -> bool:
    """True when every step from ``version`` to the current one exists."""
    current = CURRENT_VERSION[kind]
    return version == current or (
        1 <= version < current and all(v in UPGRADES[kind] for v in range(version, current))
    )
