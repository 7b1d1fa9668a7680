"""What the cohort view draws for one cohort (or every cohort the user may see), read as
one user: the figures of cohort_stats and each trainee's course progress. The cohort app
asks for this in the kernel (a plain Jupyter server) or through the service (a hub), so
both read the same thing the same way; the facts' summaries come from the case library
on the side that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .cohort_stats import CohortStats, cohort_stats
from .course_view import CourseProgress
from .repository import Repository


@dataclass(frozen=True)
class CohortFigures:
    """The cohort view's data: the figures and the course table."""

    stats: CohortStats
    course: tuple[CourseProgress, ...]


@cache
def fact_titles(scenario_id: str, lang: str) -> dict[str, str]:
    """A scenario's fact ids and summaries, from the case library (ids alone if gone)."""
    from simulator.scenario.library import load_case
    from simulator.scenario.problems import InvalidFile

    try:
        scenario, _ = load_case(scenario_id)
    except InvalidFile:
        return {}
    return {f.id: f.summary.get(lang) for f in scenario.facts}


def cohort_names(repo: Repository) -> list[str]:
    """The cohorts the user belongs to (all for an admin)."""
    return [c.name for c in repo.cohorts()]


def cohort_figures(repo: Repository, cohort: str | None, lang: str = "ja") -> CohortFigures:
    """The figures of ``cohort`` (None: every cohort the user supervises)."""
    rows = repo.cohort_rows(cohort)
    course = repo.cohort_course(cohort)
    return CohortFigures(cohort_stats(rows, lambda s: fact_titles(s, lang)), tuple(course))


__all__ = ["CohortFigures", "cohort_figures", "cohort_names", "fact_titles"]
