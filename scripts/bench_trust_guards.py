"""Slow clients against gunicorn worker classes: /api/v1/health with and without 20 stalled connections.

    .venv/bin/python scripts/bench_trust_guards.py [--seconds 3] [--workers 2]

For each worker class (sync, gthread, bargaining.serving.ReadyThreadWorker) it serves the app as
`make run` does (gunicorn.conf.py; the class set through GUNICORN_CMD_ARGS) on a fresh SQLite file,
runs a load of 4 connections on /api/v1/health, then the same while 20 connections hold half a
request open. Prints a table and writes bench/results/bench-trust-guards-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bargaining import migrate
from bargaining.db import make_engine
from scripts.bench_http import LOOPBACK, ROOT, Server, run_load

CLASSES = ["sync", "gthread", "bargaining.serving.ReadyThreadWorker"]
HALF = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
STALLED = 20


def _measure(base: str, seconds: float) -> dict[str, Any]:
    """One load run; a stalled server gives what completed (maybe nothing)."""
    try:
        load = run_load(base, ["/api/v1/health"], {}, connections=4, duration=seconds, use_wrk=False)
    except Exception as err:  # a stalled server makes the load tool fail or time out
        return {"rps": 0.0, "error": type(err).__name__}
    return {"rps": round(load.rps, 1), "p99_ms": load.p99_ms, "max_ms": load.max_ms, "errors": load.errors}


def _one_class(worker: str, url: str, folder: Path, workers: int, seconds: float) -> dict[str, Any]:
    """Measure one worker class, calm and under stalled connections."""
    env = {"BARGAINING_DATABASE_URL": url, "WEB_CONCURRENCY": str(workers)}
    env["GUNICORN_CMD_ARGS"] = f"-k {worker}"
    with Server("wsgi:app", env, "/api/v1/health", folder, worker.rsplit(".", 1)[-1]) as server:
        calm = _measure(server.base, seconds)
        held = []
        try:
            for _ in range(STALLED):
                sock = socket.create_connection((LOOPBACK, server.port))
                sock.sendall(HALF)
                held.append(sock)
            time.sleep(0.5)
            stalled = _measure(server.base, seconds)
        finally:
            for sock in held:
                sock.close()
    return {"worker": worker, "calm": calm, "stalled": stalled}


def main(argv: list[str] | None = None) -> int:
    """Run every worker class; print a Markdown table; write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'db.sqlite'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        for worker in CLASSES:
            rows.append(_one_class(worker, url, folder, args.workers, args.seconds))
    print(f"| worker ({args.workers} workers) | req/s calm | req/s with {STALLED} stalled | p99 ms stalled |")
    print("|---|---|---|---|")
    for row in rows:
        stalled = row["stalled"]
        print(f"| {row['worker']} | {row['calm']['rps']} | {stalled['rps']} | {stalled.get('p99_ms', '-')} |")
    out = ROOT / "bench" / "results" / f"bench-trust-guards-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"workers": args.workers, "seconds": args.seconds, "rows": rows}, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
