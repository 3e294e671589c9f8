"""Fixtures: a fresh database per test on SQLite or PostgreSQL, the app, a client, a cast."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bargaining import db, migrate
from bargaining.app import create_app
from bargaining.db import make_engine
from bargaining.models import Base
from tests.helpers import Cast, build_cast

PG_SERVER = os.environ.get("BARGAINING_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKEND = os.environ.get("BARGAINING_TEST_DB", "sqlite")


def pytest_report_header() -> str:
    """Say which database this run uses."""
    return f"bargaining test database: {BACKEND}"


@pytest.fixture(scope="session")
def backend() -> str:
    """The database this run tests on: sqlite or postgresql."""
    return BACKEND


@pytest.fixture(scope="session")
def pg_schema_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh PostgreSQL schema for this run (per xdist worker), dropped at the end."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_SERVER)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    yield url
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Engine | None]]:
    """Run the migrations once: a template SQLite file, or the run's PostgreSQL schema."""
    if BACKEND == "postgresql":
        url = request.getfixturevalue("pg_schema_url")
        engine = make_engine(url)
        migrate.upgrade(engine)
        yield url, engine
        engine.dispose()
        return
    template = tmp_path_factory.mktemp("db") / "template.db"
    engine = make_engine(f"sqlite:///{template}")
    migrate.upgrade(engine)
    engine.dispose()
    yield str(template), None


def _truncate(engine: Engine) -> None:
    """Empty every table and restart ids (triggers do not fire on TRUNCATE)."""
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def _forget_kept() -> None:
    """Forget what the process keeps per database by id (costings, the summary's TA block, derivations)."""
    from bargaining.services import ta_summary_layout, ta_worth
    from bargaining.services.costing import costing
    from bargaining.services.table_cache import derived

    costing.forget()
    ta_worth.forget()
    derived.forget()
    ta_summary_layout.forget()


@pytest.fixture
def engine(migrated: tuple[str, Engine | None], tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated, empty database for one test."""
    where, shared = migrated
    if shared is not None:
        _truncate(shared)
        _forget_kept()  # ids restart: caches keyed by ids must not carry the previous test's data
        yield shared
        return
    path = tmp_path / "test.db"
    shutil.copyfile(where, path)
    fresh = make_engine(f"sqlite:///{path}")
    yield fresh
    fresh.dispose()


@pytest.fixture
def app(engine: Engine):  # type: ignore[no-untyped-def]
    """The app on this test's database (its kept reader given back to the pool afterwards)."""
    # Event streams end quickly here: a test that reads a whole response (schemathesis) must not wait
    # out a stream's production life; tests of the stream set their own.
    quick = {"EVENTS_STREAM_SECONDS": 0.3, "EVENTS_POLL_SECONDS": 0.05}
    # Webhook receivers in the tests listen on loopback (tests/events/test_egress.py turns this off).
    loopback = {"WEBHOOK_ALLOW_PRIVATE": True}
    made = create_app(
        {"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url), **quick, **loopback}
    )
    yield made
    db.release_reader(made)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """The Flask test client."""
    return app.test_client()


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    """The Flask CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def cast(app) -> Cast:  # type: ignore[no-untyped-def]
    """A table with one person per role, each with a token."""
    return build_cast(app)


@pytest.fixture
def api(client, cast: Cast):  # type: ignore[no-untyped-def]
    """A JSON client acting as the cast's roles."""
    from tests.helpers import Api

    return Api(client, cast)


@pytest.fixture
def live_server(app):  # type: ignore[no-untyped-def]
    """The app served on a free loopback port in a thread, for scripts that call the API."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
