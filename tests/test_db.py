"""The request's database handles: a read's one connection (session joined to it), a write's session."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, func, select
from sqlalchemy.orm import Session

from bargaining import db
from bargaining.app import create_app
from bargaining.models import User
from bargaining.services import users


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


def test_a_read_runs_core_on_one_pooled_connection_and_direct_statements_on_a_kept_reader(app):
    with app.test_request_context("/api/v1/me", method="GET"):
        pooled, direct = db.pooled(), db.driver().connection
        assert db.connection().connection is pooled and db.driver().connection is direct
        assert direct is not pooled
    with app.test_request_context("/api/v1/me", method="GET"):
        assert db.pooled() is not pooled  # each request checks out its own
        assert db.driver().connection is direct  # the thread's reader is kept


def test_a_clause_read_checks_nothing_out_of_the_pool(app, api, cast):
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


def test_a_lost_reader_is_replaced(app):
    with app.test_request_context("/api/v1/me", method="GET"):
        first = db.driver().connection
        first.invalidate()
    with app.test_request_context("/api/v1/me", method="GET"):
        again = db.driver().connection
        assert again is not first and again.is_valid
        cursor = again.cursor()
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_kept_reader_autocommits_and_holds_no_transaction(app, api, cast, backend):
    assert api.get("/me").status_code == 200
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.driver().connection.dbapi_connection
    if backend == "postgresql":
        assert raw.autocommit is True and raw.info.transaction_status == 0  # IDLE: no snapshot held
    else:
        assert raw.in_transaction is False


def test_direct_statements_keep_a_cursor_only_where_the_driver_reads_results_whole(app, api, cast, backend):
    assert api.get("/me").status_code == 200
    with app.test_request_context("/api/v1/me", method="GET"):
        reader = db.driver().connection
    if backend == "sqlite":  # SQLite's cursor keeps its statement open until closed: a fresh one each time
        assert "direct_cursor" not in reader.info
        assert reader.dbapi_connection.in_transaction is False  # nothing left open by the lookup
        return
    kept = reader.info["direct_cursor"]
    assert api.get("/me").status_code == 200
    assert reader.info["direct_cursor"] is kept
    reader.invalidate()  # lost: the next read reconnects, with a cursor of the new connection
    assert api.get("/me").status_code == 200
    with app.test_request_context("/api/v1/me", method="GET"):
        again = db.driver().connection
        assert again.info["direct_cursor"] is not kept
        assert again.info["direct_cursor"].connection is again.dbapi_connection


def test_a_read_runs_in_autocommit_and_gives_the_connection_back_transactional(app):
    engine = app.extensions["engine"]
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.pooled().dbapi_connection
        cursor = raw.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        assert not _in_transaction(raw)  # the read's statements open no transaction
    assert _writes_roll_back_on(engine, raw)  # a write that gets it next is transactional again


def test_a_dropped_app_gives_its_kept_reader_back(engine):
    pool = engine.pool
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url)})
    out = pool.checkedout()
    with app.test_request_context("/api/v1/me", method="GET"):
        assert db.driver().connection.is_valid
    assert pool.checkedout() == out + 1  # kept between requests
    del app
    gc.collect()
    assert pool.checkedout() == out  # not leaked: a shared engine's pool does not run dry


def test_release_reader_gives_it_back_at_once(app):
    pool = app.extensions["engine"].pool
    with app.test_request_context("/api/v1/me", method="GET"):
        db.driver()
    out = pool.checkedout()
    db.release_reader(app)
    assert pool.checkedout() == out - 1
    db.release_reader(app)  # nothing kept: nothing to do
    assert pool.checkedout() == out - 1


def test_a_kept_reader_goes_back_to_the_pool_transactional(app):
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.driver().connection.dbapi_connection
    db.release_reader(app)
    assert _writes_roll_back_on(app.extensions["engine"], raw)  # the next write to take it has a transaction


def test_a_reader_dropped_with_its_app_goes_back_transactional(engine):
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url)})
    with app.test_request_context("/api/v1/me", method="GET"):
        raw = db.driver().connection.dbapi_connection
    del app
    gc.collect()
    assert _writes_roll_back_on(engine, raw)


def _in_transaction(raw: Any) -> bool:
    """Whether the DBAPI connection has a transaction open (psycopg's status, sqlite3's flag)."""
    status = getattr(getattr(raw, "info", None), "transaction_status", None)
    return raw.in_transaction if status is None else status != 0  # 0: IDLE


def _writes_roll_back_on(engine: Engine, raw: Any) -> bool:
    """Take the idle pooled connection holding ``raw``, write on it and roll back: is the write gone?"""
    taken = [engine.raw_connection() for _ in range(engine.pool.checkedin())]
    try:
        (mine,) = [pooled for pooled in taken if pooled.dbapi_connection is raw]
        with Session(bind=Connection(engine, connection=mine)) as session:
            users.create_user(session, None, email="probe@test.example", name="Probe")
            session.rollback()
        probe = select(func.count()).select_from(User).where(User.email == "probe@test.example")
        with engine.connect() as conn:
            return conn.scalar(probe) == 0
    finally:
        for pooled in taken:
            pooled.close()
