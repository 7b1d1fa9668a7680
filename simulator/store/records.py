"""What the repository returns: frozen records, detached from the database session.

Documents (payloads, scorecards, scenario contents) are plain JSON dicts; typed pydantic
wrappers can be layered on by callers that know the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .events import EventKind, Status
from .roles import Role


@dataclass(frozen=True)
class UserRecord:
    """A user and their one role."""

    id: int
    name: str
    role: Role
    display_name: str | None


@dataclass(frozen=True)
class CohortRecord:
    """A cohort; member names are empty for trainees (not theirs to see)."""

    id: int
    name: str
    title: str | None
    trainees: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContentVersion:
    """A scenario or rubric version. ``document`` lacks the answer key for trainees."""

    kind: str
    id: int
    content_id: str
    content_hash: str
    document: dict[str, Any]
    created_at: dt.datetime
    version: int | None = None

    @property
    def recency(self) -> tuple[int, int]:
        """Order of versions: by version number, then registration (the newest is max)."""
        return (self.version or 0, self.id)


@dataclass(frozen=True)
class AttemptRecord:
    """One interview of a scenario version, with its seed."""

    id: int
    trainee: str
    cohort: str | None
    scenario_id: str
    scenario_hash: str
    seed: int
    started_at: dt.datetime


@dataclass(frozen=True)
class TurnRecord:
    """One stored transcript turn (the interview's Turn as JSON)."""

    attempt_id: int
    position: int
    turn_id: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class DraftRecord:
    """The working copy of an attempt; ``revision`` guards against stale saves."""

    attempt_id: int
    revision: int
    schema_version: int
    payload: dict[str, Any]
    updated_at: dt.datetime


@dataclass(frozen=True)
class SubmissionRecord:
    """A frozen submission with its current review status."""

    id: int
    attempt_id: int
    number: int
    trainee: str
    cohort: str | None
    scenario_id: str
    scenario_hash: str
    schema_version: int
    payload: dict[str, Any]
    submitted_at: dt.datetime
    total_score: float | None
    status: Status
    reviewer: str | None
    idempotency_key: str | None
    #: The unmet same-day risks (要至急確認); always empty for a trainee.
    urgent: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScorecardRecord:
    """The rubric engine's automatic scorecard of a submission, whole."""

    submission_id: int
    schema_version: int
    payload: dict[str, Any]
    total_score: float | None
    rubric_hash: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class ReviewEventRecord:
    """One append-only review event: a status change, an override or a comment."""

    id: int
    submission_id: int
    kind: EventKind
    actor: str
    created_at: dt.datetime
    criterion: str | None = None
    old_level: int | None = None
    new_level: int | None = None
    old_status: str | None = None
    new_status: str | None = None
    text: str | None = None
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class QueueRow:
    """One line of the review queue."""

    submission_id: int
    trainee: str
    trainee_display_name: str | None
    cohort: str | None
    scenario_id: str
    status: Status
    submitted_at: dt.datetime
    total_score: float | None
    reviewer: str | None
    #: The unmet same-day risks (要至急確認 when not empty).
    urgent: tuple[str, ...] = ()
    #: The criterion with the lowest automatic level.
    lowest: str | None = None


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue; pass ``next_cursor`` back for the next one (None at the end)."""

    rows: tuple[QueueRow, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class Feedback:
    """What a trainee sees of a submission's review."""

    submission_id: int
    status: Status
    released: bool
    scorecard: dict[str, Any] | None
    levels: dict[str, int] = field(default_factory=dict)
    events: tuple[ReviewEventRecord, ...] = ()


@dataclass(frozen=True)
class ProgressRecord:
    """A trainee's state in one curriculum module."""

    trainee: str
    module: str
    status: str
    detail: dict[str, Any] | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class CannedCommentRecord:
    """A reusable comment for one rubric criterion."""

    id: int
    rubric_id: str
    criterion: str
    text: dict[str, Any]
    retired: bool


@dataclass(frozen=True)
class ImportResult:
    """How a batch import went: rows stored now, rows already there (skipped)."""

    stored: int
    skipped: int
