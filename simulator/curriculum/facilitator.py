"""The facilitator's live figures for one module: how far the cohort got (started, exercise
done, check passed, reflections written) and which of the module's rubric criteria the
cohort's latest submissions most often fall short on.

Read through the store's role checks (``cohort_module_progress`` and ``cohort_rows`` are for
supervisors of the cohort, trainers and admins): a trainee asking gets PermissionDenied and
never another trainee's data. ``figures_of`` is pure; ``module_figures`` reads the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from simulator.store.cohort import CohortRow
from simulator.store.cohort_stats import latest_versions
from simulator.store.progress import ModuleProgress

from .module import Module

#: Levels run 0-3 (rubrics/centre-principles.yaml); below 2 the descriptor names something
#: missing or unsafe, so a level under this counts as a miss.
MISS_BELOW = 2


class CriterionMisses(BaseModel):
    """How often the cohort's latest submissions fall short on one criterion."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    title: str
    missed: int
    scored: int

    @property
    def share(self) -> float:
        """The share missed, 0..1 (0 when nothing was scored)."""
        return self.missed / self.scored if self.scored else 0.0


class ModuleFigures(BaseModel):
    """What the facilitator sees of the cohort for one module."""

    model_config = ConfigDict(frozen=True)

    module: str
    cohort: str | None
    trainees: int
    started: int
    exercise_done: int
    check_passed: int
    #: Answered the check and never passed it (yet).
    check_not_passed: int
    reflections: int
    #: Latest versions of the cohort's submissions the misses are counted over.
    submissions: int
    #: The module's criteria, the most missed first.
    misses: tuple[CriterionMisses, ...]


class CohortReader(Protocol):
    """What the figures read: a store Repository (its role checks apply)."""

    def cohort_module_progress(
        self, module: str, cohort: str | None = None
    ) -> dict[str, ModuleProgress | None]: ...

    def cohort_rows(self, cohort: str | None = None) -> list[CohortRow]: ...


def figures_of(
    module: Module,
    cohort: str | None,
    progress: Mapping[str, ModuleProgress | None],
    rows: Sequence[CohortRow],
    titles: Mapping[str, str],
) -> ModuleFigures:
    """The figures from each trainee's progress in ``module`` and the cohort's submissions."""
    got = [p for p in progress.values() if p is not None and p.started_at is not None]
    latest = latest_versions(rows)
    misses = []
    for criterion in module.facilitator.criteria:
        levels = [r.current[criterion] for r in latest if criterion in r.current]
        missed = sum(1 for level in levels if level < MISS_BELOW)
        title = titles.get(criterion, criterion)
        misses.append(
            CriterionMisses(criterion=criterion, title=title, missed=missed, scored=len(levels))
        )
    misses.sort(key=lambda m: (-m.share, -m.missed, module.facilitator.criteria.index(m.criterion)))
    return ModuleFigures(
        module=module.id,
        cohort=cohort,
        trainees=len(progress),
        started=len(got),
        exercise_done=sum(1 for p in got if p.exercise_done_at is not None),
        check_passed=sum(1 for p in got if p.check_passed),
        check_not_passed=sum(1 for p in got if p.check_attempts and not p.check_passed),
        reflections=sum(1 for p in got if p.reflection is not None),
        submissions=len(latest),
        misses=tuple(misses),
    )


def criterion_titles(locale: str | None = None) -> dict[str, str]:
    """The shipped rubric's criterion titles in ``locale``."""
    from simulator.i18n import current_locale
    from simulator.rubric.files import default_rubric

    lang = current_locale(locale)
    return {c.id: str(c.title.get(lang)) for c in default_rubric().criteria}


def module_figures(
    repo: CohortReader, module_id: str, cohort: str | None = None, locale: str | None = None
) -> ModuleFigures:
    """The live figures of a shipped module for the cohorts ``repo``'s actor may read
    (``cohort`` only, when named); PermissionDenied for a trainee, InvalidInput for a
    module the course does not ship."""
    from simulator.store.errors import InvalidInput

    from .catalog import COURSE, module

    progress = repo.cohort_module_progress(module_id, cohort)
    rows = repo.cohort_rows(cohort)
    # After the reads, so a trainee is refused before learning which modules exist.
    if module_id not in COURSE:
        raise InvalidInput("store.error.bad_module", module=module_id)
    return figures_of(module(module_id), cohort, progress, rows, criterion_titles(locale))


#: Reads the figures when called (the page calls it once, and again on "refresh").
FiguresSource = Callable[[], ModuleFigures]


def figures_source(log: object, module_id: str, locale: str | None = None) -> FiguresSource | None:
    """How the page of ``module_id`` reads its live figures for the person ``log`` acts
    for: None for a trainee (and for workspace files, which hold one trainee's steps)."""
    from simulator.store import Repository, Role

    from .progress_service import ServiceProgressLog

    if isinstance(log, Repository):
        if log.actor.role == Role.trainee:
            return None
        return lambda: module_figures(log, module_id, locale=locale)
    if isinstance(log, ServiceProgressLog):
        if log.role() == Role.trainee.value:
            return None
        return lambda: log.module_figures(module_id)
    return None


__all__ = [
    "MISS_BELOW",
    "CriterionMisses",
    "FiguresSource",
    "ModuleFigures",
    "figures_of",
    "figures_source",
    "module_figures",
]
