"""The store's tables, as SQLAlchemy 2 models. The migrations in ``migrations/`` build
exactly these (a test compares them); change both together, never one alone.

Documents that other layers define (a submission, a scorecard, a transcript turn, a
scenario) are kept whole as JSON (JSONB on PostgreSQL) with a ``schema_version``; the
columns beside them are only what the store must index, filter or join on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Fixed constraint names: Alembic can then find (and PostgreSQL report) each one by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON on SQLite, JSONB (indexable, compact) on PostgreSQL.
Document = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp kept in UTC: aware datetimes in, aware UTC datetimes out.

    SQLite has no time zones and would hand back naive datetimes; one type for both
    databases keeps ordering and comparison the same everywhere.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A person, with one role: trainee, supervisor, trainer or admin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('trainee', 'supervisor', 'trainer', 'admin')", name="role"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Cohort(Base):
    """A group of trainees with their supervisors (one training intake, one centre...)."""

    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class CohortMember(Base):
    """Membership of a cohort, as a trainee or as one of its supervisors."""

    __tablename__ = "cohort_members"
    __table_args__ = (
        CheckConstraint("member_role IN ('trainee', 'supervisor')", name="member_role"),
        Index("ix_cohort_members_user_id", "user_id"),
    )
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    member_role: Mapped[str] = mapped_column(String(16))


class ScenarioVersion(Base):
    """One exact content of a scenario file, identified by the hash of its content."""

    __tablename__ = "scenario_versions"
    __table_args__ = (Index("ix_scenario_versions_scenario_id", "scenario_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class RubricVersion(Base):
    """One exact content of a rubric file, identified by the hash of its content."""

    __tablename__ = "rubric_versions"
    __table_args__ = (Index("ix_rubric_versions_rubric_id", "rubric_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Attempt(Base):
    """One interview of one scenario version by one trainee, with the seed that made it."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_trainee_id", "trainee_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    seed: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AttemptEvent(Base):
    """Something that happened to an attempt outside its turns and drafts (added in schema
    revision 0006). Only ``abandoned``: the trainee left it for the case library, so a
    reload does not reopen it; nothing of it is deleted."""

    __tablename__ = "attempt_events"
    __table_args__ = (
        CheckConstraint("kind IN ('abandoned')", name="kind"),
        Index("ix_attempt_events_attempt_id", "attempt_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class TranscriptTurn(Base):
    """One turn of an attempt's interview (the transcript's Turn as JSON)."""

    __tablename__ = "transcript_turns"
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[str | None] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(Document)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Draft(Base):
    """The trainee's working copy of an attempt's assessment and plan; saved over."""

    __tablename__ = "drafts"
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(Document)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Submission(Base):
    """A frozen version of a draft, handed in for review.

    The document columns never change (a trigger refuses it). ``status``, ``awaiting_review``,
    ``reviewer_id`` and ``status_changed_at`` are a projection of the review events,
    written in the same transaction as each status event, so that the review queue is one
    index scan instead of a fold over every event.
    """

    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("attempt_id", "number"),
        CheckConstraint(
            "status IN ('submitted', 'in_review', 'returned', 'approved')", name="status"
        ),
        Index("ix_submissions_queue", "awaiting_review", "priority", "submitted_at", "id"),
        Index(
            "ix_submissions_cohort_queue",
            "cohort_id",
            "awaiting_review",
            "priority",
            "submitted_at",
            "id",
        ),
        Index("ix_submissions_trainee", "trainee_id", "submitted_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"))
    number: Mapped[int] = mapped_column(Integer)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    scenario_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(Document)
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    total_score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    awaiting_review: Mapped[bool] = mapped_column(Boolean)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: 0 for 要至急確認 (simulator.rubric.risk), 1 otherwise: the queue's first key.
    priority: Mapped[int] = mapped_column(Integer, server_default="1")
    #: The unmet same-day risks, comma-separated; None when not flagged.
    urgent: Mapped[str | None] = mapped_column(String(64))
    #: The criterion with the lowest automatic level (first in rubric order on a tie).
    lowest: Mapped[str | None] = mapped_column(String(64))
    #: When the supervisor released the approved review to the trainee.
    released_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Scorecard(Base):
    """The rubric engine's automatic result for a submission (provisional until reviewed)."""

    __tablename__ = "scorecards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), unique=True)
    rubric_version_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_versions.id"))
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(Document)
    total_score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ReviewEvent(Base):
    """A supervisor's decision on a submission. Append-only: triggers refuse UPDATE, and
    DELETE outside a trainee's data erasure."""

    __tablename__ = "review_events"
    __table_args__ = (
        CheckConstraint("kind IN ('override', 'comment', 'status')", name="kind"),
        CheckConstraint(
            "kind != 'override' OR (criterion IS NOT NULL AND new_level IS NOT NULL"
            " AND text IS NOT NULL)",
            name="override_complete",
        ),
        CheckConstraint(
            "kind != 'status' OR (old_status IS NOT NULL AND new_status IS NOT NULL)",
            name="status_complete",
        ),
        CheckConstraint("kind != 'comment' OR text IS NOT NULL", name="comment_complete"),
        Index("ix_review_events_submission_id", "submission_id", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    criterion: Mapped[str | None] = mapped_column(String(64))
    old_level: Mapped[int | None] = mapped_column(Integer)
    new_level: Mapped[int | None] = mapped_column(Integer)
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(Document)


class Progress(Base):
    """How far a trainee is through one curriculum module."""

    __tablename__ = "progress"
    __table_args__ = (CheckConstraint("status IN ('started', 'completed')", name="status"),)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    module: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict[str, Any] | None] = mapped_column(Document)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class SupervisionRecord(Base):
    """One supervision session with a trainee (スーパービジョン記録). Append-only like the
    review events: a correction is a new record."""

    __tablename__ = "supervision_records"
    __table_args__ = (
        CheckConstraint("kind IN ('individual', 'group')", name="kind"),
        Index("ix_supervision_records_trainee_id", "trainee_id", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    held_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    focus: Mapped[str] = mapped_column(Text)
    agreed_actions: Mapped[str] = mapped_column(Text)
    next_session: Mapped[dt.date | None] = mapped_column(Date)


class Erasure(Base):
    """The log of data-erasure requests carried out. Holds ids only, no personal data;
    while one is unfinished, the append-only triggers let its trainee's events go."""

    __tablename__ = "erasures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    requested_by: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    summary: Mapped[dict[str, Any] | None] = mapped_column(Document)


class CannedComment(Base):
    """A reusable comment for one rubric criterion (added in schema revision 0002)."""

    __tablename__ = "canned_comments"
    __table_args__ = (Index("ix_canned_comments_rubric_id", "rubric_id", "criterion"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(64))
    criterion: Mapped[str] = mapped_column(String(64))
    text: Mapped[dict[str, Any]] = mapped_column(Document)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ModuleEvent(Base):
    """One step a trainee took in a curriculum module (added in schema revision 0005).
    Append-only: progress is what the events add up to (simulator.store.progress)."""

    __tablename__ = "module_events"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('module_started', 'exercise_done', 'reflection_written',"
            " 'check_passed', 'check_failed')",
            name="kind",
        ),
        Index("ix_module_events_user_id", "user_id", "module", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    module: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    text: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    detail: Mapped[dict[str, Any] | None] = mapped_column(Document)


class ModuleDraft(Base):
    """A reflection being written, saved over as the trainee types (revision 0005): it
    survives a kernel restart; writing it down for good is a ``reflection_written`` event."""

    __tablename__ = "module_drafts"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    module: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
