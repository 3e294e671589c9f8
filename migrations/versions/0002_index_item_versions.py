"""index proposal_items.version_id (redlines and TAs look items up by version)

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the index."""
    op.create_index("ix_proposal_items_version_id", "proposal_items", ["version_id"], unique=False)


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_proposal_items_version_id", table_name="proposal_items")
