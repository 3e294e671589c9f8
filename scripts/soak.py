"""`make soak`: mixed load on PostgreSQL from this (second) process against gunicorn on loopback.

Committee clients read the board and clauses and pass proposals; a burst of members reads the
TA summary (JSON, compressed, revalidating with If-None-Match) in the middle third. Afterwards
the invariants are checked: no error answers, the passed proposals' numbers gapless and unique,
each worker's resident memory flat after warm-up (<10% growth). p99 per endpoint is printed and
written as JSON. Usage: .venv/bin/python scripts/soak.py --seconds 600 [--size 150 1500 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench_http  # noqa: E402
from scripts.bench_load import percentile  # noqa: E402
from scripts.bench_prepare import database, prepare  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class Tally:
    """Latencies per endpoint and error answers, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.passed: list[str] = []

    def call(self, name: str, url: str, token: str, **kw: Any) -> tuple[int, dict[str, str], bytes]:
        """One request, timed; any status >= 400 other than 304 counts as an error."""
        headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
        request = urllib.request.Request(url, headers=headers, **kw)  # noqa: S310 - loopback
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                status, got, body = answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as err:
            status, got, body = err.code, dict(err.headers), err.read()
        except OSError as err:
            status, got, body = 0, {}, str(err).encode()
        with self.lock:
            self.latencies[name].append(time.perf_counter() - started)
            if status >= 400 or status == 0:
                self.errors.append(f"{name} {status} {body[:200]!r}")
        return status, got, body


def committee(tally: Tally, base: str, token: str, table: int, clauses: list[int], stop: float) -> None:
    """Read the board and clauses, as a committee at the table does."""
    rng = random.Random(threading.get_ident())
    while time.monotonic() < stop:
        tally.call("GET /tables/{id}/status", f"{base}/api/v1/tables/{table}/status", token)
        for _ in range(3):
            cid = rng.choice(clauses)
            tally.call("GET /clauses/{id}", f"{base}/api/v1/clauses/{cid}", token)


def passer(
    tally: Tally, base: str, token: str, drafts: list[tuple[int, int]], stop: float, gap: float
) -> None:
    """Pass the prepared drafts one by one, spread over the run."""
    for pid, version in drafts:
        if time.monotonic() >= stop:
            return
        status, _, body = tally.call(
            "POST /proposals/{id}/pass",
            f"{base}/api/v1/proposals/{pid}/pass",
            token,
            data=b"{}",
            method="POST",
            headers={"Content-Type": "application/json", "If-Match": f'"proposal-{pid}-v{version}"'},
        )
        if status == 200:
            with tally.lock:
                tally.passed.append(json.loads(body)["number"])
        time.sleep(gap)


def member(tally: Tally, base: str, token: str, table: int, start: float, stop: float) -> None:
    """A member in the rush: read the summary (compressed), then revalidate it."""
    time.sleep(max(0.0, start - time.monotonic()))
    url = f"{base}/api/v1/tables/{table}/ta-summary"
    etag = ""
    while time.monotonic() < stop:
        headers = {"Accept-Encoding": "gzip, br", **({"If-None-Match": etag} if etag else {})}
        status, got, _ = tally.call("GET /tables/{id}/ta-summary", url, token, headers=headers)
        etag = got.get("ETag", etag) if status in (200, 304) else ""


def warm_up(base: str, tokens: dict[str, str], table: int, workers: int) -> None:
    """Every read a few times per worker before the clock starts (not counted)."""
    warm = Tally()
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


def rss_of_workers(master: int) -> dict[int, int]:
    """Resident memory (kB) of each gunicorn worker, read from /proc."""
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
            out[int(pid)] = int(fields["VmRSS"].split()[0])
    return out


def run(
    url: str, seconds: float, clients: int, members: int, passes: int, size: tuple[int, int, int]
) -> dict[str, Any]:
    """Prepare the table, serve it, load it and check the invariants."""
    prepared = prepare(url, size, passes)
    big, tokens = prepared.big, prepared.tokens[-1]
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"BARGAINING_DATABASE_URL": url}
        with bench_http.Server("wsgi:app", env, "/api/v1/health", Path(tmp), "soak") as server:
            assert server.process is not None
            master = server.process.pid
            warm_up(server.base, tokens, big.table_id, bench_http.gunicorn_workers(env))
            begun = time.monotonic()
            stop = begun + seconds
            warm_rss: dict[int, int] = {}
            threads = [
                threading.Thread(
                    target=committee,
                    args=(tally, server.base, tokens[role], big.table_id, big.clause_ids, stop),
                )
                for role in ("union_negotiator", "employer_negotiator")[: max(1, clients)]
            ]
            gap = seconds / max(1, passes) * 0.8
            threads.append(
                threading.Thread(
                    target=passer,
                    args=(
                        tally,
                        server.base,
                        tokens["union_negotiator"],
                        prepared.drafts[:passes],
                        stop,
                        gap,
                    ),
                )
            )
            burst = (begun + seconds / 3, begun + 2 * seconds / 3)
            threads += [
                threading.Thread(
                    target=member, args=(tally, server.base, tokens["member"], big.table_id, *burst)
                )
                for _ in range(members)
            ]
            for thread in threads:
                thread.start()
            time.sleep(min(seconds / 5, 60))
            warm_rss = rss_of_workers(master)
            for thread in threads:
                thread.join()
            end_rss = rss_of_workers(master)
    return report(tally, warm_rss, end_rss, seconds)


def report(tally: Tally, warm: dict[int, int], end: dict[int, int], seconds: float) -> dict[str, Any]:
    """Per-endpoint counts and percentiles, errors, numbers and memory growth."""
    numbers = sorted(int(n) for n in tally.passed)
    growth = {pid: (end[pid] - warm[pid]) / warm[pid] for pid in warm if pid in end}
    endpoints = {
        name: {
            "requests": len(lat),
            "p50_ms": round(percentile(sorted(lat), 50) * 1000, 1),
            "p99_ms": round(percentile(sorted(lat), 99) * 1000, 1),
        }
        for name, lat in sorted(tally.latencies.items())
    }
    return {
        "seconds": seconds,
        "load_average": os.getloadavg(),
        "endpoints": endpoints,
        "errors": tally.errors[:20],
        "error_count": len(tally.errors),
        "passed_numbers": len(numbers),
        "numbers_gapless_unique": numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        if numbers
        else True,
        "rss_kb": {"warm": warm, "end": end},
        "rss_growth_max": max(growth.values(), default=0.0),
        "workers_same": sorted(warm) == sorted(end),
    }


def ok(result: dict[str, Any]) -> bool:
    """The soak's invariants."""
    return bool(
        result["error_count"] == 0
        and result["numbers_gapless_unique"]
        and result["workers_same"]
        and result["rss_growth_max"] < 0.10
    )


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the table; exit 1 if an invariant broke."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--size", type=int, nargs=3, default=(150, 1500, 10000))
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--members", type=int, default=8)
    parser.add_argument("--passes", type=int, default=40)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--out", default="soak.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, database("postgresql", Path(tmp), args.pg_url) as url:
        result = run(url, args.seconds, args.clients, args.members, args.passes, tuple(args.size))
    Path(args.out).write_text(json.dumps(result, indent=2, default=str))
    for name, row in result["endpoints"].items():
        print(f"{name:34} {row['requests']:7} req  p50 {row['p50_ms']:8.1f} ms  p99 {row['p99_ms']:8.1f} ms")
    gapless = result["numbers_gapless_unique"]
    print(f"errors {result['error_count']}  passed {result['passed_numbers']} gapless {gapless}")
    print(f"rss growth max {result['rss_growth_max']:.1%}  load average {result['load_average']}")
    return 0 if ok(result) else 1


if __name__ == "__main__":
    sys.exit(main())
