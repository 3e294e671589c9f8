"""Tentative agreements."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.services import agreements as service
from bargaining.services import ta_summaries as summaries
from schemas.agreements import ReopenIn, SignatureIn, SummaryIn, SummaryVersionOut, TAIn, TAOut, TAQuery
from schemas.common import ErrorOut

blp = ApiBlueprint("agreements", __name__, description="Tentative agreements, signed by both sides")


@blp.route("/tables/<int:table_id>/tentative-agreements")
class Agreements(MethodView):
    """A table's TAs."""

    @blp.arguments(TAQuery, location="query")
    @blp.response(200, TAOut(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List TAs (members see signed ones)."""
        return paged(service.list_tas(db.session(), current_user(), table_id, filters), pagination_parameters)

    @blp.arguments(TAIn)
    @blp.response(201, TAOut)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Offer a TA, signed for my side (recorders record a paper signature)."""
        ta = service.offer(db.session(), current_user(), table_id, data)
        db.session().commit()
        return ta, 201, {**etag_header("ta", ta), **location("agreements.Agreement", ta_id=ta.id)}


@blp.route("/tentative-agreements/<int:ta_id>")
class Agreement(MethodView):
    """One TA."""

    @blp.response(200, TAOut)
    def get(self, ta_id: int) -> Any:
        """Get a TA."""
        ta, _standing = service.load_ta(db.session(), current_user(), ta_id)
        return ta, 200, etag_header("ta", ta)

    @blp.arguments(SummaryIn)
    @blp.response(200, TAOut)
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], ta_id: int) -> Any:
        """Rewrite the members' plain-language summary (union negotiators; earlier texts are kept)."""
        expected = if_match_version("ta", ta_id)
        ta = summaries.update_summary(db.session(), current_user(), ta_id, expected, data["summary"])
        db.session().commit()
        return ta, 200, etag_header("ta", ta)


@blp.route("/tentative-agreements/<int:ta_id>/sign")
class Countersign(MethodView):
    """Countersigning."""

    @blp.arguments(SignatureIn)
    @blp.response(200, TAOut)
    @guarded(blp, "ta", "ta_id")
    def post(self, data: dict[str, Any], ta_id: int) -> Any:
        """Countersign for the other side: the clauses are tentatively agreed."""
        ta = service.countersign(db.session(), current_user(), ta_id, data)
        db.session().commit()
        return ta, 200, etag_header("ta", ta)


@blp.route("/tentative-agreements/<int:ta_id>/reject")
class Reject(MethodView):
    """Rejecting."""

    @blp.response(200, TAOut)
    @guarded(blp, "ta", "ta_id")
    def post(self, ta_id: int) -> Any:
        """Reject a pending offer (or take back your own)."""
        ta = service.reject(db.session(), current_user(), ta_id)
        db.session().commit()
        return ta, 200, etag_header("ta", ta)


@blp.route("/tentative-agreements/<int:ta_id>/reopen-request")
class ReopenRequest(MethodView):
    """Asking to reopen."""

    @blp.arguments(ReopenIn)
    @blp.response(200, TAOut)
    @guarded(blp, "ta", "ta_id")
    def post(self, data: dict[str, Any], ta_id: int) -> Any:
        """Ask to reopen a signed TA (the other side must consent)."""
        ta = service.request_reopen(db.session(), current_user(), ta_id, data["reason"])
        db.session().commit()
        return ta, 200, etag_header("ta", ta)


@blp.route("/tentative-agreements/<int:ta_id>/reopen-consent")
class ReopenConsent(MethodView):
    """Consenting to reopen."""

    @blp.response(200, TAOut)
    @guarded(blp, "ta", "ta_id")
    def post(self, ta_id: int) -> Any:
        """Consent to the other side's request: the clauses return to the table."""
        ta = service.consent_reopen(db.session(), current_user(), ta_id)
        db.session().commit()
        return ta, 200, etag_header("ta", ta)


@blp.route("/tentative-agreements/<int:ta_id>/summaries")
class SummaryVersions(MethodView):
    """A TA's members' summary, every text it has had."""

    @blp.response(200, SummaryVersionOut(many=True))
    @blp.alt_response(404, schema=ErrorOut, description="No such tentative agreement")
    @blp.paginate()
    def get(self, ta_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the summary's texts, the current one first (whoever may read the TA)."""
        stmt = summaries.summary_versions(db.session(), current_user(), ta_id)
        return paged(stmt, pagination_parameters)
