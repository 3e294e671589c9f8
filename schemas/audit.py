"""The audit trail."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, UTCDateTime


class AuditQuery(Schema):
    """Filters on the audit trail."""

    action = SafeString(
        validate=validate.Length(min=1, max=60),
        metadata={"description": "Exact action, or a prefix ending in '.' such as 'proposal.'"},
    )
    object_type = SafeString(validate=validate.Length(min=1, max=40))
    actor_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    since = UTCDateTime(
        metadata={"description": "Events at or after (naive: UTC)"}
    )
    until = UTCDateTime(
        metadata={"description": "Events strictly before (naive: UTC)"}
    )


class AuditEventOut(Schema):
    """One recorded change."""

    id = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    actor_id = fields.Integer(required=True, allow_none=True)
    actor_name = fields.String(required=True, allow_none=True)
    action = fields.String(required=True)
    object_type = fields.String(required=True)
    object_id = fields.Integer(required=True, allow_none=True)
    before_id = fields.Integer(required=True, allow_none=True)
    after_id = fields.Integer(required=True, allow_none=True)
    detail = fields.Dict(required=True)
