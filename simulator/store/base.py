"""What every part of the repository shares: the actor, transactions, and the lookups
that decide whether the actor may touch a record."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .documents import split_flags
from .engine import run_transaction
from .errors import NotFound, ScenarioNotFound, Term, term
from .events import RELEASED, Status
from .keys import caller_key
from .records import AttemptRecord, SubmissionRecord
from .roles import Actor, Role, deny
from .schema import Attempt, Cohort, CohortMember, ScenarioVersion, Submission, User

T = TypeVar("T")


def stored_status(sub: Submission) -> Status:
    """A submission's status: the status column, or released once ``released_at`` is set
    (see migration 0003 for why release has its own column)."""
    return Status.released if sub.released_at is not None else Status(sub.status)


class RepositoryBase:
    """Holds the engine and the actor; subclasses (mixins) add the operations."""

    def __init__(self, engine: Engine, actor: Actor) -> None:
        self._engine = engine
        self.actor = actor

    # --- transactions -----------------------------------------------------------------
    def _read(self, work: Callable[[Session], T]) -> T:
        return run_transaction(self._engine, work, write=False)

    def _write(self, work: Callable[[Session], T]) -> T:
        return run_transaction(self._engine, work, write=True)

    # --- lookups ------------------------------------------------------------------------
    @staticmethod
    def _user(s: Session, name: str) -> User:
        user = s.scalars(select(User).where(User.name == name)).one_or_none()
        if user is None:
            raise NotFound("store.notfound.user", name=name)
        return user

    @staticmethod
    def _cohort(s: Session, name: str) -> Cohort:
        cohort = s.scalars(select(Cohort).where(Cohort.name == name)).one_or_none()
        if cohort is None:
            raise NotFound("store.notfound.cohort", name=name)
        return cohort

    @staticmethod
    def _scenario(s: Session, content_hash: str) -> ScenarioVersion:
        found = s.scalars(
            select(ScenarioVersion).where(ScenarioVersion.content_hash == content_hash)
        ).one_or_none()
        if found is None:
            raise ScenarioNotFound(content_hash)
        return found

    @staticmethod
    def _names(
        s: Session, ids: Iterable[int | None], table: type[User] | type[Cohort]
    ) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = s.execute(select(table.id, table.name).where(table.id.in_(wanted)))
        return {row.id: row.name for row in rows}

    def _supervised(self, s: Session) -> set[int]:
        """Ids of the cohorts the actor supervises."""
        return set(
            s.scalars(
                select(CohortMember.cohort_id).where(
                    CohortMember.user_id == self.actor.user_id,
                    CohortMember.member_role == "supervisor",
                )
            )
        )

    def _check_trainee_data(
        self, s: Session, trainee_id: int, cohort_id: int | None, what: Term
    ) -> None:
        """May the actor read a trainee's record (attempt, submission, progress)?"""
        role = self.actor.role
        if role == Role.admin:
            return
        if role == Role.trainee and trainee_id == self.actor.user_id:
            return
        if role == Role.supervisor and cohort_id is not None and cohort_id in self._supervised(s):
            return
        raise deny(self.actor, what)

    def _trainee_scope(self, s: Session, trainee: User) -> set[int] | None:
        """Which of a trainee's records the actor may list: None for all of them (the
        trainee, an admin), else the cohorts shared with the supervising actor."""
        what = term("records_of", name=trainee.name)
        own = self.actor.role == Role.trainee and trainee.id == self.actor.user_id
        if own or self.actor.role == Role.admin:
            return None
        if self.actor.role == Role.supervisor:
            theirs = set(
                s.scalars(select(CohortMember.cohort_id).where(CohortMember.user_id == trainee.id))
            )
            shared = theirs & self._supervised(s)
            if shared:
                return shared
        raise deny(self.actor, what)

    def _attempt(self, s: Session, attempt_id: int, *, own: bool, lock: bool = False) -> Attempt:
        """An attempt the actor may read; ``own``: only its trainee may (writes)."""
        query = select(Attempt).where(Attempt.id == attempt_id)
        attempt = s.scalars(query.with_for_update() if lock else query).one_or_none()
        if attempt is None:
            raise NotFound("store.notfound.attempt", id=attempt_id)
        what = term("attempt", id=attempt_id)
        if own:
            if attempt.trainee_id != self.actor.user_id:
                raise deny(self.actor, what)
        else:
            self._check_trainee_data(s, attempt.trainee_id, attempt.cohort_id, what)
        return attempt

    def _submission(self, s: Session, submission_id: int, *, lock: bool = False) -> Submission:
        """A submission the actor may read."""
        query = select(Submission).where(Submission.id == submission_id)
        sub = s.scalars(query.with_for_update() if lock else query).one_or_none()
        if sub is None:
            raise NotFound("store.notfound.submission", id=submission_id)
        self._check_trainee_data(
            s, sub.trainee_id, sub.cohort_id, term("submission_no", id=submission_id)
        )
        return sub

    # --- records ------------------------------------------------------------------------
    def _attempt_records(self, s: Session, attempts: list[Attempt]) -> list[AttemptRecord]:
        users = self._names(s, (a.trainee_id for a in attempts), User)
        cohorts = self._names(s, (a.cohort_id for a in attempts), Cohort)
        versions = {
            v.id: v
            for v in s.execute(
                select(
                    ScenarioVersion.id, ScenarioVersion.scenario_id, ScenarioVersion.content_hash
                ).where(ScenarioVersion.id.in_({a.scenario_version_id for a in attempts}))
            )
        }
        return [
            AttemptRecord(
                id=a.id,
                trainee=users[a.trainee_id],
                cohort=cohorts.get(a.cohort_id) if a.cohort_id is not None else None,
                scenario_id=versions[a.scenario_version_id].scenario_id,
                scenario_hash=versions[a.scenario_version_id].content_hash,
                seed=a.seed,
                started_at=a.started_at,
            )
            for a in attempts
        ]

    def _visible_total(self, sub: Submission) -> float | None:
        """The automatic total, except for a trainee before review: it counts criteria the
        trainee may see only once a supervisor has released the work (as feedback() does)."""
        if self.actor.role == Role.trainee and stored_status(sub) not in RELEASED:
            return None
        return sub.total_score

    def _submission_records(self, s: Session, subs: list[Submission]) -> list[SubmissionRecord]:
        users = self._names(s, [x.trainee_id for x in subs] + [x.reviewer_id for x in subs], User)
        cohorts = self._names(s, (x.cohort_id for x in subs), Cohort)
        hashes = dict(
            s.execute(
                select(ScenarioVersion.id, ScenarioVersion.content_hash).where(
                    ScenarioVersion.id.in_({x.scenario_version_id for x in subs})
                )
            ).all()
        )
        return [
            SubmissionRecord(
                id=x.id,
                attempt_id=x.attempt_id,
                number=x.number,
                trainee=users[x.trainee_id],
                cohort=cohorts.get(x.cohort_id) if x.cohort_id is not None else None,
                scenario_id=x.scenario_id,
                scenario_hash=hashes[x.scenario_version_id],
                schema_version=x.schema_version,
                payload=x.payload,
                submitted_at=x.submitted_at,
                total_score=self._visible_total(x),
                status=stored_status(x),
                reviewer=users.get(x.reviewer_id) if x.reviewer_id is not None else None,
                idempotency_key=caller_key(x.trainee_id, x.idempotency_key),
                # The flag tells what the case holds; a trainee does not learn it from it.
                urgent=() if self.actor.role == Role.trainee else split_flags(x.urgent),
            )
            for x in subs
        ]
