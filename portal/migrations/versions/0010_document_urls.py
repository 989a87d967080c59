"""document URLs: staff propose a registered document's official URL, a second person approves

Revision ID: 0010_document_urls
Revises: 0009_district_figures
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_document_urls'
down_revision = '0009_district_figures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('publishing_document_url',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=100), nullable=False),
    sa.Column('base_version', sa.String(length=40), nullable=False),
    sa.Column('old_url', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('published_version', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publishing_document_url'))
    )
    op.create_index(op.f('ix_publishing_document_url_document_id'), 'publishing_document_url',
                    ['document_id'], unique=False)
    with op.batch_alter_table('publishing_publication') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='figures'))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('publishing_publication') as batch:
        batch.drop_column('kind')
    op.drop_index(op.f('ix_publishing_document_url_document_id'), table_name='publishing_document_url')
    op.drop_table('publishing_document_url')
