"""The request's database handles: a read's one connection (session joined to it), a write's session."""

from __future__ import annotations

import pytest

from bargaining import db


def test_a_read_shares_one_connection_and_never_commits(app):
    with app.test_request_context("/api/v1/me", method="GET"):
        connection = db.connection()
        session = db.session()
        assert session.connection() is connection and db.connection() is connection
        with pytest.raises(RuntimeError, match="may not commit"):
            session.commit()


def test_a_write_uses_its_sessions_connection_and_commits(app):
    with app.test_request_context("/api/v1/tables", method="POST"):
        session = db.session()
        assert not isinstance(session, db.ReadSession)
        assert db.connection() is session.connection()
        session.commit()


def test_a_read_runs_direct_and_core_statements_on_one_pooled_connection(app):
    with app.test_request_context("/api/v1/me", method="GET"):
        pooled = db.pooled()
        assert db.driver().connection is pooled
        assert db.connection().connection is pooled
    with app.test_request_context("/api/v1/me", method="GET"):
        assert db.pooled() is not pooled  # each request checks out its own


def test_a_read_on_postgresql_autocommits_and_gives_the_connection_back_as_it_was(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL's isolation level")
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.pooled().dbapi_connection
        assert raw.autocommit is True
    assert raw.autocommit is False  # a write that gets it next is transactional again
