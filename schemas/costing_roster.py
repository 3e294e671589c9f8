"""The roster: import options and reports, imports, rows (private) and aggregates (shared)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString
from schemas.costing import money

FIELD_NAMES = [
    "employee_ref",
    "classification",
    "step",
    "fte",
    "hours_paid",
    "step_anniversary",
    "program",
    "caseload",
    "health_tier",
    "licence",
]


class RosterQuery(Schema):
    """Import options."""

    dry_run = fields.Boolean(load_default=False, metadata={"description": "Report only; write nothing"})
    filename = SafeString(
        validate=validate.Length(max=255),
        metadata={"description": "The file's name, for a raw CSV or XLSX body (kept with the import)"},
    )


class RosterJsonIn(Schema):
    """A roster sent as JSON: CSV text, or a file's bytes in base64 (XLSX)."""

    filename = SafeString(load_default="", validate=validate.Length(max=255))
    csv = SafeString(validate=validate.Length(min=1, max=4_000_000), metadata={"description": "CSV text"})
    content_base64 = fields.String(validate=validate.Length(min=1, max=6_000_000))
    mapping = fields.Dict(
        keys=SafeString(validate=validate.Length(min=1, max=100)),
        values=fields.String(validate=validate.OneOf(FIELD_NAMES)),
        load_default=None,
        metadata={"description": "Column heading -> roster field, where the headings are not recognised"},
    )
    source = SafeString(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={
            "description": "Where the data came from (e.g. the employer's answer to information request 3)"
        },
    )


class CellErrorOut(Schema):
    """A value the import could not read."""

    row = fields.Integer(required=True, metadata={"description": "Row in the file (the header is row 1)"})
    column = fields.String(required=True)
    field = fields.String(required=True)
    message = fields.String(required=True)


class RosterImportOut(Schema):
    """What an import read and (unless a dry run) wrote."""

    dry_run = fields.Boolean(required=True)
    file_format = fields.String(required=True)
    mapping = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    rows_read = fields.Integer(required=True)
    errors = fields.List(fields.Nested(CellErrorOut), required=True)
    by_classification = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    roster_batch_id = fields.Integer(attribute="batch.id", allow_none=True, dump_default=None)


class RosterBatchOut(Schema):
    """An import's bookkeeping (never its rows)."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    side = fields.String(allow_none=True, required=True)
    filename = fields.String(required=True)
    file_format = fields.String(required=True)
    source = fields.String(required=True)
    row_count = fields.Integer(required=True)
    mapping = fields.Dict(required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)


class RosterRowOut(Schema):
    """One roster row: personal pay data."""

    id = fields.Integer(required=True)
    line = fields.Integer(required=True)
    employee_ref = fields.String(required=True)
    classification_id = fields.Integer(required=True)
    step = fields.Integer(required=True)
    fte = money(required=True)
    hours_paid = money(allow_none=True, required=True)
    step_anniversary = fields.Date(allow_none=True, required=True)
    program = fields.String(required=True)
    caseload = fields.Integer(required=True)
    health_tier = fields.String(required=True)
    licence = fields.String(required=True)


class AggregateOut(Schema):
    """Headcount and FTE at one classification and step."""

    classification = fields.String(required=True)
    step = fields.Integer(required=True)
    headcount = fields.Integer(required=True)
    fte = money(required=True)


class RosterSummaryOut(Schema):
    """The roster the caller's costings read, in aggregate."""

    roster_batch_id = fields.Integer(allow_none=True, required=True)
    headcount = fields.Integer(required=True)
    fte = money(required=True)
    cells = fields.List(fields.Nested(AggregateOut), required=True)
