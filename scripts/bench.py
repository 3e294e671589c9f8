"""`make bench`: the API under load against a bare-Flask floor, the redline engine, and scale.

    python scripts/bench.py [--duration 5] [--dbs sqlite,postgresql] [--no-raw] [--quick]

Writes a Markdown report to stdout (progress goes to stderr) and the full results as JSON to
bench/results/bench-<UTC timestamp>.json. For each database it prepares a fresh one (a SQLite
file in a temporary directory; a PostgreSQL schema it drops at the end), migrates it with
`flask --app wsgi init-db`, fills it with scripts/gen_table.py (tables of 10, 150 and 1,500
clauses), issues tokens through the users service, and serves it with gunicorn exactly as
`make run` does, next to the floor (scripts/bench_hello.py under the same configuration). Every
endpoint run is preceded by a warm-up and paired with a floor run, both with the same load
generator (wrk if installed, else scripts/bench_load.py). Every process it starts is stopped on
exit, error or not. Exit status 1 if a section failed or a check (round-trip, a non-2xx answer)
did; missed performance targets are reported, not failed.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import bench_engine, bench_http, bench_redline, bench_report, gen_table  # noqa: E402
from scripts.bench_load import percentile  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RESULTS = ROOT / "bench" / "results"
REDLINE_RULE = "/api/v1/clauses/<int:clause_id>/redline"
SCALE = ((1, 10, 67), (15, 150, 1000))  # smaller tables beside the big one: same versions per clause
WARM_PAIRS = 8
MIN_SAMPLES = 20  # a slow endpoint's run is stretched to collect about this many requests


def log(message: str) -> None:
    """Progress on stderr (stdout carries only the report)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per load run")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up before each run")
    parser.add_argument("--connections", type=int, help="concurrent connections (default: gunicorn workers)")
    parser.add_argument("--dbs", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--pg-url", default=os.environ.get("BARGAINING_BENCH_PG", DEFAULT_PG))
    parser.add_argument("--size", default="150,1500,10000", help="articles,clauses,versions of the big table")
    parser.add_argument("--passes", type=int, default=30, help="proposals passed per database")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the engine's real cases")
    parser.add_argument("--scale-repeat", type=int, default=5, help="best of N for the scale series")
    parser.add_argument("--data", type=Path, default=bench_redline.DATA)
    parser.add_argument("--no-raw", action="store_true", help="skip the raw character diffs (over a minute)")
    parser.add_argument("--no-engine", action="store_true", help="skip the redline engine section")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP section")
    parser.add_argument(
        "--python-load", action="store_true", help="use bench_load.py even if wrk is installed"
    )
    parser.add_argument("--quick", action="store_true", help="1 s runs, small big table, no raw diffs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.no_raw, args.passes = 1.0, 1.0, True, 5
        args.size = "30,300,2000"
    args.size = tuple(int(x) for x in args.size.split(","))
    args.dbs = [d.strip() for d in args.dbs.split(",") if d.strip()]
    return args


# ---------------------------------------------------------------- databases


@contextmanager
def database(kind: str, tmp: Path, pg_url: str) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database {kind}")
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield f"{pg_url}?options=-csearch_path%3D{schema}"
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def init_db(url: str) -> None:
    """Migrate with the CLI, as an operator would."""
    flask = Path(sys.executable).with_name("flask")
    command = [str(flask)] if flask.exists() else [sys.executable, "-m", "flask"]
    env = {**os.environ, "BARGAINING_DATABASE_URL": url}
    subprocess.run([*command, "--app", "wsgi", "init-db"], cwd=ROOT, env=env, check=True, capture_output=True)


@dataclass
class Prepared:
    """A migrated, filled database: its tables, tokens and drafts to pass."""

    url: str
    tables: list[gen_table.Generated]  # 10, 150 and the big one
    tokens: list[dict[str, str]]  # role -> token, per table
    drafts: list[tuple[int, int]] = field(default_factory=list)  # (proposal id, version)
    seconds: float = 0.0

    @property
    def big(self) -> gen_table.Generated:
        """The big table."""
        return self.tables[-1]


def prepare(url: str, size: tuple[int, int, int], passes: int, seed: int = 1) -> Prepared:
    """Migrate, generate the tables, issue tokens, draft the proposals the bench will pass."""
    from sqlalchemy.orm import Session

    from bargaining.db import make_engine

    started = time.perf_counter()
    init_db(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            tables = [
                gen_table.generate(session, gen_table.Spec(*spec, seed=seed)) for spec in (*SCALE, size)
            ]
            session.commit()
            tokens = [gen_table.issue_tokens(session, t.user_ids) for t in tables]
            drafts = make_drafts(session, tables[-1], passes + 2, seed)
            session.commit()
    finally:
        engine.dispose()
    return Prepared(url, tables, tokens, drafts, time.perf_counter() - started)


def make_drafts(session: Any, table: gen_table.Generated, count: int, seed: int) -> list[tuple[int, int]]:
    """Union drafts of five amended clauses each, through the proposals service."""
    from sqlalchemy import select

    from bargaining.models import Clause, ClauseVersion, User
    from bargaining.services import proposals

    rng = random.Random(seed)
    free = table.free_clause_ids[: count * 5]
    if len(free) < count * 5:
        raise ValueError("not enough free clauses for the drafts")
    texts = dict(
        session.execute(
            select(Clause.id, ClauseVersion.text)
            .join(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
            .where(Clause.id.in_(free))
        ).all()
    )
    actor = session.get(User, table.user_ids["union_negotiator"])
    out = []
    for k in range(count):
        items = [
            {"action": "amend", "clause_id": cid, "text": gen_table.edit_text(rng, texts[cid])}
            for cid in free[k * 5 : k * 5 + 5]
        ]
        data = {"title": f"Bench proposal {k + 1}", "items": items, "rationale": "Benchmark."}
        draft = proposals.create_draft(session, actor, table.table_id, data, 1_000_000)
        out.append((draft.id, draft.version))
    return out


# ---------------------------------------------------------------- HTTP


@dataclass
class Plan:
    """One read endpoint to load."""

    name: str
    paths: list[str]
    target: float | None = None
    target_text: str = "report"
    warm_paths: list[str] | None = None
    notes: str = ""
    cold_pool: int | None = None


def redline_pairs(versions: dict[int, list[int]], seed: int) -> list[tuple[int, int, int]]:
    """Every ordered pair of distinct versions of each clause, shuffled: (clause, from, to)."""
    pairs = [(c, a, b) for c, vids in versions.items() for a in vids for b in vids if a != b]
    random.Random(seed).shuffle(pairs)
    return pairs


def plans(prepared: Prepared, has_redline: bool) -> list[Plan]:
    """The read endpoints: a clause, the status board, a clause redline warm and cold."""
    big = prepared.big
    two_kb = list(big.two_kb_versions)
    counts = big.counts
    size = f"{counts['articles']:,} articles, {counts['clauses']:,} clauses, {counts['versions']:,} versions"
    out = [
        Plan(
            "GET /clauses/{id} (clause with its text)",
            [f"/api/v1/clauses/{c}" for c in two_kb[:200]],
            target=0.5,
            target_text=">= 0.5x",
            notes=f"{min(200, len(two_kb))} clauses of about 2 KB in turn",
        ),
        Plan(f"GET /tables/{{id}}/status ({size})", [f"/api/v1/tables/{big.table_id}/status"]),
    ]
    with_union = [c for c in two_kb if len(big.two_kb_versions[c]) > 1][:WARM_PAIRS]
    warm = [f"/api/v1/clauses/{c}/redline?from=base&to=union" for c in with_union]
    pairs = redline_pairs(big.two_kb_versions, 1)
    cold = [f"/api/v1/clauses/{c}/redline?from={a}&to={b}" for c, a, b in pairs]
    if not has_redline:
        skipped = "endpoint not in this tree yet"
        out.append(Plan("GET /clauses/{id}/redline, warm (2 KB clause)", [], 0.3, ">= 0.3x", notes=skipped))
        out.append(Plan("GET /clauses/{id}/redline, cold (2 KB clause)", [], notes=skipped))
        return out
    out.append(
        Plan(
            "GET /clauses/{id}/redline?from=base&to=union, warm (2 KB clause)",
            warm,
            target=0.3,
            target_text=">= 0.3x",
            notes=f"{len(warm)} pairs, each seen by every worker in the warm-up",
        )
    )
    out.append(
        Plan(
            "GET /clauses/{id}/redline?from={v1}&to={v2}, cold (2 KB clause)",
            cold,
            warm_paths=warm,
            cold_pool=len(cold),
        )
    )
    return out


def run_seconds(duration: float, warm_rps: float, samples: int = MIN_SAMPLES) -> float:
    """The run's length: ``duration``, longer (up to 3x) for an endpoint too slow to give ``samples``."""
    if warm_rps <= 0:
        return duration
    return float(min(3 * duration, max(duration, math.ceil(samples / warm_rps))))


def load_row(plan: Plan, result: bench_http.Load, floor: bench_http.Load) -> dict[str, Any]:
    """One endpoint's figures against its paired floor run."""
    notes = [plan.notes] if plan.notes else []
    notes.append(f"{result.requests:,} requests in {result.seconds:.0f} s")
    if result.requests < MIN_SAMPLES:
        notes.append("too few for a real p99 (it is about the max)")
    if plan.cold_pool is not None:
        cold = "all first requests of their pair" if result.requests <= plan.cold_pool else "pool exhausted"
        notes.append(f"{plan.cold_pool:,} distinct version pairs: {cold}")
    if result.errors or result.non_2xx:
        notes.append(f"**{result.errors} errors, {result.non_2xx} non-2xx**")
    return {
        "name": plan.name,
        **result.as_dict(),
        "floor_rps": round(floor.rps, 2),
        "ratio": result.rps / floor.rps if floor.rps else None,
        "target": plan.target,
        "target_text": plan.target_text,
        "notes": "; ".join(notes),
        "read": True,
    }


def time_passes(base: str, token: str, drafts: list[tuple[int, int]], warm: int = 2) -> dict[str, Any]:
    """POST /proposals/{id}/pass for each draft in turn; the first ``warm`` are not counted."""
    latencies, failures = [], 0
    for k, (pid, version) in enumerate(drafts):
        request = urllib.request.Request(  # noqa: S310 - base is http://127.0.0.1:port
            f"{base}/api/v1/proposals/{pid}/pass",
            data=b"{}",
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "If-Match": f'"proposal-{pid}-v{version}"',
            },
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - loopback http
                answer.read()
                ok = answer.status == 200
        except urllib.error.HTTPError:
            ok = False
        if k >= warm:
            latencies.append(time.perf_counter() - started)
            failures += not ok
    ordered = sorted(v * 1000 for v in latencies)
    return {
        "name": "POST /proposals/{id}/pass (5 amended 2 KB-ish clauses), sequential",
        "requests": len(ordered),
        "seconds": sum(latencies),
        "rps": len(ordered) / sum(latencies) if latencies else 0.0,
        "p50_ms": percentile(ordered, 50),
        "p99_ms": percentile(ordered, 99),
        "mean_ms": sum(ordered) / len(ordered) if ordered else 0.0,
        "max_ms": ordered[-1] if ordered else 0.0,
        "errors": 0,
        "non_2xx": failures,
        "ratio": None,
        "target": None,
        "target_text": "report",
        "notes": f"{len(ordered)} passes, one at a time (drafts made first)"
        + (f"; **{failures} failed**" if failures else ""),
        "read": False,
    }


def http_section(
    kind: str, prepared: Prepared, floor_server: bench_http.Server, args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    """Load each read endpoint (paired with a floor run), then pass proposals."""
    has_redline = REDLINE_RULE in app_rules(prepared.url)
    token = prepared.tokens[-1]["union_negotiator"]
    headers = {"Authorization": f"Bearer {token}"}
    env = {"BARGAINING_DATABASE_URL": prepared.url}
    floors: list[bench_http.Load] = []
    rows: list[dict[str, Any]] = []
    run = {"connections": args.connections, "use_wrk": not args.python_load}
    with bench_http.Server("wsgi:app", env, "/api/v1/health", tmp, f"api-{kind}") as api:
        for plan in plans(prepared, has_redline):
            if not plan.paths:
                rows.append({"name": plan.name, "skipped": plan.notes, "target_text": plan.target_text})
                continue
            log(f"{kind}: {plan.name}")
            warm = bench_http.run_load(
                api.base, plan.warm_paths or plan.paths, headers, duration=args.warmup, **run
            )
            floor = bench_http.run_load(floor_server.base, ["/hello"], {}, duration=args.duration, **run)
            seconds = run_seconds(args.duration, warm.rps if plan.cold_pool is None else 0.0)
            result = bench_http.run_load(api.base, plan.paths, headers, duration=seconds, **run)
            floors.append(floor)
            rows.append(load_row(plan, result, floor))
        log(f"{kind}: passing {len(prepared.drafts) - 2} proposals")
        rows.append(time_passes(api.base, token, prepared.drafts))
    floor_row = None
    if floors:
        floor_row = {
            "rps": median(f.rps for f in floors),
            "p50_ms": median(f.p50_ms for f in floors),
            "p99_ms": median(f.p99_ms for f in floors),
            "runs": len(floors),
            "all": [f.as_dict() for f in floors],
        }
    return {
        "database": kind,
        "prepare_seconds": round(prepared.seconds, 1),
        "tables": [_summary_table(t) for t in prepared.tables],
        "floor": floor_row,
        "endpoints": rows,
        "queries": query_counts(prepared, has_redline),
    }


def _summary_table(t: gen_table.Generated) -> dict[str, Any]:
    """What the JSON keeps of a generated table."""
    return {"table_id": t.table_id, "counts": t.counts, "two_kb_clauses": len(t.two_kb_versions)}


# ---------------------------------------------------------------- in-process measurements


def app_rules(url: str) -> set[str]:
    """The URL rules of the app on this database."""
    from bargaining.app import create_app

    app = create_app({"DATABASE_URL": url})
    try:
        return {rule.rule for rule in app.url_map.iter_rules()}
    finally:
        app.extensions["engine"].dispose()


def query_counts(prepared: Prepared, has_redline: bool) -> dict[str, dict[str, int]]:
    """SQL statements per request (after one warm-up request), small table against big table."""
    from sqlalchemy import event

    from bargaining.app import create_app

    app = create_app({"DATABASE_URL": prepared.url})
    client = app.test_client()
    engine = app.extensions["engine"]

    def count(path: str, token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        client.get(path, headers=headers)
        statements: list[str] = []

        def listener(*args: Any) -> None:
            statements.append(args[2])

        event.listen(engine, "before_cursor_execute", listener)
        try:
            answer = client.get(path, headers=headers)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
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
        redlines: Any = __import__("bargaining.services.redlines", fromlist=["table_redline"])
        cache: Any = __import__("bargaining.services.redline_cache", fromlist=["CACHE"]).CACHE
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


# ---------------------------------------------------------------- main


def run_sections(args: argparse.Namespace, results: dict[str, Any], tmp: Path) -> None:
    """Every section; a failing section is recorded and the others still run.

    The engine goes first, while this process holds little (a large heap of earlier results
    makes the garbage collector's passes dearer and blurs the scale series).
    """
    if not args.no_engine:
        engine_section(args, results)
    if not args.no_http:
        http_sections(args, results, tmp)


def engine_section(args: argparse.Namespace, results: dict[str, Any]) -> None:
    """The redline engine on real and synthetic text, then its scale series."""
    try:
        log("engine: real contracts" + ("" if args.no_raw else " (the raw character diffs take a minute)"))
        cases = bench_engine.real_cases(args.data, repeat=args.repeat, raw=not args.no_raw, progress=log)
        results["engine"] = [c.as_dict() for c in cases]
        log("engine: scale")
        gc.collect()
        series = bench_engine.scale_series(bench_engine.SCALE_SIZES, repeat=args.scale_repeat)
        for name, points in series.items():
            label = f"Whole-contract redline engine, generated contract: {name}"
            results["scale"][label] = scale_entry(points, "cpu")
    except Exception as exc:  # the HTTP figures still get reported
        results["errors"].append(f"engine: {type(exc).__name__}: {exc}")
        log(traceback.format_exc())


def http_sections(args: argparse.Namespace, results: dict[str, Any], tmp: Path) -> None:
    """The floor server, then for each database: prepare, load the endpoints, scale in process."""
    wrk = None if args.python_load else bench_http.wrk_path()
    workers = bench_http.gunicorn_workers()
    args.connections = args.connections or workers
    results["settings"].update(
        workers=workers,
        connections=args.connections,
        load_tool="wrk (1 thread)" if wrk else "scripts/bench_load.py (asyncio, second process)",
    )
    with bench_http.Server("scripts.bench_hello:app", {}, "/hello", tmp, "floor") as floor:
        warmup = {"connections": args.connections, "duration": args.warmup, "use_wrk": not args.python_load}
        bench_http.run_load(floor.base, ["/hello"], {}, **warmup)
        for kind in args.dbs:
            section_dir = tmp / kind
            section_dir.mkdir()
            try:
                with database(kind, section_dir, args.pg_url) as url:
                    if kind == "postgresql":
                        results["machine"]["postgresql"] = pg_version(url)
                    log(f"{kind}: preparing (migrate, generate {args.size}, tokens, drafts)")
                    prepared = prepare(url, args.size, args.passes)
                    results["http"][kind] = http_section(kind, prepared, floor, args, section_dir)
                    log(f"{kind}: scale (in process)")
                    gc.collect()
                    results["scale"].update(service_scale(prepared, kind, args.scale_repeat))
            except Exception as exc:  # one database failing must not hide the rest
                results["errors"].append(f"{kind}: {type(exc).__name__}: {exc}")
                log(traceback.format_exc())


def pg_version(url: str) -> str:
    """The PostgreSQL server version."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()


def failed_checks(results: dict[str, Any]) -> list[str]:
    """Correctness failures (not performance misses): errors, non-2xx answers, broken round-trips."""
    out = list(results["errors"])
    for kind, section in results["http"].items():
        for row in section["endpoints"]:
            if row.get("errors") or row.get("non_2xx"):
                out.append(f"{kind}: {row['name']}: {row.get('errors')} errors, {row.get('non_2xx')} non-2xx")
    for case in results.get("engine", []):
        if not case["round_trip"]:
            out.append(f"engine: {case['name']}: round-trip failed")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the report; write the JSON."""
    args = parse_args(argv)
    started = datetime.now(UTC)
    results: dict[str, Any] = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": bench_report.machine_info(None if args.python_load else bench_http.wrk_path()),
        "settings": {
            "duration": args.duration,
            "warmup": args.warmup,
            "size": args.size,
            "passes": args.passes,
            "repeat": args.repeat,
            "scale_repeat": args.scale_repeat,
            "dbs": args.dbs,
            "raw_diffs": not args.no_raw,
            "workers": bench_http.gunicorn_workers(),
            "connections": args.connections,
            "load_tool": "-",
        },
        "http": {},
        "engine": [],
        "scale": {},
        "errors": [],
    }
    tmp = Path(tempfile.mkdtemp(prefix="bargaining-bench-"))
    try:
        run_sections(args, results, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    machine = results["machine"]
    machine["load_average_end"] = bench_report.load_average()
    loads = (machine["load_average_start"] or [])[:1] + (machine["load_average_end"] or [])[:1]
    machine["busy"] = bool(loads) and max(loads) > (machine["cores"] or 1)
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds(), 1)
    results["failed_checks"] = failed_checks(results)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(bench_report.markdown(results))
    log(f"results: {path} ({results['seconds']} s)")
    return 1 if results["failed_checks"] else 0


if __name__ == "__main__":
    sys.exit(main())
