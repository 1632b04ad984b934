"""Group buys: 接龙 line keys, 楼号/房号, leader notes and import batches on campaigns, products and points

Revision ID: 0006_group_buys
Revises: 0005_broadcast_dispatch
Create Date: 2026-11-24 12:00:00.000000

Orders remember the 接龙 line they came from (its number, text and a key unique per campaign, so a
longer paste of the same 接龙 adds only the new lines), the building and room the pickup list sorts
by, the leader's note and the export's extra fields (courier, tracking number, receiver) as JSON.
Campaigns, products, pickup points and campaign-pickup links carry the import batch that created
them, so undoing an order import takes them out too. Every column is added with ALTER TABLE ADD
COLUMN (constant defaults): no table is rebuilt, so products referenced by order items are never
dropped and re-created. The four batch columns are plain indexed integers, not foreign keys: SQLite
cannot add a named foreign key without rebuilding the table, and batches are never deleted (undo
marks them undone), so the reference could never dangle.

Orders get ``pieces``, the sum of their lines' quantities (filled here from the existing lines, then
kept by every path that writes lines), so the pickup totals need no join of the lines.

Three covering indexes serve the summaries (desktop.services.order_summaries), so a campaign of
100,000 orders is summed from index pages alone, in index order (no sort): the campaign's orders by
pickup point then payment status (pickup totals and pieces, payment reconciliation, distinct
buyers), by group (distinct buyers per group), and the order lines by product then order (the
supplier order: quantity and amount of every line of the campaign's products, in index order, less
the lines of its cancelled and refunded orders). The last one replaces the baseline's
ix_order_items_product (product_id), which it starts with.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006_group_buys'
down_revision = '0005_broadcast_dispatch'
branch_labels = None
depends_on = None

#: tables that get an import_batch_id
BATCHED = ('campaigns', 'products', 'pickup_points', 'campaign_pickup_points')
#: covering indexes of the summaries (kept equal to desktop.store.models)
SUMMARY_COLUMNS = ['campaign_id', 'pickup_point_id', 'payment_status', 'group_id', 'fulfilment_status', 'member_id',
                   'buyer_phone', 'buyer_name', 'amount_cents', 'refund_cents', 'pieces']
GROUP_COLUMNS = ['campaign_id', 'group_id', 'payment_status', 'member_id', 'buyer_phone', 'buyer_name']
ITEM_COLUMNS = ['product_id', 'order_id', 'quantity', 'amount_cents']


def upgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leader_note', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('building', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('room', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('extras_json', sa.Text(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('source_seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source_key', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('source_text', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('pieces', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('uq_orders_campaign_source_key', ['campaign_id', 'source_key'], unique=True)
        batch_op.create_index('ix_orders_campaign_summary', SUMMARY_COLUMNS, unique=False)
        batch_op.create_index('ix_orders_campaign_groups', GROUP_COLUMNS, unique=False)
    op.execute('UPDATE orders SET pieces = (SELECT coalesce(sum(order_items.quantity), 0) FROM order_items '
               'WHERE order_items.order_id = orders.id)')
    with op.batch_alter_table('order_items', schema=None) as batch_op:
        batch_op.drop_index('ix_order_items_product')
        batch_op.create_index('ix_order_items_product_totals', ITEM_COLUMNS, unique=False)

    for table in BATCHED:
        op.add_column(table, sa.Column('import_batch_id', sa.Integer(), nullable=True))
        op.create_index(op.f(f'ix_{table}_import_batch_id'), table, ['import_batch_id'], unique=False)


def downgrade() -> None:
    for table in reversed(BATCHED):
        op.drop_index(op.f(f'ix_{table}_import_batch_id'), table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('import_batch_id')

    with op.batch_alter_table('order_items', schema=None) as batch_op:
        batch_op.drop_index('ix_order_items_product_totals')
        batch_op.create_index('ix_order_items_product', ['product_id'], unique=False)
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_campaign_groups')
        batch_op.drop_index('ix_orders_campaign_summary')
        batch_op.drop_index('uq_orders_campaign_source_key')
        batch_op.drop_column('pieces')
        batch_op.drop_column('source_text')
        batch_op.drop_column('source_key')
        batch_op.drop_column('source_seq')
        batch_op.drop_column('extras_json')
        batch_op.drop_column('room')
        batch_op.drop_column('building')
        batch_op.drop_column('leader_note')
