"""Supervision records (スーパービジョン記録): one per session with a trainee, append-only.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_ERASING = (
    "EXISTS (SELECT 1 FROM erasures e WHERE e.finished_at IS NULL AND e.user_id = OLD.trainee_id)"
)


def upgrade() -> None:
    op.create_table(
        "supervision_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("focus", sa.Text(), nullable=False),
        sa.Column("agreed_actions", sa.Text(), nullable=False),
        sa.Column("next_session", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_supervision_records"),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["users.id"], name="fk_supervision_records_trainee_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"], ["users.id"], name="fk_supervision_records_supervisor_id_users"
        ),
        sa.CheckConstraint("kind IN ('individual', 'group')", name="ck_supervision_records_kind"),
    )
    op.create_index(
        "ix_supervision_records_trainee_id", "supervision_records", ["trainee_id", "id"]
    )
    table = "supervision_records"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP = 'DELETE' AND {_ERASING} THEN RETURN OLD; END IF;\n"
            f"  RAISE EXCEPTION '{table} are append-only' USING ERRCODE = 'check_violation';\n"
            "END $$"
        )
        for when, name in (("UPDATE", "no_update"), ("DELETE", "no_delete")):
            op.execute(
                f"CREATE TRIGGER {table}_{name} BEFORE {when} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
    else:
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT {_ERASING} "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )


def downgrade() -> None:
    table = "supervision_records"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_no_update ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_delete ON {table}")
        op.execute(f"DROP FUNCTION {table}_append_only()")
    op.drop_index("ix_supervision_records_trainee_id", table_name=table)
    op.drop_table(table)
