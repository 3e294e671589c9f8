"""Information requests: drafts, answers and objections in; requests, items and chronologies out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString

ID = validate.Range(min=1, max=2**31 - 1)
IDS = fields.List(fields.Integer(validate=ID), validate=validate.Length(max=100))


class ItemIn(Schema):
    """One thing asked for: what data, for what period."""

    description = SafeString(required=True, validate=validate.Length(min=1, max=10_000))
    period = SafeString(load_default="", validate=validate.Length(max=200))


class RequestUpdateIn(Schema):
    """Edit a draft request (items are replaced whole)."""

    title = SafeString(validate=validate.Length(min=1, max=300))
    purpose = SafeString(validate=validate.Length(max=20_000))
    due_date = fields.Date()
    items = fields.List(fields.Nested(ItemIn), validate=validate.Length(min=1, max=200))
    article_ids = IDS
    clause_ids = IDS
    proposal_ids = IDS


class RequestIn(RequestUpdateIn):
    """Draft a request for your side (private to it until sent)."""

    title = SafeString(required=True, validate=validate.Length(min=1, max=300))
    items = fields.List(
        fields.Nested(ItemIn),
        load_default=list,
        validate=validate.Length(max=200),
        metadata={"description": "What is asked for (at least one before sending)"},
    )


class SendIn(Schema):
    """Send a request; a recorder gives the date of a request made on paper."""

    requested_at = fields.AwareDateTime(metadata={"description": "Recorders only; not in the future"})


class RemindIn(Schema):
    """A reminder, with what was said."""

    note = SafeString(load_default="", validate=validate.Length(max=5000))


class AnswerIn(Schema):
    """An answer to one item; attach files to the answer afterwards (POST /files)."""

    text = SafeString(required=True, validate=validate.Length(max=100_000))
    complete = fields.Boolean(load_default=True, metadata={"description": "false: a partial answer"})


class ObjectionIn(Schema):
    """An objection to one item, with the reason."""

    reason = SafeString(required=True, validate=validate.Length(min=1, max=20_000))


class RequestQuery(Schema):
    """Request list filters."""

    status = fields.String(
        validate=validate.OneOf(["draft", "open", "overdue", "closed"]),
        metadata={"description": "open: an item awaits an answer; overdue: and its due date has passed"},
    )
    side = fields.String(
        validate=validate.OneOf(["union", "employer"]), metadata={"description": "Requesting side"}
    )
    article_id = fields.Integer(validate=ID)
    clause_id = fields.Integer(validate=ID)
    proposal_id = fields.Integer(validate=ID)


class ChronologyQuery(Schema):
    """The chronology's format."""

    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "pdf"]))


class FileRefOut(Schema):
    """A file attached to an answer (its id feeds the costing's roster import)."""

    id = fields.Integer(required=True)
    filename = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)


class AnswerOut(Schema):
    """An answer to an item."""

    id = fields.Integer(required=True)
    text = fields.String(required=True)
    complete = fields.Boolean(required=True)
    answered_by_id = fields.Integer(required=True)
    answered_at = fields.DateTime(required=True)
    files = fields.List(fields.Nested(FileRefOut), required=True)


class ItemOut(Schema):
    """An item with its derived status (its ETag is "iritem-<id>-v<version>")."""

    id = fields.Integer(required=True)
    request_id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    description = fields.String(required=True)
    period = fields.String(required=True)
    status = fields.String(
        required=True, metadata={"description": "open, partially_answered, answered, objected, withdrawn"}
    )
    overdue = fields.Boolean(required=True)
    objection = fields.String(required=True)
    objected_at = fields.DateTime(allow_none=True, required=True)
    withdrawn_at = fields.DateTime(allow_none=True, required=True)
    version = fields.Integer(required=True)
    answers = fields.List(fields.Nested(AnswerOut), required=True)


class RequestOut(Schema):
    """An information request."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    side = fields.String(required=True)
    state = fields.String(required=True)
    status = fields.String(required=True)
    overdue = fields.Boolean(required=True)
    title = fields.String(required=True)
    purpose = fields.String(required=True)
    due_date = fields.Date(allow_none=True, required=True)
    requested_at = fields.DateTime(allow_none=True, required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    version = fields.Integer(required=True)
    article_ids = fields.List(fields.Integer(), required=True)
    clause_ids = fields.List(fields.Integer(), required=True)
    proposal_ids = fields.List(fields.Integer(), required=True)
    items = fields.List(fields.Nested(ItemOut), required=True)


class ChronologyRowOut(Schema):
    """One line of a request's chronology."""

    at = fields.DateTime(required=True)
    event = fields.String(required=True)
    side = fields.String(required=True)
    by = fields.String(required=True)
    item = fields.String(required=True)
    detail = fields.String(required=True)
