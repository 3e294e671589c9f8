"""The roster: import (CSV or XLSX; multipart, raw or JSON), imports, rows (private) and aggregates."""

from __future__ import annotations

import base64
import binascii
import json
from decimal import Decimal
from typing import Any

from flask import Response, request
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.costing_common import created
from bargaining.api.etags import documents_if_match, if_match_version
from bargaining.auth import current_user
from bargaining.domain.errors import Invalid, ensure_version
from bargaining.errors import error_response
from bargaining.services.costing import roster
from schemas.common import ErrorOut
from schemas.costing_roster import (
    FIELD_NAMES,
    RosterBatchOut,
    RosterImportOut,
    RosterJsonIn,
    RosterQuery,
    RosterRowOut,
    RosterSummaryOut,
)

blp = ApiBlueprint("roster", __name__, description="The roster the costing reads (personal pay data)")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_TYPES = frozenset({"multipart/form-data", "text/csv", XLSX_TYPE, "application/octet-stream"})


def _upload(data: dict[str, Any]) -> dict[str, Any]:
    """The uploaded file, whichever way it came: multipart (field `file`), a raw body, or JSON."""
    if request.mimetype == "multipart/form-data":
        file = request.files.get("file")
        if file is None:
            raise Invalid("Send the roster in the form field `file`.", field="file")
        mapping = _form_mapping(request.form.get("mapping"))
        return {
            "content": file.read(),
            "filename": file.filename or "",
            "mapping": mapping,
            "source": (request.form.get("source") or "")[:2000],
        }
    if request.mimetype in UPLOAD_TYPES:
        fmt = "xlsx" if request.mimetype == XLSX_TYPE else None
        name = request.args.get("filename", "")[:255]
        return {"content": request.get_data(), "filename": name, "format": fmt, "mapping": None, "source": ""}
    if "csv" in data:
        content = data["csv"].encode("utf-8")
    elif "content_base64" in data:
        try:
            content = base64.b64decode(data["content_base64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Invalid("content_base64 is not base64.", field="content_base64") from exc
    else:
        raise Invalid("Send the roster as csv text or content_base64.", field="csv")
    return {
        "content": content,
        "filename": data.get("filename", ""),
        "mapping": data.get("mapping"),
        "source": data.get("source", ""),
    }


def _form_mapping(raw: str | None) -> dict[str, str] | None:
    """A mapping sent as a JSON form field."""
    if not raw:
        return None
    try:
        mapping = json.loads(raw)
    except ValueError as exc:
        raise Invalid("mapping is a JSON object of heading -> field.", field="mapping") from exc
    ok = isinstance(mapping, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v in FIELD_NAMES for k, v in mapping.items()
    )
    if not ok:
        raise Invalid(f"mapping maps column headings to one of {', '.join(FIELD_NAMES)}.", field="mapping")
    return dict(mapping)


@blp.route("/tables/<int:table_id>/roster")
class Roster(MethodView):
    """The roster."""

    @blp.response(200, RosterSummaryOut)
    def get(self, table_id: int) -> Any:
        """The roster my costings read, in aggregate (headcount and FTE by classification and step)."""
        batch_id, cells = roster.aggregates(db.session(), current_user(), table_id)
        return {
            "roster_batch_id": batch_id,
            "headcount": sum(c.headcount for c in cells),
            "fte": sum((c.fte for c in cells), Decimal(0)),
            "cells": cells,
        }

    @blp.arguments(RosterQuery, location="query")
    @blp.arguments(RosterJsonIn)
    @blp.response(201, RosterImportOut)
    @blp.alt_response(200, schema=RosterImportOut, description="Dry run: the report, nothing written")
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @blp.alt_response(422, schema=ErrorOut, description="Rows not readable (fields: rows.<row>.<column>)")
    def post(self, query: dict[str, Any], data: dict[str, Any], table_id: int) -> Any:
        """Import a roster for my side from CSV or XLSX (multipart `file`, a text/csv or XLSX body, or JSON).

        ?dry_run=true reports every value it could not read, by row and column, and writes nothing.
        A real import writes every row or, on any error, none.
        """
        try:
            result = roster.import_roster(
                db.session(), current_user(), table_id, _upload(data), dry_run=query["dry_run"]
            )
        except roster.RosterInvalid as exc:
            db.session().rollback()
            fields = {f"rows.{e.row}.{e.column}": [e.message] for e in exc.errors[:500]}
            response, status = error_response(422, exc.code, exc.message, fields)
            return Response(response.get_data(), status=status, mimetype="application/json")
        if result.dry_run:
            return result, 200
        db.session().commit()
        assert result.batch is not None
        return (
            result,
            201,
            created("roster.RosterBatch", result.batch, "roster", roster_batch_id=result.batch.id),
        )


@blp.route("/tables/<int:table_id>/roster/batches")
class RosterBatches(MethodView):
    """Imports."""

    @blp.response(200, RosterBatchOut(many=True))
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the roster imports (who, when, how many rows; never the rows)."""
        return paged(roster.list_batches(db.session(), current_user(), table_id), pagination_parameters)


@blp.route("/roster/batches/<int:roster_batch_id>")
class RosterBatch(MethodView):
    """One import."""

    @blp.response(200, RosterBatchOut)
    def get(self, roster_batch_id: int) -> Any:
        """Get an import's bookkeeping."""
        batch = roster.get_batch(db.session(), current_user(), roster_batch_id)
        return batch, 200, {"ETag": f'"roster-{batch.id}-v1"'}

    @blp.response(204)
    @blp.alt_response(403, schema=ErrorOut, description="Not the side that entered it")
    @documents_if_match(blp)
    def delete(self, roster_batch_id: int) -> Any:
        """Delete an import and its rows for good (the entering side's retention decision; audited)."""
        expected = if_match_version("roster", roster_batch_id)
        ensure_version("roster import", 1, expected)  # an import never changes: it is always version 1
        roster.delete_batch(db.session(), current_user(), roster_batch_id)
        db.session().commit()
        return None


@blp.route("/roster/batches/<int:roster_batch_id>/rows")
class RosterRows(MethodView):
    """An import's rows."""

    @blp.response(200, RosterRowOut(many=True))
    @blp.alt_response(403, schema=ErrorOut, description="Not a negotiator or recorder of the entering side")
    @blp.paginate()
    def get(self, roster_batch_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List an import's rows (only the negotiators and recorders of the side that entered them)."""
        return paged(roster.list_rows(db.session(), current_user(), roster_batch_id), pagination_parameters)
