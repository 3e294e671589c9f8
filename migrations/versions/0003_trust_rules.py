"""trust rules: change requests, versioned TA summaries, unique labels, article renames by TA

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = "ta_summary_versions"


def _enum(name: str, *values: str) -> sa.Enum:
    """A StrEnum column as the models store it: by value, with a named CHECK constraint."""
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    """Add change_requests and ta_summary_versions (append-only, filled from today's summaries)."""
    op.create_table(
        "change_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("state", _enum("change_state", "pending", "applied", "withdrawn", "declined"), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by", _enum("proposed_by", "union", "employer"), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_change_requests_article_id_articles")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_change_requests_decided_by_id_users")),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["users.id"], name=op.f("fk_change_requests_proposed_by_id_users")),
        sa.ForeignKeyConstraint(
            ["table_id"], ["bargaining_tables.id"], name=op.f("fk_change_requests_table_id_bargaining_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_requests")),
    )
    op.create_index(op.f("ix_change_requests_article_id"), "change_requests", ["article_id"], unique=False)
    op.create_index("ix_change_requests_table_state", "change_requests", ["table_id", "state"], unique=False)
    op.create_table(
        "ta_summary_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ta_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_side", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_ta_summary_versions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["ta_id"], ["tentative_agreements.id"], name=op.f("fk_ta_summary_versions_ta_id_tentative_agreements")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["bargaining_tables.id"], name=op.f("fk_ta_summary_versions_table_id_bargaining_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ta_summary_versions")),
    )
    op.create_index(op.f("ix_ta_summary_versions_ta_id"), "ta_summary_versions", ["ta_id"], unique=False)
    op.create_index("uq_proposals_table_id_label", "proposals", ["table_id", "label"], unique=True)
    op.add_column("ta_items", sa.Column("agreed_article_number", sa.String(length=40), nullable=True))
    op.add_column("ta_items", sa.Column("agreed_article_title", sa.String(length=300), nullable=True))
    op.execute(
        "INSERT INTO ta_summary_versions (ta_id, table_id, number, text, author_side, created_by_id, created_at) "
        "SELECT id, table_id, 1, summary, offered_by, offered_by_id, offered_at "
        "FROM tentative_agreements WHERE summary <> ''"
    )
    for statement in _triggers(op.get_bind().dialect.name):
        op.execute(statement)


def _triggers(dialect: str) -> list[str]:
    """The DDL that makes the database refuse UPDATE and DELETE of kept summary texts."""
    if dialect == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION bargaining_summary_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER {APPEND_ONLY}_append_only BEFORE UPDATE OR DELETE ON {APPEND_ONLY} "
            "FOR EACH ROW EXECUTE FUNCTION bargaining_summary_append_only()",
        ]
    return [
        f"CREATE TRIGGER {APPEND_ONLY}_no_{op_name.lower()} BEFORE {op_name} ON {APPEND_ONLY} "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY} rows are append-only'); END"
        for op_name in ("UPDATE", "DELETE")
    ]


def downgrade() -> None:
    """Drop what upgrade added."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {APPEND_ONLY}_append_only ON {APPEND_ONLY}")
        op.execute("DROP FUNCTION IF EXISTS bargaining_summary_append_only()")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {APPEND_ONLY}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {APPEND_ONLY}_no_delete")
    with op.batch_alter_table("ta_items") as batch:
        batch.drop_column("agreed_article_title")
        batch.drop_column("agreed_article_number")
    op.drop_index("uq_proposals_table_id_label", table_name="proposals")
    op.drop_index(op.f("ix_ta_summary_versions_ta_id"), table_name="ta_summary_versions")
    op.drop_table("ta_summary_versions")
    op.drop_index("ix_change_requests_table_state", table_name="change_requests")
    op.drop_index(op.f("ix_change_requests_article_id"), table_name="change_requests")
    op.drop_table("change_requests")
