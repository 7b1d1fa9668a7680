"""Who may do what. The repository checks these before every read and write, so a view
cannot show or change more than its user's role allows, whatever the view does.

| role | may |
|---|---|
| trainee | own attempts, turns, drafts, submissions, progress; feedback once released |
| supervisor | their cohorts' submissions and progress; the only writers of review events |
| trainer | scenario and rubric versions (with answer keys), canned comments |
| admin | people and cohorts, every read, exports, import, a trainee's data export and erasure |

The local operator (the command line without JupyterHub) acts as admin: whoever can open
the database file or holds the server URL's password can read it directly anyway; roles
protect the users of one shared deployment from each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import PermissionDenied, Term, term


class Role(StrEnum):
    """A user's one role."""

    trainee = "trainee"
    supervisor = "supervisor"
    trainer = "trainer"
    admin = "admin"


@dataclass(frozen=True)
class Actor:
    """The identity a repository acts for."""

    user_id: int | None
    name: str
    role: Role


#: The command line on a single-user machine (see the module docstring).
OPERATOR = Actor(user_id=None, name="operator", role=Role.admin)


def require_role(actor: Actor, action: str, *roles: Role) -> None:
    """Raise PermissionDenied unless ``actor`` has one of ``roles``."""
    if actor.role not in roles:
        raise PermissionDenied(
            "store.denied.role",
            user=actor.name,
            role=term(f"role.{actor.role.value}"),
            action=term(f"action.{action}"),
            roles=tuple(term(f"role.{r.value}") for r in roles),
        )


def deny(actor: Actor, what: Term) -> PermissionDenied:
    """The error for a read or write of someone else's record (``what``: a term)."""
    return PermissionDenied(
        "store.denied.record", user=actor.name, role=term(f"role.{actor.role.value}"), what=what
    )
