"""publishing on several app hosts: each approved version as an event, and its files in the database

Revision ID: 0007_publishing_hosts
Revises: 0006_staff_sessions
Create Date: 2026-12-02 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_publishing_hosts'
down_revision = '0006_staff_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('publishing_publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_name', sa.String(length=100), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('bump', sa.String(length=10), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('search_changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publishing_publication'))
    )
    op.create_index(op.f('ix_publishing_publication_package_name'), 'publishing_publication',
                    ['package_name'], unique=False)
    op.create_table('publishing_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['publication_id'], ['publishing_publication.id'],
                            name=op.f('fk_publishing_file_publication_id_publishing_publication')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publishing_file'))
    )
    op.create_index(op.f('ix_publishing_file_publication_id'), 'publishing_file', ['publication_id'],
                    unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_publishing_file_publication_id'), table_name='publishing_file')
    op.drop_table('publishing_file')
    op.drop_index(op.f('ix_publishing_publication_package_name'), table_name='publishing_publication')
    op.drop_table('publishing_publication')
