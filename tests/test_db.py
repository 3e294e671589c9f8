"""The request's database handles: a read's one connection (session joined to it), a write's session."""

from __future__ import annotations

import pytest
from sqlalchemy import event

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


def test_a_read_runs_core_on_one_pooled_connection_and_direct_statements_beside_it(app, backend):
    with app.test_request_context("/api/v1/me", method="GET"):
        pooled, direct = db.pooled(), db.driver().connection
        assert db.connection().connection is pooled and db.driver().connection is direct
        assert (direct is pooled) == (backend == "postgresql")
    with app.test_request_context("/api/v1/me", method="GET"):
        assert db.pooled() is not pooled  # each request checks out its own
        assert (db.driver().connection is direct) == (backend == "sqlite")  # SQLite's reader is kept


def test_a_clause_read_on_sqlite_checks_nothing_out_of_the_pool(app, api, cast, backend):
    if backend != "sqlite":
        pytest.skip("SQLite's kept reader")
    pool = app.extensions["engine"].pool
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "Caps"}, as_="admin")
    clause = {"number": "5.1", "text": "Caps."}
    made = api.post(f"/articles/{article.json['id']}/clauses", clause, as_="admin")
    assert api.get(f"/clauses/{made.json['id']}").status_code == 200
    checkouts: list[object] = []

    def checked_out(*args: object) -> None:
        checkouts.append(args)

    event.listen(pool, "checkout", checked_out)
    try:
        assert api.get(f"/clauses/{made.json['id']}").json["base_text"] == "Caps."
        assert api.get(f"/clauses/{made.json['id'] + 99}").status_code == 404
    finally:
        event.remove(pool, "checkout", checked_out)
    assert checkouts == []


def test_a_lost_sqlite_reader_is_replaced(app, backend):
    if backend != "sqlite":
        pytest.skip("SQLite's kept reader")
    with app.test_request_context("/api/v1/me", method="GET"):
        first = db.driver().connection
        first.invalidate()
    with app.test_request_context("/api/v1/me", method="GET"):
        again = db.driver().connection
        assert again is not first and again.is_valid
        assert again.cursor().execute("SELECT 1").fetchone() == (1,)


def test_a_read_on_postgresql_autocommits_and_gives_the_connection_back_as_it_was(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL's isolation level")
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.pooled().dbapi_connection
        assert raw.autocommit is True
    assert raw.autocommit is False  # a write that gets it next is transactional again
