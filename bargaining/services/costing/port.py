"""The one place the services call the costing engine (bargaining.domain.costing): one seam for its API."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bargaining.domain import costing as engine
from bargaining.domain.costing import model as m
from bargaining.domain.costing import results as r
from bargaining.domain.costing.prepared import Prepared
from bargaining.domain.costing.terms import Term, TermSource


def parse(raw: Any, field: str) -> tuple[Term, ...]:
    """Stored or submitted terms as engine terms (422 naming the field when they do not read)."""
    return engine.parse_terms(raw, field)


def dump(terms: Sequence[Term]) -> list[dict[str, Any]]:
    """Engine terms as JSON-ready dicts."""
    return [dict(t) for t in engine.dump_terms(terms)]


def check(terms: Sequence[Term], base: m.CostingBase, field: str) -> None:
    """Refuse terms that do not fit the table (unknown classifications, dates outside the term...)."""
    engine.check_terms(tuple(terms), base, field)


def prepare(base: m.CostingBase) -> Prepared:
    """The engine's prepared base (the roster folded once, reused by every costing of a request)."""
    return engine.prepare(base)


def cost(prepared: Prepared, sources: Sequence[TermSource], label: str, itemize: bool) -> r.CostingReport:
    """Cost sources together and, if asked, each source alone."""
    return engine.cost_sources(prepared, tuple(sources), label, itemize)


def table(
    prepared: Prepared,
    union: Sequence[TermSource],
    employer: Sequence[TermSource],
    agreed: Sequence[TermSource],
) -> r.TableCosting:
    """Both positions, the TAs so far, the gap and the cost of 1 %."""
    return engine.cost_table(prepared, tuple(union), tuple(employer), tuple(agreed), False)


def member(
    prepared: Prepared, terms: Sequence[Term], label: str, classification: str, step: int, fte: Decimal
) -> r.MemberView:
    """What a clinician at a classification and step gains each year under the terms."""
    return engine.member_view(prepared, tuple(terms), classification, step, fte=fte, label=label)


def per_percent(prepared: Prepared) -> tuple[r.YearAmount, ...]:
    """What 1 % on every rate from the term's first day costs each year (roll-up included)."""
    return engine.cost_per_percent(prepared)
