"""Cost terms against the base: per year, by component and classification, with and without steps."""

from __future__ import annotations

from collections.abc import Sequence

from bargaining.domain.costing.ledger import COMPONENTS, YearLedger
from bargaining.domain.costing.model import ZERO
from bargaining.domain.costing.prepared import Prepared, prepare
from bargaining.domain.costing.results import Costing, CostingReport, CostLine, ItemCost, YearCost
from bargaining.domain.costing.terms import Term, TermSource
from bargaining.domain.costing.validate import check_terms
from bargaining.domain.costing.wages import year_ledgers


def _base(prepared: Prepared, with_steps: bool) -> tuple[YearLedger, ...]:
    """The base's ledgers (no terms), computed once per prepared base."""
    key = f"base:{with_steps}"
    found: tuple[YearLedger, ...] | None = prepared.memo.get(key)
    if found is None:
        found = prepared.memo[key] = year_ledgers(prepared, (), with_steps)
    return found


def _line(label: str, base: YearLedger, new: YearLedger, code: str) -> CostLine:
    """One classification's total, base and new."""
    zero = [ZERO] * len(COMPONENTS)
    return CostLine(label, sum(base.by_class.get(code, zero), ZERO), sum(new.by_class.get(code, zero), ZERO))


def _year_cost(
    prepared: Prepared, index: int, base: YearLedger, new: YearLedger, steps: YearLedger
) -> YearCost:
    """A year's CostLines from the base and new ledgers (`steps`: the base without advancement)."""
    year = prepared.years[index]
    components = tuple(CostLine(c.value, base.total(c), new.total(c)) for c in COMPONENTS)
    codes = list(prepared.classes)
    classes = tuple(_line(code, base, new, code) for code in codes)
    total = CostLine("total", sum((c.base for c in components), ZERO), sum((c.new for c in components), ZERO))
    wages = components[0].base
    return YearCost(
        year.number,
        year.start,
        year.end,
        total,
        components,
        classes,
        wage_base=wages,
        step_advancement=wages - steps.total(COMPONENTS[0]),
        caseload_fte=new.caseload_fte,
    )


def _costing(prepared: Prepared, terms: tuple[Term, ...], label: str, with_steps: bool) -> Costing:
    """The terms costed one way (with or without step advancement)."""
    base, still = _base(prepared, with_steps), _base(prepared, False)
    new = year_ledgers(prepared, terms, with_steps) if terms else base
    years = tuple(_year_cost(prepared, i, base[i], new[i], still[i]) for i in range(len(prepared.years)))
    term = CostLine("term", sum((y.total.base for y in years), ZERO), sum((y.total.new for y in years), ZERO))
    return Costing(label, with_steps, years, term)


def cost_terms(
    prepared: Prepared, terms: Sequence[Term], label: str = "", check: bool = True
) -> CostingReport:
    """Both costings of a set of terms against the base (terms checked unless `check` is False)."""
    terms = tuple(terms)
    if check:
        check_terms(terms, prepared.base)
    return CostingReport(
        label,
        _costing(prepared, terms, label, True),
        _costing(prepared, terms, label, False),
        prepared.base.settings.include_step_advancement,
    )


def _item(prepared: Prepared, source: TermSource) -> ItemCost:
    """One source's terms costed alone (the headline way)."""
    steps = prepared.base.settings.include_step_advancement
    headline = _costing(prepared, tuple(source.terms), source.label, steps)
    increases = tuple(year.total.increase for year in headline.years)
    return ItemCost(source.label, increases, headline.term.increase, source.proposal_id, source.item_id)


def cost_sources(
    prepared: Prepared, sources: Sequence[TermSource], label: str = "", itemize: bool = False
) -> CostingReport:
    """A position (terms from several proposals or items) costed together; optionally each alone."""
    for index, source in enumerate(sources):
        check_terms(source.terms, prepared.base, field=f"sources[{index}].terms")
    terms = tuple(term for source in sources for term in source.terms)
    report = cost_terms(prepared, terms, label, check=False)
    if not itemize:
        return report
    items = tuple(_item(prepared, source) for source in sources)
    return CostingReport(
        report.label, report.with_steps, report.without_steps, report.include_step_advancement, items
    )


__all__ = ["cost_sources", "cost_terms", "prepare"]
