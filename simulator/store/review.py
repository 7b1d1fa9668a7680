"""Review: the queue, supervisors' events (status, override, comment), and feedback.

Events are only ever added. The submission row keeps a projection of the status (for the
queue's index), written in the same transaction as the status event and under a row lock,
so the two cannot disagree; levels are folded from the scorecard and the overrides when
read, since they are only ever needed one submission (or one export) at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, literal, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from .base import RepositoryBase
from .documents import criterion_name, scorecard_for_trainee, scorecard_levels
from .errors import Conflict, InvalidInput, NotFound
from .events import AWAITING_REVIEW, RELEASED, EventKind, Status, can_move, current_levels
from .records import Feedback, QueuePage, QueueRow, ReviewEventRecord, ScorecardRecord
from .roles import Role, deny, require_role
from .schema import (
    CannedComment,
    Cohort,
    ReviewEvent,
    RubricVersion,
    Scorecard,
    Submission,
    User,
    utcnow,
)

MAX_PAGE = 500
#: Up to this many cohorts, a supervisor's page merges one index scan per cohort.
MERGE_COHORTS = 8
READERS = (Role.supervisor, Role.admin)


def encode_cursor(submitted_at: dt.datetime, submission_id: int) -> str:
    """The queue position after a row, as an opaque string."""
    return f"{submitted_at.isoformat()}~{submission_id}"


def decode_cursor(cursor: str) -> tuple[dt.datetime, int]:
    """Undo encode_cursor; InvalidInput for anything else."""
    try:
        stamp, _, ident = cursor.rpartition("~")
        when = dt.datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError(cursor)
        return when, int(ident)
    except ValueError:
        raise InvalidInput("store.error.bad_cursor", cursor=cursor) from None


def _page_keys(
    s: Session, cohorts: set[int] | None, after: tuple[dt.datetime, int] | None, count: int
) -> list[int]:
    """Ids of the next ``count`` waiting submissions, in queue order.

    For a set of cohorts, each cohort's own index gives its first ``count`` rows in order
    and the page merges them: a few short index scans, whatever the number of rows, where
    one scan over "cohort IN (...)" would have to sort every waiting row of those cohorts.
    """

    def ordered(cohort_id: int | None) -> Select[int, dt.datetime]:
        query = select(Submission.id, Submission.submitted_at).where(
            # A bound value, not a literal TRUE: SQLite then uses the queue indexes.
            Submission.awaiting_review == literal(True)
        )
        if cohort_id is not None:
            query = query.where(Submission.cohort_id == cohort_id)
        if after is not None:
            # A row-value comparison, which both databases turn into one index range.
            query = query.where(tuple_(Submission.submitted_at, Submission.id) > tuple_(*after))
        return query.order_by(Submission.submitted_at, Submission.id).limit(count)

    if cohorts is None:
        return list(s.scalars(ordered(None)))
    if not cohorts:
        return []
    if len(cohorts) == 1:
        return list(s.scalars(ordered(next(iter(cohorts)))))
    if len(cohorts) > MERGE_COHORTS:
        # Many cohorts hold most of the queue: filtering one ordered scan is cheaper.
        return list(s.scalars(ordered(None).where(Submission.cohort_id.in_(sorted(cohorts)))))
    parts = [ordered(c).subquery() for c in sorted(cohorts)]
    merged = union_all(*(select(p.c.id, p.c.submitted_at) for p in parts)).subquery()
    return list(
        s.scalars(select(merged.c.id).order_by(merged.c.submitted_at, merged.c.id).limit(count))
    )


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
    """Supervisors read their cohorts' queue and write events; trainees read feedback."""

    # --- reading ------------------------------------------------------------------------
    def review_queue(
        self, cursor: str | None = None, limit: int = 50, cohort: str | None = None
    ) -> QueuePage:
        """Submissions awaiting review (submitted or in review), oldest first, one page.

        Keyset pagination: a page costs the same at the end of 100,000 rows as at the start.
        """
        require_role(self.actor, "review_queue", *READERS)
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInput("store.error.bad_limit", limit=limit, max=MAX_PAGE)
        after = decode_cursor(cursor) if cursor else None

        def work(s: Session) -> QueuePage:
            wanted: set[int] | None = None
            if cohort is not None:
                wanted = {self._cohort(s, cohort).id}
            if self.actor.role == Role.supervisor:
                mine = self._supervised(s)
                if wanted is not None and not wanted <= mine:
                    raise deny(self.actor, f"cohort {cohort}")
                wanted = mine if wanted is None else wanted
            keys = _page_keys(s, wanted, after, limit + 1)
            trainee, reviewer = aliased(User), aliased(User)
            rows = s.execute(
                select(
                    Submission.id,
                    Submission.scenario_id,
                    Submission.status,
                    Submission.submitted_at,
                    Submission.total_score,
                    trainee.name.label("trainee"),
                    trainee.display_name,
                    Cohort.name.label("cohort"),
                    reviewer.name.label("reviewer"),
                )
                .join(trainee, trainee.id == Submission.trainee_id)
                .outerjoin(Cohort, Cohort.id == Submission.cohort_id)
                .outerjoin(reviewer, reviewer.id == Submission.reviewer_id)
                .where(Submission.id.in_(keys[:limit]))
                .order_by(Submission.submitted_at, Submission.id)
            ).all()
            page = [
                QueueRow(
                    submission_id=r.id,
                    trainee=r.trainee,
                    trainee_display_name=r.display_name,
                    cohort=r.cohort,
                    scenario_id=r.scenario_id,
                    status=Status(r.status),
                    submitted_at=r.submitted_at,
                    total_score=r.total_score,
                    reviewer=r.reviewer,
                )
                for r in rows
            ]
            last = page[-1] if page else None
            more = len(keys) > limit
            next_cursor = (
                encode_cursor(last.submitted_at, last.submission_id) if more and last else None
            )
            return QueuePage(rows=tuple(page), next_cursor=next_cursor)

        return self._read(work)

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
        """What the trainee sees: the status always; the reviewed scorecard, levels and
        the supervisor's comments and overrides once the submission is returned or approved.
        Supervisors and admins may call it to preview the trainee's view."""

        def work(s: Session) -> Feedback:
            sub = self._submission(s, submission_id)
            status = Status(sub.status)
            released = status in RELEASED
            card = self._card(s, submission_id)
            view = scorecard_for_trainee(card, released) if card is not None else None
            if not released:
                return Feedback(submission_id, status, False, view)
            events = self._events(s, submission_id)
            levels = current_levels(scorecard_levels(card), events)
            if view is not None:
                # Criteria the rubric keeps from trainees stay hidden after overrides too.
                shown = {criterion_name(i) for i in view["criteria"]}
                hidden = set(scorecard_levels(card)) - shown
                levels = {k: v for k, v in levels.items() if k not in hidden}
                events = [e for e in events if e.criterion not in hidden]
            return Feedback(submission_id, status, True, view, levels, tuple(events))

        return self._read(work)

    # --- writing (supervisors only) -----------------------------------------------------
    def _reviewing(self, s: Session, submission_id: int) -> Submission:
        """The submission, locked, after checking the actor supervises its cohort."""
        sub = self._submission(s, submission_id, lock=True)
        if sub.cohort_id is None or sub.cohort_id not in self._supervised(s):
            raise deny(self.actor, f"submission {submission_id}")
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
        """Move a submission along submitted -> in_review -> returned/approved (supervisor).

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
            old = Status(sub.status)
            if seen is not None and seen != old:
                raise Conflict("store.conflict.status_changed", id=submission_id, status=old.value)
            if not can_move(old, new):
                raise Conflict(
                    "store.conflict.transition", id=submission_id, old=old.value, new=new.value
                )
            now = utcnow()
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
        """Approve a submission; the trainee then sees the feedback."""
        return self.set_status(submission_id, Status.approved, note)

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
        if isinstance(level, bool) or not isinstance(level, int):
            raise InvalidInput("store.error.bad_level", level=level)

        def work(s: Session) -> ReviewEventRecord:
            sub = self._reviewing(s, submission_id)
            if sub.status != Status.in_review:
                raise Conflict("store.conflict.not_in_review", id=submission_id, status=sub.status)
            levels = current_levels(
                scorecard_levels(self._card(s, submission_id)), self._events(s, submission_id)
            )
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
                    created_at=utcnow(),
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
    ) -> ReviewEventRecord:
        """Comment on a submission or one criterion (supervisor, while in review). A canned
        comment's text is copied in, so retiring or rewording it later changes nothing."""
        require_role(self.actor, "write_review_event", Role.supervisor)

        def work(s: Session) -> ReviewEventRecord:
            sub = self._reviewing(s, submission_id)
            if sub.status != Status.in_review:
                raise Conflict("store.conflict.not_in_review", id=submission_id, status=sub.status)
            body = (text or "").strip()
            detail = None
            if canned_comment_id is not None:
                canned = s.get(CannedComment, canned_comment_id)
                if canned is None or canned.retired:
                    raise NotFound("store.notfound.canned_comment", id=canned_comment_id)
                body = body or str(canned.text.get("ja", ""))
                detail = {"canned_comment": canned.id}
            if not body:
                raise InvalidInput("store.error.empty", what="comment")
            assert self.actor.user_id is not None
            return self._append(
                s,
                ReviewEvent(
                    submission_id=sub.id,
                    actor_id=self.actor.user_id,
                    kind=EventKind.comment.value,
                    created_at=utcnow(),
                    criterion=criterion,
                    text=body,
                    detail=detail,
                ),
            )

        return self._write(work)
