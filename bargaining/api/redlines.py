"""Redlines of a clause, a proposal, an article and the whole contract."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user, prefetch_with_caller
from bargaining.services.clause_records import CLAUSE_CONTEXT
from bargaining.services.redlines import proposals as proposal_redlines
from bargaining.services.redlines import scopes as service
from schemas.redlines import (
    ClauseRedlineOut,
    ClauseRedlineQuery,
    DocumentRedlineOut,
    DocumentRedlineQuery,
    ProposalRedlineOut,
    ProposalRedlineQuery,
)

blp = ApiBlueprint("redlines", __name__, description="Word-by-word redlines between any two versions")
prefetch_with_caller("redlines.ClauseRedline", CLAUSE_CONTEXT, "clause_id")  # a cached redline: one statement

_TEXT = {"schema": {"type": "string"}}
# The 200 response of a clause redline in each format: JSON ops, or the redline rendered.
RENDERED_FORMATS = {
    "responses": {
        "200": {
            "description": "format=json: the ops; html, md, text: the rendered redline",
            "content": {
                "application/json": {"schema": ClauseRedlineOut},
                "text/html": _TEXT,
                "text/markdown": _TEXT,
                "text/plain": _TEXT,
            },
        }
    }
}


@blp.route("/clauses/<int:clause_id>/redline")
class ClauseRedline(MethodView):
    """A clause between two versions."""

    @blp.arguments(ClauseRedlineQuery, location="query")
    @blp.response(200, ClauseRedlineOut)
    @blp.doc(**RENDERED_FORMATS)
    def get(self, args: dict[str, Any], clause_id: int) -> Any:
        """Redline a clause between two versions: ids, base, union, employer, ta or tentative."""
        redline = service.clause_redline(
            db.driver(),
            db.session,
            current_user(),
            clause_id,
            args["from_"],
            args["to"],
            ignore_whitespace=args["ignore_whitespace"],
        )
        if args["format"] == "json":
            return redline
        body, content_type = service.rendered(redline, args["format"])
        return Response(body, status=200, content_type=content_type)


@blp.route("/proposals/<int:proposal_id>/redline")
class ProposalRedline(MethodView):
    """A proposal against the text it changes."""

    @blp.arguments(ProposalRedlineQuery, location="query")
    @blp.response(200, ProposalRedlineOut)
    def get(self, args: dict[str, Any], proposal_id: int) -> Any:
        """Redline each item against the current contract, or a counter against what it answers."""
        return proposal_redlines.proposal_redline(
            db.session(),
            current_user(),
            proposal_id,
            args["against"],
            ignore_whitespace=args["ignore_whitespace"],
        )


@blp.route("/articles/<int:article_id>/redline")
class ArticleRedline(MethodView):
    """An article between two baselines."""

    @blp.arguments(DocumentRedlineQuery, location="query")
    @blp.response(200, DocumentRedlineOut)
    def get(self, args: dict[str, Any], article_id: int) -> Any:
        """Redline an article between base, union, employer and tentative, clause by clause."""
        return service.article_redline(
            db.session(),
            current_user(),
            article_id,
            args["from_"],
            args["to"],
            ignore_whitespace=args["ignore_whitespace"],
        )


@blp.route("/tables/<int:table_id>/redline")
class TableRedline(MethodView):
    """The whole contract between two baselines."""

    @blp.arguments(DocumentRedlineQuery, location="query")
    @blp.response(200, DocumentRedlineOut)
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Redline the whole contract between base, union, employer and tentative, in article order."""
        return service.table_redline(
            db.session(),
            current_user(),
            table_id,
            args["from_"],
            args["to"],
            ignore_whitespace=args["ignore_whitespace"],
        )
