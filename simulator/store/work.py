"""A trainee's own work: attempts, transcript turns, drafts, submissions and progress.

Only the trainee writes these. A draft is saved over (with a revision number, so two
browser tabs cannot silently overwrite each other); a submission is a frozen copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase
from .documents import DocumentLike, as_document, lowest_criterion, schema_version_of
from .errors import AlreadySubmitted, Conflict, DraftChanged, InvalidInput
from .events import Status
from .keys import candidates, checked_key, stored_key
from .records import AttemptRecord, DraftRecord, ProgressRecord, SubmissionRecord, TurnRecord
from .roles import Role, require_role
from .schema import (
    Attempt,
    Cohort,
    CohortMember,
    Draft,
    Progress,
    RubricVersion,
    ScenarioVersion,
    Scorecard,
    Submission,
    TranscriptTurn,
    User,
)
from .scoring import Scored, StoreScorer, default_scorer

PROGRESS_STATUSES = ("started", "completed")


def new_submission(
    attempt: Attempt,
    scenario_id: str,
    payload: dict[str, Any],
    scored: Scored,
    *,
    number: int,
    idempotency_key: str | None,
    submitted_at: dt.datetime,
) -> Submission:
    """A submission row of ``attempt``, waiting for review (not yet added to a session)."""
    return Submission(
        attempt_id=attempt.id,
        number=number,
        trainee_id=attempt.trainee_id,
        cohort_id=attempt.cohort_id,
        scenario_version_id=attempt.scenario_version_id,
        scenario_id=scenario_id,
        idempotency_key=idempotency_key,
        schema_version=schema_version_of(payload),
        payload=payload,
        submitted_at=submitted_at,
        total_score=scored.total,
        status=Status.submitted.value,
        awaiting_review=True,
        reviewer_id=None,
        status_changed_at=submitted_at,
        priority=0 if scored.urgent else 1,
        urgent=",".join(scored.urgent) or None,
        lowest=lowest_criterion(scored.scorecard),
    )


def new_scorecard(sub: Submission, scored: Scored, rubric_version_id: int | None) -> Scorecard:
    """The scorecard row of a flushed submission."""
    return Scorecard(
        submission_id=sub.id,
        rubric_version_id=rubric_version_id,
        schema_version=schema_version_of(scored.scorecard),
        payload=scored.scorecard,
        total_score=sub.total_score,
        created_at=sub.submitted_at,
    )


def score_on_receipt(
    s: Session, attempt: Attempt, payload: dict[str, Any], scorer: StoreScorer | None = None
) -> Scored:
    """Score ``payload`` as a submission of ``attempt`` (InvalidInput if it is not one)."""
    version = s.get_one(ScenarioVersion, attempt.scenario_version_id)
    return (scorer or default_scorer()).score(
        version.content_hash, version.document, payload, attempt.seed
    )


def insert_submission(
    s: Session,
    attempt: Attempt,
    scenario_id: str,
    payload: dict[str, Any],
    scored: Scored,
    *,
    idempotency_key: str | None,
    submitted_at: dt.datetime,
) -> Submission:
    """Add a submission (and the scorecard the store made of it) of ``attempt`` in the
    caller's transaction."""
    # One submission at a time per attempt: a new one only after the last was returned.
    last, blocking = s.execute(
        select(
            func.max(Submission.number),
            func.count(case((Submission.status != Status.returned.value, 1))),
        ).where(Submission.attempt_id == attempt.id)
    ).one()
    if blocking:
        raise AlreadySubmitted(attempt.id)
    sub = new_submission(
        attempt,
        scenario_id,
        payload,
        scored,
        number=(last or 0) + 1,
        idempotency_key=idempotency_key,
        submitted_at=submitted_at,
    )
    s.add(sub)
    s.flush()
    s.add(new_scorecard(sub, scored, rubric_version_id(s, scored.rubric_hash)))
    return sub


def rubric_version_id(s: Session, rubric_hash: str) -> int | None:
    """The id of the stored rubric version with this content hash; None when no trainer
    registered it (the card then names no version, but still says its rubric id)."""
    return s.scalar(select(RubricVersion.id).where(RubricVersion.content_hash == rubric_hash))


class WorkMixin(RepositoryBase):
    """Trainees write their own work; supervisors read their cohorts'; admins read all."""

    def start_attempt(
        self, scenario_hash: str, seed: int, cohort: str | None = None
    ) -> AttemptRecord:
        """Start an interview of a stored scenario version with ``seed`` (trainee).

        The cohort defaults to the trainee's only cohort; a trainee in several must name one.
        """
        require_role(self.actor, "start_attempt", Role.trainee)

        def work(s: Session) -> AttemptRecord:
            version = self._scenario(s, scenario_hash)
            mine = dict(
                s.execute(
                    select(Cohort.name, Cohort.id)
                    .join(CohortMember, CohortMember.cohort_id == Cohort.id)
                    .where(
                        CohortMember.user_id == self.actor.user_id,
                        CohortMember.member_role == "trainee",
                    )
                ).all()
            )
            if cohort is not None and cohort not in mine:
                self._cohort(s, cohort)  # NotFound for a cohort that does not exist
                raise InvalidInput("store.error.not_in_cohort", user=self.actor.name, cohort=cohort)
            if cohort is None and len(mine) > 1:
                raise InvalidInput("store.error.cohort_ambiguous", user=self.actor.name)
            cohort_name = cohort if cohort is not None else next(iter(mine), None)
            assert self.actor.user_id is not None
            attempt = Attempt(
                trainee_id=self.actor.user_id,
                cohort_id=mine[cohort_name] if cohort_name is not None else None,
                scenario_version_id=version.id,
                seed=seed,
                started_at=utc_now(),
            )
            s.add(attempt)
            s.flush()
            return AttemptRecord(
                id=attempt.id,
                trainee=self.actor.name,
                cohort=cohort_name,
                scenario_id=version.scenario_id,
                scenario_hash=version.content_hash,
                seed=seed,
                started_at=attempt.started_at,
            )

        return self._write(work)

    def attempt(self, attempt_id: int) -> AttemptRecord:
        """One attempt the actor may read."""
        return self._read(
            lambda s: self._attempt_records(s, [self._attempt(s, attempt_id, own=False)])[0]
        )

    def attempts(self, trainee: str | None = None) -> list[AttemptRecord]:
        """Attempts of ``trainee`` (default: the actor), oldest first."""

        def work(s: Session) -> list[AttemptRecord]:
            user = self._user(s, trainee or self.actor.name)
            scope = self._trainee_scope(s, user)
            query = select(Attempt).where(Attempt.trainee_id == user.id).order_by(Attempt.id)
            if scope is not None:
                query = query.where(Attempt.cohort_id.in_(sorted(scope)))
            return self._attempt_records(s, list(s.scalars(query)))

        return self._read(work)

    def append_turns(self, attempt_id: int, turns: Sequence[DocumentLike]) -> int:
        """Add transcript turns after those stored (trainee); returns the new turn count."""
        require_role(self.actor, "append_turns", Role.trainee)
        docs = [as_document(t, "turn") for t in turns]

        def work(s: Session) -> int:
            attempt = self._attempt(s, attempt_id, own=True, lock=True)
            start = (
                s.scalar(select(func.count()).where(TranscriptTurn.attempt_id == attempt.id)) or 0
            )
            now = utc_now()
            for offset, doc in enumerate(docs):
                turn_id = doc.get("id")
                s.add(
                    TranscriptTurn(
                        attempt_id=attempt.id,
                        position=start + offset,
                        turn_id=turn_id if isinstance(turn_id, str) else None,
                        payload=doc,
                        created_at=now,
                    )
                )
            return int(start) + len(docs)

        return self._write(work)

    def turns(self, attempt_id: int) -> list[TurnRecord]:
        """An attempt's transcript turns in order."""

        def work(s: Session) -> list[TurnRecord]:
            self._attempt(s, attempt_id, own=False)
            rows = s.scalars(
                select(TranscriptTurn)
                .where(TranscriptTurn.attempt_id == attempt_id)
                .order_by(TranscriptTurn.position)
            )
            return [TurnRecord(r.attempt_id, r.position, r.turn_id, r.payload) for r in rows]

        return self._read(work)

    def save_draft(
        self, attempt_id: int, payload: DocumentLike, expected_revision: int | None = None
    ) -> DraftRecord:
        """Save the working copy (trainee). With ``expected_revision``, refuse to overwrite
        a newer save (another tab, another device) with Conflict."""
        require_role(self.actor, "save_draft", Role.trainee)
        doc = as_document(payload, "draft")

        def work(s: Session) -> DraftRecord:
            attempt = self._attempt(s, attempt_id, own=True, lock=True)
            draft = s.get(Draft, attempt.id)
            current = draft.revision if draft is not None else 0
            if expected_revision is not None and expected_revision != current:
                raise DraftChanged(attempt_id, current)
            now = utc_now()
            if draft is None:
                draft = Draft(attempt_id=attempt.id, revision=0)
                s.add(draft)
            draft.revision = current + 1
            draft.schema_version = schema_version_of(doc)
            draft.payload = doc
            draft.updated_at = now
            return DraftRecord(attempt.id, draft.revision, draft.schema_version, doc, now)

        return self._write(work)

    def draft(self, attempt_id: int) -> DraftRecord | None:
        """The working copy of an attempt (its trainee, or an admin); None if never saved."""

        def work(s: Session) -> DraftRecord | None:
            attempt = self._attempt(s, attempt_id, own=self.actor.role != Role.admin)
            d = s.get(Draft, attempt.id)
            if d is None:
                return None
            return DraftRecord(d.attempt_id, d.revision, d.schema_version, d.payload, d.updated_at)

        return self._read(work)

    def submit(
        self, attempt_id: int, payload: DocumentLike, *, idempotency_key: str | None = None
    ) -> SubmissionRecord:
        """Hand in a frozen copy of the work (trainee). The store scores it on receipt
        with the rubric engine; no scorecard is taken from the caller.

        With ``idempotency_key``, submitting again (a retried request, a double click)
        returns the first submission instead of making a second.
        """
        require_role(self.actor, "submit", Role.trainee)
        from simulator.casework.session import trainee_id_for

        doc = as_document(payload, "submission")
        # The work is filed under whoever hands it in (the attempt is theirs, checked below),
        # whatever name the payload carries: a trainee cannot put work under another's name
        # on a supervisor's screen or a printed form.
        doc["trainee_id"] = trainee_id_for(self.actor.name)
        # Scored before the write transaction, so no writer waits on the rubric engine.
        scored = self._read(
            lambda s: score_on_receipt(s, self._attempt(s, attempt_id, own=True), doc)
        )

        checked_key(idempotency_key)
        me = self.actor.user_id
        assert me is not None
        key_to_store = None if idempotency_key is None else stored_key(me, idempotency_key)

        def existing(s: Session) -> SubmissionRecord | None:
            # Only the actor's own keys are looked at: another trainee's key neither
            # blocks this submit nor shows that it exists (keys.py).
            if idempotency_key is None:
                return None
            found = s.scalars(
                select(Submission)
                .where(
                    Submission.trainee_id == me,
                    Submission.idempotency_key.in_(candidates(me, idempotency_key)),
                )
                .order_by(Submission.id)
                .limit(1)
            ).one_or_none()
            if found is None:
                return None
            if found.attempt_id != attempt_id:
                raise Conflict("store.conflict.key_used", key=idempotency_key)
            return self._submission_records(s, [found])[0]

        def work(s: Session) -> SubmissionRecord:
            attempt = self._attempt(s, attempt_id, own=True, lock=True)
            already = existing(s)
            if already is not None:
                return already
            version = s.get_one(ScenarioVersion, attempt.scenario_version_id)
            cohort = s.get(Cohort, attempt.cohort_id) if attempt.cohort_id is not None else None
            sub = insert_submission(
                s,
                attempt,
                version.scenario_id,
                doc,
                scored,
                idempotency_key=key_to_store,
                submitted_at=utc_now(),
            )
            return SubmissionRecord(
                id=sub.id,
                attempt_id=attempt.id,
                number=sub.number,
                trainee=self.actor.name,
                cohort=cohort.name if cohort is not None else None,
                scenario_id=version.scenario_id,
                scenario_hash=version.content_hash,
                schema_version=sub.schema_version,
                payload=doc,
                submitted_at=sub.submitted_at,
                total_score=self._visible_total(sub),
                status=Status.submitted,
                reviewer=None,
                idempotency_key=idempotency_key,
            )

        try:
            return self._write(work)
        except IntegrityError:
            # The same key committed by a concurrent request between our check and insert.
            found = self._read(existing)
            if found is None:
                raise
            return found

    def submission(self, submission_id: int) -> SubmissionRecord:
        """One submission the actor may read (its trainee, its cohort's supervisors, admins)."""
        return self._read(
            lambda s: self._submission_records(s, [self._submission(s, submission_id)])[0]
        )

    def submissions(self, trainee: str | None = None) -> list[SubmissionRecord]:
        """Submissions of ``trainee`` (default: the actor), oldest first."""

        def work(s: Session) -> list[SubmissionRecord]:
            user = self._user(s, trainee or self.actor.name)
            scope = self._trainee_scope(s, user)
            query = (
                select(Submission)
                .where(Submission.trainee_id == user.id)
                .order_by(Submission.submitted_at, Submission.id)
            )
            if scope is not None:
                query = query.where(Submission.cohort_id.in_(sorted(scope)))
            return self._submission_records(s, list(s.scalars(query)))

        return self._read(work)

    def record_progress(
        self, module: str, status: str, detail: Mapping[str, Any] | None = None
    ) -> ProgressRecord:
        """Mark a curriculum module started or completed (trainee, for themselves)."""
        require_role(self.actor, "record_progress", Role.trainee)
        if status not in PROGRESS_STATUSES:
            raise InvalidInput("store.error.bad_progress", status=status)
        extra = as_document(detail, "detail") if detail is not None else None

        def work(s: Session) -> ProgressRecord:
            assert self.actor.user_id is not None
            row = s.get(Progress, (self.actor.user_id, module))
            now = utc_now()
            if row is None:
                row = Progress(user_id=self.actor.user_id, module=module)
                s.add(row)
            row.status, row.detail, row.updated_at = status, extra, now
            return ProgressRecord(self.actor.name, module, status, extra, now)

        return self._write(work)

    def progress(self, trainee: str | None = None) -> list[ProgressRecord]:
        """Curriculum progress of ``trainee`` (default: the actor)."""

        def work(s: Session) -> list[ProgressRecord]:
            user = self._user(s, trainee or self.actor.name)
            self._trainee_scope(s, user)  # progress is per trainee, not per cohort
            rows = s.execute(
                select(Progress, User.name)
                .join(User, User.id == Progress.user_id)
                .where(Progress.user_id == user.id)
                .order_by(Progress.module)
            )
            return [
                ProgressRecord(name, p.module, p.status, p.detail, p.updated_at) for p, name in rows
            ]

        return self._read(work)
