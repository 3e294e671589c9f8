"""Importing the current contract."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView

from bargaining import db
from bargaining.api.common import ApiBlueprint, location
from bargaining.auth import current_user
from bargaining.services.importing import import_contract
from schemas.importing import ImportIn, ImportOut, ImportQuery

blp = ApiBlueprint("import", __name__, description="Import the current contract")


@blp.route("/tables/<int:table_id>/import")
class Import(MethodView):
    """Import a contract."""

    @blp.arguments(ImportQuery, location="query")
    @blp.arguments(ImportIn)
    @blp.response(201, ImportOut)
    @blp.alt_response(200, schema=ImportOut, description="Dry run: the outline, nothing written")
    def post(self, query: dict[str, Any], data: dict[str, Any], table_id: int) -> Any:
        """Build articles, clauses and base versions from the contract's text (?dry_run=true to preview)."""
        result = import_contract(
            db.session(),
            current_user(),
            table_id,
            data["text"],
            dry_run=query["dry_run"],
            limit=int(current_app.config["MAX_CLAUSE_CHARS"]),
        )
        if result.dry_run:
            return result, 200
        db.session().commit()
        return result, 201, location("articles.Articles", table_id=table_id)
