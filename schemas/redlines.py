"""Redlines: query arguments and the JSON they answer with."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from schemas.documents import format_field

CLAUSE_REF = r"^(base|union|employer|ta|tentative|[1-9][0-9]{0,9})$"
BASELINES = ["base", "union", "employer", "tentative"]
SIDES = ["union", "employer"]
CHANGES = ["unchanged", "changed", "added", "deleted", "moved", "renumbered"]
ACTIONS = ["amend", "add", "delete", "status_quo"]
IGNORE_WHITESPACE = {
    "description": "Treat runs of whitespace as equal (a whitespace-only change is no change), and a "
    "word split by a stray space ('th an' against 'than') as the word; whitespace_ignored counts them."
}
_REF_HELP = (
    "A version id of this clause, or: base (the current contract), union / employer (that side's "
    "current position: a deletion is empty text, the status quo the base text), ta (the signed "
    "tentative agreement's text; 404 no_signed_ta if none), tentative (the signed TA's text, else "
    "the base). Members may name union / employer only if the table shares passed proposals."
)
_BASELINE_HELP = (
    "base (the current contract), union / employer (each clause at that side's current position; "
    "deleted clauses are left out), tentative (signed TA text where signed, else the base; clauses "
    "deleted by a TA left out). Members may name union / employer only if the table shares passed "
    "proposals."
)


class ClauseRedlineQuery(Schema):
    """Which two versions of the clause to compare, and how to answer."""

    from_ = fields.String(
        data_key="from",
        load_default="base",
        validate=validate.Regexp(CLAUSE_REF),
        metadata={"description": f"The old text. {_REF_HELP}"},
    )
    to = fields.String(
        load_default="tentative",
        validate=validate.Regexp(CLAUSE_REF),
        metadata={"description": "The new text; same choices as from."},
    )
    format = format_field()
    ignore_whitespace = fields.Boolean(load_default=True, metadata=IGNORE_WHITESPACE)


class DocumentRedlineQuery(Schema):
    """Which two documents to compare."""

    from_ = fields.String(
        data_key="from",
        load_default="base",
        validate=validate.OneOf(BASELINES),
        metadata={"description": f"The old document. {_BASELINE_HELP}"},
    )
    to = fields.String(
        load_default="tentative",
        validate=validate.OneOf(BASELINES),
        metadata={"description": "The new document; same choices as from."},
    )
    ignore_whitespace = fields.Boolean(load_default=True, metadata=IGNORE_WHITESPACE)
    changes = fields.String(
        load_default="all",
        validate=validate.OneOf(["all", "only"]),
        metadata={
            "description": "only: leave unchanged clauses out (each changed clause keeps its article and "
            "heading; documents get a table of contents); the summary still counts every clause."
        },
    )
    format = format_field()


class ProposalRedlineQuery(Schema):
    """What to compare each item with."""

    against = fields.String(
        load_default="auto",
        validate=validate.OneOf(["auto", "base", "answered"]),
        metadata={
            "description": "base: the current contract; answered: for a counter, the answered proposal's "
            "language on the same clause (422 not_a_counter if it answers none); auto (default): answered "
            "where the answered proposal has the clause, else base."
        },
    )
    ignore_whitespace = fields.Boolean(load_default=True, metadata=IGNORE_WHITESPACE)
    format = format_field()


class WordOpOut(Schema):
    """One run: equal, insert or delete; an equal run differing in whitespace keeps the old text."""

    kind = fields.String(required=True, validate=validate.OneOf(["equal", "insert", "delete"]))
    text = fields.String(required=True)
    old = fields.String(metadata={"description": "Old text of an equal run, only where it differs"})


class OpsField(fields.List[Any]):
    """A list of ops already in their JSON form, passed through as is (a document has thousands;
    documented as a list of WordOpOut)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else list(value)


class RedlineSummaryOut(Schema):
    """Word counts of a redline."""

    words_inserted = fields.Integer(required=True)
    words_deleted = fields.Integer(required=True)
    changed = fields.Boolean(required=True)


class RedlineTableOut(Schema):
    """The table, as a document header names it."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    union_name = fields.String(required=True)
    employer_name = fields.String(required=True)


class RedlineEndOut(Schema):
    """One side of a clause redline."""

    ref = fields.String(required=True, metadata={"description": "The ref asked for"})
    version_id = fields.Integer(required=True, allow_none=True, metadata={"description": "None: no text"})
    label = fields.String(required=True)
    side = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(SIDES),
        metadata={"description": "Whose language it is (null: the current contract)"},
    )
    at = fields.DateTime(
        required=True, allow_none=True, metadata={"description": "When it was passed, or the TA signed"}
    )


class ClauseRedlineOut(Schema):
    """A clause between two refs."""

    table = fields.Nested(RedlineTableOut, required=True)
    clause_id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    article_number = fields.String(required=True)
    article_title = fields.String(required=True)
    article_kind = fields.String(required=True, metadata={"description": "article, preamble, appendix..."})
    number = fields.String(required=True)
    heading = fields.String(required=True)
    from_ = fields.Nested(RedlineEndOut, required=True, data_key="from", attribute="old")
    to = fields.Nested(RedlineEndOut, required=True, attribute="new")
    ignore_whitespace = fields.Boolean(required=True)
    ops = OpsField(fields.Nested(WordOpOut), required=True, attribute="op_dicts")
    summary = fields.Nested(RedlineSummaryOut, required=True)
    coarse_alignment = fields.Boolean(
        required=True,
        attribute="coarse",
        metadata={
            "description": "The diff ran out of its time budget: changed runs are aligned by "
            "whole lines or deleted and inserted whole (still exact)"
        },
    )
    whitespace_ignored = fields.Integer(
        required=True, metadata={"description": "Spacing-only differences hidden (ignore_whitespace)"}
    )
    agreed_in = fields.String(
        required=True,
        allow_none=True,
        attribute="agreed_label",
        metadata={"description": "The signed TA covering the clause (null: none)"},
    )
    agreed_at = fields.DateTime(
        required=True, allow_none=True, metadata={"description": "When it was signed"}
    )

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        """Dump as the fields say; a clause redline (served again from the cache) is dumped once."""
        if (self.many if many is None else many) or not hasattr(obj, "rendering"):
            return super().dump(obj, many=many)
        return obj.rendering("json", super().dump)


class RedlineBaselineOut(Schema):
    """A document baseline."""

    ref = fields.String(required=True, validate=validate.OneOf(BASELINES))
    label = fields.String(required=True)


class RedlineArticleOut(Schema):
    """The article an article redline covers."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)


class RedlineClauseEntryOut(Schema):
    """One clause of an article or contract redline."""

    clause_id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    article_number = fields.String(required=True)
    article_title = fields.String(required=True)
    article_kind = fields.String(required=True, metadata={"description": "article, preamble, appendix..."})
    old_article_number = fields.String(
        required=True,
        metadata={"description": "The article's number in the old document (a proposal or TA may change it)"},
    )
    old_article_title = fields.String(
        required=True,
        metadata={"description": "The article's title in the old document (differs when retitled)"},
    )
    old_number = fields.String(required=True, allow_none=True, metadata={"description": "null: added"})
    new_number = fields.String(required=True, allow_none=True, metadata={"description": "null: deleted"})
    heading = fields.String(required=True)
    change = fields.String(required=True, validate=validate.OneOf(CHANGES))
    author_side = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(SIDES),
        metadata={"description": "The side whose language the new document has here (null: the base)"},
    )
    authored_at = fields.DateTime(
        required=True, allow_none=True, metadata={"description": "When it was passed, or the TA signed"}
    )
    ops = OpsField(fields.Nested(WordOpOut), required=True, attribute="op_dicts")
    summary = fields.Nested(RedlineSummaryOut, required=True)
    coarse_alignment = fields.Boolean(
        required=True,
        attribute="coarse",
        metadata={
            "description": "The diff ran out of its time budget: changed runs are aligned by "
            "whole lines or deleted and inserted whole (still exact)"
        },
    )
    whitespace_ignored = fields.Integer(
        required=True, metadata={"description": "Spacing-only differences hidden (ignore_whitespace)"}
    )
    agreed_in = fields.String(
        required=True,
        allow_none=True,
        attribute="agreed_label",
        metadata={"description": "The signed TA covering the clause (null: none)"},
    )
    agreed_at = fields.DateTime(
        required=True, allow_none=True, metadata={"description": "When it was signed"}
    )


class RedlineDocumentSummaryOut(Schema):
    """Clause counts by change, and words inserted and deleted in all."""

    clauses = fields.Integer(required=True)
    clauses_unchanged = fields.Integer(required=True)
    clauses_changed = fields.Integer(required=True)
    clauses_added = fields.Integer(required=True)
    clauses_deleted = fields.Integer(required=True)
    clauses_moved = fields.Integer(required=True)
    clauses_renumbered = fields.Integer(required=True)
    words_inserted = fields.Integer(required=True)
    words_deleted = fields.Integer(required=True)


class DocumentRedlineOut(Schema):
    """An article, or the whole contract, between two baselines, in article order."""

    table = fields.Nested(RedlineTableOut, required=True)
    article = fields.Nested(RedlineArticleOut, required=True, allow_none=True)
    from_ = fields.Nested(RedlineBaselineOut, required=True, data_key="from", attribute="old")
    to = fields.Nested(RedlineBaselineOut, required=True, attribute="new")
    ignore_whitespace = fields.Boolean(required=True)
    changes_only = fields.Boolean(required=True, metadata={"description": "Unchanged clauses left out"})
    clauses = fields.List(fields.Nested(RedlineClauseEntryOut), required=True)
    summary = fields.Nested(RedlineDocumentSummaryOut, required=True)


class RedlineAgainstOut(Schema):
    """What an item is compared with."""

    kind = fields.String(required=True, validate=validate.OneOf(["base", "answered"]))
    proposal_id = fields.Integer(required=True, allow_none=True)
    label = fields.String(required=True)


class RedlineProposalOut(Schema):
    """The proposal a redline covers."""

    id = fields.Integer(required=True)
    label = fields.String(required=True, allow_none=True, metadata={"description": "null for a draft"})
    title = fields.String(required=True)
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    state = fields.String(required=True)
    is_package = fields.Boolean(required=True)
    passed_at = fields.DateTime(required=True, allow_none=True)


class ProposalItemRedlineOut(Schema):
    """One item against the text it changes."""

    position = fields.Integer(required=True)
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    clause_id = fields.Integer(
        required=True, allow_none=True, metadata={"description": "null: added in a draft"}
    )
    article_id = fields.Integer(required=True, allow_none=True)
    article_number = fields.String(required=True)
    article_title = fields.String(required=True)
    article_kind = fields.String(required=True, metadata={"description": "article, preamble, appendix..."})
    number = fields.String(required=True)
    heading = fields.String(required=True)
    against = fields.Nested(RedlineAgainstOut, required=True)
    ops = OpsField(fields.Nested(WordOpOut), required=True, attribute="op_dicts")
    summary = fields.Nested(RedlineSummaryOut, required=True)
    coarse_alignment = fields.Boolean(
        required=True,
        attribute="coarse",
        metadata={
            "description": "The diff ran out of its time budget: changed runs are aligned by "
            "whole lines or deleted and inserted whole (still exact)"
        },
    )
    whitespace_ignored = fields.Integer(
        required=True, metadata={"description": "Spacing-only differences hidden (ignore_whitespace)"}
    )


class ProposalRedlineOut(Schema):
    """A proposal's items, each against the text it changes."""

    table = fields.Nested(RedlineTableOut, required=True)
    proposal = fields.Nested(RedlineProposalOut, required=True)
    against = fields.String(required=True, validate=validate.OneOf(["auto", "base", "answered"]))
    ignore_whitespace = fields.Boolean(required=True)
    items = fields.List(fields.Nested(ProposalItemRedlineOut), required=True)
    summary = fields.Nested(RedlineSummaryOut, required=True)
