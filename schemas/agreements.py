"""Tentative agreements: offers in, TA views out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, UTCDateTime

ID = validate.Range(min=1, max=2**31 - 1)


class TAItemIn(Schema):
    """One clause's agreed language: a passed version (amend/add), deletion, or status quo."""

    clause_id = fields.Integer(required=True, validate=ID)
    action = fields.String(required=True, validate=validate.OneOf(["amend", "add", "delete", "status_quo"]))
    version_id = fields.Integer(validate=ID, metadata={"description": "amend/add: a version one side passed"})


class SignatureIn(Schema):
    """A signature: a negotiator signs; a recorder records a paper signature, naming the signer and date."""

    signed_by_id = fields.Integer(
        validate=ID, metadata={"description": "Recorders: the negotiator who signed"}
    )
    signed_at = UTCDateTime(
        default_timezone=None, metadata={"description": "Recorders: the date on the paper"}
    )
    session_id = fields.Integer(
        validate=ID, metadata={"description": "The session it happened at (paper entered later names it)"}
    )


class ReopenConsentIn(Schema):
    """Consenting to reopen, optionally naming the session it happened at."""

    session_id = fields.Integer(
        validate=ID, metadata={"description": "The session it happened at (paper entered later names it)"}
    )


class TAIn(SignatureIn):
    """Offer a TA on one or more clauses, or on a whole package."""

    items = fields.List(fields.Nested(TAItemIn), load_default=list, validate=validate.Length(max=500))
    package_proposal_id = fields.Integer(validate=ID)
    summary = SafeString(load_default="", validate=validate.Length(max=20_000))


class ReopenIn(Schema):
    """Ask to reopen a signed TA."""

    reason = SafeString(required=True, validate=validate.Length(min=1, max=5000))


class SummaryIn(Schema):
    """The plain-language summary members read."""

    summary = SafeString(required=True, validate=validate.Length(max=20_000))


class TAQuery(Schema):
    """TA list filters."""

    state = fields.String(validate=validate.OneOf(["pending", "signed", "rejected", "reopened"]))
    clause_id = fields.Integer(validate=ID)


class TAItemOut(Schema):
    """A clause a TA covers."""

    clause_id = fields.Integer(required=True)
    action = fields.String(required=True)
    version_id = fields.Integer(allow_none=True, required=True)
    content_hash = fields.String(required=True)
    agreed_number = fields.String(allow_none=True, required=True)
    agreed_heading = fields.String(allow_none=True, required=True)


class TAOut(Schema):
    """A tentative agreement."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    label = fields.String(required=True)
    state = fields.String(required=True)
    package_proposal_id = fields.Integer(allow_none=True, required=True)
    summary = fields.String(required=True)
    agreed_hash = fields.String(required=True)
    offered_by = fields.String(required=True)
    offered_by_id = fields.Integer(required=True)
    offered_recorded_by_id = fields.Integer(allow_none=True, required=True)
    offered_at = fields.DateTime(required=True)
    countersigned_by_id = fields.Integer(allow_none=True, required=True)
    countersign_recorded_by_id = fields.Integer(allow_none=True, required=True)
    signed_at = fields.DateTime(allow_none=True, required=True)
    rejected_at = fields.DateTime(allow_none=True, required=True)
    rejected_by_id = fields.Integer(allow_none=True, required=True)
    reopen_requested_by = fields.String(allow_none=True, required=True)
    reopen_requested_at = fields.DateTime(allow_none=True, required=True)
    reopen_reason = fields.String(required=True)
    reopened_at = fields.DateTime(allow_none=True, required=True)
    reopened_by_id = fields.Integer(allow_none=True, required=True)
    version = fields.Integer(required=True)
    items = fields.List(fields.Nested(TAItemOut), required=True)


class SummaryVersionOut(Schema):
    """One text of a TA's members' summary (the first listed is current)."""

    id = fields.Integer(required=True)
    ta_id = fields.Integer(required=True)
    number = fields.Integer(required=True, metadata={"description": "1 for the first text, then 2, 3..."})
    text = fields.String(required=True)
    author_side = fields.String(required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
