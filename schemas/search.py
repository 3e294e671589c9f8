"""Search: the query parameters and a hit."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_dump, validate

from schemas.common import SafeString

KINDS = ("version", "article", "clause", "proposal", "ta", "note", "info_request")


class SearchQuery(Schema):
    """What to search for, and where."""

    q = SafeString(
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={
            "description": 'Words (all must match), "a phrase", prefix*, -excluded',
            "example": "caseload",
        },
    )
    kind = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        metadata={"description": "Only these kinds of object (repeat the parameter)"},
    )
    side = fields.String(validate=validate.OneOf(("union", "employer", "base")))
    status = fields.String(
        validate=validate.Length(max=20),
        metadata={"description": "A proposal's or TA's state, or base/proposed for clause versions"},
    )
    since = fields.AwareDateTime(default_timezone=None, metadata={"description": "On or after (UTC)"})
    until = fields.AwareDateTime(default_timezone=None, metadata={"description": "Before (UTC)"})


class LibraryQuery(SearchQuery):
    """A search across every table the caller may read (the clause library)."""

    table_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))


class SnippetPart(Schema):
    """A run of the snippet: a hit or not."""

    text = fields.String(required=True)
    hit = fields.Boolean(required=True)


class SearchHitOut(Schema):
    """One match, as the caller may see it."""

    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    id = fields.Integer(required=True, metadata={"description": "The matched object's id"})
    score = fields.Float(required=True, metadata={"description": "Relevance (higher is better)"})
    title = fields.String(required=True)
    snippet = fields.String(required=True, metadata={"description": "Plain text around the hits"})
    snippet_html = fields.String(required=True, metadata={"description": "Escaped, hits in <mark>"})
    highlights = fields.List(fields.Nested(SnippetPart), required=True)
    table = fields.Dict(required=True, metadata={"description": "{id, title}"})
    article = fields.Dict(allow_none=True, metadata={"description": "{id, number, title} or null"})
    clause = fields.Dict(allow_none=True, metadata={"description": "{id, number, heading} or null"})
    proposal = fields.Dict(allow_none=True, metadata={"description": "{id, label, state} or null"})
    version_id = fields.Integer(allow_none=True)
    side = fields.String(allow_none=True)
    status = fields.String(allow_none=True)
    at = fields.AwareDateTime(required=True)
    link = fields.String(required=True, metadata={"description": "API path of the matched object or version"})

    @post_dump
    def _drop_none_refs(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        """Keep the keys stable: absent references are null."""
        for key in ("article", "clause", "proposal"):
            data.setdefault(key, None)
        return data
