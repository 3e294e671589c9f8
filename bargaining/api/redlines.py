"""Redlines of a clause, a proposal, an article and the whole contract, in every document format."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.cached import cached_response, encode_json
from bargaining.api.common import ApiBlueprint
from bargaining.api.documents import chosen_format, document_response, formats_doc, memo_render
from bargaining.auth import current_user, prefetch_with_caller
from bargaining.services.clause_records import CLAUSE_CONTEXT
from bargaining.services.documents.redlines import clause_document, document_document, proposal_document
from bargaining.services.redlines import proposals as proposal_redlines
from bargaining.services.redlines import scopes as service
from bargaining.services.table_cache.revision import load_table_revision
from schemas.redline_json import document_json
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

_FORMATS = (
    "format=json (default): the ops; html, md, text, docx (Word tracked changes) or pdf: the redline as a "
    "document, with a Content-Disposition file name. The Accept header chooses when format is not given."
)


@blp.route("/clauses/<int:clause_id>/redline")
class ClauseRedline(MethodView):
    """A clause between two versions."""

    @blp.arguments(ClauseRedlineQuery, location="query")
    @blp.response(200, ClauseRedlineOut)
    @blp.doc(**formats_doc(ClauseRedlineOut, _FORMATS))
    def get(self, args: dict[str, Any], clause_id: int) -> Any:
        """Redline a clause between two versions: ids, base, union, employer, ta or tentative."""
        fmt = chosen_format(args)
        redline = service.clause_redline(
            db.driver(),
            db.session,
            current_user(),
            clause_id,
            args["from_"],
            args["to"],
            ignore_whitespace=args["ignore_whitespace"],
        )
        if fmt == "json":
            return redline
        return memo_render(redline.rendering, lambda: clause_document(redline), fmt)


@blp.route("/proposals/<int:proposal_id>/redline")
class ProposalRedline(MethodView):
    """A proposal against the text it changes."""

    @blp.arguments(ProposalRedlineQuery, location="query")
    @blp.response(200, ProposalRedlineOut)
    @blp.doc(**formats_doc(ProposalRedlineOut, _FORMATS))
    def get(self, args: dict[str, Any], proposal_id: int) -> Any:
        """Redline each item against the current contract, or a counter against what it answers."""
        fmt = chosen_format(args)
        redline = proposal_redlines.proposal_redline(
            db.session(),
            current_user(),
            proposal_id,
            args["against"],
            ignore_whitespace=args["ignore_whitespace"],
        )
        return redline if fmt == "json" else document_response(proposal_document(redline), fmt)


@blp.route("/articles/<int:article_id>/redline")
class ArticleRedline(MethodView):
    """An article between two baselines."""

    @blp.arguments(DocumentRedlineQuery, location="query")
    @blp.response(200, DocumentRedlineOut)
    @blp.doc(**formats_doc(DocumentRedlineOut, _FORMATS))
    def get(self, args: dict[str, Any], article_id: int) -> Any:
        """Redline an article between base, union, employer and tentative, clause by clause."""
        fmt = chosen_format(args)
        redline = service.article_redline(
            db.session(),
            current_user(),
            article_id,
            args["from_"],
            args["to"],
            ignore_whitespace=args["ignore_whitespace"],
            changes_only=args["changes"] == "only",
        )
        return redline if fmt == "json" else document_response(document_document(redline), fmt)


@blp.route("/tables/<int:table_id>/redline")
class TableRedline(MethodView):
    """The whole contract between two baselines."""

    @blp.arguments(DocumentRedlineQuery, location="query")
    @blp.response(200, DocumentRedlineOut)
    @blp.alt_response(304, description="Not modified (If-None-Match): nothing changed at the table")
    @blp.doc(**formats_doc(DocumentRedlineOut, _FORMATS))
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Redline the whole contract between base, union, employer and tentative, in article order."""
        fmt = chosen_format(args)
        at = load_table_revision(db.session(), current_user(), table_id)
        query = (args["from_"], args["to"], args["ignore_whitespace"], args["changes"] == "only")
        service.check_refs(at, query[0], query[1])

        def compute() -> bytes:
            """The redline, derived (only when this revision's view is not kept)."""
            return encode_json(document_json(service.table_redline_at(db.session(), at, *query)))

        if fmt == "json":  # kept under the table's revision and the caller's seat, like the board
            return cached_response(service.table_redline_key(at, *query), compute)
        redline = service.table_redline_at(db.session(), at, *query)
        return document_response(document_document(redline), fmt)
