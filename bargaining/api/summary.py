"""The TA summary: what has been agreed, article by article, and what is still open."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from bargaining import db
from bargaining.api.cached import cached_response, encode_json
from bargaining.api.common import ApiBlueprint
from bargaining.api.documents import chosen_format, formats_doc
from bargaining.auth import current_user
from bargaining.documents.model import EXTENSIONS, MEDIA_TYPES
from bargaining.documents.render import Rendered, render
from bargaining.services import ta_summary as service
from bargaining.services.documents.ta_summary import summary_document, summary_filename
from bargaining.services.ta_summary_plan import Audience, summary_viewer
from bargaining.services.table_cache.revision import TableAtRevision, load_table_revision
from schemas.summary import SummaryOut, SummaryQuery

blp = ApiBlueprint("summary", __name__, description="TA summary for members and the committees")

_FORMATS = formats_doc(
    SummaryOut,
    "format=json (default): the summary's data; html, md, text, docx or pdf: the same view (audience) as a "
    "document, agreed text redlined against the current contract, then what is open, with a "
    "Content-Disposition file name (…_ta-summary_members.pdf, or _committees for a side's full view). "
    "The Accept header chooses when format is not given. Every format is kept per table revision (ETag/304).",
)


def _document(at: TableAtRevision, audience: Audience, fmt: str) -> Response:
    """The summary in a document format, rendered once per revision and view class, with its file name."""
    compute = lambda: render(summary_document(_json(at, audience)), fmt).body  # noqa: E731
    response = cached_response((*service.summary_key(at, audience), fmt), compute, MEDIA_TYPES[fmt])
    view = summary_viewer(at.table, at.standing, audience).view
    name = f"{summary_filename(at.table.title, view)}.{EXTENSIONS[fmt]}"
    response.headers["Content-Disposition"] = Rendered(b"", MEDIA_TYPES[fmt], name).disposition
    response.vary.add("Accept")
    return response


def _json(at: TableAtRevision, audience: Audience) -> dict[str, Any]:
    """The summary in SummaryOut's form."""
    data: dict[str, Any] = SummaryOut().dump(service.summary_at(db.session(), at, audience))
    return data


@blp.route("/tables/<int:table_id>/ta-summary")
class TASummary(MethodView):
    """A table's TA summary."""

    @blp.arguments(SummaryQuery, location="query")
    @blp.response(200, SummaryOut)
    @blp.alt_response(304, description="Not modified (If-None-Match): nothing changed at the table")
    @blp.doc(**_FORMATS)
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Agreed clauses with TA, date, plain-language summary and redline; counts; what is open."""
        fmt = chosen_format(args)
        at = load_table_revision(db.session(), current_user(), table_id)
        audience = args["audience"]
        if fmt != "json":
            return _document(at, audience, fmt)
        compute = lambda: encode_json(_json(at, audience))  # noqa: E731
        response = cached_response(service.summary_key(at, audience), compute)
        response.vary.add("Accept")
        return response
