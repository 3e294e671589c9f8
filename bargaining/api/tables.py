"""Tables (negotiations) and memberships."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.domain.errors import ensure_version
from bargaining.services import tables as service
from bargaining.services.access import load_table
from schemas.tables import MembershipIn, MembershipOut, TableIn, TableOut, TableUpdateIn

blp = ApiBlueprint("tables", __name__, description="Negotiations and who sits at them")


@blp.route("/tables")
class Tables(MethodView):
    """Tables."""

    @blp.response(200, TableOut(many=True))
    @blp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> Any:
        """List the tables I sit at."""
        return paged(service.tables_for(current_user()), pagination_parameters)

    @blp.arguments(TableIn)
    @blp.response(201, TableOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a table (administrators)."""
        table = service.create_table(db.session(), current_user(), data)
        db.session().commit()
        return table, 201, {**etag_header("table", table), **location("tables.TableItem", table_id=table.id)}


@blp.route("/tables/<int:table_id>")
class TableItem(MethodView):
    """One table."""

    @blp.response(200, TableOut)
    def get(self, table_id: int) -> Any:
        """Get a table."""
        table, _standing = load_table(db.session(), current_user(), table_id)
        return table, 200, etag_header("table", table)

    @blp.arguments(TableUpdateIn)
    @blp.response(200, TableOut)
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], table_id: int) -> Any:
        """Change a table's names or settings."""
        expected = if_match_version("table", table_id)
        table, _standing = load_table(db.session(), current_user(), table_id)
        ensure_version("table", table.version, expected)
        table = service.update_table(db.session(), current_user(), table_id, data)
        db.session().commit()
        return table, 200, etag_header("table", table)


@blp.route("/tables/<int:table_id>/memberships")
class Memberships(MethodView):
    """Seats at a table."""

    @blp.response(200, MembershipOut(many=True))
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List who sits at the table."""
        stmt = service.list_memberships(db.session(), current_user(), table_id)
        return paged(stmt, pagination_parameters)

    @blp.arguments(MembershipIn)
    @blp.response(201, MembershipOut)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Seat a user at the table (administrators)."""
        membership = service.grant(db.session(), current_user(), table_id, data)
        db.session().commit()
        where = location("tables.MembershipItem", table_id=table_id, membership_id=membership.id)
        return membership, 201, {**etag_header("membership", membership), **where}


@blp.route("/tables/<int:table_id>/memberships/<int:membership_id>")
class MembershipItem(MethodView):
    """One seat."""

    @blp.response(204)
    @guarded(blp, "membership", "membership_id")
    def delete(self, table_id: int, membership_id: int) -> Any:
        """Remove a seat (administrators)."""
        service.revoke(db.session(), current_user(), table_id, membership_id)
        db.session().commit()
        return None
