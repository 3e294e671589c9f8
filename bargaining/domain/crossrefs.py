"""Cross-reference extraction and regression warnings for a proposal."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bargaining.domain.records import Action, ClauseRecord, Side

_PAREN = r"\([A-Za-z0-9]{1,4}\)"
_NUM = rf"\d+(?:\.\d+)*(?:{_PAREN})*"
_JOIN = r"\s*,\s*(?:(?:and/or|and|or)\s+)?|\s+(?:and/or|and|or)\s+|\s*&\s*"
_RANGE = r"\s*[-\u2013\u2014]\s*|\s+(?:through|thru|to)\s+"
_SEP = rf"(?:{_JOIN}|{_RANGE})"
_SECTION = r"(?:\b(?i:(?:sub)?sections?)\b|\b(?i:secs?)\.|§§?)"
_ARTICLE = r"\b(?i:articles?)\b"

_ARTNUM = r"\d++(?!\.\d)"
_SECTION_LIST = re.compile(rf"(?P<kw>{_SECTION})\s*(?P<first>{_NUM})(?P<rest>(?:{_SEP}{_NUM})*)")
_ARTICLE_LIST = re.compile(rf"(?P<kw>{_ARTICLE})\s*(?P<first>{_ARTNUM})(?P<rest>(?:{_SEP}{_ARTNUM})*)")
_LIST_TAIL = re.compile(rf"(?P<sep>{_SEP})(?P<num>{_NUM})")
_IS_RANGE = re.compile(rf"^(?:{_RANGE})$")
_ART_THEN_SEC = re.compile(
    rf"{_ARTICLE}\s*(?P<art>\d++)(?!\.\d)\s*,?\s*{_SECTION}\s*(?P<sec>\d++(?!\.\d)(?:{_PAREN})*)"
)
_SEC_OF_ART = re.compile(
    rf"{_SECTION}\s*(?P<sec>\d++(?!\.\d)(?:{_PAREN})*)\s+of\s+{_ARTICLE}\s*(?P<art>\d++)"
)
_MAX_RANGE = 50


@dataclass(frozen=True, slots=True)
class ProposedChange:
    """One clause change a proposal makes, as the warning check sees it."""

    clause_id: int
    action: Action
    new_number: str | None
    content_hash: str | None


@dataclass(frozen=True, slots=True)
class ProposalWarning:
    """A warning shown on the proposal view (advisory; never blocks passing)."""

    code: str
    clause_id: int
    message: str
    related_clause_id: int | None


def _with_parents(number: str) -> set[str]:
    """Return a reference and each parent it implies: 12.3(b)(2) -> 12.3(b), 12.3."""
    found = {number}
    while number.endswith(")"):
        number = number[: number.rindex("(")]
        found.add(number)
    return found


def _span(start: str, end: str) -> list[str]:
    """Return the numbers a range like 12.3-12.6 covers (just its ends if not expandable)."""
    head_a, _, last_a = start.rpartition(".")
    head_b, _, last_b = end.rpartition(".")
    if head_a != head_b or not (last_a.isdigit() and last_b.isdigit()):
        return [start, end]
    low, high = int(last_a), int(last_b)
    if not 0 < high - low <= _MAX_RANGE:
        return [start, end]
    prefix = f"{head_a}." if head_a else ""
    return [f"{prefix}{n}" for n in range(low, high + 1)]


def _plural(keyword: str) -> bool:
    """Tell whether a keyword introduces a list: Sections, Articles, §§, Secs."""
    return keyword.rstrip(".").lower().endswith("s") or keyword == "§§"


def _list_numbers(match: re.Match[str], *, dotted_lists: bool) -> list[str]:
    """Return the numbers in a list like 'Sections 12.3, 12.4 and 12.6 through 12.8'."""
    # A singular keyword continues a list only for dotted numbers (when dotted_lists),
    # so "Article 5 and 14 days" cites Article 5 only.
    first = match["first"]
    numbers = [first]
    dotted = "." in first
    if not (_plural(match["kw"]) or (dotted_lists and dotted)):
        return numbers
    for tail in _LIST_TAIL.finditer(match["rest"]):
        num = tail["num"]
        if dotted and "." not in num:
            break  # "Section 12.3 and 14 days": 14 is not a section number
        if _IS_RANGE.match(tail["sep"]):
            numbers.extend(_span(numbers[-1], num)[1:])
        else:
            numbers.append(num)
    return numbers


def _section_refs(text: str) -> set[str]:
    """Return the clause numbers cited with Section/§ (parents of subsections included)."""
    found: set[str] = set()
    for match in _SECTION_LIST.finditer(text):
        for number in _list_numbers(match, dotted_lists=True):
            found |= _with_parents(number)
    return found


def _article_refs(text: str) -> set[str]:
    """Return the articles cited, as 'art:N'."""
    found: set[str] = set()
    for match in _ARTICLE_LIST.finditer(text):
        found.update(f"art:{n}" for n in _list_numbers(match, dotted_lists=False))
    return found


def _qualified_refs(text: str) -> set[str]:
    """Return N.M for 'Article N, Section M' and 'Section M of Article N'."""
    found: set[str] = set()
    for pattern in (_ART_THEN_SEC, _SEC_OF_ART):
        for match in pattern.finditer(text):
            found |= _with_parents(f"{match['art']}.{match['sec']}")
    return found


def find_references(text: str) -> frozenset[str]:
    """Return the clause numbers (and 'art:N' article numbers) the text cites."""
    return _cached_references(text)


@lru_cache(maxsize=16_384)
def _cached_references(text: str) -> frozenset[str]:
    """find_references, remembered per text: signed TA texts are rescanned on every proposal view."""
    return frozenset(_section_refs(text) | _article_refs(text) | _qualified_refs(text))


def may_break_references(action: Action, new_number: str | None) -> bool:
    """Whether a change could break a citation: only deleting or renumbering a clause can."""
    return action is Action.DELETE or new_number is not None


def _citers(signed_ta_texts: Mapping[int, str]) -> dict[str, list[int]]:
    """Map each cited number to the TA'd clauses whose text cites it, in clause id order."""
    citers: dict[str, list[int]] = {}
    for clause_id in sorted(signed_ta_texts):
        for number in find_references(signed_ta_texts[clause_id]):
            citers.setdefault(number, []).append(clause_id)
    return citers


def _name(clause_id: int, clauses: Mapping[int, ClauseRecord]) -> str:
    """Return 'Section N' for a clause, or a placeholder if it is unknown."""
    clause = clauses.get(clause_id)
    return f"Section {clause.number}" if clause else f"clause #{clause_id}"


def _reference_warnings(
    change: ProposedChange, clauses: Mapping[int, ClauseRecord], citers: dict[str, list[int]]
) -> list[ProposalWarning]:
    """Warn when the change deletes or renumbers a clause a signed TA elsewhere cites."""
    clause = clauses.get(change.clause_id)
    if clause is None:
        return []
    if change.action is Action.DELETE:
        code, doing = "deletes_referenced_clause", "deletes"
    elif change.new_number is not None and change.new_number != clause.number:
        code, doing = "renumbers_referenced_clause", f"renumbers to {change.new_number}"
    else:
        return []
    return [
        ProposalWarning(
            code,
            change.clause_id,
            f"{_name(citer, clauses)} (TA'd) refers to Section {clause.number}, which this proposal {doing}",
            citer,
        )
        for citer in citers.get(clause.number, [])
        if citer != change.clause_id
    ]


def _own_position_warning(
    change: ProposedChange,
    side: Side,
    clauses: Mapping[int, ClauseRecord],
    own_earlier_hashes: Mapping[int, str],
) -> ProposalWarning | None:
    """Warn when new language replaces language the same side proposed earlier."""
    earlier = own_earlier_hashes.get(change.clause_id)
    if change.action not in (Action.AMEND, Action.ADD) or earlier is None:
        return None
    if change.content_hash is None or change.content_hash == earlier:
        return None
    message = (
        f"This proposal changes the language the {side} side proposed earlier for "
        f"{_name(change.clause_id, clauses)}"
    )
    return ProposalWarning("changes_own_position", change.clause_id, message, None)


def proposal_warnings(
    *,
    proposal_side: Side,
    changes: Sequence[ProposedChange],
    clauses: Mapping[int, ClauseRecord],
    signed_ta_texts: Mapping[int, str],
    own_earlier_hashes: Mapping[int, str],
) -> list[ProposalWarning]:
    """Return the regression warnings for a proposal's changes, in change order."""
    risky = any(may_break_references(c.action, c.new_number) for c in changes)
    citers = _citers(signed_ta_texts) if risky else {}
    warnings: list[ProposalWarning] = []
    for change in changes:
        warnings.extend(_reference_warnings(change, clauses, citers))
        own = _own_position_warning(change, proposal_side, clauses, own_earlier_hashes)
        if own is not None:
            warnings.append(own)
    return warnings
