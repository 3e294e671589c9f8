"""The one place the services call the costing engine (bargaining.domain.costing), so its API has one seam."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bargaining.domain.costing import model as m
from bargaining.domain.costing import results as r
from bargaining.domain.costing.terms import Term, TermSource


def parse(raw: Any, field: str) -> tuple[Term, ...]:
    """Stored or submitted terms as engine terms (422 naming the field when they do not read)."""
    from bargaining.domain.costing.codec import parse_terms

    return parse_terms(raw, field)


def dump(terms: Sequence[Term]) -> list[dict[str, Any]]:
    """Engine terms as JSON-ready dicts."""
    from bargaining.domain.costing.codec import dump_terms

    return [dict(t) for t in dump_terms(terms)]


def check(terms: Sequence[Term], base: m.CostingBase, field: str) -> None:
    """Refuse terms that do not fit the table (unknown classifications, dates outside the term...)."""
    from bargaining.domain.costing.validate import check_terms

    check_terms(terms, base, field)


def prepare(base: m.CostingBase) -> Any:
    """The engine's prepared base (the roster folded once, reused by every costing of a request)."""
    from bargaining.domain.costing import engine

    return engine.prepare(base)


def cost(prepared: Any, sources: Sequence[TermSource], label: str) -> r.CostingReport:
    """Cost sources together, itemized per source."""
    from bargaining.domain.costing import engine

    return engine.cost_sources(prepared, tuple(sources), label, True)


def table(
    prepared: Any, union: Sequence[TermSource], employer: Sequence[TermSource], agreed: Sequence[TermSource]
) -> r.TableCosting:
    """Both positions, the TAs so far, the gap and the cost of 1 %."""
    from bargaining.domain.costing import engine

    return engine.cost_table(prepared, tuple(union), tuple(employer), tuple(agreed))


def member(
    prepared: Any, terms: Sequence[Term], label: str, classification: str, step: int, fte: Decimal
) -> r.MemberView:
    """What a clinician at a classification and step gains each year under the terms."""
    from bargaining.domain.costing import engine

    return engine.member_view(
        prepared, tuple(terms), label=label, classification=classification, step=step, fte=fte
    )


def per_percent(prepared: Any) -> tuple[r.YearAmount, ...]:
    """What 1 % of payroll costs each year."""
    from bargaining.domain.costing import engine

    return tuple(engine.cost_per_percent(prepared))
