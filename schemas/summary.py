"""The TA summary: agreed clauses with redlines, counts, and what is still open."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

STATUSES_OPEN = ["open", "ta_pending"]
ACTIONS = ["amend", "add", "delete", "status_quo"]


class SummaryQuery(Schema):
    """Whose view: the caller's own, or what members see (the printable page and documents)."""

    audience = fields.String(
        load_default="self",
        validate=validate.OneOf(["self", "members"]),
        metadata={
            "description": "'self': what the caller may see (the sides and administrators also see "
            "pending TAs and positions); 'members': exactly what the table's members see."
        },
    )


class SummaryCountsOut(Schema):
    """Clause counts by status."""

    tentatively_agreed = fields.Integer(required=True)
    ta_pending = fields.Integer(required=True)
    open = fields.Integer(required=True)
    status_quo = fields.Integer(required=True)
    total = fields.Integer(required=True)


class RedlineOpOut(Schema):
    """One run of a redline; an equal run keeps the old text in `old` when it differs in whitespace."""

    kind = fields.String(required=True, validate=validate.OneOf(["equal", "insert", "delete"]))
    text = fields.String(required=True)
    old = fields.String()


class SummaryRedlineOut(Schema):
    """The agreed text against the current contract."""

    ops = fields.List(fields.Nested(RedlineOpOut), required=True)
    html = fields.String(required=True, metadata={"description": "<del>/<ins>, all text escaped"})
    words_inserted = fields.Integer(required=True)
    words_deleted = fields.Integer(required=True)
    changed = fields.Boolean(required=True)


class AgreedClauseOut(Schema):
    """A clause covered by a TA: signed (members see only these) or pending (the sides only)."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    deleted = fields.Boolean(required=True, metadata={"description": "The clause is deleted"})
    text = fields.String(required=True, allow_none=True, metadata={"description": "Agreed text"})
    ta_id = fields.Integer(required=True)
    ta_label = fields.String(required=True, allow_none=True)
    ta_state = fields.String(required=True, validate=validate.OneOf(["signed", "pending"]))
    offered_at = fields.DateTime(required=True)
    signed_at = fields.DateTime(required=True, allow_none=True)
    summary = fields.String(
        required=True, metadata={"description": "The negotiators' plain-language summary"}
    )
    redline = fields.Nested(SummaryRedlineOut, required=True)


class SidePositionOut(Schema):
    """A side's passed position on an open clause."""

    kind = fields.String(required=True, validate=validate.OneOf(["version", "delete", "status_quo"]))
    proposal_label = fields.String(required=True, allow_none=True)
    text = fields.String(required=True, allow_none=True)


class OpenClauseOut(Schema):
    """A clause still on the table; positions are null unless the caller may see them."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES_OPEN))
    union = fields.Nested(SidePositionOut, required=True, allow_none=True)
    employer = fields.Nested(SidePositionOut, required=True, allow_none=True)


class SummaryArticleOut(Schema):
    """One article of the summary."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    counts = fields.Nested(SummaryCountsOut, required=True)
    agreed = fields.List(fields.Nested(AgreedClauseOut), required=True)
    open = fields.List(fields.Nested(OpenClauseOut), required=True)


class SummaryOut(Schema):
    """A table's TA summary."""

    table_id = fields.Integer(required=True)
    title = fields.String(required=True)
    union_name = fields.String(required=True)
    employer_name = fields.String(required=True)
    table_state = fields.String(required=True)
    view = fields.String(required=True, validate=validate.OneOf(["members", "full"]))
    positions_visible = fields.Boolean(required=True)
    pending_visible = fields.Boolean(required=True)
    generated_at = fields.DateTime(required=True)
    counts = fields.Nested(SummaryCountsOut, required=True)
    articles = fields.List(fields.Nested(SummaryArticleOut), required=True)
