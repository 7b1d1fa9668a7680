"""JupyterHub groups to the store's roles and cohorts.

The hub is where people are managed (its admin page, or ``nuiawase hub groups``); the
store keeps one role per user. A hub user's groups say both:

| hub group | store |
|---|---|
| ``nuiawase-trainee`` / ``-supervisor`` / ``-trainer`` / ``-admin`` | the user's role |
| ``cohort-<name>`` | membership of cohort ``<name>`` (trainees and supervisors) |

The service admits a user on first sight: it creates the store user with that role and
adds the cohort memberships the groups name (new ones each time it looks again). Being in
two role groups is refused, not guessed at; so is a role group other than the one the
store already holds (a role change is an admin's decision, made in the store, because a
supervisor's review events or a trainee's attempts stay with the role they were made in).
Other groups (the hub's own) are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.store import Conflict, NotFound, PermissionDenied, Store
from simulator.store.people import MEMBER_ROLES
from simulator.store.roles import Role

#: The prefix of a role group: ``nuiawase-trainee`` and so on.
ROLE_PREFIX = "nuiawase-"
#: The prefix of a cohort group: ``cohort-2026-spring`` is cohort ``2026-spring``.
COHORT_PREFIX = "cohort-"


def role_group(role: Role | str) -> str:
    """The hub group of a role (``nuiawase-trainee``)."""
    return ROLE_PREFIX + Role(role).value


def cohort_group(cohort: str) -> str:
    """The hub group of a cohort (``cohort-<name>``)."""
    return COHORT_PREFIX + cohort


@dataclass(frozen=True)
class Membership:
    """What a user's hub groups say: one role (None when no role group) and cohorts."""

    role: Role | None
    cohorts: tuple[str, ...]


def membership(user: str, groups: Iterable[str]) -> Membership:
    """Read ``groups``; PermissionDenied (naming the groups) for two role groups."""
    names = sorted(set(groups))
    roles = [Role(g[len(ROLE_PREFIX) :]) for g in names if g in _ROLE_GROUPS]
    if len(roles) > 1:
        raise PermissionDenied(
            "service.error.two_roles", user=user, groups=", ".join(role_group(r) for r in roles)
        )
    cohorts = tuple(
        g[len(COHORT_PREFIX) :]
        for g in names
        if g.startswith(COHORT_PREFIX) and len(g) > len(COHORT_PREFIX)
    )
    return Membership(roles[0] if roles else None, cohorts)


_ROLE_GROUPS = frozenset(role_group(r) for r in Role)


def admit(store: Store, user: str, groups: Iterable[str]) -> Membership:
    """Make the store agree with the hub about ``user``: create them with the role their
    groups name and add the cohorts' memberships (creating a cohort named the first time).
    PermissionDenied when no role group names them, for two role groups, or when the store
    holds another role."""
    wanted = membership(user, groups)
    if wanted.role is None:
        raise PermissionDenied("service.error.no_role_group", user=user)
    admin = store.as_operator()
    try:
        stored = admin.user(user).role
    except NotFound:
        try:
            stored = admin.add_user(user, wanted.role).role
        except Conflict:  # another request of theirs admitted them first
            stored = admin.user(user).role
    if stored != wanted.role:
        raise PermissionDenied(
            "service.error.role_changed",
            user=user,
            stored=stored.value,
            group=role_group(wanted.role),
        )
    if wanted.role in MEMBER_ROLES and wanted.cohorts:
        existing = {c.name: c for c in admin.cohorts()}
        for cohort in wanted.cohorts:
            if cohort not in existing:
                try:
                    admin.add_cohort(cohort)
                except Conflict:
                    pass
            record = existing.get(cohort)
            if record is None or user not in (*record.trainees, *record.supervisors):
                admin.add_member(cohort, user)
    return wanted


__all__ = [
    "COHORT_PREFIX",
    "ROLE_PREFIX",
    "Membership",
    "admit",
    "cohort_group",
    "membership",
    "role_group",
]
