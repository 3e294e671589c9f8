"""Events: the feed and stream, webhooks and their deliveries, notification preferences."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString

KIND = SafeString(validate=validate.Length(min=1, max=60))


class FeedQuery(Schema):
    """A cursor into a table's events."""

    after = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "Return events numbered after this one (0: from the start)"},
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class StreamQuery(Schema):
    """Where a stream starts (the Last-Event-ID header, when sent, wins)."""

    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))
    once = fields.Boolean(
        load_default=False,
        metadata={"description": "Send the events there are now, then close (for clients that poll)"},
    )


class EventOut(Schema):
    """One event as its reader may see it."""

    id = fields.Integer(required=True, metadata={"description": "Its number in the table's feed"})
    table_id = fields.Integer(required=True)
    at = fields.String(required=True)
    action = fields.String(required=True)
    object_type = fields.String(required=True)
    object_id = fields.Integer(required=True, allow_none=True)
    actor_id = fields.Integer(required=True, allow_none=True)
    actor_name = fields.String(required=True, allow_none=True)
    detail = fields.Dict(required=True)


class WebhookIn(Schema):
    """A new subscription: where to send, and which kinds (actions, prefixes ending in '.', or '*')."""

    url = SafeString(
        required=True,
        validate=[validate.URL(schemes={"http", "https"}, require_tld=False), validate.Length(max=2000)],
    )
    kinds = fields.List(KIND, required=True, validate=validate.Length(min=1, max=50))


class WebhookPatch(Schema):
    """A change to a subscription; state 'active' resumes a paused one."""

    url = SafeString(
        validate=[validate.URL(schemes={"http", "https"}, require_tld=False), validate.Length(max=2000)]
    )
    kinds = fields.List(KIND, validate=validate.Length(min=1, max=50))
    state = fields.String(validate=validate.OneOf(["active", "paused"]))


class WebhookOut(Schema):
    """A subscription (its secret is shown only when it is created)."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    scope = fields.String(required=True, metadata={"description": "Whose events it receives"})
    url = fields.String(required=True)
    kinds = fields.List(fields.String(), required=True)
    state = fields.String(required=True)
    paused_reason = fields.String(required=True)
    failures_in_row = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    etag = fields.Function(lambda w: f'"webhook-{w.id}-v{w.version}"', required=True)


class NewWebhookOut(WebhookOut):
    """A new subscription with its signing secret (shown once)."""

    secret = fields.String(required=True)


class AttemptOut(Schema):
    """One try at a delivery."""

    number = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    status_code = fields.Integer(required=True, allow_none=True)
    ok = fields.Boolean(required=True)
    error = fields.String(required=True)
    elapsed_ms = fields.Integer(required=True)


class DeliveryOut(Schema):
    """A delivery of one event to a subscription, with its attempts."""

    id = fields.Integer(required=True)
    subscription_id = fields.Integer(required=True)
    event_id = fields.Integer(required=True, metadata={"description": "The event's number at its table"})
    action = fields.String(required=True)
    state = fields.String(required=True)
    attempts = fields.Integer(required=True)
    next_attempt_at = fields.DateTime(required=True)
    delivered_at = fields.DateTime(required=True, allow_none=True)
    replay_of_id = fields.Integer(required=True, allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptOut), required=True)


class PreferencesOut(Schema):
    """How I hear of each kind of notice: immediate, daily or never."""

    preferences = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class PreferencesPatch(Schema):
    """Change some kinds' modes."""

    preferences = fields.Dict(
        keys=fields.String(
            validate=validate.OneOf(
                [
                    "ta_awaits_signature",
                    "proposal_passed",
                    "proposal_answers_mine",
                    "info_request_to_us",
                    "info_request_due",
                    "info_request_answered",
                    "ratification_vote",
                ]
            )
        ),
        values=fields.String(validate=validate.OneOf(["immediate", "daily", "never"])),
        required=True,
    )
