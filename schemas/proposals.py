"""Proposals: drafts in, proposal views out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.common import SafeString, UTCDateTime

ACTIONS = ["amend", "add", "delete", "status_quo"]
ID = validate.Range(min=1, max=2**31 - 1)


class NewArticleIn(Schema):
    """A new article proposed with an added clause."""

    number = SafeString(required=True, validate=validate.Length(min=1, max=40))
    title = SafeString(load_default="", validate=validate.Length(max=300))


class ArticleRenameIn(Schema):
    """An amend item's renumbering or retitling of its clause's article, agreed with the clause."""

    number = SafeString(validate=validate.Length(min=1, max=40))
    title = SafeString(validate=validate.Length(max=300))


class ProposalItemIn(Schema):
    """One change: amend, add (to an article or a new one), delete, or status_quo."""

    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    clause_id = fields.Integer(validate=ID)
    article_id = fields.Integer(validate=ID)
    new_article = fields.Nested(NewArticleIn)
    article = fields.Nested(
        ArticleRenameIn,
        metadata={
            "description": "Amend: renumber or retitle the clause's article (applies when a TA is signed)"
        },
    )
    number = SafeString(
        validate=validate.Length(min=1, max=60),
        metadata={"description": "Add: the new clause's number; amend: a renumbering"},
    )
    heading = SafeString(validate=validate.Length(max=300))
    text = SafeString(metadata={"description": "The proposed language (amend and add)"})
    terms = fields.List(
        fields.Dict(keys=fields.String()),
        allow_none=True,
        validate=validate.Length(max=50),
        metadata={
            "description": "Economic terms beside the language (amend and add): what the costing reads; "
            "the language stays the binding text. Each term has a kind: across_the_board, schedule_change, "
            "differential, lump_sum, caseload_cap, paid_time, professional_fund, health_share."
        },
    )


class ProposalIn(Schema):
    """A draft proposal."""

    title = SafeString(required=True, validate=validate.Length(min=1, max=300))
    rationale = SafeString(load_default="", validate=validate.Length(max=20_000))
    is_package = fields.Boolean(load_default=False)
    responds_to = fields.List(
        fields.Integer(validate=ID), load_default=list, validate=validate.Length(max=50)
    )
    items = fields.List(
        fields.Nested(ProposalItemIn), required=True, validate=validate.Length(min=1, max=500)
    )


class ProposalUpdateIn(Schema):
    """Changes to a draft (items, if given, replace the draft's items)."""

    title = SafeString(validate=validate.Length(min=1, max=300))
    rationale = SafeString(validate=validate.Length(max=20_000))
    is_package = fields.Boolean()
    responds_to = fields.List(fields.Integer(validate=ID), validate=validate.Length(max=50))
    items = fields.List(fields.Nested(ProposalItemIn), validate=validate.Length(min=1, max=500))


class PassIn(Schema):
    """Passing across the table; a recorder may give the date a paper proposal was passed."""

    passed_at = UTCDateTime(
        default_timezone=None, metadata={"description": "Recorders only; not in the future"}
    )
    session_id = fields.Integer(
        validate=ID, metadata={"description": "The session it happened at (paper entered later names it)"}
    )


class WithdrawIn(Schema):
    """Withdrawing a passed proposal, optionally naming the session it happened at."""

    session_id = fields.Integer(
        validate=ID, metadata={"description": "The session it happened at (paper entered later names it)"}
    )


class CounterIn(Schema):
    """Start a counterproposal from the other side's proposal."""

    title = SafeString(validate=validate.Length(min=1, max=300))
    copy_text = fields.Boolean(load_default=True, metadata={"description": "Start from their text"})


class ProposalQuery(Schema):
    """Proposal list filters."""

    side = fields.String(validate=validate.OneOf(["union", "employer"]))
    state = fields.String(validate=validate.OneOf(["draft", "passed", "withdrawn", "agreed", "superseded"]))
    article_id = fields.Integer(validate=ID)
    clause_id = fields.Integer(validate=ID)
    number = fields.Integer(validate=ID)
    session_id = fields.Integer(validate=ID, metadata={"description": "Passed or withdrawn at this session"})


class ProposalRefOut(Schema):
    """A reference to another proposal."""

    id = fields.Integer(required=True)
    label = fields.String(allow_none=True, required=True)
    side = fields.String(required=True)
    state = fields.String(required=True)


class ProposalItemOut(Schema):
    """One change of a proposal."""

    id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    action = fields.String(required=True)
    clause_id = fields.Integer(allow_none=True, required=True)
    article_id = fields.Integer(allow_none=True, required=True)
    new_article_number = fields.String(allow_none=True, required=True)
    new_article_title = fields.String(allow_none=True, required=True)
    number = fields.String(attribute="new_number", allow_none=True, required=True)
    heading = fields.String(attribute="new_heading", allow_none=True, required=True)
    text = fields.String(allow_none=True, required=True)
    version_id = fields.Integer(allow_none=True, required=True)
    content_hash = fields.String(allow_none=True, required=True)
    terms = fields.List(fields.Dict(), allow_none=True, required=True)


class WarningOut(Schema):
    """A regression warning on a proposal."""

    code = fields.String(required=True)
    clause_id = fields.Integer(required=True)
    message = fields.String(required=True)
    related_clause_id = fields.Integer(allow_none=True, required=True)


class ProposalOut(Schema):
    """A proposal with its items, what it answers and what answers it."""

    id = fields.Integer(required=True)
    table_id = fields.Integer(required=True)
    side = fields.String(required=True)
    state = fields.String(required=True)
    number = fields.Integer(allow_none=True, required=True)
    label = fields.String(allow_none=True, required=True)
    title = fields.String(required=True)
    rationale = fields.String(required=True)
    is_package = fields.Boolean(required=True)
    created_by_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    passed_at = fields.DateTime(allow_none=True, required=True)
    passed_by_id = fields.Integer(allow_none=True, required=True)
    passed_on_paper = fields.Boolean(required=True)
    withdrawn_at = fields.DateTime(allow_none=True, required=True)
    withdrawn_by_id = fields.Integer(allow_none=True, required=True)
    version = fields.Integer(required=True)
    items = fields.List(fields.Nested(ProposalItemOut), required=True)
    responds_to = fields.List(fields.Nested(ProposalRefOut), required=True)
    responded_by = fields.List(fields.Nested(ProposalRefOut), required=True)
    warnings = fields.List(fields.Nested(WarningOut), required=True)
    clause_status = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "Clause id -> derived status, as on the status board"},
    )
