"""What both sides share at a table, and the rules for changing it by proposal and consent.

A table's names and settings and, once bargaining opens, its articles' numbers and titles belong
to both sides: one side's negotiator proposes a change, the other side's negotiator consents (or
declines); an administrator may change them directly. Plain Python: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from bargaining.domain.errors import Conflict, Forbidden, Invalid
from bargaining.domain.records import Side

TABLE_FIELDS = (
    "title",
    "union_name",
    "employer_name",
    "members_see_passed",
    "union_prefix",
    "employer_prefix",
)
ARTICLE_FIELDS = ("number", "title")
PREFIX_FIELD = {Side.UNION: "union_prefix", Side.EMPLOYER: "employer_prefix"}


class ChangeState(StrEnum):
    """Where a proposed change stands."""

    PENDING = "pending"
    APPLIED = "applied"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"


class ConsentRequired(Forbidden):
    """One side alone tried to change what both sides share."""

    code = "consent_required"


def consent_required(what: str, route: str) -> ConsentRequired:
    """The 403 that points a negotiator to the consent flow."""
    return ConsentRequired(
        f"Both sides share {what}: propose the change at {route} for the other side's negotiator "
        "to consent to, or ask an administrator."
    )


def check_fields(changes: Mapping[str, Any], allowed: Iterable[str], field: str = "changes") -> None:
    """A change names at least one field, and only fields of what it changes."""
    allowed = tuple(allowed)
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise Invalid(f"Only {', '.join(allowed)} can change here, not {', '.join(unknown)}.", field=field)
    if not changes:
        raise Invalid("Name at least one change.", field=field)


def label_prefix(label: str) -> str:
    """The number prefix of a proposal label ("U-12" -> "U")."""
    return label.rsplit("-", 1)[0]


def check_prefixes(union: str, employer: str, used: Mapping[Side, Iterable[str]]) -> None:
    """The sides' prefixes differ, and neither takes a prefix the other side has labelled proposals with."""
    if union.casefold() == employer.casefold():
        raise Invalid("The two sides need different prefixes.", field="settings")
    mine = {Side.UNION: union, Side.EMPLOYER: employer}
    for side, prefix in mine.items():
        taken = {p.casefold() for p in used.get(side.other, ())}
        if prefix.casefold() in taken:
            raise Conflict(
                f"The {side.other.value} side has numbered proposals {prefix}-n: "
                f"the {side.value} side can never use that prefix.",
                field=PREFIX_FIELD[side],
                code="prefix_taken",
            )


def ensure_pending(state: ChangeState) -> None:
    """Only a pending change can be consented to, declined or withdrawn."""
    if state is not ChangeState.PENDING:
        raise Conflict(f"This change is {state.value}, no longer pending.", code="change_state")


def ensure_other_side(proposed_by: Side, side: Side) -> None:
    """The other side consents or declines."""
    if side is proposed_by:
        raise Conflict("The other side's negotiator consents to (or declines) a change.", code="same_side")


def ensure_same_side(proposed_by: Side, side: Side) -> None:
    """Only the proposing side withdraws its change."""
    if side is not proposed_by:
        raise Forbidden("Only the side that proposed a change withdraws it.")


def stale_fields(before: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """Fields whose value changed since the change was proposed (consent would overwrite them)."""
    return sorted(name for name, value in before.items() if now.get(name) != value)
