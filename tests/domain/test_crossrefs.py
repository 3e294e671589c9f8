"""Cross-reference extraction and the proposal regression warnings."""

from __future__ import annotations

import pytest

from bargaining.domain.crossrefs import (
    ProposalWarning,
    ProposedChange,
    find_references,
    proposal_warnings,
)
from bargaining.domain.hashing import DELETED_HASH
from bargaining.domain.records import Action, ClauseRecord, Side


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("as provided in Section 12.3.", {"12.3"}, id="section"),
        pytest.param("see section 12.3", {"12.3"}, id="section_lowercase"),
        pytest.param("Sections 12.3 and 12.4 apply", {"12.3", "12.4"}, id="sections_and"),
        pytest.param("Sections 12.3, 12.4, and 12.5", {"12.3", "12.4", "12.5"}, id="serial"),
        pytest.param("Sections 12.3 or 12.4", {"12.3", "12.4"}, id="sections_or"),
        pytest.param("Section 12.3 and 12.4", {"12.3", "12.4"}, id="singular_dotted_list"),
        pytest.param("Sections 4.1 through 4.3", {"4.1", "4.2", "4.3"}, id="range_through"),
        pytest.param("Sections 4.1-4.3", {"4.1", "4.2", "4.3"}, id="range_dash"),
        pytest.param("Sections 4.1 to 7.2", {"4.1", "7.2"}, id="range_across_articles"),
        pytest.param("§ 12.3", {"12.3"}, id="section_sign"),
        pytest.param("§12.3", {"12.3"}, id="section_sign_no_space"),
        pytest.param("§§ 12.3 and 12.4", {"12.3", "12.4"}, id="double_section_sign"),
        pytest.param("Sec. 7.2", {"7.2"}, id="abbreviation"),
        pytest.param("Section 12.3.1", {"12.3.1"}, id="three_levels"),
        pytest.param("Article 12", {"art:12"}, id="article"),
        pytest.param("ARTICLE 4 - WAGES", {"art:4"}, id="article_upper"),
        pytest.param("Articles 12 and 13", {"art:12", "art:13"}, id="articles"),
        pytest.param("Articles 12-14", {"art:12", "art:13", "art:14"}, id="article_range"),
        pytest.param("subsection 12.3(b)", {"12.3(b)", "12.3"}, id="subsection"),
        pytest.param(
            "Section 12.3(b)(2)", {"12.3(b)(2)", "12.3(b)", "12.3"}, id="nested_subsection"
        ),
        pytest.param("Article 12, Section 3", {"art:12", "12.3", "3"}, id="article_section"),
        pytest.param("Section 3 of Article 12", {"art:12", "12.3", "3"}, id="section_of_article"),
        pytest.param("Section 12.3 and 14 days", {"12.3"}, id="days_not_a_section"),
        pytest.param("Section 5 and 6 days", {"5"}, id="singular_undotted_no_list"),
        pytest.param("Article 5 and 14 days", {"art:5"}, id="article_days"),
        pytest.param("Section 12.3 to the extent", {"12.3"}, id="to_not_range"),
        pytest.param("pay of $12.30 per hour under 12.3", set(), id="bare_numbers_ignored"),
        pytest.param("the article did not", set(), id="no_number"),
        pytest.param("", set(), id="empty"),
    ],
)
def test_find_references(text: str, expected: set[str]) -> None:
    assert find_references(text) == expected


def test_find_references_large_input_is_fast() -> None:
    text = "Sections " + ", ".join(["12.3"] * 5000) + " " * 5000 + "Section"
    assert find_references(text) == {"12.3"}


CLAUSES = {
    1: ClauseRecord(1, 5, "5.4", True, 10, "h5.4"),
    2: ClauseRecord(2, 12, "12.3", True, 20, "h12.3"),
    3: ClauseRecord(3, 12, "12.4", True, 30, "h12.4"),
    4: ClauseRecord(4, 7, "7.1", True, 40, "h7.1"),
}
TA_TEXTS = {
    1: "Disputes follow the procedure in Section 12.3(b).",
    4: "Nothing here overrides Sections 12.3 and 12.4.",
}


def warnings_for(
    *changes: ProposedChange,
    side: Side = Side.UNION,
    ta_texts: dict[int, str] | None = None,
    earlier: dict[int, str] | None = None,
) -> list[ProposalWarning]:
    """Run the check with the shared clauses and TA texts."""
    return proposal_warnings(
        proposal_side=side,
        changes=list(changes),
        clauses=CLAUSES,
        signed_ta_texts=TA_TEXTS if ta_texts is None else ta_texts,
        own_earlier_hashes=earlier or {},
    )


def test_delete_of_referenced_clause_warns_for_each_citing_ta() -> None:
    found = warnings_for(ProposedChange(2, Action.DELETE, None, None))
    assert found == [
        ProposalWarning(
            "deletes_referenced_clause",
            2,
            "Section 5.4 (TA'd) refers to Section 12.3, which this proposal deletes",
            1,
        ),
        ProposalWarning(
            "deletes_referenced_clause",
            2,
            "Section 7.1 (TA'd) refers to Section 12.3, which this proposal deletes",
            4,
        ),
    ]


def test_renumber_of_referenced_clause_warns() -> None:
    found = warnings_for(ProposedChange(3, Action.AMEND, "12.5", "hnew"))
    assert found == [
        ProposalWarning(
            "renumbers_referenced_clause",
            3,
            "Section 7.1 (TA'd) refers to Section 12.4, which this proposal renumbers to 12.5",
            4,
        )
    ]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(ProposedChange(3, Action.AMEND, "12.4", "hnew"), id="same_number"),
        pytest.param(ProposedChange(3, Action.AMEND, None, "hnew"), id="amend_no_renumber"),
        pytest.param(ProposedChange(4, Action.DELETE, None, None), id="unreferenced_delete"),
        pytest.param(ProposedChange(99, Action.DELETE, None, None), id="unknown_clause"),
    ],
)
def test_no_reference_warning(change: ProposedChange) -> None:
    assert warnings_for(change) == []


def test_self_reference_does_not_warn() -> None:
    texts = {2: "This Section 12.3 survives expiry."}
    assert warnings_for(ProposedChange(2, Action.DELETE, None, None), ta_texts=texts) == []


def test_unsigned_language_is_not_checked() -> None:
    assert warnings_for(ProposedChange(2, Action.DELETE, None, None), ta_texts={}) == []


def test_changes_own_position_on_amend() -> None:
    found = warnings_for(
        ProposedChange(3, Action.AMEND, None, "hnew"),
        side=Side.EMPLOYER,
        earlier={3: "hold"},
    )
    assert found == [
        ProposalWarning(
            "changes_own_position",
            3,
            "This proposal changes the language the employer side proposed earlier "
            "for Section 12.4",
            None,
        )
    ]


@pytest.mark.parametrize(
    ("change", "earlier"),
    [
        pytest.param(ProposedChange(3, Action.AMEND, None, "hold"), {3: "hold"}, id="same_hash"),
        pytest.param(ProposedChange(3, Action.AMEND, None, "hnew"), {}, id="no_earlier"),
        pytest.param(ProposedChange(3, Action.AMEND, None, "hnew"), {2: "x"}, id="other_clause"),
        pytest.param(ProposedChange(3, Action.DELETE, None, None), {3: "hold"}, id="delete"),
        pytest.param(
            ProposedChange(3, Action.STATUS_QUO, None, None), {3: "hold"}, id="status_quo"
        ),
    ],
)
def test_no_own_position_warning(change: ProposedChange, earlier: dict[int, str]) -> None:
    assert warnings_for(change, ta_texts={}, earlier=earlier) == []


def test_own_position_after_earlier_delete() -> None:
    change = ProposedChange(3, Action.ADD, None, "hnew")
    found = warnings_for(change, ta_texts={}, earlier={3: DELETED_HASH})
    assert [w.code for w in found] == ["changes_own_position"]


def test_warnings_follow_change_order() -> None:
    found = warnings_for(
        ProposedChange(3, Action.AMEND, "12.6", "hnew"),
        ProposedChange(2, Action.DELETE, None, None),
        earlier={3: "hold"},
    )
    assert [(w.code, w.clause_id, w.related_clause_id) for w in found] == [
        ("renumbers_referenced_clause", 3, 4),
        ("changes_own_position", 3, None),
        ("deletes_referenced_clause", 2, 1),
        ("deletes_referenced_clause", 2, 4),
    ]


def test_delete_wins_over_renumber() -> None:
    found = warnings_for(ProposedChange(3, Action.DELETE, "12.9", None))
    assert [w.code for w in found] == ["deletes_referenced_clause"]
