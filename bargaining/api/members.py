"""A side's member roster (CSV upload) and invitations to the members' pages."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.auth import current_user
from bargaining.services.members import roster as service
from schemas.common import ErrorOut
from schemas.members import InviteIn, InviteOut, RosterCountsOut, RosterEntryOut, RosterIn, RosterQuery

blp = ApiBlueprint("members", __name__, description="Member rosters and invitations")


@blp.route("/tables/<int:table_id>/member-roster")
class MemberRoster(MethodView):
    """A side's member roster."""

    @blp.arguments(RosterQuery, location="query")
    @blp.response(200, RosterEntryOut(many=True))
    @blp.alt_response(403, schema=ErrorOut, description="Not that side's negotiator or an administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.paginate()
    def get(self, args: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """My side's roster, by name (personal data: that side's negotiators alone)."""
        stmt = service.listing(db.session(), current_user(), table_id, args.get("side"))
        return paged(stmt, pagination_parameters)

    @blp.arguments(RosterIn)
    @blp.response(201, RosterCountsOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator or an administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Upload CSV (name, email, and any columns costing may use); rows are matched by email."""
        counts = service.upload(db.session(), current_user(), table_id, data)
        db.session().commit()
        return counts, 201, {"Location": url_for("members.MemberRoster", table_id=table_id)}


@blp.route("/tables/<int:table_id>/member-roster/invitations")
class Invitations(MethodView):
    """Invitations to the members' pages."""

    @blp.arguments(InviteIn)
    @blp.response(201, InviteOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator or an administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Seat roster members as members of the table and email each an invitation."""
        link = url_for("member_signin.email_form")
        counts = service.invite(db.session(), current_user(), table_id, data, link)
        db.session().commit()
        return counts, 201, {"Location": url_for("members.MemberRoster", table_id=table_id)}
