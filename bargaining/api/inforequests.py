"""Information requests: drafted by one side, answered item by item or objected to by the other."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.documented import conditional_gets, errors, location
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.models import InfoRequest, InfoRequestItem
from bargaining.services.inforequests import answering, chronology, drafting, reading, views
from schemas.inforequests import (
    AnswerIn,
    ChronologyQuery,
    ChronologyRowOut,
    ItemOut,
    ObjectionIn,
    RemindIn,
    RequestIn,
    RequestOut,
    RequestQuery,
    RequestUpdateIn,
    SendIn,
)

blp = ApiBlueprint("inforequests", __name__, description="Information requests and their chronology")
conditional_gets(blp)

_CHRONOLOGY: dict[str, Any] = {
    "application/json": {"schema": ChronologyRowOut(many=True)},
    "text/csv": {"schema": {"type": "string"}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}


def _one(request: InfoRequest, status: int = 200) -> Any:
    """A request's view with its ETag."""
    return views.request_views(db.session(), [request])[0], status, etag_header("inforequest", request)


def _item(request: InfoRequest, item: InfoRequestItem) -> Any:
    """An item's view with its ETag."""
    view = views.request_views(db.session(), [request])[0]
    return next(i for i in view["items"] if i["id"] == item.id), 200, etag_header("iritem", item)


@blp.route("/tables/<int:table_id>/information-requests")
class Requests(MethodView):
    """A table's information requests."""

    @blp.arguments(RequestQuery, location="query")
    @blp.response(200, RequestOut(many=True))
    @errors(blp, 403, 404)
    @blp.paginate()
    def get(self, filters: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List requests (my side's drafts and every sent one): open, overdue, closed, by article."""
        stmt = reading.list_requests(db.session(), current_user(), table_id, filters)
        return views.request_views(db.session(), paged(stmt, pagination_parameters))

    @blp.arguments(RequestIn)
    @blp.response(201, RequestOut)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Draft a request to the other side (private to my side until sent)."""
        request = drafting.create(db.session(), current_user(), table_id, data)
        db.session().commit()
        view, status, headers = _one(request, 201)
        return view, status, headers | location("inforequests.RequestResource", ir_id=request.id)


@blp.route("/information-requests/<int:ir_id>")
class RequestResource(MethodView):
    """One information request."""

    @blp.response(200, RequestOut)
    @errors(blp, 404)
    def get(self, ir_id: int) -> Any:
        """Get a request with its items, their derived status, answers and files."""
        request, _standing = reading.load_request(db.session(), current_user(), ir_id)
        return _one(request)

    @blp.arguments(RequestUpdateIn)
    @blp.response(200, RequestOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def patch(self, data: dict[str, Any], ir_id: int) -> Any:
        """Edit a draft request (409 once sent)."""
        expected = if_match_version("inforequest", ir_id)
        request = drafting.update(db.session(), current_user(), ir_id, expected, data)
        db.session().commit()
        return _one(request)

    @blp.response(204)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409)
    def delete(self, ir_id: int) -> Any:
        """Delete a draft request (409 once sent)."""
        expected = if_match_version("inforequest", ir_id)
        drafting.delete(db.session(), current_user(), ir_id, expected)
        db.session().commit()
        return None


@blp.route("/information-requests/<int:ir_id>/send")
class SendInfoRequest(MethodView):
    """Sending a request."""

    @blp.arguments(SendIn)
    @blp.response(200, RequestOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], ir_id: int) -> Any:
        """Send the request to the other side: it is dated and its due date runs."""
        expected = if_match_version("inforequest", ir_id)
        request = drafting.send(db.session(), current_user(), ir_id, expected, data.get("requested_at"))
        db.session().commit()
        return _one(request)


@blp.route("/information-requests/<int:ir_id>/remind")
class Remind(MethodView):
    """Reminding the other side."""

    @blp.arguments(RemindIn)
    @blp.response(200, RequestOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], ir_id: int) -> Any:
        """Remind the other side of a sent request (it goes in the chronology)."""
        expected = if_match_version("inforequest", ir_id)
        request = drafting.remind(db.session(), current_user(), ir_id, expected, data["note"])
        db.session().commit()
        return _one(request)


@blp.route("/information-requests/<int:ir_id>/chronology")
class Chronology(MethodView):
    """A request's chronology."""

    @blp.arguments(ChronologyQuery, location="query")
    @blp.response(200, ChronologyRowOut(many=True))
    @blp.doc(responses={"200": {"description": "OK", "content": _CHRONOLOGY}})
    @errors(blp, 404)
    def get(self, args: dict[str, Any], ir_id: int) -> Any:
        """Requested, reminded, answered, objected, withdrawn, in time order: JSON, CSV or PDF."""
        request, rows = chronology.chronology(db.session(), current_user(), ir_id)
        name = f"information-request-{request.id}-chronology"
        if args["format"] == "csv":
            return _download(chronology.as_csv(rows).encode(), "text/csv; charset=utf-8", f"{name}.csv")
        if args["format"] == "pdf":
            return _download(chronology.as_pdf(request, rows), "application/pdf", f"{name}.pdf")
        return rows


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    """A document as an attachment."""
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blp.route("/information-request-items/<int:ir_item_id>/answers")
class Answers(MethodView):
    """Answering an item."""

    @blp.arguments(AnswerIn)
    @blp.response(200, ItemOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], ir_item_id: int) -> Any:
        """Answer an item, fully or in part (then attach files to the answer)."""
        expected = if_match_version("iritem", ir_item_id)
        item, request = answering.answer(db.session(), current_user(), ir_item_id, expected, data)
        db.session().commit()
        return _item(request, item)


@blp.route("/information-request-items/<int:ir_item_id>/objection")
class Objection(MethodView):
    """Objecting to an item."""

    @blp.arguments(ObjectionIn)
    @blp.response(200, ItemOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], ir_item_id: int) -> Any:
        """Object to an item, with the reason."""
        expected = if_match_version("iritem", ir_item_id)
        item, request = answering.object_to(
            db.session(), current_user(), ir_item_id, expected, data["reason"]
        )
        db.session().commit()
        return _item(request, item)


@blp.route("/information-request-items/<int:ir_item_id>/withdraw")
class WithdrawItem(MethodView):
    """Withdrawing an item."""

    @blp.response(200, ItemOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409)
    def post(self, ir_item_id: int) -> Any:
        """Withdraw one item of my side's request (it stays in the record)."""
        expected = if_match_version("iritem", ir_item_id)
        item, request = drafting.withdraw_item(db.session(), current_user(), ir_item_id, expected)
        db.session().commit()
        return _item(request, item)
