"""Timings of the working life's requests, in process, on the demo: reads, chronology exports, uploads.

    .venv/bin/python scripts/bench_worklife.py [--repeat 30] [--db sqlite:////tmp/worklife.db]

Loads the demo into a fresh database (SQLite in a temporary file by default; any URL with
--db), calls each request through Flask's test client as the union negotiator (uploads as the
employer answering a request), and reports the median and p90 wall time and the SQL statement
count of each. Prints a Markdown table and writes bench/results/bench_worklife-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bargaining import migrate  # noqa: E402
from bargaining.app import create_app  # noqa: E402
from bargaining.db import statements_run  # noqa: E402
from bargaining.services.demo import create_demo  # noqa: E402


def _app(url: str) -> tuple[Any, dict[str, str]]:
    """A migrated app with the demo loaded; role -> token."""
    app = create_app({"DATABASE_URL": url})
    migrate.upgrade(app.extensions["engine"])
    with app.extensions["sessionmaker"]() as session:
        tokens = create_demo(session)
        session.commit()
    return app, tokens


def _time(call: Any, repeat: int, app: Any) -> dict[str, float]:
    """Median and p90 milliseconds over `repeat` calls, and the statements of one call."""
    call()
    with statements_run(app.extensions["engine"]) as statements:
        call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p90_ms": times[int(len(times) * 0.9) - 1],
        "statements": len(statements),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the timings; print a table; write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", default="")
    args = parser.parse_args(argv)
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/worklife.db"
    app, tokens = _app(url)
    client = app.test_client()
    union = {"Authorization": f"Bearer {tokens['union_negotiator']}"}
    employer = {"Authorization": f"Bearer {tokens['employer_negotiator']}"}
    table = client.get("/api/v1/tables", headers=union).json[0]["id"]
    session_id = client.get(f"/api/v1/tables/{table}/sessions", headers=union).json[1]["id"]
    request = client.get(f"/api/v1/tables/{table}/information-requests", headers=union).json[0]
    answer = request["items"][0]["answers"][0]["id"]
    file_id = request["items"][0]["answers"][0]["files"][0]["id"]
    clause = client.get(f"/api/v1/tables/{table}/notes", headers=union).json[0]["clause_id"]

    def get(path: str) -> Any:
        return lambda: _ok(client.get(f"/api/v1{path}", headers=union))

    def upload(size: int) -> Any:
        def call() -> None:
            body = (
                b"program,clients\n"
                + b"Outpatient adult,62\n" * (size // 20)
                + str(time.perf_counter_ns()).encode()
            )
            data = {"file": (io.BytesIO(body), "roster.csv", "text/csv")}
            _ok(
                client.post(
                    f"/api/v1/information-request-answers/{answer}/files",
                    data=data,
                    content_type="multipart/form-data",
                    headers=employer,
                )
            )

        return call

    cases = {
        "GET sessions": get(f"/tables/{table}/sessions"),
        "GET session ledger": get(f"/sessions/{session_id}/ledger"),
        "GET notes": get(f"/tables/{table}/notes"),
        "GET clause history": get(f"/clauses/{clause}/history"),
        "GET information requests": get(f"/tables/{table}/information-requests"),
        "GET overdue requests": get(f"/tables/{table}/information-requests?status=overdue"),
        "GET chronology csv": get(f"/information-requests/{request['id']}/chronology?format=csv"),
        "GET chronology pdf": get(f"/information-requests/{request['id']}/chronology?format=pdf"),
        "GET file content": get(f"/files/{file_id}/content"),
        "POST file 100 KB": upload(100_000),
        "POST file 5 MB": upload(5_000_000),
    }
    results = {
        name: _time(call, args.repeat if "5 MB" not in name else max(3, args.repeat // 10), app)
        for name, call in cases.items()
    }
    print("| request | median ms | p90 ms | statements |\n|---|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['median_ms']:.2f} | {r['p90_ms']:.2f} | {r['statements']} |")
    out = ROOT / "bench" / "results" / f"bench_worklife-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"db": url.split(":")[0], "repeat": args.repeat, "results": results}, indent=2))
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


def _ok(response: Any) -> None:
    """Fail loudly on anything but success."""
    if response.status_code >= 300:
        raise SystemExit(f"{response.status_code}: {response.get_data(as_text=True)[:300]}")


if __name__ == "__main__":
    sys.exit(main())
