"""the table's working life: sessions, ledger ties, notes, information requests, files

Revision ID: 0008
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0002"
branch_labels = None
depends_on = None


WRITE_ONCE = (
    "file_blobs",
    "information_request_answers",
    "information_request_events",
    "session_ledger_ties",
)
NOTE_FIXED = (
    "table_id, side, kind, body, session_id, article_id, clause_id, proposal_id, ta_id, corrects_id, "
    "author_id, created_at"
)


def _triggers(dialect: str) -> list[str]:
    """The database refuses to change write-once rows, and a note's words (its audience may widen)."""
    if dialect == "postgresql":
        run = "FOR EACH ROW EXECUTE FUNCTION bargaining_append_only()"  # defined by 0001
        out = [f"CREATE TRIGGER {t}_write_once BEFORE UPDATE OR DELETE ON {t} {run}" for t in WRITE_ONCE]
        return [
            *out,
            f"CREATE TRIGGER notes_fixed BEFORE UPDATE OF {NOTE_FIXED} ON notes {run}",
            f"CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes {run}",
        ]
    out = []
    for table in WRITE_ONCE:
        for verb in ("UPDATE", "DELETE"):
            out.append(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are written once'); END"
            )
    abort = "BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END"
    return [
        *out,
        f"CREATE TRIGGER notes_fixed BEFORE UPDATE OF {NOTE_FIXED} ON notes {abort}",
        f"CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes {abort}",
    ]


def upgrade() -> None:
    """Create the working-life tables, and the triggers that keep their record."""
    op.create_table(
        "file_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_file_blobs")),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum("union", "employer", name="side", native_enum=False, create_constraint=True, length=20),
            nullable=True,
        ),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["file_blobs.sha256"], name=op.f("fk_attachments_sha256_file_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["bargaining_tables.id"], name=op.f("fk_attachments_table_id_bargaining_tables")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_attachments_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_object", "attachments", ["object_type", "object_id"], unique=False)
    op.create_index(op.f("ix_attachments_table_id"), "attachments", ["table_id"], unique=False)
    op.create_table(
        "bargaining_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "scheduled",
                "held",
                "cancelled",
                name="state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("video_link", sa.String(length=500), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_bargaining_sessions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["bargaining_tables.id"],
            name=op.f("fk_bargaining_sessions_table_id_bargaining_tables"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bargaining_sessions")),
    )
    op.create_index(
        op.f("ix_bargaining_sessions_table_id"), "bargaining_sessions", ["table_id"], unique=False
    )
    op.create_table(
        "information_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum("union", "employer", name="side", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum("draft", "sent", name="state", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_information_requests_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["bargaining_tables.id"],
            name=op.f("fk_information_requests_table_id_bargaining_tables"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_requests")),
    )
    op.create_index(
        op.f("ix_information_requests_table_id"), "information_requests", ["table_id"], unique=False
    )
    op.create_table(
        "information_request_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("period", sa.String(length=200), nullable=False),
        sa.Column("objection", sa.Text(), nullable=False),
        sa.Column("objected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("objected_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objected_by_id"], ["users.id"], name=op.f("fk_information_request_items_objected_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_requests.id"],
            name=op.f("fk_information_request_items_request_id_information_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"], ["users.id"], name=op.f("fk_information_request_items_withdrawn_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request_items")),
    )
    op.create_index(
        op.f("ix_information_request_items_request_id"),
        "information_request_items",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "session_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["bargaining_sessions.id"],
            name=op.f("fk_session_attendees_session_id_bargaining_sessions"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_session_attendees_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_attendees")),
    )
    op.create_index(
        op.f("ix_session_attendees_session_id"), "session_attendees", ["session_id"], unique=False
    )
    op.create_table(
        "session_ledger_ties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "passed",
                "withdrawn",
                "ta_offered",
                "ta_signed",
                "ta_reopened",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_session_ledger_ties_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["bargaining_sessions.id"],
            name=op.f("fk_session_ledger_ties_session_id_bargaining_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["bargaining_tables.id"],
            name=op.f("fk_session_ledger_ties_table_id_bargaining_tables"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_ledger_ties")),
        sa.UniqueConstraint("kind", "object_id", name=op.f("uq_session_ledger_ties_kind_object_id")),
    )
    op.create_index(
        op.f("ix_session_ledger_ties_session_id"), "session_ledger_ties", ["session_id"], unique=False
    )
    op.create_index(
        op.f("ix_session_ledger_ties_table_id"), "session_ledger_ties", ["table_id"], unique=False
    )
    op.create_table(
        "information_request_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_information_request_answers_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["information_request_items.id"],
            name=op.f("fk_information_request_answers_item_id_information_request_items"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_requests.id"],
            name=op.f("fk_information_request_answers_request_id_information_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request_answers")),
    )
    op.create_index(
        op.f("ix_information_request_answers_item_id"),
        "information_request_answers",
        ["item_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_information_request_answers_request_id"),
        "information_request_answers",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "information_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column(
            "side",
            sa.Enum("union", "employer", name="side", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_information_request_events_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["information_request_items.id"],
            name=op.f("fk_information_request_events_item_id_information_request_items"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_requests.id"],
            name=op.f("fk_information_request_events_request_id_information_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request_events")),
    )
    op.create_index(
        op.f("ix_information_request_events_request_id"),
        "information_request_events",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "information_request_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_information_request_links_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"], ["clauses.id"], name=op.f("fk_information_request_links_clause_id_clauses")
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["proposals.id"], name=op.f("fk_information_request_links_proposal_id_proposals")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_requests.id"],
            name=op.f("fk_information_request_links_request_id_information_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request_links")),
    )
    op.create_index(
        op.f("ix_information_request_links_article_id"),
        "information_request_links",
        ["article_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_information_request_links_request_id"),
        "information_request_links",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum("union", "employer", name="side", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "caucus",
                "minutes",
                "history",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "audience",
            sa.Enum(
                "side",
                "table",
                "members",
                name="audience",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("ta_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_notes_article_id_articles")),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_notes_author_id_users")),
        sa.ForeignKeyConstraint(["clause_id"], ["clauses.id"], name=op.f("fk_notes_clause_id_clauses")),
        sa.ForeignKeyConstraint(["corrects_id"], ["notes.id"], name=op.f("fk_notes_corrects_id_notes")),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["proposals.id"], name=op.f("fk_notes_proposal_id_proposals")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["bargaining_sessions.id"], name=op.f("fk_notes_session_id_bargaining_sessions")
        ),
        sa.ForeignKeyConstraint(
            ["ta_id"], ["tentative_agreements.id"], name=op.f("fk_notes_ta_id_tentative_agreements")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["bargaining_tables.id"], name=op.f("fk_notes_table_id_bargaining_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index(op.f("ix_notes_clause_id"), "notes", ["clause_id"], unique=False)
    op.create_index(op.f("ix_notes_session_id"), "notes", ["session_id"], unique=False)
    op.create_index(op.f("ix_notes_table_id"), "notes", ["table_id"], unique=False)

    for statement in _triggers(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    """Drop them."""
    op.drop_index(op.f("ix_notes_table_id"), table_name="notes")
    op.drop_index(op.f("ix_notes_session_id"), table_name="notes")
    op.drop_index(op.f("ix_notes_clause_id"), table_name="notes")
    op.drop_table("notes")
    op.drop_index(op.f("ix_information_request_links_request_id"), table_name="information_request_links")
    op.drop_index(op.f("ix_information_request_links_article_id"), table_name="information_request_links")
    op.drop_table("information_request_links")
    op.drop_index(op.f("ix_information_request_events_request_id"), table_name="information_request_events")
    op.drop_table("information_request_events")
    op.drop_index(op.f("ix_information_request_answers_request_id"), table_name="information_request_answers")
    op.drop_index(op.f("ix_information_request_answers_item_id"), table_name="information_request_answers")
    op.drop_table("information_request_answers")
    op.drop_index(op.f("ix_session_ledger_ties_table_id"), table_name="session_ledger_ties")
    op.drop_index(op.f("ix_session_ledger_ties_session_id"), table_name="session_ledger_ties")
    op.drop_table("session_ledger_ties")
    op.drop_index(op.f("ix_session_attendees_session_id"), table_name="session_attendees")
    op.drop_table("session_attendees")
    op.drop_index(op.f("ix_information_request_items_request_id"), table_name="information_request_items")
    op.drop_table("information_request_items")
    op.drop_index(op.f("ix_information_requests_table_id"), table_name="information_requests")
    op.drop_table("information_requests")
    op.drop_index(op.f("ix_bargaining_sessions_table_id"), table_name="bargaining_sessions")
    op.drop_table("bargaining_sessions")
    op.drop_index(op.f("ix_attachments_table_id"), table_name="attachments")
    op.drop_index("ix_attachments_object", table_name="attachments")
    op.drop_table("attachments")
    op.drop_table("file_blobs")
