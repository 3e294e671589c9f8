"""Articles of the contract."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.domain.errors import ensure_version
from bargaining.services import articles as service
from schemas.articles import ArticleDetailOut, ArticleIn, ArticleOut, ArticleUpdateIn

blp = ApiBlueprint("articles", __name__, description="Articles of the contract")


@blp.route("/tables/<int:table_id>/articles")
class Articles(MethodView):
    """A table's articles."""

    @blp.response(200, ArticleOut(many=True))
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List articles in contract order."""
        stmt = service.list_articles(db.session(), current_user(), table_id)
        return paged(stmt, pagination_parameters)

    @blp.arguments(ArticleIn)
    @blp.response(201, ArticleOut)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Add an article to the current contract (before bargaining opens)."""
        article = service.create_article(db.session(), current_user(), table_id, data)
        db.session().commit()
        where = location("articles.ArticleItem", article_id=article.id)
        return article, 201, {**etag_header("article", article), **where}


@blp.route("/articles/<int:article_id>")
class ArticleItem(MethodView):
    """One article."""

    @blp.response(200, ArticleDetailOut)
    def get(self, article_id: int) -> Any:
        """Get an article with its clauses and their current base text."""
        detail = service.article_with_clauses(db.session(), current_user(), article_id)
        return detail, 200, etag_header("article", detail.article)

    @blp.arguments(ArticleUpdateIn)
    @blp.response(200, ArticleOut)
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], article_id: int) -> Any:
        """Rename, renumber or move an article (position is 1-based)."""
        expected = if_match_version("article", article_id)
        article, _table, _standing = service.load_article(db.session(), current_user(), article_id)
        ensure_version("article", article.version, expected)
        article = service.update_article(db.session(), current_user(), article_id, data)
        db.session().commit()
        return article, 200, etag_header("article", article)
