"""Benchmark report: the machine and versions, and the Markdown tables (pure functions of the results)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from scripts import bench_summary

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = (
    "flask",
    "sqlalchemy",
    "fast-diff-match-patch",
    "gunicorn",
    "psycopg",
    "diff-match-patch",
    "werkzeug",
)
P99_OVER_P50 = 3.0
GROWTH_TOLERANCE = 1.15  # growth above this is reported as faster than linear (timing noise is ~10%)


def cpu_model() -> str:
    """The CPU model from /proc/cpuinfo (platform.processor() elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages, when the OS has them."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _run(command: list[str]) -> str:
    """Output of a command, or '' if it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, cwd=ROOT, check=False)
    except OSError:
        return ""
    return (done.stdout or done.stderr).strip()


def git_commit() -> dict[str, Any]:
    """HEAD's id and subject, and whether the tree has changes not committed."""
    return {
        "commit": _run(["git", "rev-parse", "HEAD"]),
        "subject": _run(["git", "log", "-1", "--format=%s"]),
        "dirty": bool(_run(["git", "status", "--porcelain", "--untracked-files=no"])),
    }


def machine_info(wrk: str | None) -> dict[str, Any]:
    """CPU, cores, OS, Python, library versions, load generator, git commit."""
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "libraries": versions,
        "wrk": _run([wrk, "-v"]).splitlines()[0] if wrk else None,
        "git": git_commit(),
        "load_average_start": load_average(),
    }


# ---------------------------------------------------------------- formatting


def ms(value: float | None) -> str:
    """Milliseconds with sensible precision."""
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def duration(seconds: float | None) -> str:
    """ms below one second, else s."""
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def rate(value: float) -> str:
    """Requests per second."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def times(value: float | None) -> str:
    """A ratio such as 0.52x."""
    if value is None:
        return "-"
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def verdict(ok: bool | None) -> str:
    """pass / FAIL / n/a."""
    return "n/a" if ok is None else ("pass" if ok else "FAIL")


def tail_ok(p50: float, p99: float) -> bool:
    """p99 within P99_OVER_P50 times p50."""
    return p99 <= P99_OVER_P50 * p50


def header(results: dict[str, Any]) -> list[str]:
    """Date, machine, versions, commit, load generator, load average."""
    m = results["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    git = m["git"]
    commit = f"`{git['commit'][:10]}`" + (" + uncommitted changes" if git["dirty"] else "")
    s = results["settings"]
    load = f"{m.get('load_average_start')} -> {m.get('load_average_end')}"
    lines = [
        f"Run {results['started']} on {m['cpu']} ({m['cores']} cores), {m['os']}, Python {m['python']}, "
        f"SQLite {m['sqlite']}" + (f", PostgreSQL {m['postgresql']}" if m.get("postgresql") else "") + ".",
        f"Libraries: {libs}. Commit {commit}.",
        f"Load: {s['load_tool']}, {s['connections']} connections, {s['duration']:g} s per run after a "
        f"{s['warmup']:g} s warm-up; gunicorn.conf.py ({s['workers']} threaded workers), on 127.0.0.1. "
        f"Each endpoint run is paired with a floor run just before it; its ratio is to that floor; a run "
        f"whose connections all landed on one worker is made again. "
        f"Load average (1/5/15 min) {load}.",
    ]
    if m.get("busy"):
        lines.append(
            "**The machine was not idle when this run started (1-minute load average above half the "
            "cores): absolute figures are low and noisy; ratios to the paired floor are steadier.**"
        )
    return lines


def http_table(section: dict[str, Any]) -> list[str]:
    """The endpoint table of one database."""
    out = [
        "| Endpoint | req/s | x floor | target | p50 / p99 ms, loaded | p50 / p99 ms, one connection "
        "| p99 <= 3x p50 (one connection) | notes |",
        "|---|---:|---:|---|---:|---:|---|---|",
    ]
    floor = section.get("floor")
    if floor:
        out.append(
            f"| Floor: bare Flask hello | {rate(floor['rps'])} | 1.00x | - | {latencies(floor)} | "
            f"{latencies(floor, 'solo_')} | {tail_verdict(floor)} (not required) | "
            f"median of {floor['runs']} paired runs |"
        )
    for row in section.get("endpoints", []):
        if row.get("skipped"):
            out.append(
                f"| {row['name']} | - | - | {row.get('target_text', '-')} | - | - | - | {row['skipped']} |"
            )
            continue
        target = row.get("target_text", "report")
        if row.get("target") is not None:
            target += f" {verdict(row['ratio'] >= row['target'])}"
        tail = tail_verdict(row) if row.get("read", True) else "-"
        ratio = times(row["ratio"]) if row.get("ratio") is not None else "-"
        solo = latencies(row, "solo_") if row.get("read", True) else "-"
        out.append(
            f"| {row['name']} | {rate(row['rps'])} | {ratio} | {target} | {latencies(row)} | "
            f"{solo} | {tail} | {row.get('notes', '')} |"
        )
    return out


def latencies(row: dict[str, Any], prefix: str = "") -> str:
    """'p50 / p99' of a run, '-' when it was not measured."""
    p50, p99 = row.get(f"{prefix}p50_ms"), row.get(f"{prefix}p99_ms")
    return "-" if p50 is None or p99 is None else f"{ms(p50)} / {ms(p99)}"


def tail_verdict(row: dict[str, Any]) -> str:
    """The tail target judged on the one-connection run (the loaded one when that is missing)."""
    prefix = "solo_" if row.get("solo_p50_ms") is not None else ""
    return verdict(tail_ok(row[f"{prefix}p50_ms"], row[f"{prefix}p99_ms"]))


def engine_table(cases: list[dict[str, Any]]) -> list[str]:
    """The redline engine on real and synthetic text."""
    out = [
        "| Case | Old / new | Word redline (CPU) | Raw char diff, C++ (CPU) | Ratio | Target | Round-trip "
        "| Word cuts |",
        "|---|---|---:|---:|---:|---|---|---:|",
    ]
    for c in cases:
        ratio = c["ratio"]
        if c["real_pair"] and ratio is not None:
            target = f"<= 0.02x {verdict(ratio <= 0.02)}" + (" (aim 0.01x met)" if ratio <= 0.01 else "")
        else:
            target = "report"
        size = f"{c['old_chars'] / 1000:.0f} / {c['new_chars'] / 1000:.0f} KB"
        shown = "-" if ratio is None else f"{ratio:.4f}x"
        round_trip = "yes" if c["round_trip"] else "NO"
        out.append(
            f"| {c['name']} | {size} | {duration(c['seconds'])} | {duration(c['raw_seconds'])} | "
            f"{shown} | {target} | {round_trip} | {c['word_cuts']} |"
        )
    return out


def scale_table(series: dict[str, dict[str, Any]]) -> list[str]:
    """Each series at 10, 150 and 1,500 clauses, with growth (time ratio / size ratio)."""
    if not series:
        return []
    sizes = next(iter(series.values()))["points"]
    cols = [f"{p['clauses']:,} clauses" for p in sizes]
    growth_cols = [f"{g['from']:,}->{g['to']:,}" for g in next(iter(series.values()))["growth"]]
    out = [
        "| Series | clock | "
        + " | ".join(cols)
        + " | growth "
        + " | growth ".join(growth_cols)
        + " | linear? |",
        "|---|---|" + "---:|" * (len(cols) + len(growth_cols)) + "---|",
    ]
    for name, s in series.items():
        times_ = [duration(p["seconds"]) for p in s["points"]]
        growths = [f"{g['growth']:.2f}" for g in s["growth"]]
        worst = max((g["growth"] for g in s["growth"][:-1] or s["growth"]), default=0.0)
        out.append(
            f"| {name} | {s.get('clock', 'wall')} | "
            + " | ".join(times_)
            + " | "
            + " | ".join(growths)
            + f" | "
            f"{verdict(worst <= GROWTH_TOLERANCE)} |"
        )
    return out


def markdown(results: dict[str, Any]) -> str:
    """The whole report."""
    lines = ["## Benchmark results", "", *header(results), ""]
    lines += ["### Targets at a glance", "", *bench_summary.targets_table(results), ""]
    for db, section in results.get("http", {}).items():
        lines += [f"### HTTP endpoints on {db}", "", *http_table(section), ""]
        if section.get("queries"):
            q = section["queries"]
            lines += [
                "SQL statements per request (auth included), small table -> large table: "
                + "; ".join(f"{k} {v['small']} -> {v['large']}" for k, v in q.items())
                + ".",
                "",
            ]
    if results.get("engine"):
        lines += [
            "### Redline engine (CPU time, the raw diff's in a process of its own: steady however busy"
            " the machine is)",
            "",
            *engine_table(results["engine"]),
            "",
        ]
    if results.get("scale"):
        lines += [
            "### Scale (growth = time ratio / size ratio, size in characters for the engine, else in "
            "clauses; 1.00 is linear; 'linear?' uses consecutive sizes, "
            f"tolerance {GROWTH_TOLERANCE}; clock: the bench process's CPU time, best of several runs, "
            "which leaves out PostgreSQL's own share; wall times are in the JSON)",
            "",
            *scale_table(results["scale"]),
            "",
        ]
    if results.get("capabilities"):
        lines += [
            "### Capabilities (each script's own measurement, reduced repeats; full runs: each note)",
            "",
            *bench_summary.capability_table(results["capabilities"]),
            "",
        ]
    if results.get("errors"):
        lines += ["### Errors", "", *(f"- {e}" for e in results["errors"]), ""]
    return "\n".join(lines)
