"""`make bench`'s capability rows: each script's JSON becomes rows with a target and met / not met."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scripts import bench_capabilities, bench_capability_rows, bench_results, bench_summary

ROOT = Path(__file__).resolve().parents[2]


def test_a_capability_script_runs_as_a_child_and_its_json_becomes_rows(tmp_path):
    run = bench_capabilities.Run(
        "costing",
        "-",
        "bench_costing.py",
        ("--rows", "200", "--repeat", "1"),
        "--json",
        bench_capability_rows.costing_engine,
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = bench_capabilities.run_one(run, tmp_path, env)
    assert result["exit"] == 0 and "error" not in result, result
    cold = result["rows"][0]
    assert cold["target"] == "<= 200 ms" and cold["met"] is True and cold["figure"].endswith(" ms")
    assert result["wall_s"] > 0 and result["cpu_s"] >= 0


def test_a_script_that_writes_no_json_is_a_failed_check_not_a_crash(tmp_path):
    run = bench_capabilities.Run(
        "search",
        "sqlite",
        "bench_search.py",
        ("--dbs", "nosuchdb"),
        "--json",
        bench_capability_rows.search,
        timeout=120,
    )
    result = bench_capabilities.run_one(run, tmp_path, {**os.environ, "PYTHONPATH": str(ROOT)})
    assert result["rows"] == [] and "error" in result
    assert bench_capabilities.failures([result]) and bench_results.failed_checks(
        {"errors": [], "http": {}, "capabilities": [result]}
    )


def test_each_reader_judges_its_figure_against_its_target():
    intake = bench_capability_rows.intake(
        {"rows": [{"case": "import", "cpu": 2.5, "wall": 6.0, "limit": 2.0}]}, "sqlite"
    )
    assert intake[0]["met"] is False and intake[0]["target"] == "<= 2 s CPU"
    search = bench_capability_rows.search(
        {
            "sqlite": {
                "rows": {
                    "table: a": {"median_ms": 12.0, "statements": 3},
                    "table: b": {"median_ms": 61.0, "statements": 3},
                    "library: a": {"median_ms": 9.0, "statements": 2},
                }
            }
        },
        "sqlite",
    )
    assert [(r["name"].split(",")[0], r["met"]) for r in search] == [
        ("table search", False),
        ("library search", True),
    ]
    assert "61.0 ms (b)" in search[0]["figure"]
    perf = bench_capability_rows.perf(
        {
            "db": "postgresql",
            "warm": {"GET /tables/{id}/status": {"ratio": 0.14, "rps": 30, "ms_304": 5}},
            "after_change": {
                "GET /tables/{id}/status": {"p50_ms": 120.0, "p99_ms": 200.0, "n": 6},
                "GET /tables/{id}/ta-summary (gzip)": {"p50_ms": 100.0, "p99_ms": 290.0, "n": 6},
            },
        },
        "sqlite",
    )
    assert [(r["db"], r["met"]) for r in perf] == [
        ("postgresql", True),
        ("postgresql", False),
        ("postgresql", True),
    ]
    assert perf[1]["target"] == "p50 <= 50 ms, p99 <= 3x p50"
    warm = {"ratio": 0.14, "rps": 30, "ms_304": 5, "one_connection_p50_ms": 4.0}
    tails = [
        bench_capability_rows.perf({"warm": {"GET /x": {**warm, "one_connection_p99_ms": p99}}}, "sqlite")[0]
        for p99 in (11.9, 12.5)
    ]
    assert [(r["met"], r["target"]) for r in tails] == [
        (True, ">= 0.1x floor, p99 <= 3x p50"),
        (False, ">= 0.1x floor, p99 <= 3x p50"),
    ]
    assert "one connection p50 4.0 / p99 12.5 ms" in tails[1]["figure"]


def test_the_report_shows_each_capability_row_and_a_failed_script():
    runs = [
        {
            "capability": "costing",
            "db": "-",
            "script": "bench_costing.py",
            "wall_s": 2.0,
            "cpu_s": 1.5,
            "rows": [
                bench_capability_rows.row("costing", "-", "engine: cold", "40.0 ms", "<= 200 ms", True),
                bench_capability_rows.row("costing", "-", "engine: table", "9.0 ms", "report", None),
            ],
        },
        {
            "capability": "search",
            "db": "sqlite",
            "script": "bench_search.py",
            "wall_s": 1.0,
            "cpu_s": 0.5,
            "rows": [],
            "error": "boom",
        },
    ]
    text = "\n".join(bench_summary.capability_table(runs))
    assert "| costing | - | engine: cold | 40.0 ms | <= 200 ms | met |" in text
    assert "| costing | - | engine: table | 9.0 ms | report | - |" in text
    assert "| search | sqlite | bench_search.py | **failed** | - | - |" in text
    assert "bench_costing.py - 2 s (1.5 s CPU)" in text


def test_the_plan_covers_every_capability_on_each_database():
    plan = bench_capabilities.plan(["sqlite", "postgresql"], "postgresql+psycopg://x@127.0.0.1/test")
    scripts = {run.script for run in plan}
    assert scripts == {
        "bench_costing.py",
        "bench_costing_api.py",
        "bench_intake.py",
        "bench_documents.py",
        "bench_search.py",
        "bench_perf.py",
    }
    assert all(Path(ROOT / "scripts" / s).exists() for s in scripts) and sys.executable


def test_search_is_measured_on_postgresql_even_when_the_other_capabilities_are_not():
    plan = bench_capabilities.plan(["sqlite"], "postgresql+psycopg://x@127.0.0.1/test")
    searched = sorted(run.db for run in plan if run.script == "bench_search.py")
    assert searched == ["postgresql", "sqlite"]
    assert {run.db for run in plan if run.script == "bench_costing_api.py"} == {"sqlite"}
