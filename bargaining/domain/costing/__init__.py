"""Costing: what economic terms cost per contract year and over the term (plain Python, Decimal).

Types: inputs in `model` (CostingBase = classifications + roster + settings), terms in `terms`
(the tagged union Term; JSON via `codec.parse_terms` / `codec.dump_terms`), outputs in `results`.
Use: `prepared = prepare(base)` once per base (it checks the base and folds the roster), then
`cost_terms(prepared, terms, label)` (a proposal or a scenario), `cost_sources(prepared, sources,
label, itemize)` (a position from several proposals/items), `cost_table(prepared, union, employer,
agreed)` (positions side by side, the TAs, the gap, 1 % of payroll), `gap(union, employer)`,
`cost_per_percent(prepared)`, `member_view(prepared, terms, classification, step, ...)`.
Terms are checked against the contract with `check_terms(terms, base)`; bad terms raise
`codec.InvalidTerm` (an `errors.Invalid`, 422, code "invalid_term") naming the field
("terms[2].percent"). Round only for display (`display.cents`, `display.money_text`).
"""

from bargaining.domain.costing.codec import InvalidTerm, dump_term, dump_terms, parse_term, parse_terms
from bargaining.domain.costing.compose import cost_per_percent, cost_table, gap, member_view
from bargaining.domain.costing.engine import cost_sources, cost_terms
from bargaining.domain.costing.prepared import Prepared, prepare
from bargaining.domain.costing.validate import check_terms

__all__ = [
    "InvalidTerm",
    "Prepared",
    "check_terms",
    "cost_per_percent",
    "cost_sources",
    "cost_table",
    "cost_terms",
    "dump_term",
    "dump_terms",
    "gap",
    "member_view",
    "parse_term",
    "parse_terms",
    "prepare",
]
