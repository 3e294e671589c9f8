"""Exhibits and attachments on proposals, TAs, sessions, notes and information-request answers."""

from __future__ import annotations

import io
import os
from typing import Any

from flask import current_app, request, send_file
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.documented import conditional_gets, errors, location
from bargaining.api.etags import etag_header
from bargaining.auth import current_user
from bargaining.services.files import storing
from schemas.files import FileOut, UploadIn

blp = ApiBlueprint("files", __name__, description="Exhibits and attachments, content-addressed")
conditional_gets(blp)

DEFAULT_LIMIT = 10 * 1024 * 1024
FORM_OVERHEAD = 64 * 1024
ATTACHABLE = {
    "proposal": ("/proposals/<int:proposal_id>/files", "proposal_id"),
    "ta": ("/tentative-agreements/<int:ta_id>/files", "ta_id"),
    "session": ("/sessions/<int:session_id>/files", "session_id"),
    "note": ("/notes/<int:note_id>/files", "note_id"),
    "ir_answer": ("/information-request-answers/<int:ir_answer_id>/files", "ir_answer_id"),
}


def file_limit() -> int:
    """The largest file accepted, in bytes (BARGAINING_MAX_FILE_BYTES, default 10 MiB)."""
    configured = current_app.config.get("MAX_FILE_BYTES") or os.environ.get("BARGAINING_MAX_FILE_BYTES")
    return int(configured or DEFAULT_LIMIT)


@blp.before_request
def _room_for_files() -> None:
    """Uploads may be larger than other request bodies (up to the file limit)."""
    if request.method == "POST" and request.endpoint and request.endpoint.endswith("_files"):
        request.max_content_length = file_limit() + FORM_OVERHEAD


def _upload(data: dict[str, Any]) -> tuple[bytes, str, str] | None:
    """The uploaded file's bytes, declared type and name, or None when none was sent."""
    storage = data.get("file")
    if storage is None:
        return None
    return storage.read(), storage.mimetype or "", storage.filename or ""


def _routes(kind: str, rule: str, param: str) -> None:
    """Register the list and upload routes for one kind of object."""

    class Attachments(MethodView):
        @blp.response(200, FileOut(many=True))
        @errors(blp, 404)
        @blp.paginate()
        def get(self, pagination_parameters: PaginationParameters, **ids: int) -> Any:
            stmt = storing.attachments_of(db.session(), current_user(), kind, ids[param])
            return paged(stmt, pagination_parameters)

        @blp.arguments(UploadIn, location="files")
        @blp.response(201, FileOut)
        @errors(blp, 403, 404, 409, 413, 422)
        def post(self, data: dict[str, Any], **ids: int) -> Any:
            attachment = storing.upload(
                db.session(), current_user(), kind, ids[param], _upload(data), file_limit()
            )
            db.session().commit()
            headers = etag_header("file", attachment) | location("files.File", attachment_id=attachment.id)
            return attachment, 201, headers

    what = kind.replace("ir_answer", "information-request answer").replace("ta", "TA")
    Attachments.__doc__ = f"Files attached to a {what}."
    Attachments.get.__doc__ = f"List the files attached to a {what} (visible to whoever sees it)."
    Attachments.post.__doc__ = (
        f"Attach a file to a {what} (multipart; size and type checked against content)."
    )
    Attachments.__name__ = f"{kind.title().replace('_', '')}Files"
    blp.route(rule, endpoint=f"{kind}_files")(Attachments)


for _kind, (_rule, _param) in ATTACHABLE.items():
    _routes(_kind, _rule, _param)


@blp.route("/files/<int:attachment_id>")
class File(MethodView):
    """One file's record."""

    @blp.response(200, FileOut)
    @errors(blp, 404)
    def get(self, attachment_id: int) -> Any:
        """Get a file's record (if you may see what it is attached to)."""
        attachment = storing.load_file(db.session(), current_user(), attachment_id)
        return attachment, 200, etag_header("file", attachment)


@blp.route("/files/<int:attachment_id>/content")
class FileContent(MethodView):
    """A file's bytes."""

    @blp.response(200)
    @blp.doc(
        responses={
            "200": {
                "description": "The original bytes",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    )
    @errors(blp, 404)
    def get(self, attachment_id: int) -> Any:
        """Download the original bytes under the original name and media type."""
        attachment, content = storing.file_content(db.session(), current_user(), attachment_id)
        response = send_file(
            io.BytesIO(content),
            mimetype=attachment.media_type,
            as_attachment=True,
            download_name=attachment.filename,
            etag=attachment.sha256,
            conditional=True,
        )
        response.headers["Cache-Control"] = "private, no-cache"
        return response
