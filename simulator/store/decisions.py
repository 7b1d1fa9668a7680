"""A supervisor's decision on one submission, as one call: the review app does it in the
kernel (a plain Jupyter server) and the service does it for the app under a hub, so both
take work into review the same way and record the same events.

Override (reason required), comment, return, approve and release; work still submitted
is taken into review first, except by release, which needs approved work. Every decision
is an appended review event (who, when, why; old and new level); nothing is changed in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput
from .events import Status
from .records import ReviewEventRecord
from .repository import Repository

#: What a decision may be (the review app's buttons).
ACTIONS = ("override", "comment", "return", "approve", "release")


@dataclass(frozen=True)
class Decision:
    """One decision: its ``action`` and what that action takes."""

    action: str
    criterion: str | None = None
    level: int | None = None
    #: The reason of an override (the store refuses an empty one).
    reason: str = ""
    #: A comment's text, and the turn or form field it is on (None: the criterion's).
    text: str = ""
    target: str | None = None
    #: The note sent with return, approve or release.
    note: str | None = None


def record_decision(repo: Repository, submission_id: int, d: Decision) -> ReviewEventRecord:
    """Record ``d`` on the submission as ``repo``'s user (the store checks the role)."""
    if d.action not in ACTIONS:
        raise InvalidInput("store.error.bad_action", action=d.action)
    if d.action != "release" and repo.submission(submission_id).status == Status.submitted:
        repo.start_review(submission_id)
    if d.action == "override":
        if d.criterion is None or d.level is None:
            raise InvalidInput("store.error.unknown_criterion", criterion=d.criterion or "-")
        return repo.override_level(submission_id, d.criterion, d.level, d.reason)
    if d.action == "comment":
        criterion = d.criterion if not d.target else None
        return repo.add_comment(submission_id, d.text, criterion, target=d.target)
    moves = {
        "return": repo.return_to_trainee,
        "approve": repo.approve,
        "release": repo.release,
    }
    return moves[d.action](submission_id, d.note or None)


__all__ = ["ACTIONS", "Decision", "record_decision"]
