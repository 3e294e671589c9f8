"""Notes: caucus notes, minutes and bargaining history in; notes and a clause's history out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString

ID = validate.Range(min=1, max=2**31 - 1)
KINDS = ["caucus", "minutes", "history"]
AUDIENCES = ["side", "table", "members"]


class NoteIn(Schema):
    """Write a note for your side; a correction names the note it corrects (both remain)."""

    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    audience = fields.String(
        load_default="side",
        validate=validate.OneOf(AUDIENCES),
        metadata={"description": "side: your side only; table: both sides; members: both sides and members"},
    )
    body = SafeString(required=True, validate=validate.Length(min=1, max=100_000))
    session_id = fields.Integer(validate=ID)
    article_id = fields.Integer(validate=ID)
    clause_id = fields.Integer(validate=ID)
    proposal_id = fields.Integer(validate=ID)
    ta_id = fields.Integer(validate=ID)
    corrects_id = fields.Integer(validate=ID, metadata={"description": "The note this one corrects"})


class ShareIn(Schema):
    """Share a note more widely (never more narrowly)."""

    audience = fields.String(required=True, validate=validate.OneOf(["table", "members"]))


class NoteQuery(Schema):
    """Note list filters."""

    kind = fields.String(validate=validate.OneOf(KINDS))
    side = fields.String(validate=validate.OneOf(["union", "employer"]))
    session_id = fields.Integer(validate=ID)
    article_id = fields.Integer(validate=ID)
    clause_id = fields.Integer(validate=ID)
    proposal_id = fields.Integer(validate=ID)
    ta_id = fields.Integer(validate=ID)
    corrects_id = fields.Integer(validate=ID)


class NoteOut(Schema):
    """A note, with the notes (you may read) that correct it."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    side = fields.String(required=True)
    kind = fields.String(required=True)
    audience = fields.String(required=True)
    body = fields.String(required=True)
    session_id = fields.Integer(allow_none=True, required=True)
    article_id = fields.Integer(allow_none=True, required=True)
    clause_id = fields.Integer(allow_none=True, required=True)
    proposal_id = fields.Integer(allow_none=True, required=True)
    ta_id = fields.Integer(allow_none=True, required=True)
    corrects_id = fields.Integer(allow_none=True, required=True)
    corrected_by = fields.List(fields.Integer(), required=True)
    author_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    shared_at = fields.DateTime(allow_none=True, required=True)
    version = fields.Integer(required=True)


class HistoryEntryOut(Schema):
    """One moment in a clause's life."""

    at = fields.DateTime(required=True)
    kind = fields.String(
        required=True,
        metadata={
            "description": "version, proposal_drafted, proposal_passed, proposal_withdrawn, ta_offered, "
            "ta_signed, ta_reopened, note"
        },
    )
    object_id = fields.Integer(required=True)
    side = fields.String(allow_none=True, required=True)
    label = fields.String(required=True)
    text = fields.String(required=True)
    detail = fields.Dict(required=True)
