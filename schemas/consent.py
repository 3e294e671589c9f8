"""Change requests: proposed changes to what both sides share."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString
from schemas.tables import PREFIX

ID = validate.Range(min=1, max=2**31 - 1)
STATES = ["pending", "applied", "withdrawn", "declined"]


class ChangesIn(Schema):
    """The new values: a table's names and settings, or (with article_id) an article's number and title."""

    title = SafeString(validate=validate.Length(max=300), metadata={"description": "Table or article title"})
    union_name = SafeString(validate=validate.Length(min=1, max=200))
    employer_name = SafeString(validate=validate.Length(min=1, max=200))
    members_see_passed = fields.Boolean()
    union_prefix = SafeString(validate=PREFIX)
    employer_prefix = SafeString(validate=PREFIX)
    number = SafeString(validate=validate.Length(min=1, max=40), metadata={"description": "Article number"})


class ChangeRequestIn(Schema):
    """Propose a change for the other side's negotiator to consent to."""

    article_id = fields.Integer(
        validate=ID, metadata={"description": "Change this article's number or title (else the table's)"}
    )
    changes = fields.Nested(ChangesIn, required=True)
    reason = SafeString(load_default="", validate=validate.Length(max=2000))


class ChangeQuery(Schema):
    """Change request filters."""

    state = fields.String(validate=validate.OneOf(STATES))


class ChangeRequestOut(Schema):
    """A proposed change, with the values it would replace."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    article_id = fields.Integer(required=True, allow_none=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    changes = fields.Dict(required=True, metadata={"description": "Field -> proposed value"})
    before = fields.Dict(required=True, metadata={"description": "Field -> value when proposed"})
    reason = fields.String(required=True)
    proposed_by = fields.String(required=True)
    proposed_by_id = fields.Integer(required=True)
    proposed_at = fields.DateTime(required=True)
    decided_by_id = fields.Integer(required=True, allow_none=True)
    decided_at = fields.DateTime(required=True, allow_none=True)
    version = fields.Integer(required=True)
