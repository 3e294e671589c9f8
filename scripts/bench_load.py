"""A bounded HTTP load generator for loopback only: N connections for T seconds, at most M requests.

    python scripts/bench_load.py --port 8000 --path /hello --connections 4 --duration 5 --max-requests 50000

The fallback of scripts/bench.py when wrk is not installed. Each connection sends one GET at a
time and reads the answer to the end, opening a new connection for each request (wrk keeps its
connections open: the two are not comparable run to run). It prints one JSON object
with the same fields as the wrk runner: requests, seconds, errors, non-2xx, p50/p99/mean/max.
It refuses any address but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

LOOPBACK = "127.0.0.1"


@dataclass
class Tally:
    """What one load run saw."""

    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    non_2xx: int = 0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    mean_ms: float = 0.0
    max_ms: float = 0.0


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of sorted values, nearest-rank; 0 when empty."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(q / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def summarize(latencies: list[float], seconds: float, errors: int, non_2xx: int) -> Tally:
    """Build the tally from latencies in seconds."""
    ordered = sorted(latencies)
    ms = [v * 1000 for v in ordered]
    return Tally(
        requests=len(ms),
        seconds=seconds,
        errors=errors,
        non_2xx=non_2xx,
        p50_ms=percentile(ms, 50),
        p99_ms=percentile(ms, 99),
        mean_ms=sum(ms) / len(ms) if ms else 0.0,
        max_ms=ms[-1] if ms else 0.0,
    )


def request_bytes(path: str, headers: dict[str, str]) -> bytes:
    """An HTTP/1.1 GET that asks the server to close the connection after answering."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {LOOPBACK}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def status_of(response: bytes) -> int:
    """The status code of a raw HTTP response (0 if unreadable)."""
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


async def _one(port: int, payload: bytes) -> int:
    """Send one request on a new connection; return its status."""
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        writer.write(payload)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    return status_of(data)


async def run(
    port: int,
    paths: Sequence[str],
    headers: dict[str, str],
    connections: int,
    duration: float,
    max_requests: int,
) -> Tally:
    """Keep ``connections`` requests in flight for ``duration`` s, never more than max_requests."""
    payloads = [request_bytes(p, headers) for p in paths]
    latencies: list[float] = []
    counts = {"sent": 0, "errors": 0, "non_2xx": 0}
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        while time.perf_counter() < deadline and counts["sent"] < max_requests:
            payload = payloads[counts["sent"] % len(payloads)]
            counts["sent"] += 1
            started = time.perf_counter()
            try:
                status = await _one(port, payload)
            except OSError:
                counts["errors"] += 1
                continue
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                counts["non_2xx"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return summarize(latencies, time.perf_counter() - started, counts["errors"], counts["non_2xx"])


def main(argv: list[str] | None = None) -> int:
    """Run one load and print its tally as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default=LOOPBACK)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", action="append", required=True, help="repeat to cycle over paths")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.host != LOOPBACK:
        parser.error("only 127.0.0.1 is allowed")
    if args.connections < 1 or args.duration <= 0 or args.max_requests < 1:
        parser.error("connections, duration and max-requests must be positive")
    headers = dict(h.split(":", 1) for h in args.header)
    headers = {k.strip(): v.strip() for k, v in headers.items()}
    tally = asyncio.run(
        run(args.port, args.path, headers, args.connections, args.duration, args.max_requests)
    )
    print(json.dumps(asdict(tally)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
