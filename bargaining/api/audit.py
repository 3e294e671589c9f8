"""The audit trail of a table."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services import audit_view as service
from schemas.audit import AuditEventOut, AuditQuery

blp = ApiBlueprint("audit", __name__, description="Who changed what, and when")


@blp.route("/tables/<int:table_id>/audit")
class AuditTrail(MethodView):
    """A table's audit trail."""

    @blp.arguments(AuditQuery, location="query")
    @blp.response(200, AuditEventOut(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """The events I may see, newest first (sides' people and administrators; not members)."""
        session = db.session()
        stmt = service.audit_events(session, current_user(), table_id, service.AuditFilters(**args))
        params = pagination_parameters
        params.item_count, rows = service.page_of_rows(session, stmt, params.first_item, params.page_size)
        return rows
