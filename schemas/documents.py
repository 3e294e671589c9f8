"""Documents: the format a redline or the contract is answered in."""

from __future__ import annotations

from marshmallow import fields, validate

FORMATS = ["json", "html", "md", "text", "docx", "pdf"]
FORMAT_HELP = (
    "json (the data), html (a self-contained page), md (Markdown), text (plain text), docx (Word, with "
    "tracked changes for a redline) or pdf. Without it, the Accept header chooses (application/json, "
    "text/html, text/markdown, text/plain, application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document, application/pdf); JSON by default."
)


def format_field() -> fields.String:
    """The ``format`` query argument: one of FORMATS, else a 422 listing them."""
    return fields.String(
        load_default=None,
        validate=validate.OneOf(FORMATS, error="Unknown format {input}: give one of {choices}."),
        metadata={"description": FORMAT_HELP},
    )
