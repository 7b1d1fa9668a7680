"""The store: attempts, submissions, reviews and roles, on SQLite or PostgreSQL.

Open a ``Store`` and act through ``Store.as_user(name)``; see ``repository.py``.
"""

from .errors import (
    AlreadySubmitted,
    Conflict,
    DraftChanged,
    InvalidInput,
    NotFound,
    PermissionDenied,
    ScenarioNotFound,
    StoreError,
    StoreNotReady,
    StoreUnavailable,
)
from .events import EventKind, Status
from .records import (
    AttemptRecord,
    CannedCommentRecord,
    CohortRecord,
    ContentVersion,
    DraftRecord,
    Feedback,
    ImportResult,
    ProgressRecord,
    QueuePage,
    QueueRow,
    ReviewEventRecord,
    ScorecardRecord,
    SubmissionRecord,
    TurnRecord,
    UserRecord,
)
from .repository import Repository, Store
from .roles import OPERATOR, Actor, Role

__all__ = [
    "OPERATOR",
    "Actor",
    "AlreadySubmitted",
    "AttemptRecord",
    "CannedCommentRecord",
    "CohortRecord",
    "Conflict",
    "ContentVersion",
    "DraftChanged",
    "DraftRecord",
    "EventKind",
    "Feedback",
    "ImportResult",
    "InvalidInput",
    "NotFound",
    "PermissionDenied",
    "ProgressRecord",
    "QueuePage",
    "QueueRow",
    "Repository",
    "ReviewEventRecord",
    "Role",
    "ScenarioNotFound",
    "ScorecardRecord",
    "Status",
    "Store",
    "StoreError",
    "StoreNotReady",
    "StoreUnavailable",
    "SubmissionRecord",
    "TurnRecord",
    "UserRecord",
]
