"""Orders: the 接龙-line index holds only orders that came from a 接龙 line

Revision ID: 0009_partial_source_key
Revises: 0008_broadcast_attachments
Create Date: 2026-11-30 12:00:00.000000

``uq_orders_campaign_source_key`` (campaign_id, source_key) keeps one order per 接龙 line and campaign,
so that re-pasting a longer 接龙 adds only the new lines. It indexed every order, and every imported
or quick order (source_key NULL) put an entry in it for nothing: one index tree more written on each
of the 20,000 orders of a big export. It becomes a partial index, ``WHERE source_key IS NOT NULL``:
the same rule for 接龙 lines (NULLs were never compared), and nothing written for other orders.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009_partial_source_key'
down_revision = '0008_broadcast_attachments'
branch_labels = None
depends_on = None

NAME = 'uq_orders_campaign_source_key'
COLUMNS = ['campaign_id', 'source_key']
#: kept equal to desktop.store.models.Order
WHERE = 'source_key IS NOT NULL'


def upgrade() -> None:
    op.drop_index(NAME, table_name='orders')
    op.create_index(NAME, 'orders', COLUMNS, unique=True, sqlite_where=sa.text(WHERE),
                    postgresql_where=sa.text(WHERE))


def downgrade() -> None:
    op.drop_index(NAME, table_name='orders')
    op.create_index(NAME, 'orders', COLUMNS, unique=True)
