"""Importing a contract."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString


class ImportIn(Schema):
    """The current contract as plain text or Markdown."""

    text = SafeString(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "Plain text or Markdown; headings are recognised in both"},
    )


class ImportQuery(Schema):
    """Import options."""

    dry_run = fields.Boolean(load_default=False)


class ImportedClauseOut(Schema):
    """A parsed clause."""

    number = fields.String(required=True)
    heading = fields.String(required=True)
    line = fields.Integer(required=True)
    chars = fields.Integer(required=True)


class ImportedArticleOut(Schema):
    """A parsed article."""

    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    line = fields.Integer(required=True)
    clauses = fields.List(fields.Nested(ImportedClauseOut), required=True)


class UnplacedOut(Schema):
    """A line the parser could not place."""

    line = fields.Integer(required=True)
    text = fields.String(required=True)


class ImportOut(Schema):
    """What the import found and wrote."""

    dry_run = fields.Boolean(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    outline = fields.List(fields.Nested(ImportedArticleOut), required=True)
    unplaced = fields.List(fields.Nested(UnplacedOut), required=True)
    article_ids = fields.List(fields.Integer(), required=True)
