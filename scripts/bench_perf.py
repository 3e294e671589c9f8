"""Issue 23's rows: the board, the TA summary, the members' page and the whole-contract redline (base to
tentative), warm (kept) and right after a change.

Warm: each read loaded for a few seconds right after a floor run (bare Flask, scripts/bench_hello.py,
same gunicorn settings), the ratio to the floor reported. After a change: a draft is passed (the
table's revision moves), then one read is timed; repeated, the median and p99 reported (one
connection). Every read is made a few times first, so that every worker has served each one, as
on a server that has been up: a worker holds the table's state to bring forward by the events
since (bargaining.services.board_state) and the redlines of the agreed clauses. The first read on
a fresh worker derives the whole table and every agreed clause's redline; its time is reported
beside (the slowest warm-up read), not against the target. 304: a read with the ETag held. The
rush: the members' page loaded with another member's token at each request (200 members, wrk),
as a ratification announcement brings them, held to the warm target too. Usage:
    .venv/bin/python scripts/bench_perf.py [--db sqlite|postgresql] [--size 150 1500 10000]
Writes bench/results/perf.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench_http  # noqa: E402
from scripts.bench_load import percentile  # noqa: E402
from scripts.bench_prepare import Prepared, database, member_tokens, prepare  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
WARM_READS = 24  # per read: gunicorn's 4 workers each miss all 24 with odds of 4 x 0.75^24 = 0.4 %
ONE_CONNECTION_READS = 200  # warm, one after another: the tail with one connection (issue 23)
RUSH_MEMBERS = 200  # members reading the page in turn, each request another member's
RUSH_READ = "GET /tables/{id}/summary (members' page, gzip), 200 members in turn"


def fetch(url: str, headers: dict[str, str], **kw: Any) -> tuple[int, float, dict[str, str]]:
    """One request: status, seconds, headers."""
    request = urllib.request.Request(url, headers=headers, **kw)  # noqa: S310 - loopback only
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
            answer.read()
            return answer.status, time.perf_counter() - started, dict(answer.headers)
    except urllib.error.HTTPError as err:
        err.read()
        return err.code, time.perf_counter() - started, dict(err.headers)


def reads(table: int) -> dict[str, tuple[str, dict[str, str]]]:
    """The reads measured: path and extra headers."""
    gz = {"Accept-Encoding": "gzip"}
    return {
        "GET /tables/{id}/status": (f"/api/v1/tables/{table}/status", {}),
        "GET /tables/{id}/ta-summary (gzip)": (f"/api/v1/tables/{table}/ta-summary", gz),
        "GET /tables/{id}/ta-summary?audience=members (gzip)": (
            f"/api/v1/tables/{table}/ta-summary?audience=members",
            gz,
        ),
        "GET /tables/{id}/summary (members' page, gzip)": (f"/tables/{table}/summary", gz),
        "GET /tables/{id}/redline?from=base&to=tentative (gzip)": (
            f"/api/v1/tables/{table}/redline?from=base&to=tentative",
            gz,
        ),
    }


def server_cpu(server: bench_http.Server) -> float:
    """CPU seconds (user + system) used so far by a server's worker processes."""
    return sum(server.worker_seconds().values())


def after_change(
    server: bench_http.Server, prepared: Prepared, auth: dict[str, str], rounds: int
) -> dict[str, Any]:
    """Pass a draft, then time each read once (cold: the revision moved); repeat.

    Beside the wall time, the server's CPU for the read (its workers' CPU before and after; with one
    connection nothing else runs on them): wall time is inflated when the machine is shared."""
    table, base = prepared.big.table_id, server.base
    times: dict[str, list[float]] = {name: [] for name in reads(table)}
    fresh: dict[str, float] = {}
    for name, (path, extra) in reads(table).items():  # every worker serves each read, as when up
        fresh[name] = max(fetch(base + path, {**auth, **extra})[1] for _ in range(WARM_READS))
    cpus: dict[str, list[float]] = {name: [] for name in reads(table)}
    for pid, version in prepared.drafts[:rounds]:
        headers = {**auth, "Content-Type": "application/json", "If-Match": f'"proposal-{pid}-v{version}"'}
        fetch(f"{base}/api/v1/proposals/{pid}/pass", headers, data=b"{}", method="POST")
        for name, (path, extra) in reads(table).items():
            before = server_cpu(server)
            status, seconds, _ = fetch(base + path, {**auth, **extra})
            if status == 200:
                times[name].append(seconds)
                cpus[name].append(server_cpu(server) - before)
    return {
        name: {
            "n": len(v),
            "p50_ms": round(median(v) * 1000, 1),
            "p99_ms": round(percentile(sorted(v), 99) * 1000, 1),
            "cpu_p50_ms": round(median(cpus[name]) * 1000, 1),
            "each_ms": [round(t * 1000, 1) for t in v],
            "fresh_worker_ms": round(fresh[name] * 1000, 1),
        }
        for name, v in times.items()
        if v
    }


def one_connection(url: str, headers: dict[str, str]) -> tuple[float, float]:
    """p50 and p99 (ms) of ONE_CONNECTION_READS reads made one after another, each worker warm first."""
    for _ in range(WARM_READS):
        fetch(url, headers)
    times = sorted(fetch(url, headers)[1] for _ in range(ONE_CONNECTION_READS))
    return round(median(times) * 1000, 2), round(percentile(times, 99) * 1000, 2)


def warm(
    app: bench_http.Server, floor: bench_http.Server, table: int, auth: dict[str, str], seconds: float
) -> dict[str, Any]:
    """Each read loaded warm after a floor run; its ratio to the floor, its tail alone and its 304.

    Both loads are spread_load's: a run whose connections all landed on one worker is made again."""
    out: dict[str, Any] = {}
    base = app.base
    for name, (path, extra) in reads(table).items():
        floor_load = bench_http.spread_load(floor, ["/hello"], {}, connections=4, duration=seconds)
        alone_p50, alone_p99 = one_connection(base + path, {**auth, **extra})
        load = bench_http.spread_load(app, [path], {**auth, **extra}, connections=4, duration=seconds)
        _, _, got = fetch(base + path, {**auth, **extra})
        status, t304, _ = fetch(base + path, {**auth, **extra, "If-None-Match": got.get("ETag", "")})
        out[name] = against_floor(load, floor_load) | {
            "one_connection_p50_ms": alone_p50,
            "one_connection_p99_ms": alone_p99,
            "status_304": status,
            "ms_304": round(t304 * 1000, 1),
        }
    return out


def rush(
    app: bench_http.Server, floor: bench_http.Server, table: int, tokens: list[str], seconds: float
) -> dict[str, Any]:
    """The members' page loaded with another member's token at each request: a ratification rush."""
    path, gz = f"/tables/{table}/summary", {"Accept-Encoding": "gzip"}
    for token in tokens[:WARM_READS]:  # every worker keeps the revision's page
        fetch(app.base + path, {"Authorization": f"Bearer {token}", **gz})
    floor_load = bench_http.spread_load(floor, ["/hello"], {}, connections=4, duration=seconds)
    load = bench_http.spread_load(app, [path], gz, connections=4, duration=seconds, tokens=tokens)
    return against_floor(load, floor_load) | {"members": len(tokens)}


def against_floor(load: bench_http.Load, floor_load: bench_http.Load) -> dict[str, Any]:
    """A warm row's load figures and their ratio to the floor run just before."""
    return {
        "rps": round(load.rps, 1),
        "floor_rps": round(floor_load.rps, 1),
        "ratio": round(load.rps / floor_load.rps, 3) if floor_load.rps else None,
        "p50_ms": load.p50_ms,
        "p99_ms": load.p99_ms,
        "non_2xx": load.non_2xx + load.errors,
        "tries": load.tries,
        "floor_tries": floor_load.tries,
        "load_average": os.getloadavg()[0],
    }


def run(kind: str, size: tuple[int, int, int], seconds: float, rounds: int, pg_url: str) -> dict[str, Any]:
    """Prepare a database, serve the floor and the app, measure."""
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), pg_url) as url:
        prepared = prepare(url, size, rounds)
        members = member_tokens(url, prepared, RUSH_MEMBERS)
        auth = {"Authorization": f"Bearer {prepared.tokens[-1]['union_negotiator']}"}
        env = {"BARGAINING_DATABASE_URL": url}
        with (
            bench_http.Server("scripts.bench_hello:app", {}, "/hello", Path(tmp), "floor") as floor,
            bench_http.Server("wsgi:app", env, "/api/v1/health", Path(tmp), "app") as app,
        ):
            changed = after_change(app, prepared, auth, rounds)
            warmed = warm(app, floor, prepared.big.table_id, auth, seconds)
            if bench_http.wrk_path() is not None:  # a token per request needs wrk
                warmed[RUSH_READ] = rush(app, floor, prepared.big.table_id, members, seconds)
    return {
        "db": kind,
        "size": size,
        "after_change": changed,
        "warm": warmed,
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description="Issue 23's rows: kept views warm and after a change")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--size", type=int, nargs=3, default=(150, 1500, 10000))
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "perf.json"))
    args = parser.parse_args(argv)
    result = run(args.db, tuple(args.size), args.seconds, args.rounds, args.pg_url)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"{args.db}, load average {result['load_average']}")
    for name, row in result["after_change"].items():
        print(
            f"after a change  {name:52} p50 {row['p50_ms']:8.1f} ms  p99 {row['p99_ms']:8.1f} ms"
            f"  server CPU p50 {row['cpu_p50_ms']:6.1f} ms"
            f"  a fresh worker's first {row['fresh_worker_ms']:6.1f} ms"
        )
    for name, row in result["warm"].items():
        print(
            f"warm            {name:52} {row['rps']:8.1f} rps  x{row['ratio']} of floor {row['floor_rps']}"
            f"  p50 {row['p50_ms']} ms  alone p50/p99 {row.get('one_connection_p50_ms', '-')}/"
            f"{row.get('one_connection_p99_ms', '-')} ms  304 in {row.get('ms_304', '-')} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
