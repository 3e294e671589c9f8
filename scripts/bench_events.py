"""Benchmark events in process on SQLite: what the outbox adds to a write, feed pages, webhook delivery.

`.venv/bin/python scripts/bench_events.py [--events N] [--out bench/results/events.json]` prints a table and
writes JSON. It builds a table with N passed proposals (2 events each) through the API, then times a
pass with and without a webhook subscription, a page of 500 events for each role, and delivering
webhooks to a receiver on loopback with the worker's own code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from bargaining import migrate
from bargaining.app import create_app
from bargaining.db import make_engine
from bargaining.services.events import deliver as deliver_module
from bargaining.services.events import outbox
from bargaining.services.events.deliver import WebhookSettings


def _receiver() -> tuple[ThreadingHTTPServer, str]:
    """A loopback receiver answering 200 to everything."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/hook"


def _ms(samples: list[float]) -> dict[str, float]:
    """Median and p95 in milliseconds."""
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a table and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=400, help="passed proposals to build (2 events each)")
    parser.add_argument("--out", default="bench/results/events.json")
    args = parser.parse_args(argv)
    # The tests' cast and negotiation builders (loaded by name: they are not part of the typed package).
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    helpers: Any = importlib.import_module("tests.helpers")
    negotiation: Any = importlib.import_module("tests.api.negotiation")

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate.upgrade(engine)
        config = {"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url)}
        app = create_app({**config, "WEBHOOK_ALLOW_PRIVATE": True})  # a loopback receiver
        cast = helpers.build_cast(app)
        api = helpers.Api(app.test_client(), cast)
        n = negotiation.Negotiation(api, cast.table_id)
        n.enter_base()
        clause = n.clauses["5.1"]
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

        def timed_pass(label: str) -> tuple[float, int]:
            draft = n.draft(
                "union_negotiator", label, [{"clause_id": clause, "action": "amend", "text": label}]
            )
            statements.clear()
            started = time.perf_counter()
            n.pass_("union_negotiator", draft)
            return time.perf_counter() - started, len(statements)

        event.remove(Session, "before_flush", outbox._write_outbox)
        bare = [timed_pass(f"Bare {i}") for i in range(args.events // 4)]
        event.listen(Session, "before_flush", outbox._write_outbox)
        plain = [timed_pass(f"Plain {i}") for i in range(args.events // 2)]
        server, url = _receiver()
        api.post(f"/tables/{cast.table_id}/webhooks", {"url": url, "kinds": ["*"]})
        hooked = [timed_pass(f"Hooked {i}") for i in range(args.events // 2)]
        results: dict[str, Any] = {
            "pass, outbox switched off": {**_ms([t for t, _ in bare]), "statements": bare[-1][1]},
            "pass, no webhook": {**_ms([t for t, _ in plain]), "statements": plain[-1][1]},
            "pass, one webhook": {**_ms([t for t, _ in hooked]), "statements": hooked[-1][1]},
        }
        for role in ("union_negotiator", "employer_negotiator", "member", "admin"):
            samples = []
            for _ in range(30):
                started = time.perf_counter()
                assert api.get(f"/tables/{cast.table_id}/events?limit=500", as_=role).status_code == 200
                samples.append(time.perf_counter() - started)
            results[f"feed page of 500 as {role}"] = _ms(samples)
        with app.app_context():
            maker = app.extensions["sessionmaker"]
            started, sent = time.perf_counter(), 0
            while True:
                loopback = WebhookSettings(allow_private=True)  # the receiver listens on 127.0.0.1
                done = deliver_module.deliver_webhooks(maker, loopback, limit=50)
                if not done:
                    break
                sent += done
            elapsed = time.perf_counter() - started
        results["webhook deliveries"] = {
            "count": sent,
            "per_second": round(sent / elapsed, 1) if elapsed else 0,
        }
        server.shutdown()
        engine.dispose()
    width = max(len(k) for k in results)
    for name, figures in results.items():
        print(f"{name:<{width}}  " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
