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
