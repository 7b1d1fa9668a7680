"""The store: attempts, submissions, reviews and roles, on SQLite or PostgreSQL.

Open a ``Store`` and act through ``Store.as_user(name)``; see ``repository.py``.
"""

from typing import TYPE_CHECKING

from simulator.lazy import lazy_names

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
from .roles import OPERATOR, Actor, Role

# The database layer (SQLAlchemy) loads when a store is opened: a page that only asks
# whether the workspace has one, or names a store error, does not wait for it.
if TYPE_CHECKING:
    from .repository import Repository, Store

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

__getattr__ = lazy_names(__name__, {"Repository": "repository", "Store": "repository"})
