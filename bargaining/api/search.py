"""Full-text search of a table, and of every table the caller may read (the clause library)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services.access import load_table
from bargaining.services.search import hits
from bargaining.services.search.query import Filters, search
from schemas.common import ErrorOut
from schemas.search import LibraryQuery, SearchHitOut, SearchQuery

blp = ApiBlueprint("search", __name__, description="Find language across the record")
# A page of search hits is 20 by default (up to 500, as every list): each hit carries a snippet
# the engine marks, the costliest part of a page after the ranking.
SEARCH_PAGE_SIZE = 20


def _filters(args: dict[str, Any], table_id: int | None) -> Filters:
    """The query's filters."""
    return Filters(
        table_id=table_id,
        kinds=tuple(args.get("kind") or ()),
        side=args.get("side"),
        status=args.get("status"),
        since=args.get("since"),
        until=args.get("until"),
    )


def _page(args: dict[str, Any], table_id: int | None, params: PaginationParameters) -> list[dict[str, Any]]:
    """Run the search and return one page of hits."""
    total, rows, snippets = search(
        db.session(), current_user(), args["q"], _filters(args, table_id), params.first_item, params.page_size
    )
    params.item_count = total
    return [hits.hit(row, snippets.get(row.SearchDocument.id)) for row in rows]


@blp.route("/tables/<int:table_id>/search")
class TableSearch(MethodView):
    """Search one table."""

    @blp.arguments(SearchQuery, location="query")
    @blp.response(200, SearchHitOut(many=True))
    @blp.alt_response(404, schema=ErrorOut, description="No such table (for you)")
    @blp.alt_response(422, schema=ErrorOut, description="A bad query (code invalid_query, field q)")
    @blp.paginate(page_size=SEARCH_PAGE_SIZE)
    def get(self, args: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """Search a table's clauses, versions, titles, proposals and TA summaries, best match first."""
        load_table(db.session(), current_user(), table_id)
        return _page(args, table_id, pagination_parameters)


@blp.route("/search")
class LibrarySearch(MethodView):
    """Search every table I may read."""

    @blp.arguments(LibraryQuery, location="query")
    @blp.response(200, SearchHitOut(many=True))
    @blp.alt_response(422, schema=ErrorOut, description="A bad query (code invalid_query, field q)")
    @blp.paginate(page_size=SEARCH_PAGE_SIZE)
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """Search every contract and negotiation I may read: the clause library."""
        return _page(args, args.get("table_id"), pagination_parameters)
