"""The cohort's work in one read: what the cohort view's statistics are made from.

One row per submission with its automatic and current levels (overrides applied), its
status, total, and what the interview left out (facts never disclosed, cues missed).
Supervisors read their cohorts; trainers (tuning checkers) and admins read every cohort.
Trainees read none of it: other trainees' work is not theirs to see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .base import RepositoryBase, stored_status
from .documents import scorecard_levels
from .errors import term
from .events import RELEASED, Status, current_levels
from .roles import Role, deny, require_role
from .schema import Cohort, ReviewEvent, Scorecard, Submission, User

COHORT_READERS = (Role.supervisor, Role.trainer, Role.admin)


@dataclass(frozen=True)
class CohortRow:
    """One submission as the cohort view counts it."""

    submission_id: int
    attempt_id: int
    trainee: str
    cohort: str | None
    scenario_id: str
    number: int
    status: Status
    total: float | None
    automatic: dict[str, int]
    current: dict[str, int]
    #: A supervisor has decided on it (returned, approved or released): its current
    #: levels are the supervisor's, comparable with the automatic ones.
    reviewed: bool
    overridden: frozenset[str]
    disclosed: tuple[str, ...]
    missed_cues: tuple[str, ...]


class CohortMixin(RepositoryBase):
    """Reading a cohort's work for its statistics."""

    def cohort_rows(self, cohort: str | None = None) -> list[CohortRow]:
        """Every submission of ``cohort`` (default: all the actor may read), oldest first."""
        require_role(self.actor, "read_cohort", *COHORT_READERS)

        def work(s: Session) -> list[CohortRow]:
            query = (
                select(Submission, User.name, Cohort.name, Scorecard.payload)
                .join(User, User.id == Submission.trainee_id)
                .outerjoin(Cohort, Cohort.id == Submission.cohort_id)
                .outerjoin(Scorecard, Scorecard.submission_id == Submission.id)
                .order_by(Submission.submitted_at, Submission.id)
            )
            if cohort is not None:
                wanted = self._cohort(s, cohort).id
                if self.actor.role == Role.supervisor and wanted not in self._supervised(s):
                    raise deny(self.actor, term("cohort_named", name=cohort))
                query = query.where(Submission.cohort_id == wanted)
            elif self.actor.role == Role.supervisor:
                query = query.where(Submission.cohort_id.in_(sorted(self._supervised(s))))
            found = s.execute(query).all()
            events: dict[int, list[ReviewEvent]] = defaultdict(list)
            ids = [row[0].id for row in found]
            for start in range(0, len(ids), 500):
                for e in s.scalars(
                    select(ReviewEvent)
                    .where(
                        ReviewEvent.submission_id.in_(ids[start : start + 500]),
                        ReviewEvent.kind == "override",
                    )
                    .order_by(ReviewEvent.id)
                ):
                    events[e.submission_id].append(e)
            out = []
            for sub, trainee, cohort_name, card in found:
                auto = scorecard_levels(card)
                transcript = sub.payload.get("transcript") or {}
                status = stored_status(sub)
                out.append(
                    CohortRow(
                        submission_id=sub.id,
                        attempt_id=sub.attempt_id,
                        trainee=trainee,
                        cohort=cohort_name,
                        scenario_id=sub.scenario_id,
                        number=sub.number,
                        status=status,
                        total=sub.total_score,
                        automatic=auto,
                        current=current_levels(auto, events[sub.id]),
                        reviewed=status in RELEASED or status == Status.approved,
                        overridden=frozenset(
                            e.criterion for e in events[sub.id] if e.criterion is not None
                        ),
                        disclosed=tuple(transcript.get("disclosed_facts") or ()),
                        missed_cues=tuple(
                            str(m.get("fact")) for m in transcript.get("missed_cues") or ()
                        ),
                    )
                )
            return out

        return self._read(work)
