"""The demo's economic picture: a clinicians' schedule, costing settings and a generated roster of 120.

Deterministic (a seeded generator), so every `make run` and every test sees the same roster.
Used by the demo loader and by the tests, which send the same payloads through the API.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

CLASSIFICATIONS = [
    ("AC", "Associate Clinician", Decimal(62400)),
    ("LC", "Licensed Clinician", Decimal(74100)),
    ("SC", "Senior Clinician", Decimal(88500)),
    ("CS", "Clinical Supervisor", Decimal(96800)),
]
STEPS = 10
STEP_RAISE = Decimal("1.03")
YEAR_STARTS = [date(2026, 7, 1), date(2027, 7, 1), date(2028, 7, 1)]
TERM_END = date(2029, 6, 30)
PROGRAMS = [
    ("Adult Outpatient", 65),
    ("Child and Family Outpatient", 50),
    ("Co-Occurring Disorders", 45),
    ("Intensive Outpatient", 30),
    ("School-Based Services", 40),
]
TIERS = ["employee", "employee_spouse", "employee_children", "family"]
LICENCES = ["LCSW", "LPC", "LMFT"]
# Headcount by classification: most of the unit is licensed clinicians.
MIX = [("AC", 30), ("LC", 60), ("SC", 20), ("CS", 10)]


def step_rates(entry: Decimal) -> list[dict[str, Any]]:
    """Ten annual steps 3 % apart, rounded to whole dollars."""
    rates, rate = [], entry
    for number in range(1, STEPS + 1):
        rates.append({"step": number, "rate": rate.quantize(Decimal(1))})
        rate *= STEP_RAISE
    return rates


def classification_payloads() -> list[dict[str, Any]]:
    """The four classifications."""
    return [{"code": code, "name": name, "position": i} for i, (code, name, _) in enumerate(CLASSIFICATIONS)]


def schedule_payload(classification_id: int, code: str) -> dict[str, Any]:
    """The current (base) schedule of a classification: annual rates, anniversary advancement."""
    entry = next(e for c, _n, e in CLASSIFICATIONS if c == code)
    return {
        "classification_id": classification_id,
        "kind": "base",
        "label": "Appendix A, effective July 1, 2025",
        "rate_basis": "annual",
        "advancement": "anniversary",
        "effective_date": date(2025, 7, 1),
        "steps": step_rates(entry),
    }


def settings_payload() -> dict[str, Any]:
    """Three contract years from July 1, 2026; payroll taxes, pension, UI, workers' comp; health tiers."""
    return {
        "year_starts": list(YEAR_STARTS),
        "term_end": TERM_END,
        "components": [
            {"name": "Social Security", "rate": Decimal("0.062"), "applies_to": "all_pay"},
            {"name": "Medicare", "rate": Decimal("0.0145"), "applies_to": "all_pay"},
            {"name": "Pension (403(b) match)", "rate": Decimal("0.05"), "applies_to": "base_wages"},
            {"name": "Unemployment insurance", "rate": Decimal("0.006"), "applies_to": "base_wages"},
            {"name": "Workers' compensation", "rate": Decimal("0.011"), "applies_to": "all_pay"},
        ],
        "health_premiums": [
            {"tier": "employee", "annual_premium": Decimal(9200), "employer_share": Decimal("0.95")},
            {"tier": "employee_spouse", "annual_premium": Decimal(18600), "employer_share": Decimal("0.85")},
            {
                "tier": "employee_children",
                "annual_premium": Decimal(16900),
                "employer_share": Decimal("0.85"),
            },
            {"tier": "family", "annual_premium": Decimal(26400), "employer_share": Decimal("0.85")},
        ],
        "current_funds": [{"name": "CEU stipend", "per_fte": Decimal(1500)}],
        "include_step_advancement": True,
        "hours_per_fte": Decimal(2080),
        "health_trend": Decimal("0.06"),
        "new_hire_health_tier": "employee",
    }


HEADER = [
    "Employee ID",
    "Classification",
    "Step",
    "FTE",
    "Step Anniversary",
    "Program",
    "Active Caseload",
    "Health Tier",
    "License",
]


def roster_rows(count: int = 120, seed: int = 2026) -> list[list[str]]:
    """A deterministic roster: classification mix, steps, FTE, anniversaries, programs, caseloads, tiers."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    total = sum(n for _c, n in MIX)
    for code, share in MIX:
        for _ in range(round(count * share / total)):
            program, cap = rng.choice(PROGRAMS)
            fte = rng.choice(["1.0", "1.0", "1.0", "1.0", "0.8", "0.75", "0.5"])
            caseload = round(cap * float(fte) * rng.uniform(0.85, 1.12))
            anniversary = date(2019 + rng.randrange(7), rng.randrange(1, 13), rng.randrange(1, 29))
            licence = "" if code == "AC" else rng.choice(LICENCES)
            rows.append(
                [
                    f"RB{len(rows) + 1:04d}",
                    code,
                    str(rng.randint(1, STEPS)),
                    fte,
                    anniversary.isoformat(),
                    program,
                    str(caseload if code != "CS" else 0),
                    rng.choice(TIERS),
                    licence,
                ]
            )
    return rows[:count] if len(rows) >= count else rows


def roster_csv(count: int = 120, seed: int = 2026) -> str:
    """The roster as CSV text, as an employer's answer to an information request might come."""
    lines = [",".join(HEADER)] + [",".join(row) for row in roster_rows(count, seed)]
    return "\n".join(lines) + "\n"
