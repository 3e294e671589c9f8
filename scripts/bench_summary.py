"""The report's summary tables: every target at a glance (the README's table) and the capability rows."""

from __future__ import annotations

from typing import Any


def times(value: float) -> str:
    """A ratio such as 0.52x (as bench_report writes it)."""
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def capability_table(runs: list[dict[str, Any]]) -> list[str]:
    """One row per figure: what, the figure, its target and met / NOT met; then each script's cost."""
    out = ["| Capability | DB | Measure | Figure | Target | Met |", "|---|---|---|---|---|---|"]
    for run in runs:
        for r in run["rows"]:
            met = "-" if r["met"] is None else ("met" if r["met"] else "**not met**")
            out.append(
                f"| {r['capability']} | {r['db']} | {r['name']} | {r['figure']} | {r['target']} | {met} |"
            )
        if run.get("error"):
            out.append(f"| {run['capability']} | {run['db']} | {run['script']} | **failed** | - | - |")
    cost = "; ".join(f"{r['script']} {r['db']} {r['wall_s']:g} s ({r['cpu_s']:g} s CPU)" for r in runs)
    return [*out, "", f"Each script's wall time (CPU time of it and its servers): {cost}."]


def _target_rows(results: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(what, figure, target, met) for every figure that has a target, from every section."""
    out = []
    for db, section in results.get("http", {}).items():
        for row in section.get("endpoints", []):
            if row.get("target") is not None and row.get("ratio") is not None:
                ok = row["ratio"] >= row["target"]
                out.append((f"{row['name']} ({db})", f"{times(row['ratio'])} floor", row["target_text"], ok))
    for c in results.get("engine", []):
        if c["real_pair"] and c["ratio"] is not None:
            out.append(
                (
                    f"Word redline vs raw char diff: {c['name']}",
                    f"{c['ratio']:.4f}x",
                    "<= 0.02x",
                    c["ratio"] <= 0.02,
                )
            )
    for run in results.get("capabilities", []):
        for r in run["rows"]:
            if r["met"] is not None:
                what = f"{r['capability']}: {r['name']}" + (f" ({r['db']})" if r["db"] != "-" else "")
                out.append((what, r["figure"], r["target"], r["met"]))
    return out


def targets_table(results: dict[str, Any]) -> list[str]:
    """Every target of the run in one table: the figure, the target, met or not (the README's table)."""
    rows = _target_rows(results)
    met = sum(1 for *_, ok in rows if ok)
    out = ["| Measure | Figure | Target | Met |", "|---|---|---|---|"]
    out += [
        f"| {what} | {fig} | {target} | {'met' if ok else '**not met**'} |" for what, fig, target, ok in rows
    ]
    return [*out, "", f"{met} of {len(rows)} targets met."]
