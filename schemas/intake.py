"""Importing a contract."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString
from schemas.redlines import OpsField, WordOpOut


class ImportIn(Schema):
    """The contract as JSON: its text, plain or Markdown."""

    text = SafeString(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "Plain text or Markdown; headings are recognised in both"},
    )
    format = fields.String(load_default="text", validate=validate.OneOf(["text", "markdown"]))


class ReadQuery(Schema):
    """How to read an uploaded Word file's tracked changes."""

    tracked_changes = fields.String(
        load_default="accept",
        validate=validate.OneOf(["accept", "reject"]),
        metadata={"description": "Read a Word file with its tracked changes accepted or rejected"},
    )


class ImportQuery(ReadQuery):
    """Import options."""

    dry_run = fields.Boolean(load_default=False)


class CompareQuery(ReadQuery):
    """What to compare the uploaded document with."""

    against = fields.String(
        load_default="base",
        validate=validate.OneOf(["base", "union", "employer", "tentative"]),
        metadata={"description": "The table's base, a side's current position, or the tentative contract"},
    )


class DraftQuery(CompareQuery):
    """The draft to make from the comparison."""

    title = SafeString(
        validate=validate.Length(min=1, max=300), load_default="Proposal from an uploaded document"
    )


class NextTermQuery(ReadQuery):
    """The new table's title."""

    title = SafeString(validate=validate.Length(min=1, max=200), load_default=None)


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


class SourceOut(Schema):
    """How the document was read."""

    format = fields.String(required=True, metadata={"description": "text, markdown, docx or pdf"})
    pages = fields.Integer(required=True, metadata={"description": "PDF pages (0 for other formats)"})
    ocr_pages = fields.List(fields.Integer(), required=True, metadata={"description": "Pages read by OCR"})
    ocr_confidence = fields.Float(
        allow_none=True, required=True, metadata={"description": "Mean word confidence"}
    )
    tracked_changes = fields.Dict(
        allow_none=True, required=True, metadata={"description": "insertions, deletions, resolved (Word)"}
    )
    notes = fields.List(fields.String(), required=True)
    chars = fields.Integer(required=True)


class ImportOut(Schema):
    """What the import found and wrote."""

    dry_run = fields.Boolean(required=True)
    source = fields.Nested(SourceOut, required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    outline = fields.List(fields.Nested(ImportedArticleOut), required=True)
    unplaced = fields.List(fields.Nested(UnplacedOut), required=True)
    article_ids = fields.List(fields.Integer(), required=True)


class ArticleRefOut(Schema):
    """An article on one side of a comparison (article_id null for an uploaded document)."""

    article_id = fields.Integer(allow_none=True, required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)


class ClauseRefOut(Schema):
    """A clause on one side of a comparison (clause_id null for an uploaded document)."""

    clause_id = fields.Integer(allow_none=True, required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)


class WordsOut(Schema):
    """Words inserted and deleted."""

    inserted = fields.Integer(required=True)
    deleted = fields.Integer(required=True)


class ClauseChangeOut(Schema):
    """How one clause differs, with its word-level redline."""

    change = fields.String(
        required=True,
        validate=validate.OneOf(["unchanged", "changed", "added", "deleted", "moved", "renumbered"]),
    )
    retitled = fields.Boolean(required=True)
    old = fields.Nested(ClauseRefOut, allow_none=True, required=True)
    new = fields.Nested(ClauseRefOut, allow_none=True, required=True)
    moved_from = fields.Nested(ArticleRefOut, allow_none=True, required=True)
    words = fields.Nested(WordsOut, required=True)
    ops = OpsField(fields.Nested(WordOpOut), required=True)


class ArticleChangeOut(Schema):
    """How one article differs, its clauses in the new document's order."""

    change = fields.String(
        required=True, validate=validate.OneOf(["unchanged", "changed", "added", "deleted"])
    )
    renumbered = fields.Boolean(required=True)
    retitled = fields.Boolean(required=True)
    old = fields.Nested(ArticleRefOut, allow_none=True, required=True)
    new = fields.Nested(ArticleRefOut, allow_none=True, required=True)
    clauses = fields.List(fields.Nested(ClauseChangeOut), required=True)


class ComparisonSummaryOut(Schema):
    """Articles and clauses counted by change."""

    articles = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    clauses = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class BaselineOut(Schema):
    """What the document was compared with."""

    ref = fields.String(required=True)
    label = fields.String(required=True)


class ComparisonOut(Schema):
    """A structured redline of a document against the record (see docs/notes/intake.md)."""

    against = fields.Nested(BaselineOut, required=True)
    source = fields.Nested(SourceOut, required=True)
    summary = fields.Nested(ComparisonSummaryOut, required=True)
    articles = fields.List(fields.Nested(ArticleChangeOut), required=True)
    unplaced = fields.List(fields.Nested(UnplacedOut), required=True)


class TermsOut(Schema):
    """The previous term's contract redlined against this table's base."""

    table_id = fields.Integer(required=True)
    renews_id = fields.Integer(required=True)
    summary = fields.Nested(ComparisonSummaryOut, required=True)
    articles = fields.List(fields.Nested(ArticleChangeOut), required=True)


class NextTermOut(Schema):
    """The new table and what its import found."""

    table_id = fields.Integer(required=True)
    renews_id = fields.Integer(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    source = fields.Nested(SourceOut, required=True)
