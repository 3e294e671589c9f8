"""Clauses and their immutable versions."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import etag_header
from bargaining.auth import current_user, prefetch_with_caller
from bargaining.services import clauses as service
from bargaining.services.clause_read import CLAUSE_CARD, clause_card
from schemas.articles import BaseVersionIn, ClauseIn, ClauseOut, VersionOut

blp = ApiBlueprint("clauses", __name__, description="Clauses and their versions")
prefetch_with_caller("clauses.ClauseItem", CLAUSE_CARD, "clause_id")  # GET a clause: one statement


def _limit() -> int:
    """The configured maximum clause length."""
    return int(current_app.config["MAX_CLAUSE_CHARS"])


@blp.route("/articles/<int:article_id>/clauses")
class Clauses(MethodView):
    """An article's clauses."""

    @blp.arguments(ClauseIn)
    @blp.response(201, ClauseOut)
    def post(self, data: dict[str, Any], article_id: int) -> Any:
        """Add a clause of the current contract with its text (before bargaining opens)."""
        clause = service.create_clause(db.session(), current_user(), article_id, data, _limit())
        db.session().commit()
        where = location("clauses.ClauseItem", clause_id=clause.id)
        return clause, 201, {**etag_header("clause", clause), **where}


@blp.route("/clauses/<int:clause_id>")
class ClauseItem(MethodView):
    """One clause."""

    @blp.response(200, ClauseOut)
    def get(self, clause_id: int) -> Any:
        """Get a clause with its current base text."""
        clause = clause_card(db.driver(), current_user(), clause_id)
        return clause, 200, etag_header("clause", clause)


@blp.route("/clauses/<int:clause_id>/versions")
class Versions(MethodView):
    """A clause's versions."""

    @blp.response(200, VersionOut(many=True))
    @blp.paginate()
    def get(self, clause_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the versions of a clause I may see, oldest first."""
        stmt = service.versions_of(db.session(), current_user(), clause_id)
        return paged(stmt, pagination_parameters)

    @blp.arguments(BaseVersionIn)
    @blp.response(201, VersionOut)
    def post(self, data: dict[str, Any], clause_id: int) -> Any:
        """Record a new base version (the current contract), before bargaining opens."""
        version = service.revise_base(db.session(), current_user(), clause_id, data["text"], _limit())
        db.session().commit()
        return version, 201, location("clauses.VersionItem", clause_id=clause_id, version_id=version.id)


@blp.route("/clauses/<int:clause_id>/versions/<int:version_id>")
class VersionItem(MethodView):
    """One version."""

    @blp.response(200, VersionOut)
    def get(self, clause_id: int, version_id: int) -> Any:
        """Get one version of a clause."""
        return service.get_version(db.session(), current_user(), clause_id, version_id)
