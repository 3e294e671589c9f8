"""Outbound webhooks: subscriptions, their deliveries with every attempt, and replays."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api import guards
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.etags import etag_header
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.models import WebhookDelivery, WebhookSubscription
from bargaining.services.audit_view import page_of_rows
from bargaining.services.events import webhooks as service
from schemas.common import ErrorOut
from schemas.events import DeliveryOut, NewWebhookOut, WebhookIn, WebhookOut, WebhookPatch

guards.KINDS["webhook"] = (WebhookSubscription, "id")

blp = ApiBlueprint("webhooks", __name__, description="Outbound webhooks: a table's events sent to a URL")


def _allow_private() -> bool:
    """BARGAINING_WEBHOOK_ALLOW_PRIVATE: loopback and private receivers allowed (tests, local demos)."""
    return bool(current_app.config.get("WEBHOOK_ALLOW_PRIVATE", False))


class NewSubscription:
    """A subscription with its secret, for the one answer that shows it."""

    def __init__(self, record: WebhookSubscription, secret: str) -> None:
        self.record, self.secret = record, secret

    def __getattr__(self, name: str) -> Any:
        """Read the record's attributes through the view."""
        return getattr(self.record, name)


@blp.route("/tables/<int:table_id>/webhooks")
class Subscriptions(MethodView):
    """A table's webhook subscriptions."""

    @blp.response(200, WebhookOut(many=True))
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator or administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """The subscriptions I manage: my side's (negotiators), or every one (administrators)."""
        return paged(service.listing(db.session(), current_user(), table_id), pagination_parameters)

    @blp.arguments(WebhookIn)
    @blp.response(201, NewWebhookOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator or administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.alt_response(422, schema=ErrorOut, description="URL refused (webhook_url_refused) or invalid")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Subscribe a URL to event kinds; its signing secret is shown only in this answer."""
        sub, secret = service.create(db.session(), current_user(), table_id, data, _allow_private())
        db.session().commit()
        headers = {
            **etag_header("webhook", sub),
            "Location": url_for("webhooks.Subscription", webhook_id=sub.id),
        }
        return NewSubscription(sub, secret), 201, headers


@blp.route("/webhooks/<int:webhook_id>")
class Subscription(MethodView):
    """One webhook subscription."""

    @blp.response(200, WebhookOut)
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @blp.alt_response(404, schema=ErrorOut, description="No such webhook (or not mine)")
    def get(self, webhook_id: int) -> Any:
        """A subscription, with its state and why it is paused."""
        sub = service.get(db.session(), current_user(), webhook_id)
        headers = etag_header("webhook", sub)
        if request.if_none_match.contains_weak(headers["ETag"].strip('"')):
            return Response(status=304, headers=headers)
        return sub, 200, headers

    @blp.arguments(WebhookPatch)
    @blp.response(200, WebhookOut)
    @blp.alt_response(404, schema=ErrorOut, description="No such webhook (or not mine)")
    @blp.alt_response(422, schema=ErrorOut, description="URL refused (webhook_url_refused) or invalid")
    @guarded(blp, "webhook", "webhook_id")
    def patch(self, data: dict[str, Any], webhook_id: int) -> Any:
        """Change the URL or kinds, pause, or resume (state 'active' clears the pause)."""
        sub = service.edit(db.session(), current_user(), webhook_id, data, _allow_private())
        db.session().commit()
        return sub, 200, etag_header("webhook", sub)

    @blp.response(200, WebhookOut)
    @blp.alt_response(404, schema=ErrorOut, description="No such webhook (or not mine)")
    @guarded(blp, "webhook", "webhook_id")
    def delete(self, webhook_id: int) -> Any:
        """Stop a subscription for good (its deliveries' log stays)."""
        sub = service.delete(db.session(), current_user(), webhook_id)
        db.session().commit()
        return sub, 200, etag_header("webhook", sub)


@blp.route("/webhooks/<int:webhook_id>/deliveries")
class Deliveries(MethodView):
    """A subscription's deliveries."""

    @blp.response(200, DeliveryOut(many=True))
    @blp.alt_response(404, schema=ErrorOut, description="No such webhook (or not mine)")
    @blp.paginate()
    def get(self, webhook_id: int, pagination_parameters: PaginationParameters) -> Any:
        """Deliveries, newest first, each with every attempt (when, status or error, time taken)."""
        session = db.session()
        stmt = service.deliveries(session, current_user(), webhook_id)
        params = pagination_parameters
        params.item_count, rows = page_of_rows(session, stmt, params.first_item, params.page_size)
        return service.with_attempts(session, rows)


@blp.route("/webhooks/<int:webhook_id>/deliveries/<int:delivery_id>/replay")
class Replay(MethodView):
    """Send a delivery's event again."""

    @blp.response(201, DeliveryOut)
    @blp.alt_response(404, schema=ErrorOut, description="No such webhook or delivery")
    @blp.alt_response(409, schema=ErrorOut, description="The webhook is paused")
    def post(self, webhook_id: int, delivery_id: int) -> Any:
        """Queue the event again as a new delivery to this subscription."""
        session = db.session()
        fresh = service.replay(session, current_user(), webhook_id, delivery_id)
        db.session().commit()
        stmt = service.deliveries(session, current_user(), webhook_id).where(WebhookDelivery.id == fresh.id)
        rows = list(session.execute(stmt))
        location = url_for("webhooks.Deliveries", webhook_id=webhook_id)
        return service.with_attempts(session, rows)[0], 201, {"Location": f"{location}#{fresh.id}"}
