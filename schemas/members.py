"""Member rosters and invitations."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

SIDE = fields.String(
    validate=validate.OneOf(["union", "employer"]),
    metadata={"description": "Administrators name the side; negotiators use their own"},
)


class RosterIn(Schema):
    """A roster as CSV text: a header naming name and email, and any columns costing may use."""

    csv = fields.String(required=True, validate=validate.Length(min=1, max=5_000_000))
    side = SIDE


class RosterQuery(Schema):
    """Whose roster (administrators)."""

    side = SIDE


class RosterCountsOut(Schema):
    """What an upload did."""

    added = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    rows = fields.Integer(required=True)


class RosterEntryOut(Schema):
    """A member on the roster (personal data: the side's committee only)."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", attribute="fields", required=True)
    user_id = fields.Integer(required=True, allow_none=True)
    invited_at = fields.DateTime(required=True, allow_none=True)


class InviteIn(Schema):
    """Whom to invite: the named addresses, or everyone on the roster not invited yet."""

    emails = fields.List(fields.Email(), validate=validate.Length(max=20_000))
    side = SIDE


class InviteOut(Schema):
    """How many were invited, and how many got a new member's seat."""

    invited = fields.Integer(required=True)
    seated = fields.Integer(required=True)
