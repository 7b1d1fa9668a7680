"""Users and cohorts: who is in the programme, in which role, with which supervisors."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase
from .errors import Conflict, InvalidInput, term
from .records import CohortRecord, UserRecord
from .roles import Role, require_role
from .schema import Cohort, CohortMember, User

MEMBER_ROLES = (Role.trainee, Role.supervisor)


def _user_record(u: User) -> UserRecord:
    return UserRecord(id=u.id, name=u.name, role=Role(u.role), display_name=u.display_name)


class PeopleMixin(RepositoryBase):
    """Admin writes people and cohorts; everyone reads what concerns them."""

    def add_user(self, name: str, role: Role | str, display_name: str | None = None) -> UserRecord:
        """Create a user with one role (admin)."""
        require_role(self.actor, "add_user", Role.admin)
        name = name.strip()
        if not name:
            raise InvalidInput("store.error.empty", what=term("name"))
        try:
            chosen = Role(role)
        except ValueError:
            raise InvalidInput("store.error.bad_role", role=role) from None

        def work(s: Session) -> UserRecord:
            if s.scalars(select(User.id).where(User.name == name)).first() is not None:
                raise Conflict("store.conflict.user_exists", name=name)
            user = User(
                name=name, role=chosen.value, display_name=display_name, created_at=utc_now()
            )
            s.add(user)
            s.flush()
            return _user_record(user)

        return self._write(work)

    def user(self, name: str) -> UserRecord:
        """A user's record: one's own, or anyone's for an admin."""
        if name != self.actor.name:
            require_role(self.actor, "read_user", Role.admin)
        return self._read(lambda s: _user_record(self._user(s, name)))

    def users(self, role: Role | None = None) -> list[UserRecord]:
        """Every user, or those with ``role`` (admin)."""
        require_role(self.actor, "list_users", Role.admin)

        def work(s: Session) -> list[UserRecord]:
            query = select(User).order_by(User.name)
            if role is not None:
                query = query.where(User.role == role.value)
            return [_user_record(u) for u in s.scalars(query)]

        return self._read(work)

    def add_cohort(self, name: str, title: str | None = None) -> CohortRecord:
        """Create a cohort (admin)."""
        require_role(self.actor, "add_cohort", Role.admin)
        name = name.strip()
        if not name:
            raise InvalidInput("store.error.empty", what=term("cohort"))

        def work(s: Session) -> CohortRecord:
            if s.scalars(select(Cohort.id).where(Cohort.name == name)).first() is not None:
                raise Conflict("store.conflict.cohort_exists", name=name)
            cohort = Cohort(name=name, title=title, created_at=utc_now())
            s.add(cohort)
            s.flush()
            return CohortRecord(id=cohort.id, name=cohort.name, title=title)

        return self._write(work)

    def add_member(self, cohort: str, user: str) -> None:
        """Put a trainee or a supervisor into a cohort (admin); their role says which."""
        require_role(self.actor, "add_member", Role.admin)

        def work(s: Session) -> None:
            c, u = self._cohort(s, cohort), self._user(s, user)
            if Role(u.role) not in MEMBER_ROLES:
                raise InvalidInput("store.error.not_member_role", user=user, role=u.role)
            if s.get(CohortMember, (c.id, u.id)) is None:
                s.add(CohortMember(cohort_id=c.id, user_id=u.id, member_role=u.role))

        self._write(work)

    def cohorts(self) -> list[CohortRecord]:
        """Cohorts the actor belongs to (all for an admin). Trainees do not get the member
        lists: other trainees' names are not theirs to see."""

        def work(s: Session) -> list[CohortRecord]:
            query = select(Cohort).order_by(Cohort.name)
            if self.actor.role != Role.admin:
                mine = select(CohortMember.cohort_id).where(
                    CohortMember.user_id == self.actor.user_id
                )
                query = query.where(Cohort.id.in_(mine))
            out = []
            for c in s.scalars(query):
                members: dict[str, list[str]] = {"trainee": [], "supervisor": []}
                if self.actor.role != Role.trainee:
                    rows = s.execute(
                        select(User.name, CohortMember.member_role)
                        .join(CohortMember, CohortMember.user_id == User.id)
                        .where(CohortMember.cohort_id == c.id)
                        .order_by(User.name)
                    )
                    for user_name, member_role in rows:
                        members[member_role].append(user_name)
                out.append(
                    CohortRecord(
                        id=c.id,
                        name=c.name,
                        title=c.title,
                        trainees=tuple(members["trainee"]),
                        supervisors=tuple(members["supervisor"]),
                    )
                )
            return out

        return self._read(work)
