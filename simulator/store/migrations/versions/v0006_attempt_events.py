"""Attempt events: an attempt the trainee abandoned (left for the case library).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "attempt_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attempt_events"),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempts.id"], name="fk_attempt_events_attempt_id_attempts"
        ),
        sa.CheckConstraint("kind IN ('abandoned')", name="ck_attempt_events_kind"),
    )
    op.create_index("ix_attempt_events_attempt_id", "attempt_events", ["attempt_id"])


def downgrade() -> None:
    op.drop_index("ix_attempt_events_attempt_id", table_name="attempt_events")
    op.drop_table("attempt_events")
