"""The first release's schema: people, cohorts, content versions, attempts, drafts,
submissions, scorecards, append-only review events, progress and the erasure log.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

Doc = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def Time() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _pk(table: str, *cols: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*cols, name=f"pk_{table}")


def _fk(table: str, col: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [col], [target], name=f"fk_{table}_{col}_{ref_table}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", Time(), nullable=False),
        _pk("users", "id"),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.CheckConstraint(
            "role IN ('trainee', 'supervisor', 'trainer', 'admin')", name="ck_users_role"
        ),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("created_at", Time(), nullable=False),
        _pk("cohorts", "id"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
    )
    op.create_table(
        "cohort_members",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("member_role", sa.String(16), nullable=False),
        _pk("cohort_members", "cohort_id", "user_id"),
        _fk("cohort_members", "cohort_id", "cohorts.id", "CASCADE"),
        _fk("cohort_members", "user_id", "users.id", "CASCADE"),
        sa.CheckConstraint(
            "member_role IN ('trainee', 'supervisor')", name="ck_cohort_members_member_role"
        ),
    )
    op.create_index("ix_cohort_members_user_id", "cohort_members", ["user_id"])
    for kind in ("scenario", "rubric"):
        table = f"{kind}_versions"
        columns: list[sa.Column[Any]] = [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column(f"{kind}_id", sa.String(64), nullable=False),
        ]
        if kind == "scenario":
            columns.append(sa.Column("version", sa.Integer(), nullable=False))
        op.create_table(
            table,
            *columns,
            sa.Column("content_hash", sa.String(64), nullable=False),
            sa.Column("document", Doc, nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.Column("created_at", Time(), nullable=False),
            _pk(table, "id"),
            _fk(table, "created_by", "users.id", "SET NULL"),
            sa.UniqueConstraint("content_hash", name=f"uq_{table}_content_hash"),
        )
        op.create_index(f"ix_{table}_{kind}_id", table, [f"{kind}_id"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("scenario_version_id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("started_at", Time(), nullable=False),
        _pk("attempts", "id"),
        _fk("attempts", "trainee_id", "users.id"),
        _fk("attempts", "cohort_id", "cohorts.id"),
        _fk("attempts", "scenario_version_id", "scenario_versions.id"),
    )
    op.create_index("ix_attempts_trainee_id", "attempts", ["trainee_id"])
    op.create_table(
        "transcript_turns",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.String(16), nullable=True),
        sa.Column("payload", Doc, nullable=False),
        sa.Column("created_at", Time(), nullable=False),
        _pk("transcript_turns", "attempt_id", "position"),
        _fk("transcript_turns", "attempt_id", "attempts.id", "CASCADE"),
    )
    op.create_table(
        "drafts",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", Doc, nullable=False),
        sa.Column("updated_at", Time(), nullable=False),
        _pk("drafts", "attempt_id"),
        _fk("drafts", "attempt_id", "attempts.id", "CASCADE"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("scenario_version_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", Doc, nullable=False),
        sa.Column("submitted_at", Time(), nullable=False),
        sa.Column("total_score", sa.Float(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("awaiting_review", sa.Boolean(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("status_changed_at", Time(), nullable=False),
        _pk("submissions", "id"),
        _fk("submissions", "attempt_id", "attempts.id"),
        _fk("submissions", "trainee_id", "users.id"),
        _fk("submissions", "cohort_id", "cohorts.id"),
        _fk("submissions", "scenario_version_id", "scenario_versions.id"),
        _fk("submissions", "reviewer_id", "users.id"),
        sa.UniqueConstraint("attempt_id", "number", name="uq_submissions_attempt_id_number"),
        sa.UniqueConstraint("idempotency_key", name="uq_submissions_idempotency_key"),
        sa.CheckConstraint(
            "status IN ('submitted', 'in_review', 'returned', 'approved')",
            name="ck_submissions_status",
        ),
    )
    op.create_index(
        "ix_submissions_queue", "submissions", ["awaiting_review", "submitted_at", "id"]
    )
    op.create_index(
        "ix_submissions_cohort_queue",
        "submissions",
        ["cohort_id", "awaiting_review", "submitted_at", "id"],
    )
    op.create_index("ix_submissions_trainee", "submissions", ["trainee_id", "submitted_at"])
    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=True),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", Doc, nullable=False),
        sa.Column("total_score", sa.Float(), nullable=True),
        sa.Column("created_at", Time(), nullable=False),
        _pk("scorecards", "id"),
        _fk("scorecards", "submission_id", "submissions.id"),
        _fk("scorecards", "rubric_version_id", "rubric_versions.id"),
        sa.UniqueConstraint("submission_id", name="uq_scorecards_submission_id"),
    )
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", Time(), nullable=False),
        sa.Column("criterion", sa.String(64), nullable=True),
        sa.Column("old_level", sa.Integer(), nullable=True),
        sa.Column("new_level", sa.Integer(), nullable=True),
        sa.Column("old_status", sa.String(16), nullable=True),
        sa.Column("new_status", sa.String(16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("detail", Doc, nullable=True),
        _pk("review_events", "id"),
        _fk("review_events", "submission_id", "submissions.id"),
        _fk("review_events", "actor_id", "users.id"),
        sa.CheckConstraint(
            "kind IN ('override', 'comment', 'status')", name="ck_review_events_kind"
        ),
        sa.CheckConstraint(
            "kind != 'override' OR (criterion IS NOT NULL AND new_level IS NOT NULL"
            " AND text IS NOT NULL)",
            name="ck_review_events_override_complete",
        ),
        sa.CheckConstraint(
            "kind != 'status' OR (old_status IS NOT NULL AND new_status IS NOT NULL)",
            name="ck_review_events_status_complete",
        ),
        sa.CheckConstraint(
            "kind != 'comment' OR text IS NOT NULL", name="ck_review_events_comment_complete"
        ),
    )
    op.create_index("ix_review_events_submission_id", "review_events", ["submission_id", "id"])
    op.create_table(
        "progress",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("module", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("detail", Doc, nullable=True),
        sa.Column("updated_at", Time(), nullable=False),
        _pk("progress", "user_id", "module"),
        _fk("progress", "user_id", "users.id", "CASCADE"),
        sa.CheckConstraint("status IN ('started', 'completed')", name="ck_progress_status"),
    )
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("started_at", Time(), nullable=False),
        sa.Column("finished_at", Time(), nullable=True),
        sa.Column("summary", Doc, nullable=True),
        _pk("erasures", "id"),
    )
    _create_guards()


# --- Guards: what the API never does, the database refuses too. -----------------------
# Submissions, scorecards and review events are frozen once written. The only deletion is
# a trainee's data erasure, which first logs itself in `erasures` (unfinished) within the
# same transaction; the guards let that trainee's rows go and nothing else.

_FROZEN_SUBMISSION_COLUMNS = (
    "attempt_id, number, trainee_id, cohort_id, scenario_version_id, scenario_id, "
    "idempotency_key, schema_version, payload, submitted_at, total_score"
)

# For each guarded table: the SQL that finds the row's trainee from OLD.
_TRAINEE_OF_OLD = {
    "submissions": "OLD.trainee_id",
    "scorecards": "(SELECT s.trainee_id FROM submissions s WHERE s.id = OLD.submission_id)",
    "review_events": "(SELECT s.trainee_id FROM submissions s WHERE s.id = OLD.submission_id)",
}


def _erasing(table: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM erasures e WHERE e.finished_at IS NULL"
        f" AND e.user_id = {_TRAINEE_OF_OLD[table]})"
    )


def _create_guards() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _create_postgresql_guards()
    else:
        _create_sqlite_guards()


def _create_sqlite_guards() -> None:
    for table in _TRAINEE_OF_OLD:
        updated = f"OF {_FROZEN_SUBMISSION_COLUMNS} " if table == "submissions" else ""
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE {updated}ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"WHEN NOT {_erasing(table)} "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )


def _create_postgresql_guards() -> None:
    for table in _TRAINEE_OF_OLD:
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP = 'DELETE' AND {_erasing(table)} THEN RETURN OLD; END IF;\n"
            f"  RAISE EXCEPTION '{table} are append-only' USING ERRCODE = 'check_violation';\n"
            "END $$"
        )
        updated = f"OF {_FROZEN_SUBMISSION_COLUMNS} " if table == "submissions" else ""
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE {updated}ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _TRAINEE_OF_OLD:
            op.execute(f"DROP TRIGGER {table}_no_update ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_delete ON {table}")
            op.execute(f"DROP FUNCTION {table}_append_only()")
    for table in (
        "erasures",
        "progress",
        "review_events",
        "scorecards",
        "submissions",
        "drafts",
        "transcript_turns",
        "attempts",
        "rubric_versions",
        "scenario_versions",
        "cohort_members",
        "cohorts",
        "users",
    ):
        op.drop_table(table)
