"""Intake: contracts in (text, Markdown, Word, PDF), compared with the record, drafted, renewed."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import ValidationError

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.api.etags import etag_header
from bargaining.auth import current_user
from bargaining.domain.intake.upload import Upload
from bargaining.services.access import load_table
from bargaining.services.intake import comparing, terms
from bargaining.services.intake.importing import import_upload, load_importer
from bargaining.services.proposal_view import view_proposals
from schemas.intake import (
    CompareQuery,
    ComparisonOut,
    DraftQuery,
    ImportIn,
    ImportOut,
    ImportQuery,
    NextTermOut,
    NextTermQuery,
    TermsOut,
)
from schemas.proposals import ProposalOut

blp = ApiBlueprint("import", __name__, description="Contracts in: import, compare, draft, next term")

_JSON_IN = ImportIn()
UPLOAD_DOC = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        "text/plain": {"schema": {"type": "string"}},
        "text/markdown": {"schema": {"type": "string"}},
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string"}, "format": {"enum": ["text", "markdown"]}},
            }
        },
    },
    "description": "The document: a Word (.docx), PDF (text layer or scanned), text or Markdown file.",
}
ERRORS = {
    413: "The upload, or what it unpacks to, is too large",
    415: "The body is not a file, text, Markdown or JSON",
    422: "The file cannot be read (code unreadable_file, encrypted_file, ocr_failed, unsupported_format)",
}


def documented(view: Any) -> Any:
    """Document the upload body and its error answers on a view."""
    view = blp.doc(requestBody=UPLOAD_DOC)(view)
    for status, text in ERRORS.items():
        view = blp.alt_response(status, description=text)(view)
    return view


def _limit() -> int:
    """The configured maximum clause length."""
    return int(current_app.config["MAX_CLAUSE_CHARS"])


def read_body(tracked: str) -> Upload:
    """Take the document from the request: a multipart file, a text body, or JSON {"text": ...}."""
    if request.mimetype == "multipart/form-data":
        file = request.files.get("file")
        if file is None:
            abort(422, errors={"form": {"file": ["Send the document in the form field 'file'."]}})
        assert file is not None
        return Upload(file.read(), file.filename or "", file.mimetype or "", tracked)
    if request.mimetype in ("text/plain", "text/markdown"):
        return Upload(request.get_data(cache=False), "", request.mimetype, tracked)
    body = request.get_json(silent=True)
    if body is None:
        abort(400, errors={"json": ["The request body is not valid JSON."]})
    try:
        data = _JSON_IN.load(body if isinstance(body, dict) else {"_": body})
    except ValidationError as exc:
        abort(422, errors={"json": exc.messages})
        raise
    content_type = "text/markdown" if data["format"] == "markdown" else "text/plain"
    return Upload(data["text"].encode("utf-8"), "", content_type, tracked)


@blp.route("/tables/<int:table_id>/import")
class Import(MethodView):
    """Import a contract."""

    @blp.arguments(ImportQuery, location="query")
    @blp.response(201, ImportOut)
    @blp.alt_response(200, schema=ImportOut, description="Dry run: the outline, nothing written")
    @documented
    def post(self, query: dict[str, Any], table_id: int) -> Any:
        """Build articles, clauses and base versions from an uploaded contract (?dry_run=true to preview)."""
        load_importer(db.session(), current_user(), table_id)
        upload = read_body(query["tracked_changes"])
        result = import_upload(
            db.session(), current_user(), table_id, upload, dry_run=query["dry_run"], limit=_limit()
        )
        if result.dry_run:
            return result, 200
        db.session().commit()
        return result, 201, {"Location": f"/api/v1/tables/{table_id}/articles"}


@blp.route("/tables/<int:table_id>/intake/compare")
class Compare(MethodView):
    """Compare a document with the record."""

    @blp.arguments(CompareQuery, location="query")
    @blp.response(200, ComparisonOut)
    @documented
    def post(self, query: dict[str, Any], table_id: int) -> Any:
        """Redline an uploaded document against the base, a side's position or the tentative contract.

        Nothing in the record changes; the audit trail notes who compared a document against what.
        """
        load_table(db.session(), current_user(), table_id)
        upload = read_body(query["tracked_changes"])
        result = comparing.compare_document(db.session(), current_user(), table_id, upload, query["against"])
        db.session().commit()
        return result.to_dict()


@blp.route("/tables/<int:table_id>/intake/proposal")
class DraftFromDocument(MethodView):
    """Draft a proposal from a document."""

    @blp.arguments(DraftQuery, location="query")
    @blp.response(201, ProposalOut)
    @documented
    def post(self, query: dict[str, Any], table_id: int) -> Any:
        """Draft my side a proposal with an item for every clause the document changes."""
        load_table(db.session(), current_user(), table_id)
        upload = read_body(query["tracked_changes"])
        proposal, _result = comparing.draft_from_upload(
            db.session(), current_user(), table_id, upload, query["against"], query["title"], _limit()
        )
        db.session().commit()
        table, standing = load_table(db.session(), current_user(), table_id)
        view = view_proposals(db.session(), standing, table, [proposal.id])[0]
        headers = {**etag_header("proposal", proposal), "Location": f"/api/v1/proposals/{proposal.id}"}
        return view, 201, headers


@blp.route("/tables/<int:table_id>/intake/next-term")
class NextTerm(MethodView):
    """Start the next term of a table's contract."""

    @blp.arguments(NextTermQuery, location="query")
    @blp.response(201, NextTermOut)
    @documented
    def post(self, query: dict[str, Any], table_id: int) -> Any:
        """Create a table whose base is the uploaded contract, as the next term of this table's (admins)."""
        load_table(db.session(), current_user(), table_id)
        upload = read_body(query["tracked_changes"])
        table, result = terms.start_next_term(
            db.session(), current_user(), table_id, upload, query["title"], _limit()
        )
        db.session().commit()
        body = {"table_id": table.id, "renews_id": table_id, "counts": result.counts, "source": result.source}
        return body, 201, {**etag_header("table", table), "Location": f"/api/v1/tables/{table.id}"}


@blp.route("/tables/<int:table_id>/intake/previous-term")
class PreviousTerm(MethodView):
    """The last term against this one."""

    @blp.response(200, TermsOut)
    @blp.alt_response(304, description="Not modified since the ETag in If-None-Match")
    @blp.alt_response(409, description="The table follows no other table, or has no base yet")
    def get(self, table_id: int) -> Any:
        """Redline the previous term's contract against this table's base, article by article."""
        table, comparison = terms.term_comparison(db.session(), current_user(), table_id)
        body = {"table_id": table.id, "renews_id": table.renews_id, **comparison.to_dict()}
        etag = '"terms-' + hashlib.sha256(orjson.dumps(body)).hexdigest()[:32] + '"'
        if etag in request.headers.get("If-None-Match", ""):
            return Response(status=304, headers={"ETag": etag})
        return body, 200, {"ETag": etag}
