"""Attempts a trainee abandoned: an event on the attempt, never a deletion.

Going back to the case library from an unfinished attempt leaves it; the page then must not
reopen it on the next reload, and 私の提出 lists it as 中断. Its turns and draft stay (a
supervisor, or a data export, still sees what was done).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase
from .errors import Conflict
from .roles import Role, require_role
from .schema import Attempt, AttemptEvent, Submission

ABANDONED = "abandoned"


class AttemptEventsMixin(RepositoryBase):
    """The trainee abandons an attempt; anyone who may read her attempts sees which."""

    def abandon_attempt(self, attempt_id: int) -> bool:
        """Mark the trainee's own unsubmitted attempt abandoned; False when it already is.
        Conflict when a version of it was submitted (it is finished, not abandoned)."""
        require_role(self.actor, "abandon_attempt", Role.trainee)

        def work(s: Session) -> bool:
            attempt = self._attempt(s, attempt_id, own=True, lock=True)
            submitted = s.scalar(select(func.count()).where(Submission.attempt_id == attempt.id))
            if submitted:
                raise Conflict("store.conflict.abandon_submitted", attempt=attempt_id)
            if self._abandoned(s, [attempt.id]):
                return False
            s.add(AttemptEvent(attempt_id=attempt.id, kind=ABANDONED, created_at=utc_now()))
            return True

        return self._write(work)

    def abandoned_attempts(self, trainee: str | None = None) -> set[int]:
        """Ids of the abandoned attempts of ``trainee`` (default: the actor)."""

        def work(s: Session) -> set[int]:
            user = self._user(s, trainee or self.actor.name)
            scope = self._trainee_scope(s, user)
            query = select(Attempt).where(Attempt.trainee_id == user.id)
            if scope is not None:
                query = query.where(Attempt.cohort_id.in_(sorted(scope)))
            return self._abandoned(s, [a.id for a in s.scalars(query)])

        return self._read(work)

    def _abandoned(self, s: Session, attempt_ids: list[int]) -> set[int]:
        if not attempt_ids:
            return set()
        query = select(AttemptEvent.attempt_id).where(
            AttemptEvent.attempt_id.in_(attempt_ids), AttemptEvent.kind == ABANDONED
        )
        return set(s.scalars(query))


__all__ = ["ABANDONED", "AttemptEventsMixin"]
