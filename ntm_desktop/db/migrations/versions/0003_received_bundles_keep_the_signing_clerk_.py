"""received bundles keep the signing clerk's name

A bundle signed by a clerk of a province office (a reverse bundle to a commune, a roll-up to the national
office) carries the clerk's certificate from the office key, with the clerk's name. The receiver's bundle
log (``sync_bundles``) now keeps that name (``signer``), so that its history says who sent a bundle, not
only which computer. Rows of bundles received before have no name (empty): they show what they showed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 19:19:42.715673
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_bundles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sync_bundles', schema=None) as batch_op:
        batch_op.drop_column('signer')
