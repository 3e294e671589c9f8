"""In-process measurements: SQL statements per request, and the service-level scale series.

Both run the app in this process (Flask's test client, the services called directly) on a
prepared database, so they count and time the app's own work without a server in between.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import Any

from scripts import bench_engine
from scripts.bench_prepare import Prepared


def query_counts(prepared: Prepared, has_redline: bool) -> dict[str, dict[str, int]]:
    """SQL statements per request (after one warm-up request), small table against big table."""
    from bargaining.app import create_app
    from bargaining.db import statements_run

    app = create_app({"DATABASE_URL": prepared.url})
    client = app.test_client()
    engine = app.extensions["engine"]

    def count(path: str, token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        client.get(path, headers=headers)
        with statements_run(engine) as statements:
            answer = client.get(path, headers=headers)
        if answer.status_code != 200:
            raise RuntimeError(f"{path}: {answer.status_code} {answer.get_data(as_text=True)[:200]}")
        return len(statements)

    small, big = prepared.tables[0], prepared.big
    small_token, big_token = prepared.tokens[0]["union_negotiator"], prepared.tokens[-1]["union_negotiator"]
    out = {
        "status board": {
            "small": count(f"/api/v1/tables/{small.table_id}/status", small_token),
            "large": count(f"/api/v1/tables/{big.table_id}/status", big_token),
        },
        "clause": {
            "small": count(f"/api/v1/clauses/{small.clause_ids[0]}", small_token),
            "large": count(f"/api/v1/clauses/{big.clause_ids[-1]}", big_token),
        },
    }
    if has_redline:
        small_c = (
            next(c for c, v in small.two_kb_versions.items() if len(v) > 1) if small.two_kb_versions else None
        )
        big_c = next(c for c, v in big.two_kb_versions.items() if len(v) > 1)
        if small_c is not None:
            out["clause redline"] = {
                "small": count(f"/api/v1/clauses/{small_c}/redline?from=base&to=union", small_token),
                "large": count(f"/api/v1/clauses/{big_c}/redline?from=base&to=union", big_token),
            }
    engine.dispose()
    return out


def point(clauses: int, timing: bench_engine.Timing, clock: str) -> bench_engine.ScalePoint:
    """A scale point on the series' clock, with both clocks kept."""
    seconds = timing.cpu if clock == "cpu" else timing.wall
    return bench_engine.ScalePoint(clauses, 0, seconds, {"cpu": timing.cpu, "wall": timing.wall})


def service_scale(prepared: Prepared, kind: str, repeat: int) -> dict[str, dict[str, Any]]:
    """Status board (service call and in-process GET) and the whole-contract redline, at each size.

    The clock is this process's CPU time: steady however busy the machine is (wall time is not,
    on a shared machine). On SQLite that is all the work; on PostgreSQL the server's share is left
    out, so the wall times are kept beside (in the JSON) to show a query that grows badly.
    """
    from bargaining.app import create_app
    from bargaining.models import User
    from bargaining.services.status_board import BoardFilters, status_board

    clock = "cpu"
    app = create_app({"DATABASE_URL": prepared.url})
    client = app.test_client()
    series: dict[str, list[bench_engine.ScalePoint]] = {
        "board_service": [],
        "board_get": [],
        "table_redline": [],
    }
    try:
        redlines: Any = __import__("bargaining.services.redlines.scopes", fromlist=["table_redline"])
        cache: Any = __import__("bargaining.services.redlines.cache", fromlist=["CACHE"]).CACHE
    except ImportError:
        redlines = cache = None
    try:
        for table, tokens in zip(prepared.tables, prepared.tokens, strict=True):
            clauses = table.counts["clauses"]
            with app.extensions["sessionmaker"]() as session:
                actor = session.get(User, table.user_ids["union_negotiator"])
                board = partial(status_board, session, actor, table.table_id, BoardFilters())
                board()
                series["board_service"].append(point(clauses, bench_engine.timed(repeat, board), clock))
                if redlines is not None and hasattr(redlines, "table_redline"):
                    whole = partial(
                        redlines.table_redline,
                        session,
                        actor,
                        table.table_id,
                        "base",
                        "union",
                        ignore_whitespace=True,
                    )
                    timing = bench_engine.timed(repeat, whole, before=cache.clear)
                    series["table_redline"].append(point(clauses, timing, clock))
            headers = {"Authorization": f"Bearer {tokens['union_negotiator']}"}
            get = partial(client.get, f"/api/v1/tables/{table.table_id}/status", headers=headers)
            get()
            series["board_get"].append(point(clauses, bench_engine.timed(repeat, get), clock))
    finally:
        app.extensions["engine"].dispose()
        if cache is not None:
            cache.clear()
    names = {
        "board_service": f"Status board, service call ({kind})",
        "board_get": f"Status board, in-process GET with JSON ({kind})",
        "table_redline": f"Whole-contract redline base->union, service, cache cleared ({kind})",
    }
    return {names[k]: scale_entry(v, clock) for k, v in series.items() if v}


def scale_entry(points: list[bench_engine.ScalePoint], clock: str) -> dict[str, Any]:
    """A scale series for the JSON and the report."""
    return {"clock": clock, "points": [asdict(p) for p in points], "growth": bench_engine.growth(points)}
