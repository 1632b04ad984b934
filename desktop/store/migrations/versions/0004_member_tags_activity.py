"""Member tags, and each member's activity level cached with the day it was computed

Revision ID: 0004_member_tags_activity
Revises: 0003_import_changes
Create Date: 2026-11-23 19:00:00.000000

The two member columns are added with ALTER TABLE ADD COLUMN (batch mode does not rebuild the
table for that), so upgrading 200,000 members takes well under a second; existing members start
with no level until the first refresh.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_member_tags_activity'
down_revision = '0003_import_changes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('color', sa.String(length=9), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('member_tags',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_tags_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_member_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'tag_id', name=op.f('pk_member_tags'))
    )
    with op.batch_alter_table('member_tags', schema=None) as batch_op:
        batch_op.create_index('ix_member_tags_tag', ['tag_id', 'member_id'], unique=False)

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activity_level', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('activity_level_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_members_activity_level'), ['activity_level'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_activity_level_on'), ['activity_level_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_activity_level_on'))
        batch_op.drop_index(batch_op.f('ix_members_activity_level'))
        batch_op.drop_column('activity_level_on')
        batch_op.drop_column('activity_level')

    with op.batch_alter_table('member_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_member_tags_tag')

    op.drop_table('member_tags')
    op.drop_table('tags')
