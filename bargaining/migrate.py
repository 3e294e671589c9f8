"""Running the Alembic migrations from code (CLI, tests, make run)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from bargaining.config import ROOT


def alembic_config() -> Config:
    """Return the project's Alembic configuration."""
    return Config(str(ROOT / "alembic.ini"))


def current_heads(engine: Engine) -> tuple[str, ...]:
    """The revisions the database is at (empty: no schema yet)."""
    with engine.connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def script_heads() -> tuple[str, ...]:
    """The newest revisions the code knows."""
    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database schema up to the given revision."""
    config = alembic_config()
    with engine.begin() as conn:
        _unbounded(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def _unbounded(conn: Connection) -> None:
    """Let a migration's statements run and wait as long as they need (the app's limits are for requests)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        conn.execute(text("SET LOCAL lock_timeout = 0"))


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Take the database schema down to the given revision."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
