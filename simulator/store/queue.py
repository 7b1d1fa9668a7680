"""The review queue: what a supervisor has to act on, one keyset page at a time.

要至急確認 first (the submission's ``priority``), then the longest waiting; filters by
cohort, scenario, trainee, status and lowest criterion. A page costs the same at the end
of 100,000 rows as at the start (benchmarks/store.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, literal, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from .base import RepositoryBase
from .documents import split_flags
from .errors import InvalidInput, term
from .events import Status
from .records import QueuePage, QueueRow
from .roles import Role, deny, require_role
from .schema import Cohort, Submission, User

MAX_PAGE = 500
#: Up to this many cohorts, a supervisor's page merges one index scan per cohort.
MERGE_COHORTS = 8
READERS = (Role.supervisor, Role.admin)


@dataclass(frozen=True)
class QueueFilter:
    """What a supervisor narrows the queue to; None means any."""

    cohort: str | None = None
    scenario: str | None = None
    trainee: str | None = None
    status: Status | None = None
    #: The criterion with the lowest automatic level.
    lowest: str | None = None


Position = tuple[int, dt.datetime, int]


def encode_cursor(priority: int, submitted_at: dt.datetime, submission_id: int) -> str:
    """The queue position after a row, as an opaque string."""
    return f"{priority}~{submitted_at.isoformat()}~{submission_id}"


def decode_cursor(cursor: str) -> Position:
    """Undo encode_cursor; InvalidInput for anything else."""
    try:
        rank, stamp, ident = cursor.split("~")
        when = dt.datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError(cursor)
        return int(rank), when, int(ident)
    except ValueError:
        raise InvalidInput("store.error.bad_cursor", cursor=cursor) from None


def _page_keys(
    s: Session,
    cohorts: set[int] | None,
    after: Position | None,
    count: int,
    narrow: Callable[[Select[Any]], Select[Any]],
) -> list[int]:
    """Ids of the next ``count`` waiting submissions, in queue order: 要至急確認 first,
    then the longest waiting.

    For a set of cohorts, each cohort's own index gives its first ``count`` rows in order
    and the page merges them: a few short index scans, whatever the number of rows, where
    one scan over "cohort IN (...)" would have to sort every waiting row of those cohorts.
    """
    key = (Submission.priority, Submission.submitted_at, Submission.id)

    def ordered(cohort_id: int | None) -> Select[Any]:
        query: Select[Any] = select(*key).where(  # type: ignore[assignment]
            # A bound value, not a literal TRUE: SQLite then uses the queue indexes.
            Submission.awaiting_review == literal(True)
        )
        if cohort_id is not None:
            query = query.where(Submission.cohort_id == cohort_id)
        if after is not None:
            # A row-value comparison, which both databases turn into one index range.
            query = query.where(tuple_(*key) > tuple_(*after))
        return narrow(query).order_by(*key).limit(count)

    def ids(query: Select[Any]) -> list[int]:
        return [row[-1] for row in s.execute(query)]

    if cohorts is None:
        return ids(ordered(None))
    if not cohorts:
        return []
    if len(cohorts) == 1:
        return ids(ordered(next(iter(cohorts))))
    if len(cohorts) > MERGE_COHORTS:
        # Many cohorts hold most of the queue: filtering one ordered scan is cheaper.
        return ids(ordered(None).where(Submission.cohort_id.in_(sorted(cohorts))))
    parts = [ordered(c).subquery() for c in sorted(cohorts)]
    merged = union_all(*(select(p.c.priority, p.c.submitted_at, p.c.id) for p in parts)).subquery()
    return list(
        s.scalars(
            select(merged.c.id)
            .order_by(merged.c.priority, merged.c.submitted_at, merged.c.id)
            .limit(count)
        )
    )


class QueueMixin(RepositoryBase):
    """Supervisors (and admins) read their cohorts' queue."""

    def review_queue(
        self,
        cursor: str | None = None,
        limit: int = 50,
        cohort: str | None = None,
        where: QueueFilter | None = None,
    ) -> QueuePage:
        """Submissions a supervisor has to act on (submitted, in review, approved and not
        yet released), 要至急確認 first, then the longest waiting; one page.

        Keyset pagination: a page costs the same at the end of 100,000 rows as at the start.
        """
        require_role(self.actor, "review_queue", *READERS)
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInput("store.error.bad_limit", limit=limit, max=MAX_PAGE)
        after = decode_cursor(cursor) if cursor else None
        f = where or QueueFilter()
        cohort = cohort or f.cohort

        def work(s: Session) -> QueuePage:
            wanted: set[int] | None = None
            if cohort is not None:
                wanted = {self._cohort(s, cohort).id}
            if self.actor.role == Role.supervisor:
                mine = self._supervised(s)
                if wanted is not None and not wanted <= mine:
                    raise deny(self.actor, term("cohort_named", name=cohort))
                wanted = mine if wanted is None else wanted
            trainee_id = self._user(s, f.trainee).id if f.trainee is not None else None

            def narrow(query: Select[Any]) -> Select[Any]:
                if f.scenario is not None:
                    query = query.where(Submission.scenario_id == f.scenario)
                if trainee_id is not None:
                    query = query.where(Submission.trainee_id == trainee_id)
                if f.status is not None:
                    query = query.where(Submission.status == Status(f.status).value)
                if f.lowest is not None:
                    query = query.where(Submission.lowest == f.lowest)
                return query

            keys = _page_keys(s, wanted, after, limit + 1, narrow)
            trainee, reviewer = aliased(User), aliased(User)
            rows = s.execute(
                select(
                    Submission.id,
                    Submission.scenario_id,
                    Submission.status,
                    Submission.submitted_at,
                    Submission.total_score,
                    Submission.priority,
                    Submission.urgent,
                    Submission.lowest,
                    trainee.name.label("trainee"),
                    trainee.display_name,
                    Cohort.name.label("cohort"),
                    reviewer.name.label("reviewer"),
                )
                .join(trainee, trainee.id == Submission.trainee_id)
                .outerjoin(Cohort, Cohort.id == Submission.cohort_id)
                .outerjoin(reviewer, reviewer.id == Submission.reviewer_id)
                .where(Submission.id.in_(keys[:limit]))
                .order_by(Submission.priority, Submission.submitted_at, Submission.id)
            ).all()
            page = [
                QueueRow(
                    submission_id=r.id,
                    trainee=r.trainee,
                    trainee_display_name=r.display_name,
                    cohort=r.cohort,
                    scenario_id=r.scenario_id,
                    status=Status(r.status),
                    submitted_at=r.submitted_at,
                    total_score=r.total_score,
                    reviewer=r.reviewer,
                    urgent=split_flags(r.urgent),
                    lowest=r.lowest,
                )
                for r in rows
            ]
            more = len(keys) > limit
            next_cursor = None
            if more and page:
                last = page[-1]
                next_cursor = encode_cursor(
                    0 if last.urgent else 1, last.submitted_at, last.submission_id
                )
            return QueuePage(rows=tuple(page), next_cursor=next_cursor)

        return self._read(work)
