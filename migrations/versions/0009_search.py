"""full-text search: search_documents, the engine's index (FTS5 or tsvector + GIN), backfilled

Revision ID: 0009
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from bargaining.models.search import drop_engine_ddl, engine_ddl

revision = "0009"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index table and the engine's index, then index what the database holds."""
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["table_id"], ["bargaining_tables.id"], name=op.f("fk_search_documents_table_id_bargaining_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("kind", "object_id", name=op.f("uq_search_documents_kind_object_id")),
    )
    op.create_index("ix_search_documents_table_kind", "search_documents", ["table_id", "kind"], unique=False)
    bind = op.get_bind()
    for statement in engine_ddl(bind.dialect.name):
        op.execute(statement)
    from bargaining.services.search.index import rebuild

    rebuild(bind)


def downgrade() -> None:
    """Drop the engine's index and the table."""
    for statement in drop_engine_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_index("ix_search_documents_table_kind", table_name="search_documents")
    op.drop_table("search_documents")
