"""The TA summary: what has been agreed, article by article, and what is still open."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.cached import cached_response, encode_json
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services import ta_summary as service
from bargaining.services.table_cache.revision import load_table_revision
from schemas.summary import SummaryOut, SummaryQuery

blp = ApiBlueprint("summary", __name__, description="TA summary for members and the committees")


@blp.route("/tables/<int:table_id>/ta-summary")
class TASummary(MethodView):
    """A table's TA summary."""

    @blp.arguments(SummaryQuery, location="query")
    @blp.response(200, SummaryOut)
    @blp.alt_response(304, description="Not modified (If-None-Match): nothing changed at the table")
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Agreed clauses with TA, date, plain-language summary and redline; counts; what is open."""
        at = load_table_revision(db.session(), current_user(), table_id)
        audience = args["audience"]
        compute = lambda: encode_json(SummaryOut().dump(service.summary_at(db.session(), at, audience)))  # noqa: E731
        return cached_response(service.summary_key(at, audience), compute)
