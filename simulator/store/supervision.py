"""スーパービジョン記録: a supervisor's record of each supervision session with a trainee.

The supervision has administrative, educational and supportive functions (DOMAIN.md);
what the store keeps is the session's date, whether it was individual or group, its
focus, the actions agreed and the next session. Records are only ever added, like the
review events. A supervisor writes and reads them for trainees of their cohorts; the
trainee reads their own; an admin reads all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from simulator.clock import utc_now

from .base import RepositoryBase
from .errors import InvalidInput, term
from .roles import Role, require_role
from .schema import SupervisionRecord, User

KINDS = ("individual", "group")
MAX_TEXT = 4000


@dataclass(frozen=True)
class SupervisionEntry:
    """One stored supervision session."""

    id: int
    trainee: str
    supervisor: str
    created_at: dt.datetime
    held_on: dt.date
    kind: str
    focus: str
    agreed_actions: str
    next_session: dt.date | None


class SupervisionMixin(RepositoryBase):
    """Recording and reading supervision sessions."""

    def record_supervision(
        self,
        trainee: str,
        held_on: dt.date,
        kind: str,
        focus: str,
        agreed_actions: str,
        next_session: dt.date | None = None,
    ) -> SupervisionEntry:
        """Add one session's record (supervisor of one of the trainee's cohorts)."""
        require_role(self.actor, "record_supervision", Role.supervisor)
        if kind not in KINDS:
            raise InvalidInput(
                "store.error.bad_field", what=term("supervision"), field=term("kind")
            )
        focus, agreed_actions = focus.strip(), agreed_actions.strip()
        if not focus:
            raise InvalidInput("store.error.empty", what=term("focus"))
        if len(focus) > MAX_TEXT or len(agreed_actions) > MAX_TEXT:
            raise InvalidInput(
                "store.error.bad_field", what=term("supervision"), field=term("length")
            )
        if next_session is not None and next_session < held_on:
            raise InvalidInput(
                "store.error.bad_field", what=term("supervision"), field=term("next_session")
            )

        def work(s: Session) -> SupervisionEntry:
            user = self._user(s, trainee)
            self._trainee_scope(s, user)  # PermissionDenied outside the actor's cohorts
            if user.role != Role.trainee:
                raise InvalidInput(
                    "store.error.bad_field", what=term("supervision"), field=term("trainee")
                )
            assert self.actor.user_id is not None
            row = SupervisionRecord(
                trainee_id=user.id,
                supervisor_id=self.actor.user_id,
                created_at=utc_now(),
                held_on=held_on,
                kind=kind,
                focus=focus,
                agreed_actions=agreed_actions,
                next_session=next_session,
            )
            s.add(row)
            s.flush()
            return SupervisionEntry(
                row.id,
                user.name,
                self.actor.name,
                row.created_at,
                held_on,
                kind,
                focus,
                agreed_actions,
                next_session,
            )

        return self._write(work)

    def supervision_records(self, trainee: str | None = None) -> list[SupervisionEntry]:
        """A trainee's supervision records, oldest first (default: the actor's own)."""

        def work(s: Session) -> list[SupervisionEntry]:
            user = self._user(s, trainee or self.actor.name)
            self._trainee_scope(s, user)
            supervisor = aliased(User)
            rows = s.execute(
                select(SupervisionRecord, supervisor.name)
                .join(supervisor, supervisor.id == SupervisionRecord.supervisor_id)
                .where(SupervisionRecord.trainee_id == user.id)
                .order_by(SupervisionRecord.id)
            )
            return [
                SupervisionEntry(
                    r.id,
                    user.name,
                    name,
                    r.created_at,
                    r.held_on,
                    r.kind,
                    r.focus,
                    r.agreed_actions,
                    r.next_session,
                )
                for r, name in rows
            ]

        return self._read(work)
