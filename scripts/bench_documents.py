"""Benchmark: whole-contract redline documents of pair A through the API, and the redline time bound.

    .venv/bin/python scripts/bench_documents.py [--repeat 3] [--json bench_documents.json]

Pair A of ../shared/realdata (the 2023-2025 and 2025-2027 terms of one state contract, about 300 KB
each): the older term is imported as the current contract, the union passes the newer term's text
of every clause the two share by number, and GET /tables/{id}/redline?from=base&to=union is timed
in each format through the app (Flask test client on a SQLite file, as bench_inprocess does):
cold (the word diffs and the PDF not yet cached; the PDF engine already started, its start
timed on its own) and warm (median of --repeat); CPU counts this process and its Chromium.
Then the redline time bound (issue 15): two large unrelated texts diffed with the budget, exact
and flagged coarse.
Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "realdata"
PAIR_A = ("oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt")
UNRELATED = ("lane_afscme2831_nurses_2024_2027_full.txt", "benton_ona_2025_2029_full.txt")
FORMATS = ("json", "html", "md", "text", "docx", "pdf")


def body(name: str) -> str:
    """A realdata file's text after its header."""
    return (DATA / name).read_text(encoding="utf-8").split("\n---\n", 1)[1]


def _setup(app: Any) -> tuple[int, str, str]:
    """An admin and a union negotiator seated at a new table; return (table, admin, union tokens)."""
    from bargaining.services import tables, users

    with app.app_context():
        session = app.extensions["sessionmaker"]()
        admin = users.create_user(session, None, email="a@bench.example", name="Admin", is_admin=True)
        union = users.create_user(session, None, email="u@bench.example", name="Union")
        table = tables.create_table(
            session,
            admin,
            {"title": "Pair A", "union_name": "AFSCME 3295", "employer_name": "State of Oregon"},
        )
        tables.grant(session, admin, table.id, {"user_id": union.id, "side": "union", "role": "negotiator"})
        tokens = users.issue_token(session, admin, "bench")[1], users.issue_token(session, union, "bench")[1]
        session.commit()
        session.close()
    return table.id, *tokens


def _clause_ids(app: Any, table_id: int) -> dict[tuple[str, str], int]:
    """(article number, clause number) -> clause id."""
    from sqlalchemy import select

    from bargaining.models import Article, Clause

    with app.app_context():
        session = app.extensions["sessionmaker"]()
        rows = session.execute(
            select(Article.number, Clause.number, Clause.id)
            .join(Clause, Clause.article_id == Article.id)
            .where(Article.table_id == table_id)
        ).all()
        session.close()
    return {(a, c): cid for a, c, cid in rows}


def prepare(app: Any) -> tuple[Any, int, dict[str, str], int]:
    """Import the older term, pass the newer term's clauses as U-1: (client, table, headers, clauses)."""
    from bargaining.domain.importer import parse_contract

    client = app.test_client()
    table_id, admin, union = _setup(app)
    as_admin, as_union = {"Authorization": f"Bearer {admin}"}, {"Authorization": f"Bearer {union}"}
    done = client.post(f"/api/v1/tables/{table_id}/import", json={"text": body(PAIR_A[0])}, headers=as_admin)
    assert done.status_code in (200, 201), done.get_data(as_text=True)[:300]
    ids = _clause_ids(app, table_id)
    newer = parse_contract(body(PAIR_A[1]))
    items = [
        {"action": "amend", "clause_id": ids[(a.number, c.number)], "text": c.text}
        for a in newer.articles
        for c in a.clauses
        if (a.number, c.number) in ids and c.text.strip()
    ][:500]
    draft = client.post(
        f"/api/v1/tables/{table_id}/proposals", json={"title": "2025-2027", "items": items}, headers=as_union
    )
    assert draft.status_code == 201, draft.get_data(as_text=True)[:300]
    passed = client.post(
        f"/api/v1/proposals/{draft.json['id']}/pass",
        json={},
        headers={**as_union, "If-Match": draft.headers["ETag"]},
    )
    assert passed.status_code == 200, passed.get_data(as_text=True)[:300]
    return client, table_id, as_union, len(items)


def _timed(client: Any, path: str, headers: dict[str, str]) -> tuple[float, int]:
    """Seconds for one GET, and the size of the answer."""
    start = time.perf_counter()
    response = client.get(path, headers=headers)
    seconds = time.perf_counter() - start
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return seconds, len(response.get_data())


def browser_cpu() -> float:
    """CPU seconds used so far by this process's Chromium and all its children (0 before it starts)."""
    from bargaining.documents import chromium

    browser = chromium._BROWSER
    if browser is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
        used[int(name)] = sum(int(f) for f in fields[11:15]) / tick
    total, todo = 0.0, [browser.proc.pid]
    while todo:
        pid = todo.pop()
        total += used.get(pid, 0.0)
        todo += children.get(pid, [])
    return total


def cpu_now() -> float:
    """This process's CPU seconds plus its browser's."""
    return time.process_time() + browser_cpu()


def start_browser() -> dict[str, Any]:
    """Start the PDF engine with a one-line page: what the first PDF of a process pays once."""
    from bargaining.documents import chromium

    chromium.shutdown()
    cpu, start = time.process_time(), time.perf_counter()
    chromium.html_to_pdf("<p>start</p>")
    return {"wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu + browser_cpu()}


def documents(client: Any, table_id: int, headers: dict[str, str], repeat: int) -> list[dict[str, Any]]:
    """Every format of the whole-contract redline (and changes only), cold then warm."""
    from bargaining.documents import pdf
    from bargaining.services.redlines.cache import CACHE

    rows = []
    for changes in ("all", "only"):
        for fmt in FORMATS:
            path = f"/api/v1/tables/{table_id}/redline?from=base&to=union&changes={changes}&format={fmt}"
            CACHE.clear()
            pdf.clear()
            cold_cpu = cpu_now()
            cold, size = _timed(client, path, headers)
            cold_cpu = cpu_now() - cold_cpu
            warm = statistics.median(_timed(client, path, headers)[0] for _ in range(repeat))
            rows.append(
                {
                    "changes": changes,
                    "format": fmt,
                    "cold_s": cold,
                    "cold_cpu_s": cold_cpu,
                    "warm_s": warm,
                    "bytes": size,
                }
            )
    return rows


def time_bound() -> list[dict[str, Any]]:
    """The redline of two large unrelated texts, and of pair A whole, within the budget."""
    from bargaining.domain.redlines.blackline import blackline
    from bargaining.domain.redlines.engine import apply_new, apply_old

    cases = [
        ("unrelated ~390 KB", body(UNRELATED[0]) + body(UNRELATED[1])[:140_000], body(PAIR_A[1])),
        ("pair A whole", body(PAIR_A[0]), body(PAIR_A[1])),
    ]
    rows = []
    for name, old, new in cases:
        start = time.perf_counter()
        found = blackline(old, new)
        seconds = time.perf_counter() - start
        exact = apply_old(found.ops) == old and apply_new(found.ops) == new
        rows.append(
            {
                "case": name,
                "chars": len(old) + len(new),
                "seconds": seconds,
                "coarse": found.coarse,
                "exact": exact,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench_documents.json"))
    args = parser.parse_args(argv)
    from bargaining import migrate
    from bargaining.app import create_app
    from bargaining.db import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        app = create_app({"DATABASE_URL": url})
        client, table_id, headers, items = prepare(app)
        browser = start_browser()
        rows = documents(client, table_id, headers, args.repeat)
    bound = time_bound()
    print(f"Pair A whole-contract redline, base -> union ({items} clauses amended), through the API")
    print(f"PDF engine start (once a process): {browser['wall_s']:.2f} s wall, {browser['cpu_s']:.2f} s CPU")
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]}; cold CPU includes the browser's")
    print(f"{'changes':8} {'format':6} {'cold s':>8} {'cold cpu':>8} {'warm s':>8} {'bytes':>10}")
    for r in rows:
        print(
            f"{r['changes']:8} {r['format']:6} {r['cold_s']:8.2f} {r['cold_cpu_s']:8.2f} {r['warm_s']:8.2f} "
            f"{r['bytes']:10,}"
        )
    print("\nRedline time bound (budget per redline)")
    for row in bound:
        print(
            f"{row['case']:20} {row['chars']:>9,} chars {row['seconds']:6.2f} s "
            f"coarse={row['coarse']} exact={row['exact']}"
        )
    found = {"documents": rows, "browser_start": browser, "time_bound": bound, "clauses": items}
    args.json.write_text(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
