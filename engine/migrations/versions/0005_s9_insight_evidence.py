"""Insight evidence and the one-live-card rule: uncited, superseded_by/at, refreshed_at/run.

Revision ID: 0005_s9_insight_evidence
Revises: 0004_s12_ordering_timers
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_s9_insight_evidence"
down_revision = "0004_s12_ordering_timers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ai_insight", sa.Column("uncited", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("ai_insight", sa.Column("superseded_by", sa.UUID(), nullable=True))
    op.add_column("ai_insight", sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("ai_insight", sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("ai_insight", sa.Column("refreshed_run_id", sa.UUID(), nullable=True))
    op.create_foreign_key(op.f("fk_ai_insight_superseded_by_ai_insight"), "ai_insight", "ai_insight",
                          ["superseded_by"], ["id"], ondelete="SET NULL")
    op.create_foreign_key(op.f("fk_ai_insight_refreshed_run_id_ai_run"), "ai_insight", "ai_run",
                          ["refreshed_run_id"], ["id"], ondelete="SET NULL")
    op.create_index("ix_ai_insight_ticket_agent_live", "ai_insight", ["ticket_id", "agent_id", "created_at"],
                    unique=False, postgresql_where=sa.text("superseded_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_ai_insight_ticket_agent_live", table_name="ai_insight",
                  postgresql_where=sa.text("superseded_at IS NULL"))
    op.drop_constraint(op.f("fk_ai_insight_refreshed_run_id_ai_run"), "ai_insight", type_="foreignkey")
    op.drop_constraint(op.f("fk_ai_insight_superseded_by_ai_insight"), "ai_insight", type_="foreignkey")
    op.drop_column("ai_insight", "refreshed_run_id")
    op.drop_column("ai_insight", "refreshed_at")
    op.drop_column("ai_insight", "superseded_at")
    op.drop_column("ai_insight", "superseded_by")
    op.drop_column("ai_insight", "uncited")
