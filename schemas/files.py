"""Files: multipart uploads in; file records out."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, fields


class UploadIn(Schema):
    """A file sent as multipart/form-data."""

    file = Upload(metadata={"description": "The file; its declared type must match its content"})


class FileOut(Schema):
    """A stored file: where it is attached, its name, media type, size and SHA-256."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    object_type = fields.String(
        required=True, metadata={"description": "proposal, ta, session, note, ir_answer"}
    )
    object_id = fields.Integer(required=True)
    filename = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    side = fields.String(allow_none=True, required=True)
    uploaded_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    version = fields.Integer(required=True)
