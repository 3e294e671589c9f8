"""The record's invariants at the database: append-only rows, migrations matching models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bargaining.models import AuditEvent, Base, ClauseVersion
from bargaining.models.guards import ImmutableRowError
from bargaining.models.search import is_engine_object


@pytest.fixture
def version_id(api, cast):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "Caseloads"}).json
    clause = api.post(f"/articles/{article['id']}/clauses", {"number": "5.1", "text": "Original."}).json
    return clause["base_version_id"]


def test_orm_refuses_to_update_a_version(app, version_id):
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        version = session.get(ClauseVersion, version_id)
        version.text = "Tampered."
        with pytest.raises(ImmutableRowError):
            session.flush()
        session.rollback()


def test_orm_refuses_to_delete_a_version_or_audit_row(app, version_id):
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        for model, ident in ((ClauseVersion, version_id), (AuditEvent, 1)):
            row = session.get(model, ident)
            session.delete(row)
            with pytest.raises(ImmutableRowError):
                session.flush()
            session.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE clause_versions SET text = 'Tampered.'",
        "DELETE FROM clause_versions",
        "UPDATE audit_events SET action = 'nothing'",
        "DELETE FROM audit_events",
    ],
)
def test_database_refuses_to_change_append_only_rows(engine, version_id, statement):
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM clause_versions")).scalar() == "Original."


def test_every_change_writes_an_audit_row(engine, version_id):
    with engine.connect() as conn:
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_events ORDER BY id"))]
    assert actions[-2:] == ["article.created", "clause.created"]


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _not_an_engine_index}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _not_an_engine_index(name, type_, _parent_names):
    """The search engines' own index objects are made by the migration, not mapped."""
    return not is_engine_object(name, type_)
