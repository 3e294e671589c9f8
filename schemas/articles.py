"""Articles, clauses and versions."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, name_field

POSITION = validate.Range(min=1, max=100_000)


class ArticleIn(Schema):
    """Create an article of the current contract."""

    number = name_field(40)
    title = SafeString(load_default="", validate=validate.Length(max=300))
    kind = fields.String(
        load_default="article", validate=validate.OneOf(["article", "preamble", "appendix", "side_letter"])
    )
    position = fields.Integer(validate=POSITION)


class ArticleUpdateIn(Schema):
    """Rename, renumber or move an article."""

    number = SafeString(validate=validate.Length(min=1, max=40))
    title = SafeString(validate=validate.Length(max=300))
    position = fields.Integer(validate=POSITION)


class ArticleOut(Schema):
    """An article."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    position = fields.Integer(required=True)
    in_base = fields.Boolean(required=True)
    version = fields.Integer(required=True)


class ClauseIn(Schema):
    """Create a clause of the current contract with its text."""

    number = name_field(60)
    heading = SafeString(load_default="", validate=validate.Length(max=300))
    text = SafeString(required=True)


class BaseVersionIn(Schema):
    """A new base version of a clause."""

    text = SafeString(required=True)


class VersionOut(Schema):
    """An immutable version of a clause."""

    id = fields.Integer(required=True)
    clause_id = fields.Integer(required=True)
    text = fields.String(required=True)
    content_hash = fields.String(required=True)
    author_side = fields.String(required=True)
    proposal_id = fields.Integer(allow_none=True, required=True)
    parent_id = fields.Integer(allow_none=True, required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)


class ClauseOut(Schema):
    """A clause with its current base text."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    position = fields.Integer(required=True)
    in_base = fields.Boolean(required=True)
    base_version_id = fields.Integer(allow_none=True, required=True)
    base_text = fields.String(attribute="base_version.text", allow_none=True)
    base_hash = fields.String(attribute="base_version.content_hash", allow_none=True)

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        """Dump as the fields above say, written by clause_json (GET a clause is the hottest read)."""
        if many if many is not None else self.many:
            return [clause_json(clause) for clause in obj]
        return clause_json(obj)


def clause_json(clause: Any) -> dict[str, Any]:
    """A clause exactly as ClauseOut's fields dump it (a test holds the two equal): no base, no text keys."""
    out = {
        "id": clause.id,
        "table_id": clause.table_id,
        "article_id": clause.article_id,
        "number": clause.number,
        "heading": clause.heading,
        "position": clause.position,
        "in_base": clause.in_base,
        "base_version_id": clause.base_version_id,
    }
    base = clause.base_version
    if base is not None:
        out["base_text"] = base.text
        out["base_hash"] = base.content_hash
    return out


class ArticleDetailOut(ArticleOut):
    """An article with its clauses."""

    clauses = fields.List(fields.Nested(ClauseOut), required=True)
