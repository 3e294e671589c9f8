"""`make bench`: the API under load against a bare-Flask floor, the redline engine, and scale.

    python scripts/bench.py [--duration 5] [--dbs sqlite,postgresql] [--no-raw] [--quick]
                            [--no-engine] [--no-http] [--no-capabilities]

Writes a Markdown report to stdout (progress goes to stderr) and the full results as JSON to
bench/results/bench-<UTC timestamp>.json. For each database it prepares a fresh one (a SQLite
file in a temporary directory; a PostgreSQL schema it drops at the end), migrates it with
`flask --app wsgi init-db`, fills it with scripts/gen_table.py (tables of 10, 150 and 1,500
clauses), issues tokens through the users service, and serves it with gunicorn exactly as
`make run` does, next to the floor (scripts/bench_hello.py under the same configuration). Every
endpoint run is preceded by a warm-up and paired with a floor run, both with the same load
generator (wrk if installed, else scripts/bench_load.py). Every process it starts is stopped on
exit, error or not. Exit status 1 if a section failed or a check (round-trip, a non-2xx answer)
did; missed performance targets are reported, not failed. Then the other capabilities' scripts
(costing, import and comparison, documents, search, perf) run in child processes with reduced
repeats (scripts/bench_capabilities.py) and their figures join the report and the JSON as rows,
each with its target and whether it was met.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import (  # noqa: E402
    bench_capabilities,
    bench_engine,
    bench_http,
    bench_raw,
    bench_redline,
    bench_report,
    bench_results,
)
from scripts.bench_endpoints import Plan, http_section, load_row, plans, redline_pairs, run_seconds  # noqa: E402
from scripts.bench_inprocess import scale_entry, service_scale  # noqa: E402
from scripts.bench_prepare import Prepared, database, make_drafts, pg_version, prepare  # noqa: E402
from scripts.bench_results import failed_checks  # noqa: E402

# Besides main: the names the tests (and older callers) reach through this module.
__all__ = [
    "Plan",
    "Prepared",
    "failed_checks",
    "load_row",
    "main",
    "make_drafts",
    "parse_args",
    "plans",
    "redline_pairs",
    "run_seconds",
    "scale_entry",
]

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RESULTS = ROOT / "bench" / "results"


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
    parser.add_argument("--no-raw", action="store_true", help="skip the raw character diffs")
    parser.add_argument("--no-engine", action="store_true", help="skip the redline engine section")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP section")
    parser.add_argument(
        "--no-capabilities", action="store_true", help="skip costing, intake, documents, search, perf"
    )
    parser.add_argument(
        "--capability-dbs", default="sqlite", help="databases for the capability scripts (sqlite,postgresql)"
    )
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


def run_sections(args: argparse.Namespace, results: dict[str, Any], tmp: Path) -> None:
    """Every section; a failing section is recorded and the others still run.

    The engine goes first, while this process holds little (a large heap of earlier results
    makes the garbage collector's passes dearer and blurs the scale series). The raw character
    diffs run in a process of their own beside the engine and the databases' preparation, and
    are waited for before any load runs (scripts/bench_raw.py).
    """
    raw = None if args.no_raw or args.no_engine else bench_raw.RawDiffs()
    cases: list[bench_engine.EngineCase] = []
    try:
        if not args.no_engine:
            cases = engine_section(args, results, raw)
        if not args.no_http:
            http_sections(args, results, tmp, ready=lambda: finish_engine(results, cases, raw))
        finish_engine(results, cases, raw)
    finally:
        if raw is not None:
            raw.finish()
    if not args.no_capabilities:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        dbs = [d.strip() for d in args.capability_dbs.split(",") if d.strip()]
        results["capabilities"] = bench_capabilities.run_all(dbs, args.pg_url, tmp / "capabilities", env, log)


def engine_section(
    args: argparse.Namespace, results: dict[str, Any], raw: bench_raw.RawDiffs | None
) -> list[bench_engine.EngineCase]:
    """The redline engine on real and synthetic text (raw diffs handed to ``raw``), then its scale series."""
    cases: list[bench_engine.EngineCase] = []
    try:
        log("engine: real contracts" + ("" if raw is None else " (raw character diffs in a second process)"))
        cases = bench_engine.real_cases(args.data, repeat=args.repeat, raw=raw, progress=log)
        log("engine: scale")
        gc.collect()
        series = bench_engine.scale_series(bench_engine.SCALE_SIZES, repeat=args.scale_repeat)
        for name, points in series.items():
            label = f"Whole-contract redline engine, generated contract: {name}"
            results["scale"][label] = scale_entry(points, "cpu")
    except Exception as exc:  # the HTTP figures still get reported
        results["errors"].append(f"engine: {type(exc).__name__}: {exc}")
        log(traceback.format_exc())
    return cases


def finish_engine(
    results: dict[str, Any], cases: list[bench_engine.EngineCase], raw: bench_raw.RawDiffs | None
) -> None:
    """Wait for the raw diffs and write the engine's cases into the results (again: the same)."""
    if not cases:
        return
    if raw is not None and raw.waiting:
        log(f"engine: waiting for {raw.waiting} raw character diffs")
        try:
            raw.finish()
        except Exception as exc:  # the redline figures still get reported, without their ratio
            results["errors"].append(f"engine raw diffs: {type(exc).__name__}: {exc}")
    results["engine"] = [c.as_dict() for c in cases]


def http_sections(
    args: argparse.Namespace, results: dict[str, Any], tmp: Path, *, ready: Callable[[], None]
) -> None:
    """Prepare every database, call ``ready``, then for each: load the endpoints, scale in process."""
    wrk = None if args.python_load else bench_http.wrk_path()
    workers = bench_http.gunicorn_workers()
    args.connections = args.connections or workers
    results["settings"].update(
        workers=workers,
        connections=args.connections,
        load_tool="wrk (1 thread)" if wrk else "scripts/bench_load.py (asyncio, second process)",
    )
    with ExitStack() as stack:
        prepared = {kind: prepared_database(kind, args, results, stack, tmp / kind) for kind in args.dbs}
        ready()
        floor = stack.enter_context(bench_http.Server("scripts.bench_hello:app", {}, "/hello", tmp, "floor"))
        warmup = {"connections": args.connections, "duration": args.warmup, "use_wrk": not args.python_load}
        bench_http.run_load(floor.base, ["/hello"], {}, **warmup)
        for kind, ready_db in prepared.items():
            if ready_db is not None:
                database_section(kind, ready_db, args, results, floor, tmp / kind)


def prepared_database(
    kind: str, args: argparse.Namespace, results: dict[str, Any], stack: ExitStack, section_dir: Path
) -> Prepared | None:
    """A fresh database of this kind, prepared, kept until the stack closes; None if that failed."""
    section_dir.mkdir()
    try:
        url = stack.enter_context(database(kind, section_dir, args.pg_url))
        if kind == "postgresql":
            results["machine"]["postgresql"] = pg_version(url)
        log(f"{kind}: preparing (migrate, generate {args.size}, tokens, drafts)")
        return prepare(url, args.size, args.passes)
    except Exception as exc:  # one database failing must not hide the rest
        results["errors"].append(f"{kind}: {type(exc).__name__}: {exc}")
        log(traceback.format_exc())
        return None


def database_section(
    kind: str,
    prepared: Prepared,
    args: argparse.Namespace,
    results: dict[str, Any],
    floor: bench_http.Server,
    section_dir: Path,
) -> None:
    """One prepared database: load its endpoints, then its scale series in process; a failure is recorded."""
    try:
        results["http"][kind] = http_section(kind, prepared, floor, args, section_dir, progress=log)
        log(f"{kind}: scale (in process)")
        gc.collect()
        results["scale"].update(service_scale(prepared, kind, args.scale_repeat))
    except Exception as exc:  # one database failing must not hide the rest
        results["errors"].append(f"{kind}: {type(exc).__name__}: {exc}")
        log(traceback.format_exc())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the report; write the JSON."""
    args = parse_args(argv)
    started = datetime.now(UTC)
    results = bench_results.new_results(args, started)
    tmp = Path(tempfile.mkdtemp(prefix="bargaining-bench-"))
    try:
        run_sections(args, results, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bench_results.close(results, started)
    path = bench_results.write_json(results, args.out, started)
    print(bench_report.markdown(results))
    log(f"results: {path} ({results['seconds']} s)")
    return 1 if results["failed_checks"] else 0


if __name__ == "__main__":
    sys.exit(main())
