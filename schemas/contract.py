"""The compiled contract, its verification, and ratification."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.documents import format_field

STATUSES = ["status_quo", "open", "ta_pending", "tentatively_agreed"]
SOURCES = ["agreed", "base", "open"]
STAGES = ["not_sent", "awaiting_other_side", "sent", "ratified", "rejected"]
VOTES = validate.Range(min=0, max=10_000_000)


class ContractQuery(Schema):
    """How to render the contract."""

    format = format_field()
    version = fields.String(
        load_default="tentative",
        validate=validate.OneOf(["tentative", "base", "union", "employer"]),
        metadata={
            "description": "tentative (default: signed TA text where signed, else the current contract), "
            "base "
            "(the current contract) or union / employer (that side's current position; members only if the "
            "table shares passed proposals)."
        },
    )


class CompiledClauseOut(Schema):
    """A clause as the tentative contract reads."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"description": "As agreed (a TA may renumber)"})
    heading = fields.String(required=True)
    text = fields.String(
        required=True, allow_none=True, metadata={"description": "Agreed text, base text, or (open) current"}
    )
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    source = fields.String(
        required=True,
        validate=validate.OneOf(SOURCES),
        metadata={"description": "agreed: signed TA; base: status quo; open: not yet agreed, base shown"},
    )
    ta_id = fields.Integer(required=True, allow_none=True)
    ta_label = fields.String(required=True, allow_none=True)
    content_hash = fields.String(
        required=True, allow_none=True, metadata={"description": "The hash the TA (or base version) stored"}
    )
    in_base = fields.Boolean(required=True)


class CompiledArticleOut(Schema):
    """An article of the tentative contract."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    in_base = fields.Boolean(required=True)
    clauses = fields.List(fields.Nested(CompiledClauseOut), required=True)


class ContractCountsOut(Schema):
    """Clauses by source; open counts the open clauses shown to the caller."""

    agreed = fields.Integer(required=True)
    base = fields.Integer(required=True)
    open = fields.Integer(required=True)
    deleted = fields.Integer(required=True)


class ContractOut(Schema):
    """The tentative contract as of now."""

    table_id = fields.Integer(required=True)
    title = fields.String(required=True)
    table_state = fields.String(required=True)
    complete = fields.Boolean(
        required=True, metadata={"description": "No clause open or awaiting a signature"}
    )
    contract_hash = fields.String(required=True)
    counts = fields.Nested(ContractCountsOut, required=True)
    open_not_shown = fields.Integer(
        required=True, metadata={"description": "Open proposed new clauses the caller may not see"}
    )
    articles = fields.List(fields.Nested(CompiledArticleOut), required=True)


class MismatchOut(Schema):
    """A clause whose text does not hash to what was agreed."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True)
    source = fields.String(required=True, validate=validate.OneOf(SOURCES))
    ta_label = fields.String(required=True, allow_none=True)
    expected = fields.String(required=True, allow_none=True)
    actual = fields.String(required=True, allow_none=True)
    reason = fields.String(
        required=True, validate=validate.OneOf(["text_changed", "text_missing", "foreign_version"])
    )


class UnsettledClauseOut(Schema):
    """A clause still open or awaiting a countersignature."""

    clause_id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    in_base = fields.Boolean(required=True)
    ta_label = fields.String(required=True, allow_none=True)


class OrphanOut(Schema):
    """A signed TA naming a clause that no longer exists."""

    ta_id = fields.Integer(required=True)
    ta_label = fields.String(required=True)
    clause_id = fields.Integer(required=True)


class AlteredTAOut(Schema):
    """A signed TA whose items no longer hash to the stored agreement hash."""

    ta_id = fields.Integer(required=True)
    ta_label = fields.String(required=True)
    expected = fields.String(required=True)
    actual = fields.String(required=True)


class DuplicateOut(Schema):
    """Clauses of one article that would carry the same number."""

    article_number = fields.String(required=True)
    number = fields.String(required=True)
    clause_ids = fields.List(fields.Integer(), required=True)


class VerifyOut(Schema):
    """The contract's text recomputed against the hashes that were agreed."""

    table_id = fields.Integer(required=True)
    ok = fields.Boolean(required=True, metadata={"description": "Complete, and every clause matches"})
    complete = fields.Boolean(required=True)
    checked = fields.Integer(required=True, metadata={"description": "Clauses whose hash was recomputed"})
    contract_hash = fields.String(required=True)
    mismatches = fields.List(fields.Nested(MismatchOut), required=True)
    open = fields.List(fields.Nested(UnsettledClauseOut), required=True)
    open_not_shown = fields.Integer(required=True)
    orphaned_tas = fields.List(fields.Nested(OrphanOut), required=True)
    altered_tas = fields.List(fields.Nested(AlteredTAOut), required=True)
    duplicate_numbers = fields.List(fields.Nested(DuplicateOut), required=True)
    problems = fields.List(fields.String(), required=True)


class VoteIn(Schema):
    """The members' vote."""

    vote_date = fields.Date(required=True)
    yes = fields.Integer(required=True, validate=VOTES)
    no = fields.Integer(required=True, validate=VOTES)


class RatificationOut(Schema):
    """Where ratification stands."""

    table_id = fields.Integer(required=True)
    table_state = fields.String(required=True)
    stage = fields.String(required=True, validate=validate.OneOf(STAGES))
    contract_hash = fields.String(
        required=True, allow_none=True, metadata={"description": "The contract as sent to members"}
    )
    current_contract_hash = fields.String(required=True)
    contract_unchanged = fields.Boolean(required=True, allow_none=True)
    sent_at = fields.DateTime(required=True, allow_none=True)
    sent_by_union_id = fields.Integer(required=True, allow_none=True)
    sent_by_employer_id = fields.Integer(required=True, allow_none=True)
    vote_date = fields.Date(required=True, allow_none=True)
    votes_yes = fields.Integer(required=True, allow_none=True)
    votes_no = fields.Integer(required=True, allow_none=True)
    outcome = fields.String(required=True, allow_none=True, validate=validate.OneOf(["ratified", "rejected"]))
    recorded_by_id = fields.Integer(required=True, allow_none=True)
    note = fields.String(required=True)
