"""Costing setup: classifications, salary schedule versions, settings (money as decimal text)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate

from schemas.common import SafeString

ID = validate.Range(min=1, max=2**31 - 1)


DECIMAL_TEXT = {"type": "string", "format": "decimal", "description": "A decimal number written as text"}


def between(low: int, high: int, *, low_inclusive: bool = True) -> Callable[[Decimal | None], None]:
    """A bounds check for a decimal (a function: a Range on a Decimal field documents its bounds as text)."""

    def check(value: Decimal | None) -> None:
        if value is None:
            return
        above = value >= low if low_inclusive else value > low
        if not (above and value <= high):
            raise ValidationError(
                f"Must be {'at least' if low_inclusive else 'more than'} {low} and at most {high}."
            )

    return check


def money(**kwargs: object) -> fields.Decimal:
    """A decimal amount, written as text so no float ever touches it."""
    return fields.Decimal(as_string=True, allow_nan=False, metadata=DECIMAL_TEXT, **kwargs)  # type: ignore[arg-type]


class ClassificationIn(Schema):
    """A classification of the unit."""

    code = SafeString(required=True, validate=validate.Length(min=1, max=40))
    name = SafeString(required=True, validate=validate.Length(min=1, max=200))
    position = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10_000))


class ClassificationUpdateIn(Schema):
    """Rename or reorder a classification."""

    name = SafeString(validate=validate.Length(min=1, max=200))
    position = fields.Integer(validate=validate.Range(min=0, max=10_000))


class ClassificationOut(Schema):
    """A classification."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    position = fields.Integer(required=True)
    version = fields.Integer(required=True)


class StepIn(Schema):
    """A step and its rate."""

    step = fields.Integer(required=True, validate=validate.Range(min=1, max=100))
    rate = money(required=True, validate=between(0, 10_000_000, low_inclusive=False))


class ScheduleIn(Schema):
    """A new, immutable schedule version: the base (current) schedule, or one your side proposes."""

    classification_id = fields.Integer(required=True, validate=ID)
    kind = fields.String(load_default="base", validate=validate.OneOf(["base", "proposed"]))
    label = SafeString(load_default="", validate=validate.Length(max=200))
    rate_basis = fields.String(required=True, validate=validate.OneOf(["hourly", "annual"]))
    advancement = fields.String(
        load_default="anniversary", validate=validate.OneOf(["anniversary", "annual_date"])
    )
    advancement_date = fields.Date(allow_none=True, load_default=None)
    effective_date = fields.Date(required=True)
    parent_id = fields.Integer(allow_none=True, load_default=None, validate=ID)
    steps = fields.List(fields.Nested(StepIn), required=True, validate=validate.Length(min=1, max=100))


class ScheduleQuery(Schema):
    """Schedule filters."""

    classification_id = fields.Integer(validate=ID)


class StepOut(Schema):
    """A step."""

    step = fields.Integer(required=True)
    rate = money(required=True)


class ScheduleOut(Schema):
    """A schedule version."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    classification_id = fields.Integer(required=True)
    side = fields.String(allow_none=True, required=True, metadata={"description": "None: the base schedule"})
    label = fields.String(required=True)
    rate_basis = fields.String(required=True)
    advancement = fields.String(required=True)
    advancement_date = fields.Date(allow_none=True, required=True)
    effective_date = fields.Date(required=True)
    parent_id = fields.Integer(allow_none=True, required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    steps = fields.List(fields.Nested(StepOut), required=True)


class ComponentIn(Schema):
    """A roll-up component: a rate (a fraction: 0.062) on all pay or base wages only."""

    name = SafeString(required=True, validate=validate.Length(min=1, max=100))
    rate = money(required=True, validate=between(0, 1))
    applies_to = fields.String(load_default="all_pay", validate=validate.OneOf(["all_pay", "base_wages"]))


class HealthIn(Schema):
    """A health tier's annual premium and the employer's share (a fraction)."""

    tier = SafeString(required=True, validate=validate.Length(min=1, max=40))
    annual_premium = money(required=True, validate=between(0, 10_000_000))
    employer_share = money(required=True, validate=between(0, 1))


class CurrentDifferentialIn(Schema):
    """A differential paid today (part of the base)."""

    name = SafeString(required=True, validate=validate.Length(min=1, max=100))
    percent = money(allow_none=True, validate=between(0, 100))
    per_hour = money(allow_none=True, validate=between(0, 10_000))
    classifications = fields.List(SafeString(validate=validate.Length(max=40)), load_default=list)
    programs = fields.List(SafeString(validate=validate.Length(max=100)), load_default=list)
    licensed_only = fields.Boolean(load_default=False)
    licence_types = fields.List(SafeString(validate=validate.Length(max=60)), load_default=list)
    hours_per_fte = money(allow_none=True, validate=between(0, 10_000))


class CurrentFundIn(Schema):
    """A fund paid today, dollars a year per FTE."""

    name = SafeString(required=True, validate=validate.Length(min=1, max=100))
    per_fte = money(required=True, validate=between(0, 1_000_000))
    classifications = fields.List(SafeString(validate=validate.Length(max=40)), load_default=list)
    licensed_only = fields.Boolean(load_default=False)


class CostingSettingsIn(Schema):
    """A table's costing settings."""

    year_starts = fields.List(fields.Date(), required=True, validate=validate.Length(min=1, max=10))
    term_end = fields.Date(required=True)
    components = fields.List(fields.Nested(ComponentIn), load_default=list, validate=validate.Length(max=30))
    health_premiums = fields.List(
        fields.Nested(HealthIn), load_default=list, validate=validate.Length(max=20)
    )
    current_differentials = fields.List(
        fields.Nested(CurrentDifferentialIn), load_default=list, validate=validate.Length(max=30)
    )
    current_funds = fields.List(
        fields.Nested(CurrentFundIn), load_default=list, validate=validate.Length(max=30)
    )
    include_step_advancement = fields.Boolean(load_default=True)
    hours_per_fte = money(load_default=None, allow_none=True, validate=between(1, 5000))
    health_trend = money(load_default=None, allow_none=True, validate=between(0, 1))
    new_hire_health_tier = SafeString(load_default=None, allow_none=True, validate=validate.Length(max=40))
    rate_rounding = money(load_default=None, allow_none=True, validate=between(0, 100))


class CostingSettingsOut(Schema):
    """A table's costing settings."""

    table_id = fields.Integer(required=True)
    year_starts = fields.List(fields.String(), required=True)
    term_end = fields.Date(required=True)
    components = fields.List(fields.Dict(), required=True)
    health_premiums = fields.List(fields.Dict(), required=True)
    current_differentials = fields.List(fields.Dict(), required=True)
    current_funds = fields.List(fields.Dict(), required=True)
    include_step_advancement = fields.Boolean(required=True)
    hours_per_fte = money(required=True)
    health_trend = money(required=True)
    new_hire_health_tier = fields.String(allow_none=True, required=True)
    rate_rounding = money(allow_none=True, required=True)
    version = fields.Integer(required=True)
    updated_at = fields.DateTime(required=True)
