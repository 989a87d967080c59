"""staff accounts, audit log, comment review, opinion groups, results

Revision ID: 0004_staff
Revises: 0002_consult
Create Date: 2026-11-26 12:06:34.535312
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_staff'
down_revision = '0002_consult'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    sa.UniqueConstraint('entry_hash', name=op.f('uq_audit_entry_entry_hash'))
    )
    op.create_table('staff_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_user_username'))
    )
    op.create_table('consultation_result',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.Column('receipt_digest', sa.String(length=64), nullable=False),
    sa.Column('receipt_count', sa.Integer(), nullable=False),
    sa.Column('package_name', sa.String(length=100), nullable=False),
    sa.Column('package_version', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_result_consultation_id_consultation')),
    sa.PrimaryKeyConstraint('consultation_id', name=op.f('pk_consultation_result'))
    )
    op.create_table('opinion_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('summary_ja', sa.Text(), nullable=False),
    sa.Column('response_ja', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=True),
    sa.Column('change_revision_id', sa.String(length=150), nullable=True),
    sa.Column('change_node_id', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_opinion_group_consultation_id_consultation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_group'))
    )
    with op.batch_alter_table('opinion_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_group_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('comment_review',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('exclusion', sa.String(length=20), nullable=True),
    sa.Column('exclusion_note', sa.Text(), nullable=True),
    sa.Column('has_personal_info', sa.Boolean(), nullable=False),
    sa.Column('published_text', sa.Text(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('same_submitter_as', sa.Integer(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=64), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_review_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['opinion_group.id'], name=op.f('fk_comment_review_group_id_opinion_group'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('comment_id', name=op.f('pk_comment_review'))
    )
    with op.batch_alter_table('comment_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_review_group_id'), ['group_id'], unique=False)



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('comment_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_review_group_id'))

    op.drop_table('comment_review')
    with op.batch_alter_table('opinion_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_group_consultation_id'))

    op.drop_table('opinion_group')
    op.drop_table('consultation_result')
    op.drop_table('staff_user')
    op.drop_table('audit_entry')
