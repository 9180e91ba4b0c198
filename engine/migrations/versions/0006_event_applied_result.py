"""event.applied_result: what an event's committed first apply derived, so that a retry (the job
was killed before its model runs were recorded) runs those and never applies the event again.

Revision ID: 0006_event_applied_result
Revises: 0005_s9_insight_evidence
Create Date: 2026-12-02 05:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006_event_applied_result"
down_revision = "0005_s9_insight_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event", sa.Column("applied_result", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column("event", "applied_result")
