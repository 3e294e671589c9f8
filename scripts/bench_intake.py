"""Benchmark intake through the API: importing a 1.3 MB contract, comparing two terms of one.

Runs the app in this process (Flask's test client) on a fresh SQLite file or PostgreSQL schema.
The 1.3 MB contract (the size of a large state master agreement) is the 2023 and 2025 OSH
contracts (../shared/realdata) each repeated four times with articles renumbered, so every
heading stays unique. Prints a table and writes JSON (bench/results/intake.json by default).

    .venv/bin/python scripts/bench_intake.py [--db sqlite|postgresql] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "realdata"
OLDER, NEWER = "oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt"
COPIES = 4
LIMIT_SECONDS = 2.0
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
sys.path.insert(0, str(ROOT))


def load(name: str) -> str:
    """The extraction of one realdata file (after its '---' line)."""
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[lines.index("---") + 1 :])


def scaled(text: str, copies: int = COPIES) -> str:
    """A contract made larger: copies of it with every ARTICLE n renumbered n + 100 * copy."""

    def renumber(copy: int) -> Callable[[re.Match[str]], str]:
        return lambda m: f"{m.group(1)}{int(m.group(2)) + 100 * copy}"

    parts = [re.sub(r"(ARTICLE\s+)(\d+)", renumber(k), text) for k in range(copies)]
    return "\n\f".join(parts)


def timed(call: Callable[[], Any], repeat: int) -> tuple[tuple[float, float], Any]:
    """The median CPU time of this process and wall time of a call, and its last answer.

    CPU time is steady however busy the shared machine is; on SQLite it is all the work. Wall
    time is kept beside it (on PostgreSQL it includes the server's share).
    """
    cpu, wall, answer = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        answer = call()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return (statistics.median(cpu), statistics.median(wall)), answer


class Bench:
    """An app on a fresh database, an administrator and a union negotiator, and tables."""

    def __init__(self, url: str) -> None:
        from bargaining.app import create_app
        from scripts.bench_prepare import init_db

        init_db(url)
        self.app = create_app({"DATABASE_URL": url})
        self.client = self.app.test_client()
        self.admin, self.negotiator = self._people()

    def _people(self) -> tuple[dict[str, str], dict[str, str]]:
        """Create an administrator and a negotiator; return their auth headers."""
        from bargaining.services import users

        with self.app.app_context():
            session = self.app.extensions["sessionmaker"]()
            admin = users.create_user(session, None, email="admin@bench.example", name="A", is_admin=True)
            union = users.create_user(session, None, email="union@bench.example", name="U", is_admin=False)
            session.flush()
            tokens = [users.issue_token(session, person)[1] for person in (admin, union)]
            session.commit()
            self.union_id = union.id
        return ({"Authorization": f"Bearer {tokens[0]}"}, {"Authorization": f"Bearer {tokens[1]}"})

    def table(self) -> int:
        """A new table seating the negotiator for the union."""
        body = {"title": "Bench", "union_name": "U", "employer_name": "E"}
        made: Any = self.client.post("/api/v1/tables", json=body, headers=self.admin).json
        table = made["id"]
        seat = {"user_id": self.union_id, "side": "union", "role": "negotiator"}
        self.client.post(f"/api/v1/tables/{table}/memberships", json=seat, headers=self.admin)
        return int(table)

    def post_text(self, path: str, text: str, headers: dict[str, str] | None = None) -> Any:
        """POST a contract as text/plain; fail loudly on an error."""
        answer = self.client.post(
            path,
            data=text.encode("utf-8"),
            headers={**(headers or self.negotiator), "Content-Type": "text/plain; charset=utf-8"},
        )
        if answer.status_code >= 300:
            raise RuntimeError(f"{path}: {answer.status_code} {answer.get_data(as_text=True)[:300]}")
        return answer


def run(url: str, repeat: int) -> list[dict[str, Any]]:
    """Time each case; return rows."""
    bench = Bench(url)
    big_old, big_new = scaled(load(OLDER)), scaled(load(NEWER))
    rows: list[dict[str, Any]] = []

    def add(case: str, size: int, seconds: tuple[float, float], note: str) -> None:
        cpu, wall = (round(x, 3) for x in seconds)
        rows.append(
            {"case": case, "bytes": size, "cpu": cpu, "wall": wall, "limit": LIMIT_SECONDS, "note": note}
        )

    seconds, answer = timed(
        lambda: bench.post_text(f"/api/v1/tables/{bench.table()}/import", big_new), repeat
    )
    add("import 1.3 MB (text, written)", len(big_new.encode()), seconds, f"{answer.json['counts']}")
    dry = f"/api/v1/tables/{bench.table()}/import?dry_run=true"
    seconds, _ = timed(lambda: bench.post_text(dry, big_new), repeat)
    add("import 1.3 MB (dry run)", len(big_new.encode()), seconds, "parse only")
    base = bench.table()
    bench.post_text(f"/api/v1/tables/{base}/import", big_old)
    compare = f"/api/v1/tables/{base}/intake/compare?against=base"
    seconds, answer = timed(lambda: bench.post_text(compare, big_new), repeat)
    add(
        "compare two terms, 1.3 MB each",
        len(big_new.encode()),
        seconds,
        f"{answer.json['summary']['articles']}",
    )
    small = bench.table()
    bench.post_text(f"/api/v1/tables/{small}/import", load(OLDER))
    small_compare = f"/api/v1/tables/{small}/intake/compare?against=base"
    seconds, _ = timed(lambda: bench.post_text(small_compare, load(NEWER)), repeat)
    add("compare two terms, OSH 2023 vs 2025", len(load(NEWER).encode()), seconds, "real size")
    renewed = bench.post_text(f"/api/v1/tables/{base}/intake/next-term", big_new, bench.admin).json[
        "table_id"
    ]
    terms = f"/api/v1/tables/{renewed}/intake/previous-term"
    seconds, _ = timed(lambda: bench.client.get(terms, headers=bench.admin), repeat)
    add("previous-term redline, 1.3 MB each", len(big_new.encode()), seconds, "GET, table to table")
    bench.app.extensions["engine"].dispose()
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print a table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "intake.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        from scripts.bench_prepare import database

        with database(args.db, Path(tmp), args.pg_url) as url:
            rows = run(url, args.repeat)
    print(f"| case ({args.db}) | bytes | CPU s | wall s | limit s | note |")
    print("|---|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['case']} | {row['bytes']:,} | {row['cpu']:.3f} | {row['wall']:.3f} | {row['limit']} "
            f"| {row['note']} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"db": args.db, "repeat": args.repeat, "rows": rows}, indent=2) + "\n")
    return 0 if all(row["cpu"] <= row["limit"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
