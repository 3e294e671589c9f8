"""Service health."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bargaining.api.common import ApiBlueprint
from schemas.common import HealthOut

blp = ApiBlueprint("health", __name__, description="Service health (no token needed)")


@blp.route("/health")
class Health(MethodView):
    """Is the service up and its database reachable."""

    @blp.response(200, HealthOut)
    @blp.alt_response(503, schema=HealthOut, description="The database is unreachable")
    @blp.doc(security=[])
    def get(self) -> Any:
        """Report health: 200 when the database answers, 503 when it does not."""
        try:
            with current_app.extensions["engine"].connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            body = {
                "status": "unavailable",
                "database": "unreachable",
                "message": "The database cannot be reached; retrying on each request.",
            }
            return body, 503
        return {"status": "ok", "database": "ok"}
