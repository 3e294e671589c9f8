"""search on PostgreSQL: rank in a RUM index where the server has it; a matching function

Revision ID: 0014_search_rum
Revises: 0013_events
"""

import sqlalchemy as sa
from alembic import op

from bargaining.models.search import MATCHING, drop_rum_ddl, matching_ddl, rum_ddl

revision = "0014_search_rum"
down_revision = "0013_events"
branch_labels = None
depends_on = None

# Two migrations at once (two test workers, two app servers) must not both create the extension.
EXTENSION_LOCK = 7_274_023_114


def upgrade() -> None:
    """Create the matching function; add a RUM index if the server offers the extension."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(matching_ddl())
    schema = _rum_schema(bind)
    if schema is None:
        return
    for statement in rum_ddl(schema):
        op.execute(statement)


def downgrade() -> None:
    """Drop the RUM index and the function (the extension stays: other schemas may use it)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in drop_rum_ddl():
        op.execute(statement)
    op.execute(f"DROP FUNCTION IF EXISTS {MATCHING}(tsquery)")


def _rum_schema(bind: sa.Connection) -> str | None:
    """The schema holding the rum extension, created in public if the server has it; None if not."""
    available = bind.scalar(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'"))
    if available is None:
        return None
    bind.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": EXTENSION_LOCK})
    bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS rum SCHEMA public"))
    found = bind.scalar(
        sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'rum'")
    )
    return str(found)
