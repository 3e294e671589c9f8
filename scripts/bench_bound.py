"""The database bound of the benchmark: the least a Flask view that reads a clause can cost.

A bare Flask app (as bare as the floor's) whose one view, GET /api/v1/clauses/<id>, runs the
very statement GET a clause runs (the token lookup joined to the clause, compiled from the app's
own DirectQuery) straight on the driver, on a connection kept per process (in autocommit, with a
kept cursor on PostgreSQL, as the app's kept reader has), and writes the row as JSON with orjson.
No hooks, no pool, no schema, no value processing, no checks beyond "no row, 404". Whatever the
database makes a request cost on this machine shows here: GET a clause cannot beat this bound,
and its ratio to it is what the project's own code costs on top of the one statement.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Any

import orjson
from flask import Flask, Response, request
from sqlalchemy import create_engine
from sqlalchemy.engine import Dialect

from bargaining import auth
from bargaining.config import DEFAULT_DB
from bargaining.direct import DirectQuery

ENDPOINT = "clauses.ClauseItem"


def _joined_statement() -> DirectQuery:
    """GET a clause's one statement, as the app registers it (importing the API registers it)."""
    import bargaining.api.clauses  # noqa: F401 - registers the prefetch

    return auth._PREFETCHES[ENDPOINT].joined


class _Kept(threading.local):
    """This thread's DBAPI connection and, where the driver buffers results, its cursor."""

    connection: Any = None
    cursor: Any = None


def create_bound_app(url: str) -> Flask:
    """The bound app on the database at ``url``."""
    engine = create_engine(url)
    dialect: Dialect = engine.dialect
    joined = _joined_statement()
    compiled = joined._compile(dialect)
    names = list(joined.statement.selected_columns.keys())
    resource_at = len(auth._CALLER_COLUMNS)
    kept = _Kept()
    app = Flask(__name__)

    def cursor() -> Any:
        """The kept connection's cursor: kept too on PostgreSQL, a fresh one on SQLite."""
        if kept.connection is None:
            kept.connection = engine.raw_connection()  # checked out for good
            if dialect.name != "sqlite":
                kept.connection.dbapi_connection.autocommit = True
        if dialect.name == "sqlite":
            return kept.connection.cursor()
        if kept.cursor is None:
            kept.cursor = kept.connection.cursor()
        return kept.cursor

    @app.get("/health")
    def health() -> dict[str, str]:
        """Ready."""
        return {"status": "ok"}

    @app.get("/api/v1/clauses/<int:clause_id>")
    def clause(clause_id: int) -> Response:
        """The clause and its caller in one statement, as JSON; 404 without a row."""
        token = request.headers.get("Authorization", "").partition(" ")[2]
        digest = hashlib.sha256(token.encode()).hexdigest()
        current = cursor()
        current.execute(compiled.sql, compiled.parameters({"digest": digest, "clause_id": clause_id}))
        row = current.fetchone()
        if dialect.name == "sqlite":
            current.close()
        if row is None or row[resource_at] is None:
            return Response(b'{"error":"not found"}', status=404, mimetype="application/json")
        body = orjson.dumps(dict(zip(names, row, strict=True)), default=str)
        return Response(body, mimetype="application/json")

    return app


app = create_bound_app(os.environ.get("BARGAINING_DATABASE_URL", DEFAULT_DB))
