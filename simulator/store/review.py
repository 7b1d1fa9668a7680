"""Review: supervisors' events (status, override, comment) and the trainee's feedback.
The queue is in queue.py.

Events are only ever added. The submission row keeps a projection of the status (for the
queue's index), written in the same transaction as the status event and under a row lock,
so the two cannot disagree; levels are folded from the scorecard and the overrides when
read, since they are only ever needed one submission (or one export) at a time.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import utc_now
from simulator.models.rubric import MAX_LEVEL

from .base import RepositoryBase, stored_status
from .documents import (
    criterion_name,
    scorecard_criteria,
    scorecard_for_trainee,
    scorecard_levels,
)
from .errors import Conflict, InvalidInput, NotFound, status_term, term
from .events import AWAITING_REVIEW, RELEASED, EventKind, Status, can_move, current_levels
from .records import Feedback, ReviewEventRecord, ScorecardRecord
from .roles import Role, deny, require_role
from .schema import (
    CannedComment,
    ReviewEvent,
    RubricVersion,
    Scorecard,
    Submission,
    User,
)

#: What a comment may point at: a transcript turn, or a field of the assessment or plan.
TARGET = re.compile(r"t\d{1,4}|(assessment|plan)(\.[a-z_]+|\[\d{1,4}\]){1,8}")
READERS = (Role.supervisor, Role.admin)


def _event_record(e: ReviewEvent, actor: str) -> ReviewEventRecord:
    return ReviewEventRecord(
        id=e.id,
        submission_id=e.submission_id,
        kind=EventKind(e.kind),
        actor=actor,
        created_at=e.created_at,
        criterion=e.criterion,
        old_level=e.old_level,
        new_level=e.new_level,
        old_status=e.old_status,
        new_status=e.new_status,
        text=e.text,
        detail=e.detail,
    )


class ReviewMixin(RepositoryBase):
    """Supervisors read and write review events; trainees read their feedback."""

    # --- reading ------------------------------------------------------------------------
    def _events(self, s: Session, submission_id: int) -> list[ReviewEventRecord]:
        rows = s.execute(
            select(ReviewEvent, User.name)
            .join(User, User.id == ReviewEvent.actor_id)
            .where(ReviewEvent.submission_id == submission_id)
            .order_by(ReviewEvent.id)
        )
        return [_event_record(e, name) for e, name in rows]

    def review_events(self, submission_id: int) -> list[ReviewEventRecord]:
        """Every event of a submission, in order (supervisor of its cohort, admin)."""
        require_role(self.actor, "read_review_events", *READERS)

        def work(s: Session) -> list[ReviewEventRecord]:
            self._submission(s, submission_id)
            return self._events(s, submission_id)

        return self._read(work)

    def scorecard(self, submission_id: int) -> ScorecardRecord | None:
        """The whole automatic scorecard (supervisor of its cohort, admin). Trainees read
        ``feedback()``, which shows only what the results allow."""
        require_role(self.actor, "read_scorecard", *READERS)

        def work(s: Session) -> ScorecardRecord | None:
            self._submission(s, submission_id)
            row = s.execute(
                select(Scorecard, RubricVersion.content_hash)
                .outerjoin(RubricVersion, RubricVersion.id == Scorecard.rubric_version_id)
                .where(Scorecard.submission_id == submission_id)
            ).one_or_none()
            if row is None:
                return None
            card, rubric_hash = row
            return ScorecardRecord(
                submission_id=card.submission_id,
                schema_version=card.schema_version,
                payload=card.payload,
                total_score=card.total_score,
                rubric_hash=rubric_hash,
                created_at=card.created_at,
            )

        return self._read(work)

    @staticmethod
    def _card(s: Session, submission_id: int) -> dict[str, Any] | None:
        return s.scalar(select(Scorecard.payload).where(Scorecard.submission_id == submission_id))

    def levels(self, submission_id: int) -> dict[str, int]:
        """Current level of each criterion: automatic, then overrides in order
        (supervisor of its cohort, admin)."""
        require_role(self.actor, "read_levels", *READERS)

        def work(s: Session) -> dict[str, int]:
            self._submission(s, submission_id)
            return current_levels(
                scorecard_levels(self._card(s, submission_id)), self._events(s, submission_id)
            )

        return self._read(work)

    def feedback(self, submission_id: int) -> Feedback:
        """What the trainee sees: the status always; the criteria visible now before
        release; the reviewed scorecard, levels and the supervisor's comments and overrides
        once the submission is returned or released. Supervisors and admins may call it to
        preview the trainee's view."""

        def work(s: Session) -> Feedback:
            sub = self._submission(s, submission_id)
            status = stored_status(sub)
            released = status in RELEASED
            card = self._card(s, submission_id)
            if not released:
                view = scorecard_for_trainee(card, False) if card is not None else None
                return Feedback(submission_id, status, False, view)
            events = self._events(s, submission_id)
            levels = current_levels(scorecard_levels(card), events)
            view = None
            if card is not None:
                from .scoring import default_scorer

                view = scorecard_for_trainee(card, True, levels, default_scorer().rubric)
            if view is not None:
                # Criteria the rubric keeps from trainees stay hidden after overrides too.
                shown = {criterion_name(i) for i in view["criteria"]}
                levels = {k: v for k, v in levels.items() if k in shown}
                events = [e for e in events if e.criterion is None or e.criterion in shown]
            else:  # no card the rubric can read: nothing about criteria is shown
                levels = {}
                events = [e for e in events if e.criterion is None]
            return Feedback(submission_id, status, True, view, levels, tuple(events))

        return self._read(work)

    # --- writing (supervisors only) -----------------------------------------------------
    def _reviewing(self, s: Session, submission_id: int) -> Submission:
        """The submission, locked, after checking the actor supervises its cohort."""
        sub = self._submission(s, submission_id, lock=True)
        if sub.cohort_id is None or sub.cohort_id not in self._supervised(s):
            raise deny(self.actor, term("submission_no", id=submission_id))
        return sub

    def _append(self, s: Session, event: ReviewEvent) -> ReviewEventRecord:
        s.add(event)
        s.flush()
        return _event_record(event, self.actor.name)

    def set_status(
        self,
        submission_id: int,
        status: Status | str,
        note: str | None = None,
        expected: Status | str | None = None,
    ) -> ReviewEventRecord:
        """Move a submission along submitted -> in_review -> returned, or approved ->
        released (supervisor).

        ``expected`` is the status the supervisor saw; if someone moved it meanwhile the
        change is refused with Conflict rather than applied on top.
        """
        require_role(self.actor, "write_review_event", Role.supervisor)
        try:
            new = Status(status)
            seen = Status(expected) if expected is not None else None
        except ValueError:
            raise InvalidInput("store.error.bad_status", status=status) from None

        def work(s: Session) -> ReviewEventRecord:
            sub = self._reviewing(s, submission_id)
            old = stored_status(sub)
            if seen is not None and seen != old:
                raise Conflict(
                    "store.conflict.status_changed", id=submission_id, status=status_term(old.value)
                )
            if not can_move(old, new):
                raise Conflict(
                    "store.conflict.transition", id=submission_id, old=old.value, new=new.value
                )
            now = utc_now()
            assert self.actor.user_id is not None
            record = self._append(
                s,
                ReviewEvent(
                    submission_id=sub.id,
                    actor_id=self.actor.user_id,
                    kind=EventKind.status.value,
                    created_at=now,
                    old_status=old.value,
                    new_status=new.value,
                    text=note.strip() if note and note.strip() else None,
                ),
            )
            if new == Status.released:
                sub.released_at = now  # the status column stays approved (migration 0003)
            else:
                sub.status = new.value
            sub.awaiting_review = new in AWAITING_REVIEW
            sub.status_changed_at = now
            if new == Status.in_review:
                sub.reviewer_id = self.actor.user_id
            return record

        return self._write(work)

    def start_review(self, submission_id: int) -> ReviewEventRecord:
        """Take a submitted submission into review (supervisor)."""
        return self.set_status(submission_id, Status.in_review)

    def return_to_trainee(self, submission_id: int, note: str | None = None) -> ReviewEventRecord:
        """Send a submission back for rework; the trainee then sees the feedback."""
        return self.set_status(submission_id, Status.returned, note)

    def approve(self, submission_id: int, note: str | None = None) -> ReviewEventRecord:
        """Approve a submission; the trainee sees the feedback once it is released."""
        return self.set_status(submission_id, Status.approved, note)

    def release(self, submission_id: int, note: str | None = None) -> ReviewEventRecord:
        """Release an approved submission's feedback to the trainee."""
        return self.set_status(submission_id, Status.released, note)

    def override_level(
        self,
        submission_id: int,
        criterion: str,
        level: int,
        reason: str,
        expected_level: int | None = None,
    ) -> ReviewEventRecord:
        """Replace a criterion's level, with the reason (supervisor, while in review).

        The event records the old level as the store knows it. ``expected_level`` is the
        level the supervisor saw; if another override came first, Conflict.
        """
        require_role(self.actor, "write_review_event", Role.supervisor)
        if not reason or not reason.strip():
            raise InvalidInput("store.error.no_reason")

        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
            raise InvalidInput("store.error.bad_level", level=level)

        def work(s: Session) -> ReviewEventRecord:
            sub = self._reviewing(s, submission_id)
            if sub.status != Status.in_review:
                raise Conflict(
                    "store.conflict.not_in_review", id=submission_id, status=status_term(sub.status)
                )
            card = self._card(s, submission_id)
            if criterion not in scorecard_criteria(card):
                raise InvalidInput("store.error.unknown_criterion", criterion=criterion)
            levels = current_levels(scorecard_levels(card), self._events(s, submission_id))
            old = levels.get(criterion)
            if expected_level is not None and expected_level != old:
                raise Conflict(
                    "store.conflict.level_changed", id=submission_id, criterion=criterion, level=old
                )
            if old == level:
                raise InvalidInput("store.error.same_level", criterion=criterion, level=level)
            assert self.actor.user_id is not None
            return self._append(
                s,
                ReviewEvent(
                    submission_id=sub.id,
                    actor_id=self.actor.user_id,
                    kind=EventKind.override.value,
                    created_at=utc_now(),
                    criterion=criterion,
                    old_level=old,
                    new_level=level,
                    text=reason.strip(),
                ),
            )

        return self._write(work)

    def add_comment(
        self,
        submission_id: int,
        text: str | None = None,
        criterion: str | None = None,
        canned_comment_id: int | None = None,
        target: str | None = None,
    ) -> ReviewEventRecord:
        """Comment on a submission, one criterion, or one turn (``t07``) or form field
        (``plan.goals[0].text``) named by ``target`` (supervisor, while in review). A canned
        comment's text is copied in, so retiring or rewording it later changes nothing."""
        require_role(self.actor, "write_review_event", Role.supervisor)
        if target is not None and not TARGET.fullmatch(target):
            raise InvalidInput("store.error.bad_target", target=target)

        def work(s: Session) -> ReviewEventRecord:
            sub = self._reviewing(s, submission_id)
            if sub.status != Status.in_review:
                raise Conflict(
                    "store.conflict.not_in_review", id=submission_id, status=status_term(sub.status)
                )
            body = (text or "").strip()
            detail: dict[str, Any] | None = None
            if canned_comment_id is not None:
                canned = s.get(CannedComment, canned_comment_id)
                if canned is None or canned.retired:
                    raise NotFound("store.notfound.canned_comment", id=canned_comment_id)
                body = body or str(canned.text.get("ja", ""))
                detail = {"canned_comment": canned.id}
            if target is not None:
                detail = {**(detail or {}), "target": target}
            if criterion is not None and criterion not in scorecard_criteria(
                self._card(s, submission_id)
            ):
                raise InvalidInput("store.error.unknown_criterion", criterion=criterion)
            if not body:
                raise InvalidInput("store.error.empty", what=term("comment"))
            assert self.actor.user_id is not None
            return self._append(
                s,
                ReviewEvent(
                    submission_id=sub.id,
                    actor_id=self.actor.user_id,
                    kind=EventKind.comment.value,
                    created_at=utc_now(),
                    criterion=criterion,
                    text=body,
                    detail=detail,
                ),
            )

        return self._write(work)
