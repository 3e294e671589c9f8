"""The TA summary: what has been agreed, article by article, and what is still open."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services import ta_summary as service
from schemas.summary import SummaryOut, SummaryQuery

blp = ApiBlueprint("summary", __name__, description="TA summary for members and the committees")


@blp.route("/tables/<int:table_id>/ta-summary")
class TASummary(MethodView):
    """A table's TA summary."""

    @blp.arguments(SummaryQuery, location="query")
    @blp.response(200, SummaryOut)
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Agreed clauses with TA, date, plain-language summary and redline; counts; what is open."""
        return service.ta_summary(db.session(), current_user(), table_id, args["audience"])
