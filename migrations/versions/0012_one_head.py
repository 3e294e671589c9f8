"""one head again: this round's capabilities were built side by side from 0002

Revision ID: 0012
Revises: 0003, 0004, 0006, 0008, 0009, 0010, 0011
"""

revision = "0012"
down_revision = ("0003", "0004", "0006", "0008", "0009", "0010", "0011")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches meet here."""


def downgrade() -> None:
    """Nothing to change: the branches part here."""
