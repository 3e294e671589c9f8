"""The status board and a clause's status."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import Schema, fields, validate

from bargaining.kept import IdentityMemo

STATUSES = ["status_quo", "open", "ta_pending", "tentatively_agreed"]
SIDES = ["union", "employer"]


class StatusQuery(Schema):
    """Which clauses the board lists; counts always describe the whole table and each article."""

    status = fields.String(validate=validate.OneOf(STATUSES), metadata={"description": "Derived status"})
    article_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    session_id = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Clauses a pass, withdrawal or TA at this session touched"},
    )
    ready = fields.Boolean(metadata={"description": "Open clauses where both sides hold the same language"})
    waiting = fields.String(
        validate=validate.OneOf(["us", "them"]),
        metadata={
            "description": "Clauses awaiting my side ('us') or the other ('them'): an answer on an "
            "open clause the other side moved on last, or a countersignature. Only for a side's people."
        },
    )


class PositionOut(Schema):
    """A side's (or the TA's) language for a clause."""

    kind = fields.String(required=True, validate=validate.OneOf(["version", "delete", "status_quo"]))
    version_id = fields.Integer(required=True, allow_none=True)
    content_hash = fields.String(required=True, allow_none=True)
    proposal_id = fields.Integer(required=True, allow_none=True)
    proposal_label = fields.String(required=True, allow_none=True)
    at = fields.DateTime(required=True, allow_none=True)
    is_package = fields.Boolean(required=True)


class CountsOut(Schema):
    """Clause counts by status (ready_to_ta is null when positions are hidden from the caller)."""

    status_quo = fields.Integer(required=True)
    open = fields.Integer(required=True)
    ta_pending = fields.Integer(required=True)
    tentatively_agreed = fields.Integer(required=True)
    ready_to_ta = fields.Integer(required=True, allow_none=True)
    total = fields.Integer(required=True)


class BoardClauseOut(Schema):
    """One clause on the board; position fields are null when hidden from the caller."""

    id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    position = fields.Integer(required=True)
    in_base = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    union = fields.Nested(PositionOut, required=True, allow_none=True)
    employer = fields.Nested(PositionOut, required=True, allow_none=True)
    last_mover = fields.String(required=True, allow_none=True, validate=validate.OneOf(SIDES))
    last_moved_at = fields.DateTime(required=True, allow_none=True)
    ready_to_ta = fields.Boolean(required=True, allow_none=True)
    live_proposal_ids = fields.List(fields.Integer(), required=True, allow_none=True)
    ta_id = fields.Integer(required=True, allow_none=True)
    ta_label = fields.String(required=True, allow_none=True)
    pending_signature_from = fields.String(required=True, allow_none=True, validate=validate.OneOf(SIDES))
    agreed = fields.Nested(PositionOut, required=True, allow_none=True)


def _iso(value: datetime | None) -> str | None:
    """A datetime as marshmallow's DateTime writes it."""
    return None if value is None else value.isoformat()


def _text(value: Any) -> str | None:
    """A string or string enum as marshmallow's String writes it."""
    return None if value is None else str(value)


def position_json(position: Any) -> dict[str, Any] | None:
    """A position exactly as PositionOut dumps it."""
    if position is None:
        return None
    return {
        "kind": position.kind,
        "version_id": position.version_id,
        "content_hash": position.content_hash,
        "proposal_id": position.proposal_id,
        "proposal_label": position.proposal_label,
        "at": _iso(position.at),
        "is_package": position.is_package,
    }


# The JSON of recent clause views, by the view's identity: a board after a change reuses its
# untouched clauses' views, and so their JSON.
_JSON: IdentityMemo[dict[str, Any]] = IdentityMemo(maxsize=32_768)


def board_clause_json(clause: Any) -> dict[str, Any]:
    """A board clause exactly as BoardClauseOut dumps it (a test holds the two equal); kept per view."""
    return _JSON.made_from(clause, lambda: _clause_json(clause))


def _clause_json(clause: Any) -> dict[str, Any]:
    """A board clause's JSON, made."""
    live = clause.live_proposal_ids
    return {
        "id": clause.id,
        "article_id": clause.article_id,
        "number": clause.number,
        "heading": clause.heading,
        "position": clause.position,
        "in_base": clause.in_base,
        "status": _text(clause.status),
        "union": position_json(clause.union),
        "employer": position_json(clause.employer),
        "last_mover": _text(clause.last_mover),
        "last_moved_at": _iso(clause.last_moved_at),
        "ready_to_ta": clause.ready_to_ta,
        "live_proposal_ids": None if live is None else list(live),
        "ta_id": clause.ta_id,
        "ta_label": clause.ta_label,
        "pending_signature_from": _text(clause.pending_signature_from),
        "agreed": position_json(clause.agreed),
    }


class BoardClausesField(fields.List[Any]):
    """A board's clauses, documented as a list of BoardClauseOut and written by board_clause_json:
    a board of 1,500 clauses is 50,000 fields, and marshmallow field by field doubled its cost."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [board_clause_json(clause) for clause in value]


class BoardArticleOut(Schema):
    """An article on the board, its counts and its listed clauses."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    position = fields.Integer(required=True)
    in_base = fields.Boolean(required=True)
    counts = fields.Nested(CountsOut, required=True)
    clauses = BoardClausesField(fields.Nested(BoardClauseOut), required=True)


class BoardOut(Schema):
    """The status board of a table."""

    table_id = fields.Integer(required=True)
    positions_visible = fields.Boolean(required=True)
    viewer_side = fields.String(required=True, allow_none=True, validate=validate.OneOf(SIDES))
    counts = fields.Nested(CountsOut, required=True)
    shown = fields.Integer(required=True, metadata={"description": "Clauses listed after filters"})
    articles = fields.List(fields.Nested(BoardArticleOut), required=True)


class ClauseStatusOut(BoardClauseOut):
    """One clause's derived status, with its table and article."""

    table_id = fields.Integer(required=True)
    article_number = fields.String(required=True)
    article_title = fields.String(required=True)
    positions_visible = fields.Boolean(required=True)
