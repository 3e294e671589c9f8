"""CPU per request, in process, for the hot read endpoints: where a request's time goes.

    python scripts/request_cpu.py --db sqlite:///instance/big.db --tokens instance/big-tokens.json
    python scripts/request_cpu.py ... --profile clause      # cProfile of one endpoint, top 30

Make the database first with scripts/gen_table.py (see the README's Benchmarks). Each endpoint
is called straight through the WSGI app (no server, no sockets) as the union negotiator, after a
warm-up, and timed by this process's CPU clock; the bare Flask hello of the benchmark floor is
timed the same way for comparison. These are the in-process figures the README quotes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from werkzeug.test import EnvironBuilder  # noqa: E402

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _start_response(*_args: Any) -> None:
    """Discard the status and headers."""


def environs(paths: list[str], headers: dict[str, str]) -> list[dict[str, Any]]:
    """WSGI environs for these GET paths."""
    out = []
    for path in paths:
        route, _, query = path.partition("?")
        out.append(
            EnvironBuilder(path=route, query_string=query, headers=list(headers.items())).get_environ()
        )
    return out


def call(app: WsgiApp, environ: dict[str, Any]) -> None:
    """One request through the app, its body read and closed."""
    body = app(dict(environ), _start_response)
    b"".join(body)
    close = getattr(body, "close", None)
    if close is not None:
        close()


def cpu_per_request(app: WsgiApp, envs: list[dict[str, Any]], count: int) -> float:
    """Seconds of CPU per request over ``count`` requests cycling through ``envs`` (after a warm-up)."""
    for environ in envs:
        call(app, environ)
    started = time.process_time()
    for k in range(count):
        call(app, envs[k % len(envs)])
    return (time.process_time() - started) / count


def endpoints(url: str) -> dict[str, list[str]]:
    """The paths of each endpoint on the largest table of the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        table = conn.execute(text("SELECT max(id) FROM bargaining_tables")).scalar_one()
        ids = list(
            conn.execute(
                text("SELECT id FROM clauses WHERE table_id = :t AND in_base ORDER BY id LIMIT 50"),
                {"t": table},
            ).scalars()
        )
    engine.dispose()
    return {
        "clause": [f"/api/v1/clauses/{c}" for c in ids],
        "redline": [f"/api/v1/clauses/{c}/redline?from=base&to=union" for c in ids[:8]],
        "status": [f"/api/v1/tables/{table}/status"],
        "me": ["/api/v1/me"],
    }


def main(argv: list[str] | None = None) -> int:
    """Time each endpoint (or profile one) and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="the database URL of a scripts/gen_table.py table")
    parser.add_argument("--tokens", type=Path, required=True, help="its tokens file (--tokens-file)")
    parser.add_argument("--count", type=int, default=1000, help="requests per endpoint (the board: a tenth)")
    parser.add_argument(
        "--profile", choices=["clause", "redline", "status", "me"], help="cProfile one endpoint"
    )
    args = parser.parse_args(argv)

    from bargaining.app import create_app
    from scripts.bench_hello import app as hello

    app = create_app({"DATABASE_URL": args.db})
    token = json.loads(args.tokens.read_text(encoding="utf-8"))["union_negotiator"]
    headers = {"Authorization": f"Bearer {token}"}
    paths = endpoints(args.db)
    if args.profile:
        envs = environs(paths[args.profile], headers)
        profile = cProfile.Profile()
        profile.runcall(cpu_per_request, app, envs, args.count)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        return 0
    floor = cpu_per_request(hello.wsgi_app, environs(["/hello"], {}), args.count)
    print(f"{'bare Flask hello':18} {floor * 1000:8.3f} ms CPU per request")
    for name, endpoint_paths in paths.items():
        count = max(10, args.count // 10) if name == "status" else args.count
        seconds = cpu_per_request(app, environs(endpoint_paths, headers), count)
        print(f"{name:18} {seconds * 1000:8.3f} ms CPU per request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
