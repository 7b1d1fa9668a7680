"""Where the review app reads and records: one interface in the supervisor's words, two
ways to reach it. ``LocalReviewDesk`` holds a store Repository in the kernel (a plain
Jupyter server, nbval); ``ServiceReviewDesk`` asks the nuiawase service (``nuiawase demo``
and JupyterHub, where a kernel has no database credential). Both act as one user, and
the store's role checks decide either way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Protocol

from simulator.service.client import ServiceClient
from simulator.service.remote import remote
from simulator.service.revive import record
from simulator.store import Repository
from simulator.store.decisions import Decision, record_decision
from simulator.store.queue import QueueFilter
from simulator.store.records import QueuePage
from simulator.store.review_sheet import ReviewSheet, build_sheet
from simulator.store.supervision import SupervisionEntry


class SupervisionBook(Protocol):
    """A trainee's supervision sessions: read them, add one."""

    def supervision_records(self, trainee: str) -> list[SupervisionEntry]:
        """The trainee's sessions so far."""
        ...

    def record_supervision(
        self,
        trainee: str,
        held_on: dt.date,
        kind: str,
        focus: str,
        agreed_actions: str,
        next_session: dt.date | None = None,
    ) -> SupervisionEntry:
        """Add one session."""
        ...


class ReviewDesk(Protocol):
    """The queue, one submission's sheet, the decisions on it, and the supervision book."""

    @property
    def book(self) -> SupervisionBook:
        """The trainees' supervision records."""
        ...

    def queue(self, cursor: str | None, limit: int, where: QueueFilter) -> QueuePage:
        """One page of the review queue."""
        ...

    def sheet(self, submission_id: int, locale: str | None) -> ReviewSheet:
        """One submission as its reviewer sees it."""
        ...

    def decide(self, submission_id: int, decision: Decision) -> None:
        """Record a decision (simulator.store.decisions)."""
        ...


class LocalReviewDesk:
    """The store in this kernel, as one user."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @property
    def book(self) -> SupervisionBook:
        return self.repo  # the Repository keeps the supervision records itself

    def queue(self, cursor: str | None, limit: int, where: QueueFilter) -> QueuePage:
        return self.repo.review_queue(cursor=cursor, limit=limit, where=where)

    def sheet(self, submission_id: int, locale: str | None) -> ReviewSheet:
        return build_sheet(self.repo, submission_id, locale)

    def decide(self, submission_id: int, decision: Decision) -> None:
        record_decision(self.repo, submission_id, decision)


class ServiceReviewDesk:
    """The nuiawase service, with one user's token."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    @property
    def book(self) -> SupervisionBook:
        return ServiceSupervision(self.client)

    def queue(self, cursor: str | None, limit: int, where: QueueFilter) -> QueuePage:
        query: dict[str, Any] = {"cursor": cursor, "limit": limit}
        query.update({k: v for k, v in dataclasses.asdict(where).items() if v is not None})
        if where.status is not None:
            query["status"] = where.status.value
        page = remote(self.client, "GET", "/api/review/queue", query=query)["queue"]
        return record(QueuePage, page)

    def sheet(self, submission_id: int, locale: str | None) -> ReviewSheet:
        # The sheet's words (criteria, fields, the forms) are in the app's language.
        client = ServiceClient(self.client.url, self.client.token, locale or "ja")
        return record(ReviewSheet, remote(client, "GET", f"/api/review/{submission_id}")["sheet"])

    def decide(self, submission_id: int, decision: Decision) -> None:
        body = dataclasses.asdict(decision)
        remote(self.client, "POST", f"/api/review/{submission_id}/decisions", body)


class ServiceSupervision:
    """The supervision records through the service."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def supervision_records(self, trainee: str) -> list[SupervisionEntry]:
        found = remote(self.client, "GET", "/api/supervision", query={"trainee": trainee})
        return [record(SupervisionEntry, r) for r in found["records"]]

    def record_supervision(
        self,
        trainee: str,
        held_on: dt.date,
        kind: str,
        focus: str,
        agreed_actions: str,
        next_session: dt.date | None = None,
    ) -> SupervisionEntry:
        body = {
            "trainee": trainee,
            "held_on": held_on.isoformat(),
            "kind": kind,
            "focus": focus,
            "actions": agreed_actions,
            "next_session": next_session.isoformat() if next_session else None,
        }
        saved = remote(self.client, "POST", "/api/supervision", body)["record"]
        return record(SupervisionEntry, saved)


__all__ = [
    "LocalReviewDesk",
    "ReviewDesk",
    "ServiceReviewDesk",
    "ServiceSupervision",
    "SupervisionBook",
]
