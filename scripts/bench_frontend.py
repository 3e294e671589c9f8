"""What the generic HTTP conventions cost per request, in process, on the demo (SQLite).

    .venv/bin/python scripts/bench_frontend.py [--rounds 300] [--output bench/results/frontend.json]

Each scenario runs with the conventions installed (the unknown-query guard, the 304 answer, the
archived-table flush guard) and again with those three hooks removed; it prints the median and
p90 per request of each, and writes them as JSON. Process CPU time, best of three batches.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the app from the checkout
    sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bargaining import http  # noqa: E402
from bargaining.services.administration import refuse_writes_to_archived_tables  # noqa: E402
from scripts.capture_examples import demo_app  # noqa: E402


def _timings(call: Callable[[], Any], rounds: int) -> list[float]:
    """Per-call CPU milliseconds of ``rounds`` calls."""
    out = []
    for _ in range(rounds):
        start = time.process_time()
        call()
        out.append((time.process_time() - start) * 1000)
    return out


def _scenarios(app: Flask, tokens: dict[str, str]) -> dict[str, Callable[[], Any]]:
    """The requests measured: a clause read, its 304, a refused parameter, a table rename."""
    client = app.test_client()
    auth = {"Authorization": f"Bearer {tokens['union_negotiator']}"}
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    clause = client.get("/api/v1/clauses/11", headers=auth)
    etag = clause.headers["ETag"]
    state: dict[str, Any] = {"etag": client.get("/api/v1/tables/1", headers=admin).headers["ETag"], "n": 0}

    def rename() -> None:
        state["n"] += 1
        answer = client.patch(
            "/api/v1/tables/1",
            json={"title": f"Riverbend {state['n']}"},
            headers={**admin, "If-Match": state["etag"]},
        )
        state["etag"] = answer.headers["ETag"]

    return {
        "GET clause 200": lambda: client.get("/api/v1/clauses/11", headers=auth),
        "GET clause If-None-Match": lambda: client.get(
            "/api/v1/clauses/11", headers={**auth, "If-None-Match": etag}
        ),
        "GET board ?status=open": lambda: client.get("/api/v1/tables/1/status?status=open", headers=auth),
        "PATCH table (flush guard)": rename,
    }


def _without_conventions(app: Flask) -> None:
    """Remove the three hooks this branch adds, for the comparison run."""
    app.before_request_funcs[None] = [f for f in app.before_request_funcs[None] if f.__name__ != "guard"]
    app.after_request_funcs[None] = [f for f in app.after_request_funcs[None] if f is not http.not_modified]
    if event.contains(Session, "before_flush", refuse_writes_to_archived_tables):
        event.remove(Session, "before_flush", refuse_writes_to_archived_tables)


def measure(rounds: int) -> dict[str, dict[str, float]]:
    """Median and p90 milliseconds per scenario, with and without the conventions."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        app, tokens = demo_app(Path(folder) / "bench.db")
        for label in ("with", "without"):
            if label == "without":
                _without_conventions(app)
            for name, call in _scenarios(app, tokens).items():
                batches = [_timings(call, rounds) for _ in range(3)]
                best = min(batches, key=statistics.median)
                results[f"{name} [{label}]"] = {
                    "median_ms": round(statistics.median(best), 3),
                    "p90_ms": round(sorted(best)[int(len(best) * 0.9)], 3),
                }
        app.extensions["engine"].dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    """Measure, print a table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "frontend.json")
    args = parser.parse_args(argv)
    results = measure(args.rounds)
    print(f"{'scenario':<45} {'median ms':>10} {'p90 ms':>8}")
    for name, figures in results.items():
        print(f"{name:<45} {figures['median_ms']:>10.3f} {figures['p90_ms']:>8.3f}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
