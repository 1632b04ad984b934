"""Broadcast attachments: images and files the operator sends by hand along with the text

Revision ID: 0008_broadcast_attachments
Revises: 0007_dashboard_indexes
Create Date: 2026-12-02 09:00:00.000000

Templates already keep a JSON list of file paths (``templates.attachments_json``); a broadcast
written without a template needs its own, so ``broadcasts.attachments_json`` is added the same way
(an empty list for every existing broadcast, which then falls back to its template's attachments).
ALTER TABLE ADD COLUMN with a constant default: no table rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008_broadcast_attachments'
down_revision = '0007_dashboard_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachments_json', sa.Text(), server_default='[]', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.drop_column('attachments_json')
