"""The TA summary: agreed clauses with redlines, counts, and what is still open."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import Schema, fields, validate

from bargaining.kept import IdentityMemo
from schemas.documents import format_field

STATUSES_OPEN = ["open", "ta_pending"]
ACTIONS = ["amend", "add", "delete", "status_quo"]


class SummaryQuery(Schema):
    """Whose view: the caller's own, or what members see (the printable page and documents)."""

    audience = fields.String(
        load_default="self",
        validate=validate.OneOf(["self", "members"]),
        metadata={
            "description": "'self': what the caller may see (the sides and administrators also see "
            "pending TAs and positions); 'members': exactly what the table's members see."
        },
    )
    format = format_field()


class SummaryCountsOut(Schema):
    """Clause counts by status."""

    tentatively_agreed = fields.Integer(required=True)
    ta_pending = fields.Integer(required=True)
    open = fields.Integer(required=True)
    status_quo = fields.Integer(required=True)
    total = fields.Integer(required=True)


class RedlineOpOut(Schema):
    """One run of a redline; an equal run keeps the old text in `old` when it differs in whitespace."""

    kind = fields.String(required=True, validate=validate.OneOf(["equal", "insert", "delete"]))
    text = fields.String(required=True)
    old = fields.String()


class SummaryRedlineOut(Schema):
    """The agreed text against the current contract."""

    ops = fields.List(fields.Nested(RedlineOpOut), required=True)
    html = fields.String(required=True, metadata={"description": "<del>/<ins>, all text escaped"})
    words_inserted = fields.Integer(required=True)
    words_deleted = fields.Integer(required=True)
    changed = fields.Boolean(required=True)


class AgreedClauseOut(Schema):
    """A clause covered by a TA: signed (members see only these) or pending (the sides only)."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    deleted = fields.Boolean(required=True, metadata={"description": "The clause is deleted"})
    text = fields.String(required=True, allow_none=True, metadata={"description": "Agreed text"})
    ta_id = fields.Integer(required=True)
    ta_label = fields.String(required=True, allow_none=True)
    ta_state = fields.String(required=True, validate=validate.OneOf(["signed", "pending"]))
    offered_at = fields.DateTime(required=True)
    signed_at = fields.DateTime(required=True, allow_none=True)
    summary = fields.String(
        required=True, metadata={"description": "The negotiators' plain-language summary"}
    )
    redline = fields.Nested(SummaryRedlineOut, required=True)


class SidePositionOut(Schema):
    """A side's passed position on an open clause."""

    kind = fields.String(required=True, validate=validate.OneOf(["version", "delete", "status_quo"]))
    proposal_label = fields.String(required=True, allow_none=True)
    text = fields.String(required=True, allow_none=True)


class OpenClauseOut(Schema):
    """A clause still on the table; positions are null unless the caller may see them."""

    clause_id = fields.Integer(required=True)
    number = fields.String(required=True)
    heading = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES_OPEN))
    union = fields.Nested(SidePositionOut, required=True, allow_none=True)
    employer = fields.Nested(SidePositionOut, required=True, allow_none=True)


def _iso(value: datetime | None) -> str | None:
    """A datetime as marshmallow's DateTime writes it."""
    return None if value is None else value.isoformat()


def agreed_json(clause: Any) -> dict[str, Any]:
    """An agreed clause exactly as AgreedClauseOut dumps it (a test holds the two equal)."""
    redline = clause.redline
    return {
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "action": clause.action,
        "deleted": clause.deleted,
        "text": clause.text,
        "ta_id": clause.ta_id,
        "ta_label": clause.ta_label,
        "ta_state": clause.ta_state,
        "offered_at": _iso(clause.offered_at),
        "signed_at": _iso(clause.signed_at),
        "summary": clause.summary,
        "redline": {
            "ops": redline.ops,  # already RedlineOpOut's form (Op.to_dict), kept with the redline view
            "html": redline.html,
            "words_inserted": redline.words_inserted,
            "words_deleted": redline.words_deleted,
            "changed": redline.changed,
        },
    }


def _side_json(position: Any) -> dict[str, Any] | None:
    """A side's position as SidePositionOut dumps it."""
    if position is None:
        return None
    return {"kind": position.kind, "proposal_label": position.proposal_label, "text": position.text}


def open_json(clause: Any) -> dict[str, Any]:
    """An open clause exactly as OpenClauseOut dumps it."""
    return {
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "status": clause.status,
        "union": _side_json(clause.union),
        "employer": _side_json(clause.employer),
    }


class AgreedClausesField(fields.List[Any]):
    """Agreed clauses, documented as AgreedClauseOut and written by agreed_json: the 1,500-clause
    summary is 6 MB, and marshmallow field by field was most of its cold cost."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [agreed_json(clause) for clause in value]


class OpenClausesField(fields.List[Any]):
    """Open clauses, documented as OpenClauseOut and written by open_json."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [open_json(clause) for clause in value]


class SummaryArticleOut(Schema):
    """One article of the summary."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    counts = fields.Nested(SummaryCountsOut, required=True)
    agreed = AgreedClausesField(fields.Nested(AgreedClauseOut), required=True)
    open = OpenClausesField(fields.Nested(OpenClauseOut), required=True)


# The JSON of recent article summaries by the summary's identity: a summary after a change reuses
# the JSON of every article it did not lay out again (bargaining/services/ta_summary_layout.py).
_ARTICLE_JSON: IdentityMemo[dict[str, Any]] = IdentityMemo(maxsize=2048)


def article_json(article: Any) -> dict[str, Any]:
    """An article exactly as SummaryArticleOut dumps it (a test holds the two equal); kept per summary."""
    return _ARTICLE_JSON.made_from(article, lambda: _article_json(article))


def _article_json(article: Any) -> dict[str, Any]:
    """An article's JSON, made."""
    counts = article.counts
    return {
        "id": article.id,
        "number": article.number,
        "title": article.title,
        "kind": article.kind,
        "counts": {
            "tentatively_agreed": counts.tentatively_agreed,
            "ta_pending": counts.ta_pending,
            "open": counts.open,
            "status_quo": counts.status_quo,
            "total": counts.total,
        },
        "agreed": [agreed_json(clause) for clause in article.agreed],
        "open": [open_json(clause) for clause in article.open],
    }


class SummaryArticlesField(fields.List[Any]):
    """The articles, documented as SummaryArticleOut and written by article_json."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        return None if value is None else [article_json(article) for article in value]


MONEY = {"type": "string", "format": "decimal"}


def _money(description: str) -> fields.String:
    """An amount to the cent as a decimal string ('1234.50'), null when not known."""
    return fields.String(required=True, allow_none=True, metadata={**MONEY, "description": description})


class WorthYearOut(Schema):
    """One contract year of what the signed TAs are worth (aggregates only)."""

    year = fields.Integer(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    increase = _money("What the signed TAs add to the year's cost over the base (roll-up included)")
    percent = _money("The increase as a percent of the base cost")
    per_fte = _money("The increase per full-time equivalent of the unit")
    cost_per_percent = _money("What 1 % on every rate from the term's first day costs this year")
    member_gain = _money("What the typical clinician gains this year under the signed TAs")


class TypicalClinicianOut(Schema):
    """The clinician whose gain is shown: the classification and step with the most people, at 1 FTE."""

    classification = fields.String(required=True)
    step = fields.Integer(required=True)
    fte = fields.String(required=True, metadata=MONEY)
    term_gain = _money("Their gain over the whole term")


class TAWorthOut(Schema):
    """'What the tentative agreements are worth': the signed TAs costed, in aggregate (never a
    roster row, a draft, a scenario or a side's position). Absent figures come with a reason."""

    available = fields.Boolean(required=True)
    reason = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(["costing_not_set_up", "no_roster", "not_costable"]),
        metadata={"description": "Why there are no figures (null when available)"},
    )
    message = fields.String(required=True, allow_none=True)
    years = fields.List(fields.Nested(WorthYearOut), required=True)
    term_increase = _money("What the signed TAs add over the whole term")
    term_percent = _money("The term's increase as a percent of the term's base cost")
    sentence = fields.String(required=True, allow_none=True, metadata={"description": "One plain sentence"})
    headcount = fields.Integer(required=True, metadata={"description": "People in the roster costed"})
    unit_fte = _money("Full-time equivalents in the roster costed")
    typical = fields.Nested(TypicalClinicianOut, required=True, allow_none=True)
    chart_svg = fields.String(
        required=True, allow_none=True, metadata={"description": "Cost per year as an SVG chart"}
    )


def worth_json(block: Any) -> dict[str, Any]:
    """The block as TAWorthOut documents it."""
    worth, per_percent = block.worth, block.cost_per_percent
    data = worth.as_dict() if worth is not None else {"years": [], "term_increase": None}
    years = data["years"]
    for index, year in enumerate(years):
        year["cost_per_percent"] = str(per_percent[index]) if index < len(per_percent) else None
    typical = block.typical
    return {
        "available": block.available,
        "reason": block.reason,
        "message": block.message,
        "years": years,
        "term_increase": data["term_increase"],
        "term_percent": data.get("term_percent"),
        "sentence": data.get("sentence"),
        "headcount": block.headcount,
        "unit_fte": None if block.unit_fte is None else str(block.unit_fte),
        "typical": None
        if typical is None
        else {
            "classification": typical.classification,
            "step": typical.step,
            "fte": str(typical.fte),
            "term_gain": str(typical.term_gain),
        },
        "chart_svg": None if worth is None else worth.svg,
    }


class TAWorthField(fields.Nested):
    """The TA worth block, documented as TAWorthOut and written by worth_json."""

    def _serialize(self, nested_obj: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return None if nested_obj is None else worth_json(nested_obj)


class SummaryOut(Schema):
    """A table's TA summary."""

    table_id = fields.Integer(required=True)
    title = fields.String(required=True)
    union_name = fields.String(required=True)
    employer_name = fields.String(required=True)
    table_state = fields.String(required=True)
    view = fields.String(required=True, validate=validate.OneOf(["members", "full"]))
    positions_visible = fields.Boolean(required=True)
    pending_visible = fields.Boolean(required=True)
    generated_at = fields.DateTime(required=True)
    counts = fields.Nested(SummaryCountsOut, required=True)
    articles = SummaryArticlesField(fields.Nested(SummaryArticleOut), required=True)
    ta_worth = TAWorthField(
        TAWorthOut,
        required=True,
        metadata={"description": "What the signed tentative agreements are worth (aggregates only)"},
    )
