"""The cohort view's figures, from ``cohort_rows()``: pure functions over plain rows.

- progress per trainee (submitted, waiting, returned, approved, released);
- a trainees x criteria heatmap of mean current levels over each attempt's latest version;
- score distributions per scenario;
- the most common misses per scenario: facts never drawn out, cues not followed up;
- agreement of automatic and supervisor levels per criterion over reviewed work: exact
  agreement and quadratic weighted kappa (simulator.rubric.agreement); a criterion under
  KAPPA_WARNING tells trainers which checker to distrust.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.rubric.agreement import exact_agreement, quadratic_weighted_kappa

from .cohort import CohortRow
from .events import AWAITING_REVIEW, Status

KAPPA_WARNING = 0.6
TOP_MISSES = 5


@dataclass(frozen=True)
class Progress:
    """One trainee's work by status."""

    trainee: str
    submitted: int
    waiting: int
    returned: int
    done: int
    latest_total: float | None


@dataclass(frozen=True)
class Agreement:
    """Automatic against supervisor levels for one criterion."""

    criterion: str
    pairs: int
    exact: float | None
    kappa: float | None
    overridden: int

    @property
    def warn(self) -> bool:
        """Below the agreement a trainer should trust."""
        return self.kappa is not None and self.kappa < KAPPA_WARNING


@dataclass(frozen=True)
class Miss:
    """Something the interviews of one scenario often left out."""

    what: str
    count: int
    share: float


@dataclass(frozen=True)
class CohortStats:
    """Everything the cohort view draws."""

    progress: tuple[Progress, ...]
    criteria: tuple[str, ...]
    heatmap: dict[str, dict[str, float]]
    distributions: dict[str, tuple[float, ...]]
    misses: dict[str, tuple[Miss, ...]]
    agreement: tuple[Agreement, ...]


def latest_versions(rows: Sequence[CohortRow]) -> list[CohortRow]:
    """Each attempt's newest submission (a revision replaces what it revises)."""
    newest: dict[int, CohortRow] = {}
    for r in rows:
        if r.attempt_id not in newest or r.number > newest[r.attempt_id].number:
            newest[r.attempt_id] = r
    return sorted(newest.values(), key=lambda r: r.submission_id)


def progress(rows: Sequence[CohortRow]) -> tuple[Progress, ...]:
    """Counts per trainee, by name."""
    by: dict[str, list[CohortRow]] = defaultdict(list)
    for r in rows:
        by[r.trainee].append(r)
    out = []
    for name in sorted(by):
        mine = by[name]
        out.append(
            Progress(
                trainee=name,
                submitted=len(mine),
                waiting=sum(1 for r in mine if r.status in AWAITING_REVIEW),
                returned=sum(1 for r in mine if r.status == Status.returned),
                done=sum(1 for r in mine if r.status == Status.released),
                latest_total=mine[-1].total,
            )
        )
    return tuple(out)


def heatmap(rows: Sequence[CohortRow]) -> tuple[tuple[str, ...], dict[str, dict[str, float]]]:
    """Criteria in first-seen order, and trainee -> criterion -> mean current level."""
    criteria: dict[str, None] = {}
    sums: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in latest_versions(rows):
        for c, level in r.current.items():
            criteria.setdefault(c, None)
            sums[r.trainee][c].append(level)
    table = {t: {c: sum(v) / len(v) for c, v in per.items()} for t, per in sorted(sums.items())}
    return tuple(criteria), table


def distributions(rows: Sequence[CohortRow]) -> dict[str, tuple[float, ...]]:
    """Scenario -> the totals of its latest versions, sorted."""
    out: dict[str, list[float]] = defaultdict(list)
    for r in latest_versions(rows):
        if r.total is not None:
            out[r.scenario_id].append(r.total)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def misses(
    rows: Sequence[CohortRow], facts_of: Callable[[str], dict[str, str]]
) -> dict[str, tuple[Miss, ...]]:
    """Scenario -> its most common misses; ``facts_of`` gives a scenario's fact titles."""
    out: dict[str, tuple[Miss, ...]] = {}
    by: dict[str, list[CohortRow]] = defaultdict(list)
    for r in latest_versions(rows):
        by[r.scenario_id].append(r)
    for scenario, mine in sorted(by.items()):
        facts = facts_of(scenario)
        counts: Counter[str] = Counter()
        for r in mine:
            counts.update(f for f in facts if f not in r.disclosed)
        out[scenario] = tuple(
            Miss(facts.get(f, f), n, n / len(mine)) for f, n in counts.most_common(TOP_MISSES)
        )
    return out


def agreement(rows: Sequence[CohortRow]) -> tuple[Agreement, ...]:
    """Per criterion, over reviewed work with both levels: exact agreement and kappa."""
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    overridden: Counter[str] = Counter()
    for r in rows:
        if not r.reviewed:
            continue
        overridden.update(r.overridden)
        for c, auto in r.automatic.items():
            if c in r.current:
                pairs[c].append((auto, r.current[c]))
    return tuple(
        Agreement(c, len(p), exact_agreement(p), quadratic_weighted_kappa(p), overridden[c])
        for c, p in pairs.items()
    )


def cohort_stats(
    rows: Sequence[CohortRow], facts_of: Callable[[str], dict[str, str]]
) -> CohortStats:
    """Every figure of the cohort view."""
    criteria, table = heatmap(rows)
    return CohortStats(
        progress=progress(rows),
        criteria=criteria,
        heatmap=table,
        distributions=distributions(rows),
        misses=misses(rows, facts_of),
        agreement=agreement(rows),
    )
