"""`make bench`'s capability rows: costing, import and comparison, documents, search and perf.

Each capability keeps its own script (its measuring logic is its owner's); this module runs each in
a child process with the reduced repeats below (so `make bench` stays near five minutes on two
cores), reads the JSON the script writes, and turns it into rows with their target and whether it
was met. A script that fails or times out gives an error row; the others still run. The child's
CPU time is kept beside its wall time: wall time is inflated when others share the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts import bench_capability_rows as rows

ROOT = Path(__file__).resolve().parent.parent
Reader = Callable[[dict[str, Any], str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Run:
    """One child run: its capability, database, arguments (the JSON path is appended) and reader."""

    capability: str
    db: str
    script: str
    args: tuple[str, ...]
    json_flag: str
    read: Reader
    timeout: float = 600.0


def plan(dbs: list[str], pg_url: str) -> list[Run]:
    """The runs, with the reduced repeats `make bench` uses; the full ones are each script's default."""
    out = [
        Run("costing", "-", "bench_costing.py", ("--repeat", "3"), "--json", rows.costing_engine),
        Run("documents", "sqlite", "bench_documents.py", ("--repeat", "1"), "--json", rows.documents),
    ]
    for db in dbs:
        pg = ("--pg-url", pg_url) if db == "postgresql" else ()
        out += [
            Run(
                "costing", db, "bench_costing_api.py", ("--runs", "3", "--db", db), "--json", rows.costing_api
            ),
            Run(
                "import and comparison",
                db,
                "bench_intake.py",
                ("--repeat", "1", "--db", db, *pg),
                "--out",
                rows.intake,
            ),
            _search(db, pg_url),
        ]
    if "postgresql" not in dbs:  # search's target holds on the production database too; its run is short
        out.append(_search("postgresql", pg_url))
    for db in ("sqlite", "postgresql"):  # issue 23's targets hold on both databases
        perf = ("--db", db, "--seconds", "2", "--rounds", "10", "--pg-url", pg_url)
        out.append(Run("perf", db, "bench_perf.py", perf, "--out", rows.perf))
    return out


def _search(db: str, pg_url: str) -> Run:
    """The search benchmark on one database (median of 9: of 5 it moved by a fifth between runs)."""
    pg = ("--pg", pg_url) if db == "postgresql" else ()
    return Run("search", db, "bench_search.py", ("--repeat", "9", "--dbs", db, *pg), "--json", rows.search)


def run_one(run: Run, tmp: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run one script; its rows, wall and CPU seconds, or its error."""
    out = tmp / f"{Path(run.script).stem}-{run.db}.json"
    command = [sys.executable, str(ROOT / "scripts" / run.script), *run.args, run.json_flag, str(out)]
    log = tmp / f"{out.stem}.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("wb") as sink:
        try:
            done = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                timeout=run.timeout,
                check=False,
            )
            code: int | None = done.returncode
        except subprocess.TimeoutExpired:
            code = None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = {
        "capability": run.capability,
        "db": run.db,
        "script": run.script,
        "command": " ".join(["scripts/" + run.script, *run.args]),
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "exit": code,
        "rows": [],
    }
    try:
        result["rows"] = run.read(json.loads(out.read_text()), run.db)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
        result["error"] = f"{type(exc).__name__}: {exc}; exit {code}; output ends: {tail}"
    return result


def run_all(
    dbs: list[str], pg_url: str, tmp: Path, env: dict[str, str], progress: Callable[[str], None]
) -> list[dict[str, Any]]:
    """Every run in turn; one failing does not stop the others."""
    tmp.mkdir(parents=True, exist_ok=True)
    results = []
    for run in plan(dbs, pg_url):
        progress(f"capabilities: {run.capability} ({run.script}, {run.db})")
        result = run_one(run, tmp, env)
        progress(f"capabilities: {run.script} {run.db}: {result['wall_s']} s wall, {result['cpu_s']} s CPU")
        results.append(result)
    return results


def failures(results: list[dict[str, Any]]) -> list[str]:
    """Runs that gave no figures (a missed target is reported, not failed)."""
    return [f"{r['script']} ({r['db']}): {r['error']}" for r in results if r.get("error")]
