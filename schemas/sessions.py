"""Sessions: scheduling and attendance in; sessions and their ledgers out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, name_field

ID = validate.Range(min=1, max=2**31 - 1)
STATES = ["scheduled", "held", "cancelled"]


class AttendeeIn(Schema):
    """One person at a session: either side's people or a guest."""

    side = fields.String(required=True, validate=validate.OneOf(["union", "employer", "guest"]))
    name = name_field()
    role = SafeString(load_default="", validate=validate.Length(max=200))
    user_id = fields.Integer(validate=ID, metadata={"description": "The person's user, if they have one"})


class AttendanceIn(Schema):
    """A session's whole attendance, replacing what was entered before."""

    attendees = fields.List(fields.Nested(AttendeeIn), required=True, validate=validate.Length(max=300))


class SessionUpdateIn(Schema):
    """Edit a session: reschedule, mark it held or cancelled, place, link, agenda."""

    title = SafeString(validate=validate.Length(max=200))
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    place = SafeString(validate=validate.Length(max=300))
    video_link = SafeString(validate=validate.Length(max=500))
    agenda = SafeString(validate=validate.Length(max=20_000))
    state = fields.String(validate=validate.OneOf(STATES))
    cancel_reason = SafeString(validate=validate.Length(max=5000))


class SessionIn(SessionUpdateIn):
    """Schedule a session (or enter one already held), with its attendance if known."""

    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    attendees = fields.List(fields.Nested(AttendeeIn), load_default=list, validate=validate.Length(max=300))


class SessionQuery(Schema):
    """Session list filters."""

    state = fields.String(validate=validate.OneOf(STATES))
    after = fields.AwareDateTime(metadata={"description": "Sessions ending at or after this time"})
    before = fields.AwareDateTime(metadata={"description": "Sessions starting at or before this time"})


class AttendeeOut(Schema):
    """One person at a session."""

    side = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True)
    user_id = fields.Integer(allow_none=True, required=True)


class SessionOut(Schema):
    """A session; attendance only for the sides' people."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    title = fields.String(required=True)
    state = fields.String(required=True)
    starts_at = fields.DateTime(required=True)
    ends_at = fields.DateTime(required=True)
    place = fields.String(required=True)
    video_link = fields.String(required=True)
    agenda = fields.String(required=True)
    cancel_reason = fields.String(required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    version = fields.Integer(required=True)
    attendees = fields.List(fields.Nested(AttendeeOut), required=True)


class LedgerEntryOut(Schema):
    """One thing that happened at a session."""

    kind = fields.String(
        required=True, metadata={"description": "passed, withdrawn, ta_offered, ta_signed, ta_reopened"}
    )
    side = fields.String(required=True, metadata={"description": "The side that acted"})
    at = fields.DateTime(required=True)
    label = fields.String(required=True)
    proposal_id = fields.Integer(allow_none=True, required=True)
    ta_id = fields.Integer(allow_none=True, required=True)


class LedgerOut(Schema):
    """A session's ledger, in time order and by side."""

    session_id = fields.Integer(required=True)
    entries = fields.List(fields.Nested(LedgerEntryOut), required=True)
    by_side = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.List(fields.String())),
        required=True,
        metadata={"description": "side -> kind -> labels"},
    )
