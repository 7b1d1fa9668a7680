"""Canned comments: reusable, per-criterion comments that trainers write and supervisors
pick while reviewing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "canned_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(64), nullable=False),
        sa.Column("text", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_canned_comments"),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name="fk_canned_comments_created_by_users",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_canned_comments_rubric_id", "canned_comments", ["rubric_id", "criterion"])


def downgrade() -> None:
    op.drop_index("ix_canned_comments_rubric_id", table_name="canned_comments")
    op.drop_table("canned_comments")
