"""The TA summary: agreed clauses with redlines, counts, and what is still open."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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


def _iso(value: datetime | None) -> str | None:
    """A datetime as marshmallow's DateTime writes it."""
    return None if value is None else value.isoformat()


def _op_json(op: dict[str, str]) -> dict[str, str]:
    """A redline op as RedlineOpOut dumps it (old only when present)."""
    return {key: op[key] for key in ("kind", "text", "old") if key in op}


def agreed_json(clause: Any) -> dict[str, Any]:
    """An agreed clause exactly as AgreedClauseOut dumps it (a test holds the two equal)."""
    redline = clause.redline
    return {
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "action": clause.action,
        "deleted": clause.deleted,
        "text": clause.text,
        "ta_id": clause.ta_id,
        "ta_label": clause.ta_label,
        "ta_state": clause.ta_state,
        "offered_at": _iso(clause.offered_at),
        "signed_at": _iso(clause.signed_at),
        "summary": clause.summary,
        "redline": {
            "ops": [_op_json(op) for op in redline.ops],
            "html": redline.html,
            "words_inserted": redline.words_inserted,
            "words_deleted": redline.words_deleted,
            "changed": redline.changed,
        },
    }


def _side_json(position: Any) -> dict[str, Any] | None:
    """A side's position as SidePositionOut dumps it."""
    if position is None:
        return None
    return {"kind": position.kind, "proposal_label": position.proposal_label, "text": position.text}


def open_json(clause: Any) -> dict[str, Any]:
    """An open clause exactly as OpenClauseOut dumps it."""
    return {
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "status": clause.status,
        "union": _side_json(clause.union),
        "employer": _side_json(clause.employer),
    }


class AgreedClausesField(fields.List[Any]):
    """Agreed clauses, documented as AgreedClauseOut and written by agreed_json: the 1,500-clause
    summary is 6 MB, and marshmallow field by field was most of its cold cost."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [agreed_json(clause) for clause in value]


class OpenClausesField(fields.List[Any]):
    """Open clauses, documented as OpenClauseOut and written by open_json."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [open_json(clause) for clause in value]


class SummaryArticleOut(Schema):
    """One article of the summary."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    counts = fields.Nested(SummaryCountsOut, required=True)
    agreed = AgreedClausesField(fields.Nested(AgreedClauseOut), required=True)
    open = OpenClausesField(fields.Nested(OpenClauseOut), required=True)


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
