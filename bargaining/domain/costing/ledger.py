"""A year's money per classification and component, and what is in force over a piece of a year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bargaining.domain.costing.model import ZERO, Component
from bargaining.domain.costing.prepare import Bucket
from bargaining.domain.costing.terms import LumpSum, PaidTime
from bargaining.domain.costing.timeline import Fund, Pay, RateTable

COMPONENTS = tuple(Component)
_INDEX = {component: index for index, component in enumerate(COMPONENTS)}
W, D, P, L, R, H, F, C = (_INDEX[c] for c in COMPONENTS)


@dataclass(slots=True)
class YearLedger:
    """One year's money per classification: a list of amounts in Component order."""

    by_class: dict[str, list[Decimal]] = field(default_factory=dict)
    caseload_fte: Decimal = ZERO

    def line(self, code: str) -> list[Decimal]:
        """The classification's amounts (created at zero)."""
        found = self.by_class.get(code)
        if found is None:
            found = self.by_class[code] = [ZERO] * len(COMPONENTS)
        return found

    def total(self, component: Component) -> Decimal:
        """One component summed over classifications."""
        index = _INDEX[component]
        return sum((amounts[index] for amounts in self.by_class.values()), ZERO)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch [start, stop) of a year (day offsets) with what is in force during it."""

    start: int
    stop: int
    tables: dict[str, RateTable]
    pays: tuple[Pay, ...]
    funds: tuple[Fund, ...]
    paid: tuple[PaidTime, ...]
    shares: dict[str, Decimal]
    when: date


def eligible(term: Pay | Fund | PaidTime | LumpSum, bucket: Bucket) -> bool:
    """Whether a bucket's rows qualify for a differential, fund, paid time or lump sum."""
    code, _, program, licensed, licence_type = bucket.key
    if term.classifications and code not in term.classifications:
        return False
    if getattr(term, "licensed_only", False) and not licensed:
        return False
    programs = getattr(term, "programs", ())
    if programs and program not in programs:
        return False
    types = getattr(term, "licence_types", ())
    return not types or licence_type in types
