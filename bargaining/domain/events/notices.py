"""Who is told of what by email: the kinds of notices and the rules that pick their readers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """A kind of email notice (each user chooses immediate, daily or never for each)."""

    TA_AWAITS_SIGNATURE = "ta_awaits_signature"
    PROPOSAL_PASSED = "proposal_passed"
    PROPOSAL_ANSWERS_MINE = "proposal_answers_mine"
    INFO_REQUEST_TO_US = "info_request_to_us"
    INFO_REQUEST_DUE = "info_request_due"
    INFO_REQUEST_ANSWERED = "info_request_answered"
    RATIFICATION_VOTE = "ratification_vote"


class Mode(StrEnum):
    """When a user hears of a kind: at once, in a daily digest, or never."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    NEVER = "never"


class Audience(StrEnum):
    """Whose people a notice goes to, relative to the side that acted."""

    OTHER_NEGOTIATORS = "other_negotiators"  # the other side's negotiators
    OTHER_PARTY = "other_party"  # the other side's negotiators, recorders and observers
    EVERYONE = "everyone"  # every seat at the table, members included


@dataclass(frozen=True, slots=True)
class Rule:
    """An action (or a prefix ending in '.') that causes a notice of a kind to an audience."""

    action: str
    kind: Kind
    audience: Audience


# Information requests are the working life's (issue 17) audit actions; matched by name.
RULES: tuple[Rule, ...] = (
    Rule("ta.offered", Kind.TA_AWAITS_SIGNATURE, Audience.OTHER_NEGOTIATORS),
    Rule("proposal.passed", Kind.PROPOSAL_PASSED, Audience.OTHER_PARTY),
    Rule("inforequest.sent", Kind.INFO_REQUEST_TO_US, Audience.OTHER_PARTY),
    Rule("inforequest.reminded", Kind.INFO_REQUEST_DUE, Audience.OTHER_PARTY),
    Rule("inforequest.due", Kind.INFO_REQUEST_DUE, Audience.OTHER_PARTY),
    Rule("inforequest.overdue", Kind.INFO_REQUEST_DUE, Audience.OTHER_PARTY),
    Rule("inforequest.answered", Kind.INFO_REQUEST_ANSWERED, Audience.OTHER_PARTY),
    Rule("inforequest.objected", Kind.INFO_REQUEST_ANSWERED, Audience.OTHER_PARTY),
    Rule("ratification.opened", Kind.RATIFICATION_VOTE, Audience.EVERYONE),
)


def rule_for(action: str) -> Rule | None:
    """The rule an action falls under, if any."""
    for rule in RULES:
        if rule.action == action or (rule.action.endswith(".") and action.startswith(rule.action)):
            return rule
    return None


def other(side: str | None) -> str | None:
    """The other side's name."""
    return {"union": "employer", "employer": "union"}.get(side or "")


def reaches(audience: Audience, acting_side: str | None, side: str | None, role: str) -> bool:
    """A seat (side, role) is in the audience of a notice caused by acting_side."""
    if audience is Audience.EVERYONE:
        return True
    if acting_side is None or side != other(acting_side):
        return False
    if audience is Audience.OTHER_NEGOTIATORS:
        return role == "negotiator"
    return role in {"negotiator", "recorder", "observer"}


def acting_side(actor_id: int | None, actor_side: str | None, detail: dict[str, object]) -> str | None:
    """The side a notice is caused by: the actor's, or for the worker's own (no actor) the detail's.

    The delivery worker records ``inforequest.due`` / ``inforequest.overdue`` with no actor and the
    requesting side in ``detail.requesting_side``; the notice goes to the other side (the one asked).
    """
    if actor_id is not None:
        return actor_side
    side = detail.get("requesting_side")
    return side if isinstance(side, str) else None


def notice_action(action: str, detail: dict[str, object]) -> str:
    """The action a notice rule reads: a ratification 'sent' by the second side opens the vote."""
    if action == "ratification.sent" and detail.get("complete"):
        return "ratification.opened"
    return action


SENTENCES: dict[Kind, tuple[str, str]] = {
    Kind.TA_AWAITS_SIGNATURE: (
        "{label} awaits your signature",
        "Tentative agreement {label} was offered to your side",
    ),
    Kind.PROPOSAL_PASSED: (
        "{label} passed across the table",
        "The other side passed {label}",
    ),
    Kind.PROPOSAL_ANSWERS_MINE: (
        "{label} answers your proposal",
        "The other side answered your proposal with {label}",
    ),
    Kind.INFO_REQUEST_TO_US: (
        "An information request to your side",
        "The other side sent your side an information request",
    ),
    Kind.INFO_REQUEST_DUE: (
        "{label} is due",
        "{label} to your side is due or overdue",
    ),
    Kind.INFO_REQUEST_ANSWERED: (
        "Your information request was answered",
        "The other side answered your side's information request",
    ),
    Kind.RATIFICATION_VOTE: (
        "The ratification vote opens",
        "Both sides sent the tentative contract to the members for a vote",
    ),
}


DEFAULT_NAMES: dict[Kind, str] = {Kind.INFO_REQUEST_DUE: "An information request"}


def label_for(kind: Kind, detail: dict[str, object]) -> str | None:
    """What a notice names: a proposal's or TA's label, or a due request's title (the worker's notices)."""
    title, label = detail.get("title"), detail.get("label")
    if kind is Kind.INFO_REQUEST_DUE and isinstance(title, str) and title:
        return f'Information request "{" ".join(title.split())[:120]}"'
    return label if isinstance(label, str) else None


def describe(kind: Kind, label: str | None, table_title: str) -> tuple[str, str]:
    """A notice's subject and its sentence, e.g. ('E-7 passed across the table', 'The other side ...')."""
    subject, sentence = SENTENCES[kind]
    name = label or DEFAULT_NAMES.get(kind, "A proposal")
    return f"[{table_title}] {subject.format(label=name)}", f"{sentence.format(label=name)} at {table_title}."
