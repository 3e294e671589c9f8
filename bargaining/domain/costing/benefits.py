"""A year's lump sums, health premiums, caseload-cap hires and roll-up, added to its ledger."""

from __future__ import annotations

from decimal import Decimal

from bargaining.domain.costing.calendar import Year
from bargaining.domain.costing.ledger import C, D, H, L, P, Piece, R, W, YearLedger, eligible
from bargaining.domain.costing.model import ZERO, RollupBase
from bargaining.domain.costing.prepared import Prepared
from bargaining.domain.costing.terms import CaseloadCap, LumpSum, Term
from bargaining.domain.costing.timeline import caps_in_force


def add_lump_sums(prepared: Prepared, terms: tuple[Term, ...], year: Year, ledger: YearLedger) -> None:
    """Lump sums paid inside the year: the amount per eligible employee (or per FTE)."""
    for term in terms:
        if not isinstance(term, LumpSum) or not year.start <= term.paid_on < year.stop:
            continue
        for bucket in prepared.buckets:
            if eligible(term, bucket):
                count = bucket.totals.fte if term.prorate_by_fte else Decimal(bucket.totals.heads)
                ledger.line(bucket.key[0])[L] += term.amount * count


def _trend(prepared: Prepared, year: Year) -> Decimal:
    """The premium growth factor for a year: (1 + trend) ^ (year - 1)."""
    return (1 + prepared.base.settings.health_trend) ** (year.number - 1)


def add_health(prepared: Prepared, pieces: list[Piece], year: Year, ledger: YearLedger) -> None:
    """Enrolled employees x the tier's premium x the employer's share, share changes annualized."""
    premiums = {p.tier: p.annual_premium for p in prepared.base.settings.health}
    trend = _trend(prepared, year)
    for (code, tier), heads in prepared.health_heads.items():
        share_days = sum((piece.shares[tier] * (piece.stop - piece.start) for piece in pieces), ZERO)
        ledger.line(code)[H] += heads * premiums[tier] * trend * share_days / year.days


def _rollup_rate(prepared: Prepared) -> Decimal:
    """The roll-up on wages: every component applies to them."""
    return sum((component.rate for component in prepared.base.settings.rollup), ZERO)


def _carriers(prepared: Prepared, cap: CaseloadCap) -> tuple[int, Decimal]:
    """Today's active caseload and FTE of the rows that carry it in the cap's program."""
    clients, fte = 0, ZERO
    for bucket in prepared.buckets:
        code, _, program, _, _ = bucket.key
        if program == cap.program and (not cap.classifications or code in cap.classifications):
            clients += bucket.caseload
            fte += bucket.totals.fte
    return clients, fte


def fte_needed(prepared: Prepared, cap: CaseloadCap) -> Decimal:
    """FTE to hire so today's caseload fits under the cap (never below zero)."""
    clients, fte = _carriers(prepared, cap)
    return max(ZERO, clients / cap.clients_per_fte - fte)


def _loaded_cost(prepared: Prepared, cap: CaseloadCap, piece: Piece, year: Year) -> Decimal:
    """A year's cost of one FTE hired at the cap's classification and step: wages, roll-up, health."""
    settings = prepared.base.settings
    table = piece.tables[cap.hire_classification]
    step = table.numbers[0] if cap.hire_step is None else cap.hire_step
    wage = table.rate(step, 0) * settings.standard_hours_per_fte
    health = ZERO
    tier = settings.new_hire_health_tier
    if tier is not None:
        premium = next(p.annual_premium for p in settings.health if p.tier == tier)
        health = premium * _trend(prepared, year) * piece.shares[tier]
    return wage * (1 + _rollup_rate(prepared)) + health


def add_caseload(
    prepared: Prepared, terms: tuple[Term, ...], pieces: list[Piece], year: Year, ledger: YearLedger
) -> None:
    """Hires a caseload cap needs, at their loaded cost, for the part of the year it is in force."""
    for piece in pieces:
        needed_now = ZERO
        for cap in caps_in_force(terms, piece.when):
            needed = fte_needed(prepared, cap)
            needed_now += needed
            cost = needed * _loaded_cost(prepared, cap, piece, year) * (piece.stop - piece.start)
            ledger.line(cap.hire_classification)[C] += cost / year.days
        ledger.caseload_fte = needed_now


def add_rollup(prepared: Prepared, ledger: YearLedger) -> None:
    """Each roll-up component's rate on what it covers: all pay, or base wages only."""
    components = prepared.base.settings.rollup
    for amounts in ledger.by_class.values():
        all_pay = amounts[W] + amounts[D] + amounts[P] + amounts[L]
        amounts[R] = sum(
            (c.rate * (all_pay if c.applies_to is RollupBase.ALL_PAY else amounts[W]) for c in components),
            ZERO,
        )
