"""Append-only rows: ORM guards and database triggers for versions and the audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from bargaining.domain.errors import Conflict
from bargaining.models.audit import AuditEvent
from bargaining.models.tables import ClauseVersion

APPEND_ONLY = ("clause_versions", "audit_events")


class ImmutableRowError(Conflict):
    """Raised when code tries to change or delete an append-only row."""

    code = "immutable"


def _refuse(kind: str) -> Any:
    """Build a mapper listener that refuses the change."""

    def listener(_mapper: Mapper[Any], _conn: Any, target: Any) -> None:
        raise ImmutableRowError(f"{type(target).__name__} rows are append-only: cannot {kind}")

    return listener


for _model in (ClauseVersion, AuditEvent):
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))


def trigger_statements(dialect: str) -> list[str]:
    """Return the DDL that makes the database itself refuse UPDATE and DELETE."""
    if dialect == "postgresql":
        out = [
            "CREATE OR REPLACE FUNCTION bargaining_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END; "
            "$$ LANGUAGE plpgsql"
        ]
        for table in APPEND_ONLY:
            out.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION bargaining_append_only()"
            )
        return out
    out = []
    for table in APPEND_ONLY:
        for op in ("UPDATE", "DELETE"):
            out.append(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )
    return out


def drop_trigger_statements(dialect: str) -> list[str]:
    """Return the DDL that removes the append-only triggers."""
    if dialect == "postgresql":
        out = [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in APPEND_ONLY]
        return [*out, "DROP FUNCTION IF EXISTS bargaining_append_only()"]
    return [f"DROP TRIGGER IF EXISTS {t}_no_{op}" for t in APPEND_ONLY for op in ("update", "delete")]


def install_triggers_on_create(metadata: Any) -> None:
    """Install the triggers whenever metadata.create_all builds the schema."""

    @event.listens_for(metadata, "after_create")
    def _after_create(_target: Any, connection: Any, **_kw: Any) -> None:
        for statement in trigger_statements(connection.dialect.name):
            connection.exec_driver_sql(statement)
