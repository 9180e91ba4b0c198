"""Contact identity (business-scoped user ids, optional phone, history, preferences); agent limits.

Revision ID: 0002_s13_contact_identity
Revises: 0001
Create Date: 2026-12-02 01:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_s13_contact_identity"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contact", sa.Column("user_id", sa.String(length=128), nullable=True))
    op.add_column("contact", sa.Column("parent_user_id", sa.String(length=128), nullable=True))
    op.add_column("contact", sa.Column("identity_history", postgresql.JSONB(astext_type=sa.Text()),
                                       server_default=sa.text("'[]'::jsonb"), nullable=False))
    op.add_column("contact", sa.Column("preferences", postgresql.JSONB(astext_type=sa.Text()),
                                       server_default=sa.text("'{}'::jsonb"), nullable=False))
    op.alter_column("contact", "phone", existing_type=sa.String(length=32), nullable=True)
    op.create_unique_constraint(op.f("uq_contact_organization_id_user_id"), "contact", ["organization_id", "user_id"])
    op.add_column("ai_agent", sa.Column("max_tokens", sa.Integer(), nullable=True))
    op.add_column("ai_agent", sa.Column("temperature", sa.Numeric(precision=3, scale=2, asdecimal=False),
                                        server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("ai_agent", "temperature")
    op.drop_column("ai_agent", "max_tokens")
    # Contacts known only by their user id cannot keep a NOT NULL phone: they are removed.
    op.execute("DELETE FROM contact WHERE phone IS NULL")
    op.drop_constraint(op.f("uq_contact_organization_id_user_id"), "contact", type_="unique")
    op.alter_column("contact", "phone", existing_type=sa.String(length=32), nullable=False)
    op.drop_column("contact", "preferences")
    op.drop_column("contact", "identity_history")
    op.drop_column("contact", "parent_user_id")
    op.drop_column("contact", "user_id")
