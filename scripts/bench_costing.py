"""Benchmark the costing engine: a 20-item position over a 5,000-row roster and 3 contract years.

Prints a Markdown table (best and median of N runs) and writes JSON (--json, default
bench/results/costing_engine.json). The engine part only; the API part belongs to costing-data.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from bargaining.domain.costing import cost_sources, cost_table, member_view, prepare
from bargaining.domain.costing.model import (
    AdvancementRule,
    Classification,
    CostingBase,
    CostingSettings,
    HealthPremium,
    RateBasis,
    RollupBase,
    RollupComponent,
    RosterRow,
    SalarySchedule,
    Step,
)
from bargaining.domain.costing.terms import (
    AcrossTheBoard,
    CaseloadCap,
    Differential,
    HealthShare,
    LumpSum,
    PaidTime,
    ProfessionalFund,
    ScheduleChange,
    Term,
    TermSource,
)

D = Decimal
OUT = Path(__file__).resolve().parents[1] / "bench" / "results" / "costing_engine.json"
YEARS = (date(2025, 7, 1), date(2026, 7, 1), date(2027, 7, 1))
PROGRAMS = ("outpatient", "school", "crisis", "residential", "youth", "adult")


def _steps(first: int) -> tuple[Step, ...]:
    """Ten steps 2.5 % apart."""
    return tuple(Step(n, (D(first) * D("1.025") ** (n - 1)).quantize(D("0.01"))) for n in range(1, 11))


CLASSES = (
    Classification("AC", "Associate Clinician", SalarySchedule(RateBasis.HOURLY, _steps(30))),
    Classification("LC", "Licensed Clinician", SalarySchedule(RateBasis.HOURLY, _steps(36))),
    Classification("SC", "Senior Clinician", SalarySchedule(RateBasis.HOURLY, _steps(41))),
    Classification(
        "CS",
        "Clinical Supervisor",
        SalarySchedule(
            RateBasis.ANNUAL,
            tuple(Step(n, D(95000 + 2500 * (n - 1))) for n in range(1, 11)),
            AdvancementRule.ANNUAL_DATE,
            date(2025, 7, 1),
        ),
    ),
)


def roster(rows: int) -> tuple[RosterRow, ...]:
    """A varied roster: every row its own anniversary, FTE, program, tier and licence."""
    out = []
    for i in range(rows):
        code = ("AC", "LC", "LC", "SC", "CS")[i % 5]
        licensed = code != "AC"
        out.append(
            RosterRow(
                f"e{i}",
                code,
                1 + (i * 7) % 10,
                fte=(D(1), D(1), D("0.8"), D("0.5"), D("0.9"))[i % 5],
                annual_hours=None if i % 3 else D(1800 + i % 400),
                step_anniversary=date(2015 + i % 9, 1 + i % 12, 1 + (i * 11) % 28),
                program=PROGRAMS[i % len(PROGRAMS)],
                caseload=0 if code == "CS" else 15 + (i * 13) % 30,
                health_tier=(None, "single", "family", "couple")[i % 4],
                licensed=licensed,
                licence_type=("LCSW", "LMFT", "LPC")[i % 3] if licensed else None,
            )
        )
    return tuple(out)


def settings() -> CostingSettings:
    """Three July-June years, five roll-up components, three health tiers."""
    return CostingSettings(
        YEARS,
        date(2028, 6, 30),
        rollup=(
            RollupComponent("Social Security", D("0.062")),
            RollupComponent("Medicare", D("0.0145")),
            RollupComponent("Pension", D("0.085"), RollupBase.BASE_WAGES),
            RollupComponent("Unemployment", D("0.012"), RollupBase.BASE_WAGES),
            RollupComponent("Workers' comp", D("0.018")),
        ),
        health=(
            HealthPremium("single", D(9000), D("0.85")),
            HealthPremium("couple", D(17000), D("0.80")),
            HealthPremium("family", D(24000), D("0.80")),
        ),
        new_hire_health_tier="single",
    )


def position() -> tuple[TermSource, ...]:
    """Twenty economic items, one term each, across every kind."""
    y1, y2, y3 = YEARS
    terms: list[Term] = [
        AcrossTheBoard(y1, percent=D(4)),
        AcrossTheBoard(y2, percent=D("3.5")),
        AcrossTheBoard(y3, percent=D(3)),
        AcrossTheBoard(date(2026, 1, 1), per_hour=D("0.50"), classifications=("AC",)),
        ScheduleChange("LC", date(2026, 7, 1), (*_steps(37), Step(11, D("48.00")))),
        Differential("licensure", y1, percent=D(5), licensed_only=True),
        Differential("bilingual", y1, per_hour=D("1.25"), programs=("outpatient", "youth")),
        Differential("on-call", date(2025, 10, 1), per_hour=D(3), hours_per_fte=D(200), programs=("crisis",)),
        Differential("LCSW supervision", y2, percent=D(2), licence_types=("LCSW",)),
        LumpSum("ratification bonus", D(1500), date(2025, 9, 1)),
        LumpSum("retention", D(1000), date(2026, 12, 1), classifications=("AC", "LC")),
        CaseloadCap("outpatient", D(28), date(2026, 1, 1), "LC", 1),
        CaseloadCap("school", D(25), y2, "AC"),
        PaidTime("Juneteenth", D(8), y1),
        PaidTime("wellness days", D(16), y2, classifications=("LC", "SC")),
        ProfessionalFund("CEU fund", D(750), y1, licensed_only=True),
        ProfessionalFund("training", D(300), y2),
        HealthShare(D("0.90"), y2, tiers=("single",)),
        HealthShare(D("0.85"), y3, tiers=("family", "couple")),
        Differential("bilingual", y3, per_hour=D("1.50"), programs=("outpatient", "youth")),
    ]
    return tuple(TermSource(f"U-{n}", (term,), proposal_id=n) for n, term in enumerate(terms, 1))


def _times(repeat: int, work: Callable[[], object]) -> list[float]:
    """Wall-clock seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON; 1 if the position exceeds its budget."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--budget-ms", type=float, default=200.0)
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args(argv)
    base = CostingBase(CLASSES, roster(args.rows), settings())
    sources = position()
    prepared = prepare(base)
    cases: dict[str, Callable[[], object]] = {
        "prepare (fold the roster)": lambda: prepare(base),
        "position, cold (prepare + cost)": lambda: cost_sources(prepare(base), sources, "union"),
        "position, prepared base": lambda: cost_sources(prepared, sources, "union"),
        "position, itemized (21 costings)": lambda: cost_sources(prepared, sources, "union", itemize=True),
        "table (3 positions, gap, 1 %)": lambda: cost_table(prepared, sources, sources[:8], sources[:3]),
        "member view": lambda: member_view(prepared, [t for s in sources for t in s.terms], "LC", 4),
    }
    print(f"{args.rows} roster rows, {len(sources)} items, 3 years; best / median of {args.repeat} runs\n")
    print("| Case | Best | Median |\n|---|---:|---:|")
    results = {}
    for name, work in cases.items():
        times = _times(args.repeat, work)
        best, median = min(times) * 1000, statistics.median(times) * 1000
        results[name] = {"best_ms": round(best, 2), "median_ms": round(median, 2)}
        print(f"| {name} | {best:.1f} ms | {median:.1f} ms |", flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": args.rows, "items": len(sources), "cases": results}, indent=2))
    cold = results["position, cold (prepare + cost)"]["median_ms"]
    verdict = "met" if cold <= args.budget_ms else "MISSED"
    print(f"\nbudget {args.budget_ms:.0f} ms for the cold position: {verdict}")
    return 0 if cold <= args.budget_ms else 1


if __name__ == "__main__":
    sys.exit(main())
