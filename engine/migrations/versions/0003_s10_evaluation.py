"""Evaluation: labelled sets, cases, corrections, default sets, evaluation runs and results.

Revision ID: 0003_s10_evaluation
Revises: 0002_s13_contact_identity
Create Date: 2026-12-02 01:00:35.747817
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003_s10_evaluation'
down_revision = '0002_s13_contact_identity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('label_set',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('tolerance', sa.Numeric(precision=14, scale=4, asdecimal=False), server_default='1', nullable=False),
    sa.Column('source', sa.String(length=16), server_default='manual', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_label_set_organization_id_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_set')),
    sa.UniqueConstraint('organization_id', 'name', name=op.f('uq_label_set_organization_id_name'))
    )
    op.create_index(op.f('ix_label_set_organization_id'), 'label_set', ['organization_id'], unique=False)
    op.create_table('eval_default',
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('agent_key', sa.String(length=64), nullable=False),
    sa.Column('set_id', sa.UUID(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_eval_default_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['label_set.id'], name=op.f('fk_eval_default_set_id_label_set'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organization_id', 'agent_key', name=op.f('pk_eval_default'))
    )
    op.create_table('eval_run',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('set_id', sa.UUID(), nullable=False),
    sa.Column('agent_id', sa.UUID(), nullable=True),
    sa.Column('agent_key', sa.String(length=64), nullable=False),
    sa.Column('agent_name', sa.String(length=120), nullable=False),
    sa.Column('agent_version', sa.Integer(), nullable=False),
    sa.Column('model_override', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cases', sa.Integer(), server_default='0', nullable=False),
    sa.Column('metrics', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('created_by', sa.UUID(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['ai_agent.id'], name=op.f('fk_eval_run_agent_id_ai_agent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_eval_run_created_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_eval_run_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['label_set.id'], name=op.f('fk_eval_run_set_id_label_set'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eval_run'))
    )
    op.create_index('ix_eval_run_org_agent_created', 'eval_run', ['organization_id', 'agent_key', 'created_at'], unique=False)
    op.create_index(op.f('ix_eval_run_organization_id'), 'eval_run', ['organization_id'], unique=False)
    op.create_index(op.f('ix_eval_run_set_id'), 'eval_run', ['set_id'], unique=False)
    op.create_table('label_case',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('set_id', sa.UUID(), nullable=False),
    sa.Column('ref', sa.String(length=200), nullable=False),
    sa.Column('ticket_id', sa.UUID(), nullable=True),
    sa.Column('conversation', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('labels', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_label_case_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['label_set.id'], name=op.f('fk_label_case_set_id_label_set'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_label_case_ticket_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_case')),
    sa.UniqueConstraint('set_id', 'ref', name=op.f('uq_label_case_set_id_ref'))
    )
    op.create_index(op.f('ix_label_case_organization_id'), 'label_case', ['organization_id'], unique=False)
    op.create_index(op.f('ix_label_case_set_id'), 'label_case', ['set_id'], unique=False)
    op.create_table('eval_result',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('run_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=True),
    sa.Column('ref', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('engine', sa.String(length=16), nullable=True),
    sa.Column('model', sa.String(length=200), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('outcome', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('evidence_valid', sa.Boolean(), nullable=True),
    sa.Column('latency_ms', sa.Integer(), server_default='0', nullable=False),
    sa.Column('prompt_tokens', sa.Integer(), server_default='0', nullable=False),
    sa.Column('completion_tokens', sa.Integer(), server_default='0', nullable=False),
    sa.Column('cost_usd', sa.Numeric(precision=12, scale=6), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['label_case.id'], name=op.f('fk_eval_result_case_id_label_case'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_eval_result_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['eval_run.id'], name=op.f('fk_eval_result_run_id_eval_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eval_result'))
    )
    op.create_index(op.f('ix_eval_result_organization_id'), 'eval_result', ['organization_id'], unique=False)
    op.create_index(op.f('ix_eval_result_run_id'), 'eval_result', ['run_id'], unique=False)
    op.create_table('label_correction',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('insight_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('user_id', sa.UUID(), nullable=True),
    sa.Column('values', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['label_case.id'], name=op.f('fk_label_correction_case_id_label_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['insight_id'], ['ai_insight.id'], name=op.f('fk_label_correction_insight_id_ai_insight'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_label_correction_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_label_correction_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_correction'))
    )
    op.create_index(op.f('ix_label_correction_insight_id'), 'label_correction', ['insight_id'], unique=False)
    op.create_index(op.f('ix_label_correction_organization_id'), 'label_correction', ['organization_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_label_correction_organization_id'), table_name='label_correction')
    op.drop_index(op.f('ix_label_correction_insight_id'), table_name='label_correction')
    op.drop_table('label_correction')
    op.drop_index(op.f('ix_eval_result_run_id'), table_name='eval_result')
    op.drop_index(op.f('ix_eval_result_organization_id'), table_name='eval_result')
    op.drop_table('eval_result')
    op.drop_index(op.f('ix_label_case_set_id'), table_name='label_case')
    op.drop_index(op.f('ix_label_case_organization_id'), table_name='label_case')
    op.drop_table('label_case')
    op.drop_index(op.f('ix_eval_run_set_id'), table_name='eval_run')
    op.drop_index(op.f('ix_eval_run_organization_id'), table_name='eval_run')
    op.drop_index('ix_eval_run_org_agent_created', table_name='eval_run')
    op.drop_table('eval_run')
    op.drop_table('eval_default')
    op.drop_index(op.f('ix_label_set_organization_id'), table_name='label_set')
    op.drop_table('label_set')
