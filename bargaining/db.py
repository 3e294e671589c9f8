"""Engine and the request-scoped session."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection

from bargaining import direct
from bargaining.direct import Driver

PING_AFTER_IDLE = 5.0  # seconds a pooled PostgreSQL connection may idle before it is pinged
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timeouts:
    """How long the database may make a request wait, in seconds (0: no limit)."""

    lock: float = 10.0  # waiting for a lock (PostgreSQL lock_timeout, SQLite's busy timeout)
    statement: float = 60.0  # one statement (PostgreSQL statement_timeout)
    idle_in_transaction: float = 30.0  # a transaction left idle: the server ends it, freeing its locks
    keepalive_idle: int = 30  # TCP keepalives, both ways: first probe after this many idle seconds,
    keepalive_interval: int = 10  # then every this many seconds,
    keepalive_count: int = 3  # and the link is dead after this many unanswered probes


def _postgresql_connect_args(url: str, limits: Timeouts) -> dict[str, Any]:
    """Session settings (added to any in the URL) and client-side TCP keepalives for PostgreSQL."""
    settings = {
        "lock_timeout": f"{int(limits.lock * 1000)}ms",
        "statement_timeout": f"{int(limits.statement * 1000)}ms",
        "idle_in_transaction_session_timeout": f"{int(limits.idle_in_transaction * 1000)}ms",
        "tcp_keepalives_idle": limits.keepalive_idle,
        "tcp_keepalives_interval": limits.keepalive_interval,
        "tcp_keepalives_count": limits.keepalive_count,
    }
    given = make_url(url).query.get("options", "")
    options = [*([given] if isinstance(given, str) else given), *(f"-c {k}={v}" for k, v in settings.items())]
    return {
        "options": " ".join(o for o in options if o),
        "keepalives": 1,
        "keepalives_idle": limits.keepalive_idle,
        "keepalives_interval": limits.keepalive_interval,
        "keepalives_count": limits.keepalive_count,
    }


def make_engine(url: str, echo: bool = False, timeouts: Timeouts | None = None) -> Engine:
    """Create an engine with bounded waits; SQLite gets foreign keys and immediate transactions."""
    limits = timeouts or Timeouts()
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": limits.lock, "check_same_thread": False}
    else:
        kwargs.update(pool_size=10, max_overflow=10, connect_args=_postgresql_connect_args(url, limits))
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        _configure_sqlite(engine)
    else:
        _ping_when_idle(engine)
        _transactional_when_returned(engine)
    return engine


def _transactional_when_returned(engine: Engine) -> None:
    """Give a connection back to the pool transactional, however it was in autocommit.

    Reads and kept readers switch their connection to autocommit. If one comes back to the pool
    that way (a reader given back by a test, or dropped with its app), the write that takes it
    next must still find a transaction: its statements commit or roll back together, and its
    row locks (`SELECT ... FOR UPDATE`) hold until then.
    """
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _reset_autocommit(dbapi_conn: Any, record: Any) -> None:
        if dbapi_conn is None or not getattr(dbapi_conn, "autocommit", False):
            return
        try:
            dialect.reset_isolation_level(dbapi_conn)
        except dialect.loaded_dbapi.Error as exc:  # a broken connection is not given out again
            record.invalidate(exc)


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection at checkout only if it sat idle PING_AFTER_IDLE seconds.

    SQLAlchemy's pool_pre_ping pings on every checkout: a round trip per request. A connection
    used a moment ago is almost surely alive; one idle for a while may have been cut (a database
    restart, a proxy's timeout), and a failed ping makes the pool replace it unseen. If the
    database restarts under traffic, a worker's first request on a connection used in the last
    few seconds fails (503) and the pool then recycles every connection older than the failure.
    """

    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return
        try:
            dialect.do_ping(dbapi_conn)
        except dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError("the pooled connection did not answer a ping") from exc


def _configure_sqlite(engine: Engine) -> None:
    """Make SQLite enforce foreign keys and take the write lock at BEGIN."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    dialect = engine.dialect

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Straight to the driver: this runs at the start of every request's transaction.
        try:
            conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if writing() else "BEGIN")
        except dialect.loaded_dbapi.Error as err:  # "database is locked": raised as Core raises it
            raise DBAPIError.instance(None, None, err, dialect.loaded_dbapi.Error, dialect=dialect) from err


def writing() -> bool:
    """Tell whether this transaction may write: any request but a read, and all CLI work."""
    if not has_request_context():
        return True
    return request.method not in {"GET", "HEAD", "OPTIONS"}


def init_app(app: Flask, engine: Engine) -> None:
    """Attach the engine and a session factory; close the request's session at teardown."""
    app.extensions["engine"] = engine
    app.extensions["sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False, class_=WriteSession)
    app.extensions["readers"] = _Readers()

    @app.teardown_appcontext
    def _close_session(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            # rolls back whatever was not committed, as the pool returns the connection
            _quietly(session.close, session.invalidate)
        connection: Connection | None = g.pop("db_connection", None)
        pooled: PoolProxiedConnection | None = g.pop("db_pooled", None)
        if pooled is not None:
            _quietly(lambda: _end_read(pooled, connection), pooled.invalidate)


def _quietly(close: Callable[[], Any], invalidate: Callable[[], Any]) -> None:
    """Close at the end of a request; if that fails, log it and drop the connection instead.

    The answer was already made (after any commit): an error here (a connection that died after
    the commit, a failed rollback) must not replace it with an empty 500.
    """
    try:
        close()
    except Exception:  # nothing may escape teardown
        log.warning("closing the request's database connection failed", exc_info=True)
        try:
            invalidate()
        except Exception:
            log.warning("dropping the request's database connection failed", exc_info=True)


def _begin_read(engine: Engine) -> PoolProxiedConnection:
    """Check out a read's connection: in autocommit on PostgreSQL, as SQLite's driver already is.

    At PostgreSQL's READ COMMITTED every statement takes its own snapshot, inside a transaction
    or not, so a read gains nothing from BEGIN and ROLLBACK but two round trips. SQLite's
    transaction does give a read one snapshot, so a read that runs Core statements gets one
    (the "begin" hook); the direct statements before it run on their own.
    """
    dialect = engine.dialect
    pooled: PoolProxiedConnection | None = None
    try:
        pooled = engine.raw_connection()
        if dialect.name != "sqlite":
            dialect.set_isolation_level(pooled.dbapi_connection, "AUTOCOMMIT")  # type: ignore[arg-type]
    except dialect.loaded_dbapi.Error as err:  # raised as Core raises it: a DBAPIError (503)
        if pooled is not None:
            pooled.invalidate(err)
        raise DBAPIError.instance(None, None, err, dialect.loaded_dbapi.Error, dialect=dialect) from err
    return pooled


def _end_read(pooled: PoolProxiedConnection, connection: Connection | None) -> None:
    """Return a read's connection to the pool, rolled back (the pool makes it transactional again)."""
    if connection is not None:
        connection.close()  # rolls back and returns the pooled connection it wraps
    else:
        pooled.close()


DEFER_COMMIT, COMMIT_ASKED = "defer_commit", "commit_asked"


class WriteSession(Session):
    """A write's session. While its commit is deferred, commit() only flushes and notes it was asked.

    The Idempotency-Key layer defers the view's commit so that the answer it stores is committed in
    the same transaction as the write it answers (bargaining/api/idempotency.py).
    """

    def commit(self) -> None:
        """Commit, or (deferred) flush and remember that the view asked to commit."""
        if self.info.get(DEFER_COMMIT):
            self.flush()
            self.info[COMMIT_ASKED] = True
            return
        super().commit()


class ReadSession(Session):
    """A GET's session, on the read's connection: it never writes, so committing is a bug."""

    def commit(self) -> None:
        """Refuse: a read's transaction is rolled back at teardown, so a commit would be lost."""
        raise RuntimeError("A read (GET/HEAD) request may not commit.")


def pooled() -> PoolProxiedConnection:
    """This request's pooled DBAPI connection: a read's own, or the write's session's."""
    if writing():
        return session().connection().connection
    if "db_pooled" not in g:
        g.db_pooled = _begin_read(current_app.extensions["engine"])
    current: PoolProxiedConnection = g.db_pooled
    return current


def driver() -> Driver:
    """Where this request's direct statements run: a read's connection (and its prefetched rows),
    or the write's session's connection as it is now (a commit may change it)."""
    engine: Engine = current_app.extensions["engine"]
    if writing():
        return Driver(session().connection().connection, engine.dialect)
    if "db_driver" not in g:
        readers: _Readers = current_app.extensions["readers"]
        g.db_driver = Driver(readers.get(engine), engine.dialect, {})
    current: Driver = g.db_driver
    return current


class _Readers(threading.local):
    """Each thread's connection for reads' direct statements, kept from request to request.

    It runs in autocommit (SQLite's driver already does here; PostgreSQL's is switched once, at
    checkout) and a direct statement is one SELECT read whole at once, so it holds no
    transaction, no snapshot and no lock between requests. Keeping it spares a read the pool's
    checkout and return and, on PostgreSQL, the isolation switches: 8% of a clause read under
    load on SQLite. On PostgreSQL it also keeps a worker on one server backend, whose caches stay
    warm. Like the pool's, a reader that sat idle PING_AFTER_IDLE seconds is pinged before use
    and replaced unseen if it does not answer; a lost one (invalidated) is replaced too.
    """

    connection: PoolProxiedConnection | None = None
    used_at: float = 0.0

    def get(self, engine: Engine) -> PoolProxiedConnection:
        """This thread's reader, checked out of the pool once (again if it was lost)."""
        kept, now = self.connection, time.monotonic()
        if kept is not None and kept.is_valid and now - self.used_at >= PING_AFTER_IDLE:
            _ping_or_invalidate(engine, kept)
        if kept is None or not kept.is_valid:
            if kept is not None:
                kept.close()  # gives the lost connection's slot back to the pool
            kept = self.connection = _begin_read(engine)
        self.used_at = now
        return kept


def _ping_or_invalidate(engine: Engine, kept: PoolProxiedConnection) -> None:
    """Ping a kept reader; invalidate it if it does not answer."""
    try:
        engine.dialect.do_ping(kept.dbapi_connection)  # type: ignore[arg-type]
    except engine.dialect.loaded_dbapi.Error as err:
        kept.invalidate(err)


def release_reader(app: Flask) -> None:
    """Give this thread's kept reader of ``app`` back to the pool (tests that share an engine)."""
    readers: _Readers = app.extensions["readers"]
    if readers.connection is not None:
        readers.connection.close()
        readers.connection = None


def connection() -> Connection:
    """This request's Core connection: a read's own (Core needs no session), or the write's session's."""
    if writing():
        return session().connection()
    if "db_connection" not in g:
        g.db_connection = Connection(current_app.extensions["engine"], connection=pooled())
    current: Connection = g.db_connection
    return current


def session() -> Session:
    """Return this request's session, opening it on first use; a read's runs on the read's connection."""
    if "db_session" not in g:
        if writing():
            g.db_session = current_app.extensions["sessionmaker"]()
        else:
            g.db_session = ReadSession(bind=connection(), expire_on_commit=False)
    current: Session = g.db_session
    return current


@contextmanager
def statements_run(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL of every statement run inside the block: Core's on this engine and direct ones."""
    statements: list[str] = []

    def on_core(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", on_core)
    try:
        with direct.listen(statements.append):
            yield statements
    finally:
        event.remove(engine, "before_cursor_execute", on_core)
