"""Events as each reader may see them, and who is told of which (plain rules, no framework)."""

from __future__ import annotations

from dataclasses import dataclass

ADMIN = "admin"
# What members are told of (only when shared with the whole table, and without the detail).
MEMBER_ACTIONS = frozenset({"ta.signed", "ta.reopened", "ratification.sent", "ratification.voted"})
MEMBER_PASSED_ACTIONS = frozenset({"proposal.passed", "proposal.withdrawn"})


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads an event: the scopes they see (their side, 'admin') and whether they are a member."""

    scopes: frozenset[str]
    member: bool = False
    members_see_passed: bool = False


def sees(reader: Reader, action: str, visible_to: str | None) -> bool:
    """The reader may learn of an event with this action and visibility."""
    if reader.scopes:
        return visible_to is None or visible_to in reader.scopes
    if not reader.member or visible_to is not None:
        return False
    return action in MEMBER_ACTIONS or (reader.members_see_passed and action in MEMBER_PASSED_ACTIONS)


def shows_detail(reader: Reader) -> bool:
    """Parties and administrators read an event's detail (as on the audit trail); members do not."""
    return bool(reader.scopes)


def matches(kinds: list[str], action: str) -> bool:
    """A subscription's kinds name the action: exactly, as a prefix ending in '.', or '*' for all."""
    return any(k == "*" or k == action or (k.endswith(".") and action.startswith(k)) for k in kinds)
