"""notify: follow by email (addresses apart), subscriptions, the outbox, seen events

Revision ID: 0008_notify
Revises: 0007_publishing_hosts
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_notify'
down_revision = '0007_publishing_hosts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('follower_address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('last_digest_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follower_address')),
    sa.UniqueConstraint('address', name=op.f('uq_follower_address_address'))
    )
    op.create_table('notify_seen_event',
    sa.Column('event_key', sa.String(length=200), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('event_key', name=op.f('pk_notify_seen_event'))
    )
    op.create_table('subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=20), nullable=False),
    sa.Column('target_key', sa.String(length=200), nullable=False),
    sa.Column('plan_id', sa.String(length=100), nullable=True),
    sa.Column('lang', sa.String(length=10), nullable=False),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['address_id'], ['follower_address.id'], name=op.f('fk_subscription_address_id_follower_address'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription')),
    sa.UniqueConstraint('address_id', 'target', 'target_key', name=op.f('uq_subscription_address_id_target_target_key')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_subscription_token_sha256'))
    )
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_address_id'), ['address_id'], unique=False)
    op.create_table('notify_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address_id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('event_key', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['address_id'], ['follower_address.id'], name=op.f('fk_notify_outbox_address_id_follower_address'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscription.id'], name=op.f('fk_notify_outbox_subscription_id_subscription'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notify_outbox')),
    sa.UniqueConstraint('address_id', 'kind', 'event_key', name=op.f('uq_notify_outbox_address_id_kind_event_key'))
    )
    with op.batch_alter_table('notify_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notify_outbox_address_id'), ['address_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notify_outbox_status'), ['status'], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table('notify_outbox')
    op.drop_table('subscription')
    op.drop_table('notify_seen_event')
    op.drop_table('follower_address')
