"""`make soak`: mixed load on PostgreSQL from this (second) process against gunicorn on loopback.

Committee clients read the board and clauses; a passer passes proposals, each followed by a TA
the employer offers and the union countersigns; a burst of members (--members at once, reading
as --rush-members different people in turn) reads the TA summary (JSON, compressed, revalidating
with If-None-Match) and the members' page in the middle third, and a first rush during the
warm-up (--warm-seconds, 60: growth is measured from its end); three callers (union, employer,
member) hold the event stream open throughout, reconnecting with Last-Event-ID. Afterwards the
invariants are checked: no error answers; proposal labels and TA numbers gapless and unique; each
stream received exactly the ids the feed gives its caller, in order, once (the union's are
consecutive); each worker's resident memory, sampled every 30 s, grew under 10% after warm-up.
p99 per endpoint is printed and written as JSON. Usage:
.venv/bin/python scripts/soak.py --seconds 600 [--size 150 1500 10000] [--env MALLOC_ARENA_MAX=4]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench_http  # noqa: E402
from scripts import soak_clients as clients  # noqa: E402
from scripts.bench_load import percentile  # noqa: E402
from scripts.bench_prepare import database, member_tokens, prepare  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STREAM_ROLES = ("union_negotiator", "employer_negotiator", "member")


def warm_up(base: str, tokens: dict[str, str], table: int, workers: int) -> None:
    """Every read a few times per worker before the clock starts (not counted)."""
    warm = clients.Tally()
    reads = [("union_negotiator", "status"), ("employer_negotiator", "status"), ("member", "ta-summary")]

    def one() -> None:
        for role, path in reads:
            headers = {"Accept-Encoding": "gzip, br"}
            warm.call(path, f"{base}/api/v1/tables/{table}/{path}", tokens[role], headers=headers)

    threads = [threading.Thread(target=one) for _ in range(workers * 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def rss_of_workers(master: int, field: str = "VmRSS") -> dict[int, int]:
    """Resident memory (kB) of each gunicorn worker, read from /proc (RssAnon: heap, not mapped files)."""
    out: dict[int, int] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            out[int(pid)] = int(fields[field].split()[0])
    return out


class Sampler(threading.Thread):
    """Every worker's resident memory every `every` seconds until stopped: (seconds in, {pid: kB})."""

    def __init__(self, master: int, every: float, begun: float) -> None:
        super().__init__(daemon=True)
        self.master, self.every, self.begun = master, every, begun
        self.samples: list[tuple[float, dict[int, int]]] = []
        self.anon: list[tuple[float, dict[int, int]]] = []
        self.halt = threading.Event()

    def sample(self) -> None:
        """Every worker's RSS and anonymous RSS now."""
        at = round(time.monotonic() - self.begun, 1)
        self.samples.append((at, rss_of_workers(self.master)))
        self.anon.append((at, rss_of_workers(self.master, "RssAnon")))

    def run(self) -> None:
        """Sample now, then every `every` seconds, and once more when halted."""
        while True:
            self.sample()
            if self.halt.wait(self.every):
                self.sample()
                return


def start_clients(
    tally: clients.Tally,
    base: str,
    tokens: dict[str, str],
    prepared: Any,
    args: argparse.Namespace,
    begun: float,
) -> tuple[list[threading.Thread], list[threading.Thread]]:
    """The writers and readers (stopped by the clock) and the event streams (stopped by `done`)."""
    big, stop = prepared.big, begun + args.seconds
    threads = [
        threading.Thread(
            target=clients.committee, args=(tally, base, tokens[role], big.table_id, big.clause_ids, stop)
        )
        for role in ("union_negotiator", "employer_negotiator")[: max(1, args.clients)]
    ]
    gap = args.seconds / max(1, args.passes) * 0.8
    drafts = prepared.drafts[: args.passes]
    threads.append(
        threading.Thread(target=clients.passer, args=(tally, base, tokens, big.table_id, drafts, stop, gap))
    )
    # The rush comes in the middle third; a first one during the warm-up sets each worker's memory
    # high-water mark (concurrent cold summaries) before growth is measured.
    windows = [(begun, begun + args.warm_seconds)] if args.warm_seconds < args.seconds / 3 else []
    windows.append((begun + args.seconds / 3, begun + 2 * args.seconds / 3))
    threads += [
        threading.Thread(
            target=clients.member,
            args=(tally, base, args.rush_tokens, big.table_id, windows, args.member_encoding),
        )
        for _ in range(args.members)
    ]
    streams = [
        threading.Thread(
            target=clients.stream, args=(tally, base, tokens[role], big.table_id, args.after[role], args.done)
        )
        for role in STREAM_ROLES
    ]
    for thread in threads + streams:
        thread.start()
    return threads, streams


def run(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """Prepare the table, serve it, load it and check the invariants."""
    prepared = prepare(url, tuple(args.size), args.passes)
    big, tokens = prepared.big, prepared.tokens[-1]
    args.rush_tokens = [tokens["member"], *member_tokens(url, prepared, args.rush_members - 1)]
    tally = clients.Tally()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"BARGAINING_DATABASE_URL": url, **dict(kv.split("=", 1) for kv in args.env)}
        with bench_http.Server("wsgi:app", env, "/api/v1/health", Path(tmp), "soak") as server:
            assert server.process is not None
            warm_up(server.base, tokens, big.table_id, bench_http.gunicorn_workers(env))
            args.after = {
                r: clients.last_event_id(server.base, tokens[r], big.table_id) for r in STREAM_ROLES
            }
            args.done = threading.Event()
            begun = time.monotonic()
            sampler = Sampler(server.process.pid, args.sample_seconds, begun)
            sampler.start()
            writers, streams = start_clients(tally, server.base, tokens, prepared, args, begun)
            for thread in writers:
                thread.join()
            time.sleep(3)  # a poll and a margin: the last events reach the streams
            args.done.set()
            for thread in streams:
                thread.join()
            sampler.halt.set()
            sampler.join()
            fed = {
                r: clients.feed_ids(server.base, tokens[r], big.table_id, args.after[r]) for r in STREAM_ROLES
            }
    result = report(tally, sampler.samples, fed, args)
    result["memory"]["anon_series_kb"] = sampler.anon
    return result


def streams_check(tally: clients.Tally, fed: dict[str, list[int]]) -> dict[str, Any]:
    """Each stream got exactly the feed's ids for its caller, in order, once; the union's are consecutive."""
    out: dict[str, Any] = {}
    for role, ids in zip(STREAM_ROLES, tally.streams, strict=True):
        want = fed[role]
        out[role] = {
            "received": len(ids),
            "duplicates": len(ids) - len(set(ids)),
            "lost": len(set(want) - set(ids)),
            "unexpected": len(set(ids) - set(want)),
            "in_order": ids == sorted(ids),
            "consecutive": ids == list(range(ids[0], ids[0] + len(ids))) if ids else True,
        }
        out[role]["ok"] = ids == want and (role != "union_negotiator" or out[role]["consecutive"])
    return out


def memory(samples: list[tuple[float, dict[int, int]]], warm_seconds: float) -> dict[str, Any]:
    """Growth of each worker from the first sample after warm-up to the last one."""
    warm = next((rss for at, rss in samples if at >= warm_seconds), samples[-1][1])
    end = samples[-1][1]
    growth = {pid: (end[pid] - warm[pid]) / warm[pid] for pid in warm if pid in end}
    return {
        "warm_kb": warm,
        "end_kb": end,
        "series_kb": samples,
        "growth_max": max(growth.values(), default=0.0),
        "workers_same": sorted(warm) == sorted(end),
    }


def numbers_ok(numbers: list[int]) -> bool:
    """Gapless and unique."""
    ordered = sorted(numbers)
    return ordered == list(range(ordered[0], ordered[0] + len(ordered))) if ordered else True


def report(
    tally: clients.Tally, samples: list[tuple[float, dict[int, int]]], fed: dict[str, list[int]], args: Any
) -> dict[str, Any]:
    """Per-endpoint counts and percentiles, errors, numbers, event streams and memory growth."""
    labels = [int(label.split("-")[-1]) for label in tally.passed]
    endpoints = {
        name: {
            "requests": len(lat),
            "p50_ms": round(percentile(sorted(lat), 50) * 1000, 1),
            "p99_ms": round(percentile(sorted(lat), 99) * 1000, 1),
        }
        for name, lat in sorted(tally.latencies.items())
    }
    return {
        "seconds": args.seconds,
        "server_env": args.env,
        "load_average": os.getloadavg(),
        "endpoints": endpoints,
        "errors": tally.errors[:20],
        "error_count": len(tally.errors),
        "passed_numbers": len(labels),
        "numbers_gapless_unique": numbers_ok(labels),
        "tas_signed": len(tally.tas),
        "ta_numbers_gapless_unique": numbers_ok(tally.tas),
        "streams": streams_check(tally, fed),
        "memory": memory(samples, args.warm_seconds),
    }


def ok(result: dict[str, Any]) -> bool:
    """The soak's invariants."""
    return bool(
        result["error_count"] == 0
        and result["numbers_gapless_unique"]
        and result["ta_numbers_gapless_unique"]
        and result["passed_numbers"] == result["tas_signed"] > 0
        and all(s["ok"] for s in result["streams"].values())
        and result["memory"]["workers_same"]
        and result["memory"]["growth_max"] < 0.10
    )


def print_result(result: dict[str, Any]) -> None:
    """The table and the invariants, for a person."""
    for name, row in result["endpoints"].items():
        print(f"{name:44} {row['requests']:7} req  p50 {row['p50_ms']:8.1f} ms  p99 {row['p99_ms']:8.1f} ms")
    print(
        f"errors {result['error_count']}  proposals passed {result['passed_numbers']} gapless+unique "
        f"{result['numbers_gapless_unique']}  TAs signed {result['tas_signed']} gapless+unique "
        f"{result['ta_numbers_gapless_unique']}"
    )
    for role, check in result["streams"].items():
        print(f"stream {role}: " + " ".join(f"{k}={v}" for k, v in check.items()))
    anon = dict(result["memory"].get("anon_series_kb", []))
    for at, rss in result["memory"]["series_kb"]:
        line = " ".join(f"{kb / 1024:4.0f}" for _, kb in sorted(rss.items()))
        heap = " ".join(f"{kb / 1024:4.0f}" for _, kb in sorted(anon.get(at, {}).items()))
        print(f"t={at:5.0f}s  rss {line} MB  anon {heap} MB")
    print(
        f"rss growth max {result['memory']['growth_max']:.1%} after "
        f"warm-up  load average {result['load_average']}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--size", type=int, nargs=3, default=(150, 1500, 10000))
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--members", type=int, default=8, help="members reading at once in the rush")
    parser.add_argument("--rush-members", type=int, default=200, help="different members they read as")
    parser.add_argument(
        "--member-encoding", default="gzip, br", help="members' Accept-Encoding (identity: no compression)"
    )
    parser.add_argument("--passes", type=int, default=40)
    parser.add_argument("--sample-seconds", type=float, default=30.0, help="RSS of every worker this often")
    parser.add_argument("--warm-seconds", type=float, default=60.0, help="growth is measured from here")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server (experiments)")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--out", default="soak.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the table; exit 1 if an invariant broke."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, database("postgresql", Path(tmp), args.pg_url) as url:
        result = run(url, args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, default=str))
    print_result(result)
    return 0 if ok(result) else 1


if __name__ == "__main__":
    sys.exit(main())
