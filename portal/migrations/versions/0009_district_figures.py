"""district figures: an optional 地区/地域 area on observations (empty = the ward total)

Revision ID: 0009_district_figures
Revises: 0008_notify
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_district_figures'
down_revision = '0008_notify'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table('observation') as batch:
        batch.add_column(sa.Column('area', sa.String(length=40), nullable=True))
        batch.create_index(batch.f('ix_observation_area'), ['area'], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('observation') as batch:
        batch.drop_index(batch.f('ix_observation_area'))
        batch.drop_column('area')
