"""Curriculum progress as append-only module events, and reflection drafts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_TABLE = "module_events"
# A trainee's events may go only while their erasure is under way (as in 0004).
_ERASING = (
    "EXISTS (SELECT 1 FROM erasures e WHERE e.finished_at IS NULL AND e.user_id = OLD.user_id)"
)


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("module", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("detail", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
        sa.PrimaryKeyConstraint("id", name="pk_module_events"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_module_events_user_id_users"),
        sa.CheckConstraint(
            "kind IN ('module_started', 'exercise_done', 'reflection_written',"
            " 'check_passed', 'check_failed')",
            name="ck_module_events_kind",
        ),
    )
    op.create_index("ix_module_events_user_id", _TABLE, ["user_id", "module", "id"])
    op.create_table(
        "module_drafts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("module", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "module", name="pk_module_drafts"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_module_drafts_user_id_users",
            ondelete="CASCADE",
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {_TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP = 'DELETE' AND {_ERASING} THEN RETURN OLD; END IF;\n"
            f"  RAISE EXCEPTION '{_TABLE} are append-only' USING ERRCODE = 'check_violation';\n"
            "END $$"
        )
        for when, name in (("UPDATE", "no_update"), ("DELETE", "no_delete")):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_{name} BEFORE {when} ON {_TABLE} "
                f"FOR EACH ROW EXECUTE FUNCTION {_TABLE}_append_only()"
            )
    else:
        op.execute(
            f"CREATE TRIGGER {_TABLE}_no_update BEFORE UPDATE ON {_TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{_TABLE} are append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {_TABLE}_no_delete BEFORE DELETE ON {_TABLE} WHEN NOT {_ERASING} "
            f"BEGIN SELECT RAISE(ABORT, '{_TABLE} are append-only'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {_TABLE}_no_update ON {_TABLE}")
        op.execute(f"DROP TRIGGER {_TABLE}_no_delete ON {_TABLE}")
        op.execute(f"DROP FUNCTION {_TABLE}_append_only()")
    op.drop_table("module_drafts")
    op.drop_index("ix_module_events_user_id", table_name=_TABLE)
    op.drop_table(_TABLE)
