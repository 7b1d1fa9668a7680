"""One of each (issue 18): the helpers that existed twice and drifted apart exist once."""

from __future__ import annotations

import re
from pathlib import Path

SIMULATOR = Path(__file__).parents[1] / "simulator"


def sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(SIMULATOR.rglob("*.py"))}


def test_one_clock() -> None:
    """Only simulator/clock.py reads the time; everything else asks it (utc_now)."""
    readers = [
        p.relative_to(SIMULATOR).as_posix()
        for p, text in sources().items()
        if re.search(r"datetime\.(now|utcnow)\(|\bdef utc_?now\(", text)
    ]
    assert readers == ["clock.py"]


def test_one_place_names_topics_and_techniques() -> None:
    """Only simulator/labels.py builds the catalog keys of topics and techniques."""
    builders = [
        p.relative_to(SIMULATOR).as_posix()
        for p, text in sources().items()
        if re.search(r"vocab\.(topic|technique)\.\{", text)
    ]
    assert builders == ["labels.py"]
