"""Change requests: what both sides share changes by one side's proposal and the other's consent."""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.models import ChangeRequest
from bargaining.services.consent import requests as service
from schemas.common import ErrorOut
from schemas.consent import ChangeQuery, ChangeRequestIn, ChangeRequestOut

blp = ApiBlueprint(
    "consent", __name__, description="Changes to what both sides share: one proposes, the other consents"
)
KIND = "change"


def _answer(change: ChangeRequest, status: int = 200) -> Any:
    """A change request with its ETag (and Location when created)."""
    headers = etag_header(KIND, change)
    if status == 201:
        headers["Location"] = url_for("consent.ChangeItem", change_id=change.id)
    return change, status, headers


@blp.route("/tables/<int:table_id>/change-requests")
class Changes(MethodView):
    """A table's change requests."""

    @blp.arguments(ChangeQuery, location="query")
    @blp.response(200, ChangeRequestOut(many=True))
    @blp.alt_response(403, schema=ErrorOut, description="Members do not read change requests")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.paginate()
    def get(self, args: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List change requests, newest first (the sides' people and administrators)."""
        stmt = service.list_changes(db.session(), current_user(), table_id, args.get("state"))
        return paged(stmt, pagination_parameters)

    @blp.arguments(ChangeRequestIn)
    @blp.response(201, ChangeRequestOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.alt_response(409, schema=ErrorOut, description="Prefix taken, number in use, or table ratified")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Propose a change to the table's names or settings, or an article's number or title."""
        change = service.propose(db.session(), current_user(), table_id, data)
        db.session().commit()
        return _answer(change, 201)


@blp.route("/change-requests/<int:change_id>")
class ChangeItem(MethodView):
    """One change request."""

    @blp.response(200, ChangeRequestOut)
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @blp.alt_response(403, schema=ErrorOut, description="Members do not read change requests")
    @blp.alt_response(404, schema=ErrorOut, description="No such change request")
    def get(self, change_id: int) -> Any:
        """Get a change request."""
        change, _table, _standing = service.load_change(db.session(), current_user(), change_id)
        headers = etag_header(KIND, change)
        if request.if_none_match.contains_weak(headers["ETag"].strip('"')):
            return Response(status=304, headers=headers)
        return _answer(change)


def _decision(name: str, summary: str, decide: Any) -> type[MethodView]:
    """A view deciding a pending request (consent, decline or withdraw) at the version read."""

    @blp.response(200, ChangeRequestOut)
    @documents_if_match(blp)
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator, or not the side that may")
    @blp.alt_response(404, schema=ErrorOut, description="No such change request")
    @blp.alt_response(409, schema=ErrorOut, description="Not pending, same side, or changed since")
    def post(self: MethodView, change_id: int) -> Any:
        expected = if_match_version(KIND, change_id)
        change = decide(db.session(), current_user(), change_id, expected)
        db.session().commit()
        return _answer(change)

    post.__doc__ = summary
    return type(name, (MethodView,), {"post": post, "__doc__": summary})


blp.route("/change-requests/<int:change_id>/consent")(
    _decision("ChangeConsent", "Consent to the other side's change: it is applied.", service.consent)
)
blp.route("/change-requests/<int:change_id>/decline")(
    _decision("ChangeDecline", "Decline the other side's change: nothing changes.", service.decline)
)
blp.route("/change-requests/<int:change_id>/withdraw")(
    _decision("ChangeWithdraw", "Withdraw my side's change before the other side decides.", service.withdraw)
)
