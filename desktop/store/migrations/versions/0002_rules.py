"""Auto-classification rules

Revision ID: 0002_rules
Revises: 0001_baseline
Create Date: 2026-11-23 18:05:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_rules'
down_revision = '0001_baseline'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('classification_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('apply_to_new', sa.Boolean(), nullable=False),
    sa.Column('conditions_json', sa.Text(), nullable=False),
    sa.Column('label_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['label_id'], ['labels.id'], name=op.f('fk_classification_rules_label_id_labels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classification_rules')),
    sa.UniqueConstraint('name', name=op.f('uq_classification_rules_name'))
    )


def downgrade() -> None:
    op.drop_table('classification_rules')
