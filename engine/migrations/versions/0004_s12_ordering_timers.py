"""Per-ticket event ordering (event.ticket_key, occurred_at, applied_at, deferrals,
parked, next_attempt_at)
and durable timers (scheduled_timer); organization.events_secret widened for a sealed secret.

Revision ID: 0004_s12_ordering_timers
Revises: 0003_s10_evaluation
Create Date: 2026-12-02 01:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_s12_ordering_timers"
down_revision = "0003_s10_evaluation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Room for a Fernet-sealed events secret (engine.vault).
    op.alter_column("organization", "events_secret", type_=sa.String(length=512), existing_nullable=False)
    op.add_column("event", sa.Column("ticket_key", sa.String(length=300), nullable=True))
    op.add_column("event", sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("event", sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("event", sa.Column("deferrals", sa.Integer(), server_default="0", nullable=False))
    op.add_column("event", sa.Column("parked", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("event", sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_event_org_ticket_key", "event", ["organization_id", "ticket_key", "occurred_at"])
    op.create_table(
        "scheduled_timer",
        sa.Column("job_id", sa.String(length=300), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("args", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"],
                                name=op.f("fk_scheduled_timer_organization_id_organization"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_scheduled_timer")),
    )
    op.create_index("ix_scheduled_timer_organization_id", "scheduled_timer", ["organization_id"])
    op.create_index("ix_scheduled_timer_pending", "scheduled_timer", ["done_at", "due_at"])


def downgrade() -> None:
    op.alter_column("organization", "events_secret", type_=sa.String(length=128), existing_nullable=False)
    op.drop_index("ix_scheduled_timer_pending", table_name="scheduled_timer")
    op.drop_index("ix_scheduled_timer_organization_id", table_name="scheduled_timer")
    op.drop_table("scheduled_timer")
    op.drop_index("ix_event_org_ticket_key", table_name="event")
    for col in ("next_attempt_at", "parked", "deferrals", "applied_at", "occurred_at", "ticket_key"):
        op.drop_column("event", col)
