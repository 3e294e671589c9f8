"""Tables and memberships."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, name_field

PREFIX = validate.Regexp(
    r"^[A-Za-z][A-Za-z0-9]{0,7}$", error="1-8 letters or digits, starting with a letter."
)


class SettingsIn(Schema):
    """Table settings."""

    members_see_passed = fields.Boolean()
    union_prefix = SafeString(validate=PREFIX)
    employer_prefix = SafeString(validate=PREFIX)


class SettingsOut(Schema):
    """Table settings."""

    members_see_passed = fields.Boolean(required=True)
    union_prefix = fields.String(required=True)
    employer_prefix = fields.String(required=True)


class TableIn(Schema):
    """Create a table."""

    title = name_field()
    union_name = name_field()
    employer_name = name_field()
    settings = fields.Nested(SettingsIn)
    renews = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "A ratified table whose contract becomes this table's base"},
    )


class TableUpdateIn(Schema):
    """Change a table."""

    title = SafeString(validate=validate.Length(min=1, max=200))
    union_name = SafeString(validate=validate.Length(min=1, max=200))
    employer_name = SafeString(validate=validate.Length(min=1, max=200))
    settings = fields.Nested(SettingsIn)


class TableOut(Schema):
    """A table."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    union_name = fields.String(required=True)
    employer_name = fields.String(required=True)
    state = fields.String(required=True)
    settings = fields.Method("_settings", required=True)
    renews_id = fields.Integer(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    archived_at = fields.DateTime(allow_none=True, metadata={"description": "Set once archived (read-only)"})
    version = fields.Integer(required=True)

    def _settings(self, table: object) -> dict[str, object]:
        """Group the settings columns."""
        settings: dict[str, object] = SettingsOut().dump(table)
        return settings


class MembershipIn(Schema):
    """Seat a user at a table: by user id or email."""

    user_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    email = fields.Email()
    side = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["union", "employer"]))
    role = fields.String(
        required=True, validate=validate.OneOf(["negotiator", "recorder", "observer", "member"])
    )


class MembershipOut(Schema):
    """A seat at a table."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    user_id = fields.Integer(required=True)
    user_name = fields.String(attribute="user.name", required=True)
    user_email = fields.String(attribute="user.email", required=True)
    side = fields.String(allow_none=True, required=True)
    role = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    etag = fields.Function(
        lambda seat: f'"membership-{seat.id}-v{seat.version}"',
        required=True,
        metadata={"description": "Send it in If-Match to remove the seat"},
    )
