"""Users, tokens and the caller."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, name_field


class UserOut(Schema):
    """A user."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    name = fields.String(required=True)
    is_admin = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    deactivated_at = fields.DateTime(allow_none=True, metadata={"description": "Set once deactivated"})


class UserIn(Schema):
    """Create a user."""

    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = name_field()
    is_admin = fields.Boolean(load_default=False)


class SeatOut(Schema):
    """One of the caller's seats."""

    table_id = fields.Integer(required=True)
    side = fields.String(allow_none=True, required=True)
    role = fields.String(required=True)


class MeOut(UserOut):
    """The caller and their seats."""

    seats = fields.List(fields.Nested(SeatOut), required=True)


class TokenIn(Schema):
    """Create a token."""

    name = SafeString(load_default="", validate=validate.Length(max=100))


class TokenOut(Schema):
    """A token's record (never the token itself)."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    last_used_at = fields.DateTime(allow_none=True, required=True)
    revoked_at = fields.DateTime(allow_none=True, required=True)
    etag = fields.Function(
        lambda token: f'"token-{token.id}-v{token.version}"',
        required=True,
        metadata={"description": "Send it in If-Match to revoke the token"},
    )


class NewTokenOut(TokenOut):
    """A new token: the only time its secret is shown."""

    token = fields.String(required=True)
