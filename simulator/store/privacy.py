"""Data requests about one trainee: everything the store holds on them, and erasure.

Erasure is the one way review events and submissions ever leave the store. It first logs
itself in ``erasures`` (ids only), which is what lets the append-only triggers allow the
deletions, and it all happens in one transaction: either every record of the trainee goes,
or none does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from simulator.clock import iso_utc, utc_now

from .base import RepositoryBase
from .errors import Conflict, InvalidInput
from .roles import Role, require_role
from .schema import (
    Attempt,
    AttemptEvent,
    Cohort,
    CohortMember,
    Draft,
    Erasure,
    ModuleDraft,
    ModuleEvent,
    Progress,
    ReviewEvent,
    Scorecard,
    Submission,
    SupervisionRecord,
    TranscriptTurn,
    User,
)


def _iso(value: dt.datetime | None) -> str | None:
    return iso_utc(value) if value is not None else None


class PrivacyMixin(RepositoryBase):
    """Admins answer data requests: export all of a trainee's data, or erase it."""

    def trainee_data(self, name: str) -> dict[str, Any]:
        """Everything stored about one trainee, as one JSON-ready document (admin)."""
        require_role(self.actor, "trainee_data", Role.admin)

        def work(s: Session) -> dict[str, Any]:
            user = self._user(s, name)
            cohorts = s.scalars(
                select(Cohort.name)
                .join(CohortMember, CohortMember.cohort_id == Cohort.id)
                .where(CohortMember.user_id == user.id)
                .order_by(Cohort.name)
            ).all()
            attempts = []
            for a in self._attempt_records(
                s,
                list(
                    s.scalars(
                        select(Attempt).where(Attempt.trainee_id == user.id).order_by(Attempt.id)
                    )
                ),
            ):
                draft = s.get(Draft, a.id)
                abandoned = s.scalar(
                    select(AttemptEvent.created_at).where(AttemptEvent.attempt_id == a.id)
                )
                turns = s.scalars(
                    select(TranscriptTurn.payload)
                    .where(TranscriptTurn.attempt_id == a.id)
                    .order_by(TranscriptTurn.position)
                ).all()
                attempts.append(
                    {
                        "id": a.id,
                        "scenario_id": a.scenario_id,
                        "scenario_hash": a.scenario_hash,
                        "cohort": a.cohort,
                        "seed": a.seed,
                        "started_at": _iso(a.started_at),
                        "turns": list(turns),
                        "abandoned_at": None if abandoned is None else _iso(abandoned),
                        "draft": None
                        if draft is None
                        else {
                            "revision": draft.revision,
                            "updated_at": _iso(draft.updated_at),
                            "payload": draft.payload,
                        },
                    }
                )
            subs = list(
                s.scalars(
                    select(Submission)
                    .where(Submission.trainee_id == user.id)
                    .order_by(Submission.id)
                )
            )
            submissions = []
            for rec in self._submission_records(s, subs):
                card = s.scalar(select(Scorecard.payload).where(Scorecard.submission_id == rec.id))
                events = s.execute(
                    select(ReviewEvent, User.name)
                    .join(User, User.id == ReviewEvent.actor_id)
                    .where(ReviewEvent.submission_id == rec.id)
                    .order_by(ReviewEvent.id)
                )
                submissions.append(
                    {
                        "id": rec.id,
                        "attempt_id": rec.attempt_id,
                        "number": rec.number,
                        "cohort": rec.cohort,
                        "scenario_id": rec.scenario_id,
                        "scenario_hash": rec.scenario_hash,
                        "submitted_at": _iso(rec.submitted_at),
                        "status": rec.status.value,
                        "total_score": rec.total_score,
                        "payload": rec.payload,
                        "scorecard": card,
                        "review_events": [
                            {
                                "kind": e.kind,
                                "by": by,
                                "at": _iso(e.created_at),
                                "criterion": e.criterion,
                                "old_level": e.old_level,
                                "new_level": e.new_level,
                                "old_status": e.old_status,
                                "new_status": e.new_status,
                                "text": e.text,
                            }
                            for e, by in events
                        ],
                    }
                )
            progress = [
                {
                    "module": p.module,
                    "status": p.status,
                    "detail": p.detail,
                    "at": _iso(p.updated_at),
                }
                for p in s.scalars(
                    select(Progress).where(Progress.user_id == user.id).order_by(Progress.module)
                )
            ]
            return {
                "user": {
                    "name": user.name,
                    "display_name": user.display_name,
                    "role": user.role,
                    "created_at": _iso(user.created_at),
                },
                "cohorts": list(cohorts),
                "attempts": attempts,
                "submissions": submissions,
                "progress": progress,
                "module_events": [
                    {
                        "module": e.module,
                        "kind": e.kind,
                        "at": _iso(e.created_at),
                        "text": e.text,
                        "score": e.score,
                        "detail": e.detail,
                    }
                    for e in s.scalars(
                        select(ModuleEvent)
                        .where(ModuleEvent.user_id == user.id)
                        .order_by(ModuleEvent.id)
                    )
                ],
                "module_drafts": [
                    {"module": d.module, "text": d.text, "at": _iso(d.updated_at)}
                    for d in s.scalars(
                        select(ModuleDraft)
                        .where(ModuleDraft.user_id == user.id)
                        .order_by(ModuleDraft.module)
                    )
                ],
                "supervision": [
                    {
                        "held_on": r.held_on.isoformat(),
                        "kind": r.kind,
                        "focus": r.focus,
                        "agreed_actions": r.agreed_actions,
                        "next_session": r.next_session.isoformat() if r.next_session else None,
                        "at": _iso(r.created_at),
                    }
                    for r in s.scalars(
                        select(SupervisionRecord)
                        .where(SupervisionRecord.trainee_id == user.id)
                        .order_by(SupervisionRecord.id)
                    )
                ],
            }

        return self._read(work)

    def erase_trainee(self, name: str) -> dict[str, int]:
        """Delete a trainee and everything about them, in one transaction (admin).

        Returns how many records of each kind went. The erasure log keeps only ids.
        """
        require_role(self.actor, "erase_trainee", Role.admin)

        def work(s: Session) -> dict[str, int]:
            user = self._user(s, name)
            if user.role != Role.trainee:
                raise InvalidInput("store.error.erase_not_trainee", name=name, role=user.role)
            authored = s.scalar(select(func.count()).where(ReviewEvent.actor_id == user.id))
            if authored:
                raise Conflict("store.conflict.erase_author", name=name)
            log = Erasure(user_id=user.id, requested_by=self.actor.user_id, started_at=utc_now())
            s.add(log)
            s.flush()
            subs = select(Submission.id).where(Submission.trainee_id == user.id)
            attempts = select(Attempt.id).where(Attempt.trainee_id == user.id)
            counts: dict[str, int] = {}
            # Children before parents: the foreign keys do not cascade into guarded tables.
            for label, statement in (
                ("review_events", delete(ReviewEvent).where(ReviewEvent.submission_id.in_(subs))),
                ("scorecards", delete(Scorecard).where(Scorecard.submission_id.in_(subs))),
                ("submissions", delete(Submission).where(Submission.trainee_id == user.id)),
                (
                    "transcript_turns",
                    delete(TranscriptTurn).where(TranscriptTurn.attempt_id.in_(attempts)),
                ),
                ("drafts", delete(Draft).where(Draft.attempt_id.in_(attempts))),
                (
                    "attempt_events",
                    delete(AttemptEvent).where(AttemptEvent.attempt_id.in_(attempts)),
                ),
                ("attempts", delete(Attempt).where(Attempt.trainee_id == user.id)),
                ("progress", delete(Progress).where(Progress.user_id == user.id)),
                ("module_events", delete(ModuleEvent).where(ModuleEvent.user_id == user.id)),
                ("module_drafts", delete(ModuleDraft).where(ModuleDraft.user_id == user.id)),
                (
                    "supervision_records",
                    delete(SupervisionRecord).where(SupervisionRecord.trainee_id == user.id),
                ),
                ("cohort_members", delete(CohortMember).where(CohortMember.user_id == user.id)),
                ("users", delete(User).where(User.id == user.id)),
            ):
                counts[label] = s.execute(
                    statement.execution_options(synchronize_session=False)
                ).rowcount  # type: ignore[attr-defined]
            log.finished_at = utc_now()
            log.summary = dict(counts)
            return counts

        return self._write(work)
