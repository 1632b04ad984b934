"""Broadcast dispatch: delivery leases and flags, SOP steps, robot disabling, expansion cursor

Revision ID: 0005_broadcast_dispatch
Revises: 0004_member_tags_activity
Create Date: 2026-11-24 09:00:00.000000

At-most-once sending needs a claim on each delivery (who holds it and until when), a flag for a
send whose outcome is unknown (the dispatcher died mid-request), and how many parts of a split
text already went out. A robot that answers with a permanent error is switched off with the
reason kept for the operator. Broadcasts remember when they were activated and how far their
schedule has been expanded into deliveries, so a restart (or a clock jump) never re-expands.
All columns are added with ALTER TABLE ADD COLUMN and constant defaults: no table rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_broadcast_dispatch'
down_revision = '0004_member_tags_activity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('parts_sent', sa.Integer(), server_default=sa.text('0'), nullable=False))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('flagged', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_deliveries_broadcast', ['broadcast_id', 'status'], unique=False)

    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disabled_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('disabled_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('expanded_until', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.drop_column('expanded_until')
        batch_op.drop_column('activated_at')

    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.drop_column('disabled_at')
        batch_op.drop_column('disabled_reason')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_broadcast')
        batch_op.drop_column('flagged')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('parts_sent')
        batch_op.drop_column('step')
