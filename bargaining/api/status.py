"""The status board and a clause's derived status."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.cached import cached_response, encode_json
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user, prefetch_with_caller
from bargaining.services import status_board as service
from bargaining.services.clause_records import CLAUSE_CONTEXT
from bargaining.services.table_cache.revision import load_table_revision
from schemas.status import BoardOut, ClauseStatusOut, StatusQuery

blp = ApiBlueprint("status", __name__, description="Where every clause stands")
prefetch_with_caller("status.ClauseStatus", CLAUSE_CONTEXT, "clause_id")  # the context comes with the token


@blp.route("/tables/<int:table_id>/status")
class StatusBoard(MethodView):
    """A table's status board."""

    @blp.arguments(StatusQuery, location="query")
    @blp.response(200, BoardOut)
    @blp.alt_response(304, description="Not modified (If-None-Match): nothing changed at the table")
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Every article and clause with its derived status, positions and counts."""
        filters = service.BoardFilters(**args)
        at = load_table_revision(db.session(), current_user(), table_id)
        key = service.board_key(at, filters)
        return cached_response(
            key,
            lambda: encode_json(BoardOut().dump(service.board_at(db.session(), at, filters))),
        )


@blp.route("/clauses/<int:clause_id>/status")
class ClauseStatus(MethodView):
    """One clause's status."""

    @blp.response(200, ClauseStatusOut)
    def get(self, clause_id: int) -> Any:
        """A clause's derived status: positions, last mover, ready to TA, its TA."""
        return service.clause_status(db.driver(), db.session(), current_user(), clause_id)
