"""events: information requests' due and overdue notices, each written once

Revision ID: 0013_events
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_events"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create information_request_notices: one row per request and kind (due, overdue)."""
    op.create_table(
        "information_request_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_requests.id"],
            name=op.f("fk_information_request_notices_request_id_information_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request_notices")),
        sa.UniqueConstraint(
            "request_id", "kind", name=op.f("uq_information_request_notices_request_id_kind")
        ),
    )


def downgrade() -> None:
    """Drop the notices."""
    op.drop_table("information_request_notices")
