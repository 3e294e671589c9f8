"""`flask init-db` says whether it created or upgraded the database, from and to which revision."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from bargaining import migrate
from bargaining.app import create_app
from bargaining.db import make_engine
from tests.conftest import PG_SERVER


@pytest.fixture
def empty_engine(tmp_path, backend):
    """An empty database: a new SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
        yield engine
        engine.dispose()
        return
    schema = f"t_init_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_SERVER)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(f"{PG_SERVER}?options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_init_db_reports_created_then_up_to_date_then_upgraded(empty_engine):
    app = create_app({"TESTING": True, "ENGINE": empty_engine, "DATABASE_URL": str(empty_engine.url)})
    runner = app.test_cli_runner()
    heads = "+".join(migrate.script_heads())

    created = runner.invoke(args=["init-db"])
    assert created.exit_code == 0, created.output
    assert f"created the database at revision {heads}" in created.output

    again = runner.invoke(args=["init-db"]).output
    assert f"the database is up to date at revision {heads}" in again

    migrate.downgrade(empty_engine, "0002")
    upgraded = runner.invoke(args=["init-db"]).output
    assert f"upgraded the database from revision 0002 to {heads}" in upgraded
