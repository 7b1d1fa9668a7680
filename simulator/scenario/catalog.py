"""What a trainee may see of the case library: titles, difficulty, objectives. No answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.models import LocalizedText
from simulator.models.vocab import ArrivalRoute, Difficulty

from .library import find_region, list_scenarios
from .loader import load_scenario

_DIFFICULTY_ORDER = {d: i for i, d in enumerate(Difficulty)}


@dataclass(frozen=True)
class CaseSummary:
    """A scenario as the picker shows it; deliberately holds nothing of the answer key."""

    id: str
    path: Path
    title: LocalizedText
    difficulty: Difficulty
    objectives: tuple[LocalizedText, ...]
    region_name: LocalizedText
    arrival: ArrivalRoute
    turn_budget: int


def case_summaries(folder: Path | None = None) -> list[CaseSummary]:
    """Every scenario in the library, easiest first, then by id."""
    out = []
    for path in list_scenarios(folder):
        scenario = load_scenario(path)
        region = find_region(scenario.region, path)
        region_name = (
            region.name if region else LocalizedText(ja=scenario.region, en=scenario.region)
        )
        out.append(
            CaseSummary(
                id=scenario.id,
                path=path,
                title=scenario.title,
                difficulty=scenario.difficulty,
                objectives=tuple(scenario.learning_objectives),
                region_name=region_name,
                arrival=scenario.arrival,
                turn_budget=scenario.turn_budget,
            )
        )
    return sorted(out, key=lambda c: (_DIFFICULTY_ORDER[c.difficulty], c.id))
