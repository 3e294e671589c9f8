"""The benchmark's results document: its skeleton, its closing figures, failed checks, the JSON file."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scripts import bench_capabilities, bench_http, bench_report


def new_results(args: argparse.Namespace, started: datetime) -> dict[str, Any]:
    """The results before any section ran: when, the machine, the settings."""
    return {
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
        "capabilities": [],
        "errors": [],
    }


def close(results: dict[str, Any], started: datetime) -> None:
    """The closing figures: load at the end, whether the machine was busy, seconds, failed checks."""
    machine = results["machine"]
    machine["load_average_end"] = bench_report.load_average()
    # Only the load before the run says whether other work shared the machine: the bench's own
    # servers and load generator keep the load average of two cores above 2 by the end.
    start = (machine["load_average_start"] or [])[:1]
    machine["busy"] = bool(start) and start[0] > (machine["cores"] or 1) / 2
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds(), 1)
    results["failed_checks"] = failed_checks(results)


def write_json(results: dict[str, Any], out: Path, started: datetime) -> Path:
    """Write the results as bench-<UTC timestamp>.json under ``out``; return the file's path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    return path


def failed_checks(results: dict[str, Any]) -> list[str]:
    """Correctness failures (not performance misses): errors, non-2xx answers, broken round-trips."""
    out = list(results["errors"])
    for kind, section in results["http"].items():
        for row in section["endpoints"]:
            if row.get("errors") or row.get("non_2xx"):
                out.append(f"{kind}: {row['name']}: {row.get('errors')} errors, {row.get('non_2xx')} non-2xx")
    out += bench_capabilities.failures(results.get("capabilities", []))
    for case in results.get("engine", []):
        if not case["round_trip"]:
            out.append(f"engine: {case['name']}: round-trip failed")
    return out
