"""Costings out: per-year lines by component and classification, reports, the gap, member views, scenarios."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from schemas.common import SafeString

CENT = Decimal("0.01")


class Shown(fields.Decimal):
    """A computed amount, exact inside the engine, rounded half up to the cent only here, for display."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(as_string=True, metadata={"type": "string", "format": "decimal"}, **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def money(**kwargs: Any) -> Shown:
    """A computed amount shown to the cent."""
    return Shown(**kwargs)


class FormatQuery(Schema):
    """How to answer: JSON, or a costing sheet (CSV, XLSX) or chart (SVG, PNG)."""

    format = fields.String(
        load_default="json", validate=validate.OneOf(["json", "csv", "xlsx", "svg", "png"])
    )


class ProposalCostingQuery(FormatQuery):
    """A proposal's costing: the format, and whether to cost each item alone too."""

    itemize = fields.Boolean(load_default=True, metadata={"description": "Also cost each item alone"})


class CostLineOut(Schema):
    """A base cost, a new cost, the increase and the percent."""

    label = fields.String(required=True)
    base = money(required=True)
    new = money(required=True)
    increase = money(required=True)
    percent = money(allow_none=True, required=True)


class YearCostOut(Schema):
    """One contract year."""

    year = fields.Integer(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    total = fields.Nested(CostLineOut, required=True)
    components = fields.List(fields.Nested(CostLineOut), required=True)
    classifications = fields.List(fields.Nested(CostLineOut), required=True)
    wage_base = money(required=True)
    step_advancement = money(required=True)
    caseload_fte = money(required=True)


class CostingOut(Schema):
    """Terms costed per year and over the term."""

    label = fields.String(required=True)
    with_step_advancement = fields.Boolean(required=True)
    years = fields.List(fields.Nested(YearCostOut), required=True)
    term = fields.Nested(CostLineOut, required=True)


class ItemCostOut(Schema):
    """One source's terms costed alone."""

    label = fields.String(required=True)
    increases = fields.List(money(), required=True)
    term_increase = money(required=True)
    proposal_id = fields.Integer(allow_none=True, required=True)
    item_id = fields.Integer(allow_none=True, required=True)


class ReportOut(Schema):
    """A costing with and without step advancement; the headline is the one the settings pick."""

    label = fields.String(required=True)
    include_step_advancement = fields.Boolean(required=True)
    headline = fields.Nested(CostingOut, required=True)
    with_steps = fields.Nested(CostingOut, required=True)
    without_steps = fields.Nested(CostingOut, required=True)
    items = fields.List(fields.Nested(ItemCostOut), required=True)


class ProposalCostingOut(Schema):
    """A proposal's cost."""

    proposal_id = fields.Integer(required=True)
    label = fields.String(allow_none=True, required=True)
    side = fields.String(required=True)
    state = fields.String(required=True)
    roster_batch_id = fields.Integer(allow_none=True, required=True)
    report = fields.Nested(ReportOut, required=True)


class GapYearOut(Schema):
    """Each side's increase in a year and the gap."""

    year = fields.Integer(required=True)
    union_increase = money(required=True)
    employer_increase = money(required=True)
    gap = money(required=True)


class GapOut(Schema):
    """The gap per year and over the term."""

    years = fields.List(fields.Nested(GapYearOut), required=True)
    term = fields.Nested(GapYearOut, required=True)


class YearAmountOut(Schema):
    """An amount in a year."""

    year = fields.Integer(required=True)
    amount = money(required=True)


class TableCostingOut(Schema):
    """The table side by side (members: the TAs only, other fields null)."""

    table_id = fields.Integer(required=True)
    roster_batch_id = fields.Integer(allow_none=True, required=True)
    agreed = fields.Nested(ReportOut, required=True)
    union = fields.Nested(ReportOut, allow_none=True, required=True)
    employer = fields.Nested(ReportOut, allow_none=True, required=True)
    gap = fields.Nested(GapOut, allow_none=True, required=True)
    cost_per_percent = fields.List(fields.Nested(YearAmountOut), allow_none=True, required=True)


def _fte(value: Decimal | None) -> None:
    """An FTE between 0 (excluded) and 1.5."""
    if value is not None and not (0 < value <= Decimal("1.5")):
        raise ValidationError("FTE is more than 0 and at most 1.5.")


class MemberQuery(Schema):
    """Whose view: a classification (code), a step, an FTE."""

    classification = SafeString(required=True, validate=validate.Length(min=1, max=40))
    step = fields.Integer(required=True, validate=validate.Range(min=1, max=100))
    fte = fields.Decimal(
        load_default=None,
        allow_none=True,
        allow_nan=False,
        validate=_fte,
        metadata={"description": "More than 0, at most 1.5 (default 1)"},
    )


class MemberYearOut(Schema):
    """A year of pay today and under the terms."""

    year = fields.Integer(required=True)
    base_pay = money(required=True)
    new_pay = money(required=True)
    lump_sums = money(required=True)
    differentials = money(required=True)
    gain = money(required=True)
    percent = money(allow_none=True, required=True)


class MemberViewOut(Schema):
    """A clinician's years under one set of terms."""

    label = fields.String(required=True)
    years = fields.List(fields.Nested(MemberYearOut), required=True)
    term_gain = money(required=True)


class MemberViewsOut(Schema):
    """Under the TAs, and (for the sides' people) under each position."""

    classification = fields.String(required=True)
    step = fields.Integer(required=True)
    fte = money(required=True)
    agreed = fields.Nested(MemberViewOut, required=True)
    union = fields.Nested(MemberViewOut, allow_none=True, required=True)
    employer = fields.Nested(MemberViewOut, allow_none=True, required=True)


class ScenarioIn(Schema):
    """A what-if for your side: terms by hand, plus those of some proposals or your current position."""

    title = SafeString(required=True, validate=validate.Length(min=1, max=300))
    notes = SafeString(load_default="", validate=validate.Length(max=20_000))
    terms = fields.List(
        fields.Dict(keys=fields.String()), load_default=list, validate=validate.Length(max=50)
    )
    from_proposals = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=2**31 - 1)),
        load_default=list,
        validate=validate.Length(max=50),
    )
    from_position = fields.Boolean(load_default=False)


class ScenarioUpdateIn(Schema):
    """Changes to a scenario."""

    title = SafeString(validate=validate.Length(min=1, max=300))
    notes = SafeString(validate=validate.Length(max=20_000))
    terms = fields.List(fields.Dict(keys=fields.String()), validate=validate.Length(max=50))


class ScenarioOut(Schema):
    """A scenario."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    side = fields.String(required=True)
    title = fields.String(required=True)
    notes = fields.String(required=True)
    terms = fields.List(fields.Dict(), required=True)
    source_proposal_ids = fields.List(fields.Integer(), required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    version = fields.Integer(required=True)


class ScenarioCostingOut(Schema):
    """A scenario's cost."""

    scenario_id = fields.Integer(required=True)
    title = fields.String(required=True)
    report = fields.Nested(ReportOut, required=True)
