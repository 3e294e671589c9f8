"""Search benchmark: a 1,500-clause table of 10,000 versions plus ten imported real contracts.

    python scripts/bench_search.py [--dbs sqlite,postgresql] [--repeat 30] [--json PATH]

For each database: a fresh database, the generated table (scripts/gen_table.py), ten real
contracts from ../shared/realdata imported through the API as tables of their own, the index
rebuilt (the generator writes in bulk, past the ORM), then every query run in-process through
the test client: median and p95 milliseconds and SQL statements per request, for a table's
search and for the library across all tables. Target: median at most 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import gen_table  # noqa: E402
from scripts.bench_prepare import analyze, database  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET_MS = 50.0
QUERIES = [
    "caseload",
    "overtime pay",
    '"sick leave"',
    "grievance arbitration",
    "differential*",
    "wage -health",
    "seniority layoff recall",
    "telehealth",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dbs", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--json", type=Path)
    return parser.parse_args(argv)


def _fill(url: str) -> tuple[Any, dict[str, str], int]:
    """Migrate, generate the big table, import ten real contracts, rebuild the index."""
    from sqlalchemy.orm import Session

    from bargaining import migrate
    from bargaining.app import create_app
    from bargaining.db import make_engine
    from bargaining.services.search.index import rebuild

    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        big = gen_table.generate(session, gen_table.Spec(150, 1500, 10000, 1))
        session.commit()
        tokens = gen_table.issue_tokens(session, big.user_ids)
        session.commit()
    app = create_app({"DATABASE_URL": url, "ENGINE": engine, "MAX_CONTENT_LENGTH": 16 * 2**20})
    client = app.test_client()
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    for path in sorted(REALDATA.glob("*.txt"))[:10]:
        table = (
            client.post(
                "/api/v1/tables",
                json={"title": path.stem, "union_name": "U", "employer_name": "E"},
                headers=admin,
            ).json
            or {}
        )
        answer = client.post(
            f"/api/v1/tables/{table['id']}/import", json={"text": path.read_text()}, headers=admin
        )
        if answer.status_code != 201:
            raise RuntimeError(f"{path.name}: {answer.status_code} {answer.get_data(as_text=True)[:200]}")
    with engine.begin() as conn:
        rebuild(conn)
    analyze(engine)
    return app, tokens, big.table_id


def _measure(app: Any, path: str, token: str, repeat: int) -> dict[str, Any]:
    """Time one search path; count its statements."""
    from bargaining.db import statements_run

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    first = client.get(path, headers=headers)
    if first.status_code != 200:
        raise RuntimeError(f"{path}: {first.status_code} {first.get_data(as_text=True)[:200]}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    with statements_run(app.extensions["engine"]) as statements:
        client.get(path, headers=headers)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "statements": len(statements),
        "hits": len(first.json),
    }


def run(kind: str, pg: str, repeat: int) -> dict[str, Any]:
    """Fill one database and measure every query on it."""
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp), pg) as url:
        started = time.perf_counter()
        app, tokens, table_id = _fill(url)
        fill_seconds = time.perf_counter() - started
        rows = {}
        for q in QUERIES:
            rows[f"table: {q}"] = _measure(
                app, f"/api/v1/tables/{table_id}/search?q={q}", tokens["union_negotiator"], repeat
            )
            rows[f"library: {q}"] = _measure(app, f"/api/v1/search?q={q}", tokens["admin"], repeat)
        app.extensions["engine"].dispose()
    medians = [r["median_ms"] for r in rows.values()]
    return {"fill_seconds": round(fill_seconds, 1), "rows": rows, "worst_median_ms": max(medians)}


def report(results: dict[str, Any]) -> str:
    """The Markdown table."""
    lines = ["| database | search | median ms | p95 ms | statements | hits |", "|---|---|---|---|---|---|"]
    for kind, result in results.items():
        for name, row in result["rows"].items():
            cells = [kind, name, row["median_ms"], row["p95_ms"], row["statements"], row["hits"]]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        verdict = "meets" if result["worst_median_ms"] <= TARGET_MS else "MISSES"
        worst = result["worst_median_ms"]
        lines.append(f"| {kind} | worst median {worst} ms: {verdict} the {TARGET_MS:.0f} ms target |||||")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write JSON if asked."""
    args = parse_args(argv)
    results = {kind: run(kind, args.pg, args.repeat) for kind in args.dbs.split(",")}
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
