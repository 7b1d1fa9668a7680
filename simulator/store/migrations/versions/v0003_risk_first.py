"""Risk first and release: the 要至急確認 flag orders the queue; release is its own step.

``priority`` is 0 for a flagged submission and 1 otherwise, so the queue indexes give
flagged work first with one ascending key. ``urgent`` names the unmet risks, ``lowest``
the criterion with the lowest automatic level (the queue filters on it). Release is
a status event (approved -> released) projected into ``released_at``: the status column's
CHECK predates it, and rebuilding the table on SQLite would drop its append-only triggers.
Rows stored before this revision keep priority 1 (they were scored without the flag).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "submissions", sa.Column("priority", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column("submissions", sa.Column("urgent", sa.String(64), nullable=True))
    op.add_column("submissions", sa.Column("lowest", sa.String(64), nullable=True))
    op.add_column(
        "submissions", sa.Column("released_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.drop_index("ix_submissions_queue", table_name="submissions")
    op.drop_index("ix_submissions_cohort_queue", table_name="submissions")
    op.create_index(
        "ix_submissions_queue",
        "submissions",
        ["awaiting_review", "priority", "submitted_at", "id"],
    )
    op.create_index(
        "ix_submissions_cohort_queue",
        "submissions",
        ["cohort_id", "awaiting_review", "priority", "submitted_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_submissions_queue", table_name="submissions")
    op.drop_index("ix_submissions_cohort_queue", table_name="submissions")
    op.create_index(
        "ix_submissions_queue", "submissions", ["awaiting_review", "submitted_at", "id"]
    )
    op.create_index(
        "ix_submissions_cohort_queue",
        "submissions",
        ["cohort_id", "awaiting_review", "submitted_at", "id"],
    )
    for column in ("released_at", "lowest", "urgent", "priority"):
        op.drop_column("submissions", column)
