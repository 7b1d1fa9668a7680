"""What a trainee may see of the case library: titles, difficulty, objectives. No answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.models import LocalizedText
from simulator.models.vocab import ArrivalRoute, Difficulty

from .library import find_region, list_scenarios
from .loader import load_scenario
from .problems import InvalidFile, Problem

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


@dataclass(frozen=True)
class SkippedCase:
    """A scenario file left out of the library because it does not load, and why."""

    path: Path
    problems: tuple[Problem, ...]


def case_summaries(folder: Path | None = None) -> list[CaseSummary]:
    """Every valid scenario in the library, easiest first, then by id."""
    return read_catalog(folder)[0]


def read_catalog(
    folder: Path | None = None, locale: str | None = None
) -> tuple[list[CaseSummary], list[SkippedCase]]:
    """The library's valid scenarios (easiest first, then by id) and the files skipped.

    One broken file (a trainer's typo, a half-copied file) must not take the picker down
    for everyone: it is skipped, and the view shows trainers which file and why.
    """
    out = []
    skipped: list[SkippedCase] = []
    for path in list_scenarios(folder):
        try:
            scenario = load_scenario(path, locale)
            region = find_region(scenario.region, path, locale)
        except InvalidFile as exc:
            skipped.append(
                SkippedCase(path, tuple(p for p in exc.problems if p.severity == "error"))
            )
            continue
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
    return sorted(out, key=lambda c: (_DIFFICULTY_ORDER[c.difficulty], c.id)), skipped
