"""publishing drafts (the ward's uploads of new figures, waiting for approval)

Revision ID: 0005_publishing
Revises: 0004_staff
Create Date: 2026-12-02 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_publishing'
down_revision = '0004_staff'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('publishing_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_name', sa.String(length=100), nullable=False),
    sa.Column('base_version', sa.String(length=40), nullable=False),
    sa.Column('bump', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.Text(), nullable=False),
    sa.Column('original', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.JSON(), nullable=False),
    sa.Column('source_given', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('published_version', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publishing_draft'))
    )
    op.create_index(op.f('ix_publishing_draft_package_name'), 'publishing_draft', ['package_name'],
                    unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_publishing_draft_package_name'), table_name='publishing_draft')
    op.drop_table('publishing_draft')
