"""Costing: what economic terms cost per contract year and over the term (plain Python, Decimal).

Types: inputs in `model` (CostingBase = classifications + roster + settings), terms in `terms`
(the tagged union Term; JSON via `codec.parse_terms` / `codec.dump_terms`), outputs in `results`.
Entry points (module `engine`): `prepare(base)` once per base, then `cost_terms(prepared, terms,
label)`, `cost_sources(prepared, sources, label, itemize)`, `cost_table(prepared, union, employer,
agreed)`, `gap(union, employer)`, `cost_per_percent(prepared)`, `member_view(prepared, terms, ...)`.
Bad terms raise `bargaining.domain.errors.Invalid` naming the field (e.g. "terms[2].percent").
"""
