"""Review events and what they add up to. Pure functions, no database.

A submission's status moves submitted -> in_review -> returned, or approved -> released;
nothing else. A returned submission goes back to the trainee at once (they must rework it);
an approved one waits until the supervisor releases the feedback (after a group session,
say). A returned submission stays returned: the trainee reworks the draft and submits again,
which makes a new submission of the same attempt. The current level of a criterion is the
scorecard's automatic level, replaced by each override in the order they happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Protocol


class Status(StrEnum):
    """Where a submission is in review."""

    submitted = "submitted"
    in_review = "in_review"
    returned = "returned"
    approved = "approved"
    released = "released"


class EventKind(StrEnum):
    """The three things a supervisor can record."""

    override = "override"
    comment = "comment"
    status = "status"


TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.submitted: frozenset({Status.in_review}),
    Status.in_review: frozenset({Status.returned, Status.approved}),
    Status.returned: frozenset(),
    Status.approved: frozenset({Status.released}),
    Status.released: frozenset(),
}

#: Statuses a supervisor still has to act on (the review queue): approved work waits
#: there to be released.
AWAITING_REVIEW = frozenset({Status.submitted, Status.in_review, Status.approved})
#: Statuses in which the trainee sees the review's results.
RELEASED = frozenset({Status.returned, Status.released})


def can_move(old: Status, new: Status) -> bool:
    """True when a status event may go from ``old`` to ``new``."""
    return new in TRANSITIONS[old]


class EventLike(Protocol):
    """What folding needs from an event (a schema row or a record)."""

    @property
    def kind(self) -> str: ...
    @property
    def criterion(self) -> str | None: ...
    @property
    def new_level(self) -> int | None: ...
    @property
    def new_status(self) -> str | None: ...


def current_levels(automatic: Mapping[str, int], events: Iterable[EventLike]) -> dict[str, int]:
    """The automatic levels with every override applied in order."""
    levels = dict(automatic)
    for e in events:
        if e.kind == EventKind.override and e.criterion is not None and e.new_level is not None:
            levels[e.criterion] = e.new_level
    return levels


def current_status(events: Iterable[EventLike]) -> Status:
    """The status the events lead to (a submission starts as submitted)."""
    status = Status.submitted
    for e in events:
        if e.kind == EventKind.status and e.new_status is not None:
            status = Status(e.new_status)
    return status
