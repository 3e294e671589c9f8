"""Hot read statements run straight on the driver: written in Core, compiled once per dialect.

SQLAlchemy's execution path (a Connection, an execution context, a Result) costs more than the
small statements on the hottest reads themselves: the token lookup that every request makes and
GET a clause. A DirectQuery keeps the statement written in Core, so the SQL is SQLAlchemy's own,
compiles it once per dialect, and runs it on the pooled DBAPI connection: literal parameters
bound once, given ones through their types' bind processors, result columns through their
types' result processors (UTC datetimes, enums, booleans come back as an ORM load gives them).
Driver errors are raised as SQLAlchemy's DBAPIError, as Core raises them, and a lost connection
is invalidated. Statement counters (tests, the benchmark) subscribe with ``listen``.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import PoolProxiedConnection

Processor = Callable[[Any], Any]
StatementListener = Callable[[str], None]
_LISTENERS: list[StatementListener] = []


@contextmanager
def listen(listener: StatementListener) -> Iterator[None]:
    """Call ``listener`` with the SQL of every direct statement run inside the block."""
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement as one dialect's driver takes it."""

    sql: str
    order: tuple[str, ...] | None  # parameter names in order for positional drivers, else None
    fixed: dict[str, Any]  # literal parameters, processed once
    binds: dict[str, Processor | None]  # the processors of parameters given at each call
    results: tuple[tuple[int, Processor], ...]  # (column index, processor) where one is needed

    def parameters(self, given: Mapping[str, Any]) -> Any:
        """The driver's parameters: a sequence for a positional driver, else a mapping."""
        values = dict(self.fixed)
        for name, processor in self.binds.items():
            value = given[name]
            values[name] = processor(value) if processor is not None and value is not None else value
        return values if self.order is None else [values[name] for name in self.order]


class DirectQuery:
    """A Core SELECT that runs on the DBAPI connection and returns named tuples."""

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        self.statement = statement
        self.row_type: Any = namedtuple("Row", list(statement.selected_columns.keys()), rename=True)  # type: ignore[misc]
        self._by_dialect: dict[str, _Compiled] = {}

    def first(self, connection: PoolProxiedConnection, dialect: Dialect, params: Mapping[str, Any]) -> Any:
        """The first row as a named tuple, or None."""
        compiled = self._by_dialect.get(_dialect_key(dialect)) or self._compile(dialect)
        for listener in _LISTENERS:
            listener(compiled.sql)
        parameters = compiled.parameters(params)
        keep = dialect.name == "postgresql"
        cursor = _kept_cursor(connection) if keep else connection.cursor()
        try:
            cursor.execute(compiled.sql, parameters)
            row = cursor.fetchone()
        except dialect.loaded_dbapi.Error as err:
            _raise_wrapped(connection, dialect, compiled.sql, parameters, err)
        finally:
            if not keep:
                cursor.close()
        if row is None:
            return None
        if compiled.results:
            row = list(row)
            for index, processor in compiled.results:
                row[index] = processor(row[index])
        return self.row_type._make(row)

    def row(self, values: Sequence[Any]) -> Any:
        """A row of this query from values already processed (read by a wider statement)."""
        return self.row_type._make(values)

    def _compile(self, dialect: Dialect) -> _Compiled:
        """Compile for this dialect and remember it."""
        compiled = self.statement.compile(dialect=dialect)
        fixed: dict[str, Any] = {}
        binds: dict[str, Processor | None] = {}
        for name, bind in compiled.binds.items():
            if bind.expanding:
                raise ValueError(f"{name}: expanding parameters (IN lists) are not supported here")
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.value is None and bind.callable is None:
                binds[name] = processor
            else:
                value = bind.effective_value
                fixed[name] = processor(value) if processor is not None else value
        results = []
        for index, column in enumerate(self.statement.selected_columns):
            processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
            if processor is not None:
                results.append((index, processor))
        if "POSTCOMPILE" in compiled.string:
            raise ValueError("parameters rendered at execution time are not supported here")
        order = tuple(compiled.positiontup or ()) if dialect.positional else None
        made = _Compiled(compiled.string, order, fixed, binds, tuple(results))
        self._by_dialect[_dialect_key(dialect)] = made
        return made


def _kept_cursor(connection: PoolProxiedConnection) -> Any:
    """The connection's own cursor for direct statements, made once (PostgreSQL's driver only).

    psycopg reads a whole result when it executes, so a kept cursor holds nothing on the server
    between statements, and it keeps its column loaders: a fresh cursor per statement cost 15 µs.
    (SQLite's cursor keeps its statement open until it is closed, so SQLite gets a fresh one.)
    The pool clears ``info`` when it reconnects a lost connection; the cursor is checked to be
    the current connection's anyway.
    """
    cursor = connection.info.get("direct_cursor")
    if cursor is None or cursor.connection is not connection.dbapi_connection:
        cursor = connection.info["direct_cursor"] = connection.cursor()
    return cursor


def _dialect_key(dialect: Dialect) -> str:
    """Dialect and driver: their SQL and parameter style differ (psycopg, psycopg2, pysqlite)."""
    return f"{dialect.name}+{dialect.driver}"


def _raise_wrapped(
    connection: PoolProxiedConnection, dialect: Dialect, sql: str, parameters: Any, err: Exception
) -> None:
    """Raise a driver error as SQLAlchemy's DBAPIError; invalidate the connection if it was lost."""
    lost = dialect.is_disconnect(err, connection.dbapi_connection, None)  # type: ignore[arg-type]
    if lost:
        connection.invalidate(err)
    raise DBAPIError.instance(
        sql, parameters, err, dialect.loaded_dbapi.Error, connection_invalidated=lost, dialect=dialect
    ) from err


@dataclass(frozen=True, slots=True)
class Driver:
    """A pooled DBAPI connection and its dialect: where direct queries run.

    ``prefetched`` holds rows already read in the same request by a wider statement (the token
    lookup joined to a clause, see auth.prefetch_with_caller), under their query and parameters.
    """

    connection: PoolProxiedConnection
    dialect: Dialect
    prefetched: dict[tuple[DirectQuery, tuple[tuple[str, Any], ...]], Any] | None = None

    @classmethod
    def of(cls, connection: Connection) -> Driver:
        """The driver under a Core connection (a session's, say)."""
        return cls(connection.connection, connection.dialect)

    def first(self, query: DirectQuery, params: Mapping[str, Any]) -> Any:
        """A direct query's first row as a named tuple, or None: prefetched, or run here."""
        if self.prefetched:
            key = (query, tuple(sorted(params.items())))
            if key in self.prefetched:
                return self.prefetched[key]
        return query.first(self.connection, self.dialect, params)

    def prefetch(self, query: DirectQuery, params: Mapping[str, Any], row: Any) -> None:
        """Remember ``row`` as what ``query`` gives for ``params`` in this request."""
        if self.prefetched is not None:
            self.prefetched[(query, tuple(sorted(params.items())))] = row
