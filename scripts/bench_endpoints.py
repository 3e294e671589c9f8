"""The API's endpoints under load: what to load, each run against its paired floor run, the passes.

Every read endpoint is warmed up, then loaded right after a floor run (bare Flask under the same
gunicorn settings) so a busy machine weighs on both alike. A slow endpoint's run is stretched to
collect enough requests for a p99. Passing proposals is timed one request at a time.
"""

from __future__ import annotations

import argparse
import math
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from scripts import bench_http, gen_table
from scripts.bench_inprocess import query_counts
from scripts.bench_load import percentile
from scripts.bench_prepare import Prepared

REDLINE_RULE = "/api/v1/clauses/<int:clause_id>/redline"
CLAUSE_PLAN = "GET /clauses/{id} (clause with its text)"
BOUND_PLAN = "Bound: bare Flask view, GET a clause's one statement on the driver"
BOUND_NOTES = "scripts/bench_bound.py: no hooks, pool or schema; a kept connection; the same paths"
WARM_PAIRS = 8
MIN_SAMPLES = 20  # a slow endpoint's run is stretched to collect about this many requests


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
            CLAUSE_PLAN,
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
    if result.tries > 1 or floor.tries > 1:
        notes.append(f"runs made again, connections on one worker: {result.tries} (floor {floor.tries})")
    return {
        "name": plan.name,
        **result.as_dict(),
        "floor_rps": round(floor.rps, 2),
        "floor_tries": floor.tries,
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
    kind: str,
    prepared: Prepared,
    floor_server: bench_http.Server,
    args: argparse.Namespace,
    tmp: Path,
    *,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Load each read endpoint (paired with a floor run), then pass proposals."""
    has_redline = REDLINE_RULE in app_rules(prepared.url)
    token = prepared.tokens[-1]["union_negotiator"]
    headers = {"Authorization": f"Bearer {token}"}
    env = {"BARGAINING_DATABASE_URL": prepared.url}
    floors: list[bench_http.Load] = []
    rows: list[dict[str, Any]] = []
    with bench_http.Server("wsgi:app", env, "/api/v1/health", tmp, f"api-{kind}") as api:
        for plan in plans(prepared, has_redline):
            if not plan.paths:
                rows.append({"name": plan.name, "skipped": plan.notes, "target_text": plan.target_text})
                continue
            progress(f"{kind}: {plan.name}")
            rows.append(measured(api, plan, floor_server, headers, args, floors))
            if plan.name == CLAUSE_PLAN:
                progress(f"{kind}: {BOUND_PLAN}")
                rows.append(bound_row(plan, env, floor_server, headers, args, floors, tmp / f"bound-{kind}"))
                if rows[-2]["ratio"] and rows[-1]["ratio"]:
                    rows[-2]["notes"] += f"; {rows[-2]['ratio'] / rows[-1]['ratio']:.0%} of the bound below"
        progress(f"{kind}: passing {len(prepared.drafts) - 2} proposals")
        rows.append(time_passes(api.base, token, prepared.drafts))
    summary = floor_summary(floors)
    if summary is not None:
        solo = bench_http.run_load(
            floor_server.base,
            ["/hello"],
            {},
            duration=args.duration,
            connections=1,
            use_wrk=not args.python_load,
        )
        summary |= {"solo_p50_ms": solo.p50_ms, "solo_p99_ms": solo.p99_ms}
    return {
        "database": kind,
        "prepare_seconds": round(prepared.seconds, 1),
        "tables": [_summary_table(t) for t in prepared.tables],
        "floor": summary,
        "endpoints": rows,
        "queries": query_counts(prepared, has_redline),
    }


def measured(
    server: bench_http.Server,
    plan: Plan,
    floor_server: bench_http.Server,
    headers: dict[str, str],
    args: argparse.Namespace,
    floors: list[bench_http.Load],
) -> dict[str, Any]:
    """Warm an endpoint up, load the floor, then the endpoint, then the endpoint alone: its row.

    The floor's and the endpoint's runs are spread_load's: a run whose connections all landed on
    one worker is made again (bench_http.SPREAD_SHARE)."""
    run = {"connections": args.connections, "use_wrk": not args.python_load}
    base = server.base
    warm = bench_http.run_load(base, plan.warm_paths or plan.paths, headers, duration=args.warmup, **run)
    floor = bench_http.spread_load(floor_server, ["/hello"], {}, duration=args.duration, **run)
    seconds = run_seconds(args.duration, warm.rps if plan.cold_pool is None else 0.0)
    result = bench_http.spread_load(server, plan.paths, headers, duration=seconds, **run)
    floors.append(floor)
    return load_row(plan, result, floor) | solo_latency(base, plan, result, headers, args)


def bound_row(
    clause: Plan,
    env: dict[str, str],
    floor_server: bench_http.Server,
    headers: dict[str, str],
    args: argparse.Namespace,
    floors: list[bench_http.Load],
    log_dir: Path,
) -> dict[str, Any]:
    """The bound (scripts/bench_bound.py) on GET a clause's paths, served and loaded like it."""
    log_dir.mkdir(exist_ok=True)
    with bench_http.Server("scripts.bench_bound:app", env, "/health", log_dir, "bound") as bound:
        plan = Plan(BOUND_PLAN, clause.paths, notes=BOUND_NOTES)
        return measured(bound, plan, floor_server, headers, args, floors)


def solo_latency(
    base: str, plan: Plan, loaded: bench_http.Load, headers: dict[str, str], args: argparse.Namespace
) -> dict[str, Any]:
    """p50 and p99 with one connection: the app's own latency, without queueing behind other workers.

    Under load, four workers and the load generator share two cores, so a request often waits a
    scheduler slice for a CPU: the floor's own p99 is then ten times its p50. One connection at a
    time shows the tail the app itself adds. A cold run goes on with pairs not yet requested.
    """
    paths = plan.paths[loaded.requests + 1 :] if plan.cold_pool is not None else plan.paths
    seconds = run_seconds(args.duration, loaded.rps / max(1, loaded.connections))
    solo = bench_http.run_load(
        base, paths or plan.paths, headers, duration=seconds, connections=1, use_wrk=not args.python_load
    )
    return {"solo_p50_ms": solo.p50_ms, "solo_p99_ms": solo.p99_ms, "solo_requests": solo.requests}


def floor_summary(floors: list[bench_http.Load]) -> dict[str, Any] | None:
    """The floor runs' medians, and every run (None when no endpoint was loaded)."""
    if not floors:
        return None
    return {
        "rps": median(f.rps for f in floors),
        "p50_ms": median(f.p50_ms for f in floors),
        "p99_ms": median(f.p99_ms for f in floors),
        "runs": len(floors),
        "all": [f.as_dict() for f in floors],
    }


def _summary_table(t: gen_table.Generated) -> dict[str, Any]:
    """What the JSON keeps of a generated table."""
    return {"table_id": t.table_id, "counts": t.counts, "two_kb_clauses": len(t.two_kb_versions)}


def app_rules(url: str) -> set[str]:
    """The URL rules of the app on this database."""
    from bargaining.app import create_app

    app = create_app({"DATABASE_URL": url})
    try:
        return {rule.rule for rule in app.url_map.iter_rules()}
    finally:
        app.extensions["engine"].dispose()
