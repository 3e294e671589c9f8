"""Reading a contract as a lawyer reads it: reflow, headings in context, identities, Word numbering."""

from __future__ import annotations

from textwrap import dedent

import pytest

from bargaining.domain.intake.compare import compare_outlines
from bargaining.domain.intake.document import Unreadable, drop_field_errors
from bargaining.domain.intake.docx_numbering import Level, Numbering
from bargaining.domain.intake.formats import read_upload, sniff
from bargaining.domain.intake.outline import OutlineArticle, OutlineClause, from_parsed
from bargaining.domain.intake.parse import ParsedContract, parse_contract
from bargaining.domain.intake.proposal_items import items_from
from bargaining.domain.intake.reflow import reflow
from tests import intake_files as files

WIDTH = 60


def parse(text: str) -> ParsedContract:
    """Parse a dedented text."""
    return parse_contract(dedent(text).lstrip("\n"))


def test_reflow_joins_wrapped_lines_and_rejoins_hyphenated_words() -> None:
    lines = [
        "The Employer shall post every vacancy for at least ten busi-",
        "ness days, and shall give a copy of each self-",
        "scheduling rule to the Union.",
        "",
        "A new paragraph.",
    ]
    assert reflow(lines, WIDTH) == [
        "The Employer shall post every vacancy for at least ten business days, and shall give a copy of each "
        "self-scheduling rule to the Union.",
        "",
        "A new paragraph.",
    ]


def test_reflow_keeps_list_items_table_rows_and_short_closing_lines() -> None:
    lines = [
        "Employees may choose one of the following plans, as set out below for",
        "each year of the agreement:",
        "(A) the Co-Pay Plan;",
        "(B) the High Deductible Plan.",
        "Step 1        $20.00        $21.00",
        "Step 2        $22.00        $23.00",
        "This sentence ends short.",
        "And this one starts a new paragraph without a blank line between them.",
    ]
    assert reflow(lines, 72) == [
        "Employees may choose one of the following plans, as set out below for each year of the agreement:",
        "(A) the Co-Pay Plan;",
        "(B) the High Deductible Plan.",
        "Step 1        $20.00        $21.00",
        "Step 2        $22.00        $23.00",
        "This sentence ends short.",
        "And this one starts a new paragraph without a blank line between them.",
    ]


def test_a_letter_whose_second_heading_line_names_the_article_it_amends_is_one_letter() -> None:
    contract = parse(
        """
        ARTICLE 40 - PENALTY PAY

        Section 1. Rate. Penalty pay is time and one half.

        LETTER OF AGREEMENT
        ARTICLE 40 - PENALTY PAY

        The parties agree that penalty pay under this Article shall also apply to
        trainers assigned on short notice.
        """
    )
    assert [(a.number, a.title, a.kind) for a in contract.articles] == [
        ("40", "PENALTY PAY", "article"),
        ("LOA 1", "LETTER OF AGREEMENT – ARTICLE 40 - PENALTY PAY", "side_letter"),
    ]


@pytest.mark.parametrize(
    "wrapped",
    [
        "Article 40—Penalty Pay, Section 4, and as this Article provides.",
        "ARTICLE 40 - PENALTY PAY, Section 4, and as this Article provides.",
    ],
)
def test_a_cross_reference_wrapped_onto_a_line_start_is_not_a_heading(wrapped: str) -> None:
    contract = parse_contract(
        "ARTICLE 12 - OVERTIME\n\nSection 1. Rate. Employees who work more than forty hours are paid as in\n"
        f"{wrapped}\n\nSection 2. Call Back. Employees called back get two hours.\n"
    )
    assert [a.number for a in contract.articles] == ["12"]
    assert contract.articles[0].clauses[0].text.endswith("Section 4, and as this Article provides.")


def test_examples_on_an_instructions_page_are_not_headings() -> None:
    contract = parse(
        """
        HOW TO READ THIS AGREEMENT

        Headings look like this:
        Article 5 – Title of the Article
        Section 5.1 Title of the section

        ARTICLE 1 - RECOGNITION

        Section 1.1 Unit. The Employer recognizes the Union.
        """
    )
    assert [(a.number, a.title) for a in contract.articles] == [("1", "RECOGNITION")]


def test_appendix_letters_in_curly_quotes() -> None:
    contract = parse(
        """
        ARTICLE 1 - WAGES

        Section 1. Rates. Rates are in Appendix A.

        APPENDIX \u201cA\u201d
        SALARY SCHEDULE

        Step 1    $20.00
        """
    )
    assert [(a.number, a.title, a.kind) for a in contract.articles][1] == (
        "Appendix A",
        "SALARY SCHEDULE",
        "appendix",
    )


def test_word_field_errors_are_dropped() -> None:
    assert drop_field_errors("See Section 4.2 Error! Bookmark not defined. for details.") == (
        "See Section 4.2 for details."
    )
    assert drop_field_errors("as in Error! Reference source not found.") == "as in"


def test_mixed_case_and_all_caps_headings() -> None:
    contract = parse(
        """
        Article 1 – Recognition

        Section 1.1 Unit. The Employer recognizes the Union.

        ARTICLE 2 – HOURS OF WORK

        Section 2.1 Workday. The workday is eight hours.
        """
    )
    assert [(a.number, a.title) for a in contract.articles] == [("1", "Recognition"), ("2", "HOURS OF WORK")]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("LETTER OF AGREEMENT NO. 7 - PARKING", "LOA 7"),
        ("LETTER OF AGREEMENT #12 – TRAINING", "LOA 12"),
        ("MEMORANDUM OF UNDERSTANDING – Merit Steps MOU AFG-26-19", "LOA AFG-26-19"),
        ("LETTER OF AGREEMENT – ARTICLE 16 - SALARY STUDY", "LOA 1"),
    ],
)
def test_a_letter_is_numbered_by_its_own_number(title: str, number: str) -> None:
    contract = parse_contract(f"{title}\n\nThe parties agree to meet monthly.\n")
    assert contract.articles[0].number == number


def test_two_terms_line_up_each_letter_with_itself_not_by_position() -> None:
    letters = {
        "PAY EQUITY": "The parties study pay equity.",
        "TRAINING FUND": "The Employer funds training.",
        "PARKING": "Parking is free.",
    }
    older = "\n".join(f"LETTER OF AGREEMENT – {t}\n\n{body}\n" for t, body in letters.items())
    newer = "\n".join(f"LETTER OF AGREEMENT – {t}\n\n{body}\n" for t, body in list(letters.items())[1:])
    comparison = compare_outlines(from_parsed(parse_contract(older)), from_parsed(parse_contract(newer)))
    shape = [(a.change, a.old and a.old.title, a.new and a.new.number) for a in comparison.articles]
    assert shape == [
        ("deleted", "LETTER OF AGREEMENT – PAY EQUITY", None),
        ("unchanged", "LETTER OF AGREEMENT – TRAINING FUND", "LOA 1"),
        ("unchanged", "LETTER OF AGREEMENT – PARKING", "LOA 2"),
    ]


def test_items_cover_every_changed_clause_new_articles_and_headings() -> None:
    old = [
        OutlineArticle(10, "1", "HOURS", "article", (OutlineClause(20, "1.1", "Workday", "Eight hours."),)),
        OutlineArticle(
            11, "6", "PARKING", "article", (OutlineClause(21, "6.1", "Free", "Parking is free."),)
        ),
    ]
    new = from_parsed(
        parse_contract(
            "ARTICLE 1 - HOURS\nSection 1.1 Working Day. Seven hours.\n\n"
            "ARTICLE 2 - SAFETY\nSection 2.1 Gear. Gear is free.\n"
        )
    )
    items, _notes = items_from(compare_outlines(old, new), {"1", "6"})
    assert (
        items
        == [
            {"action": "amend", "clause_id": 20, "text": "Seven hours.", "heading": "Working Day"},
            {"action": "delete", "clause_id": 21},
            {
                "action": "add",
                "number": "2.1",
                "heading": "Gear",
                "text": "Gear is free.",
                "new_article": {"number": "2", "title": "SAFETY"},
            },
        ]
        or items
    )


def test_word_numbering_formats_levels_and_restarts() -> None:
    numbering = Numbering(
        abstract_of={"1": "A", "2": "A"},
        levels={
            "A": {
                0: Level(1, "upperRoman", "%1."),
                1: Level(1, "upperLetter", "%2."),
                2: Level(1, "lowerRoman", "(%3)"),
            }
        },
        overrides={"2": {0: 5}},
    )
    shown = [
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("1", 2),
        numbering.label("1", 2),
    ]
    shown += [
        numbering.label("1", 1),
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("2", 0),
    ]
    assert shown == ["I.", "A.", "(i)", "(ii)", "B.", "II.", "A.", "V."]


def test_formats_are_told_by_their_bytes_not_their_names() -> None:
    assert sniff(files.text_pdf([["ARTICLE 1 - X"]]), "contract.docx") == "pdf"
    assert sniff(files.numbered_docx(), "contract.pdf") == "docx"
    assert sniff(b"# Article 1", "notes.md") == "markdown"
    assert read_upload("Article 1 – Pay\n".encode("utf-16")).text.startswith("Article 1")


def test_windows_text_is_read_and_said_so_and_random_bytes_are_refused() -> None:
    read = read_upload("ARTICLE 1 – Café Breaks\n".encode("cp1252"))
    assert read.text.startswith("ARTICLE 1 – Café") and read.notes
    with pytest.raises(Unreadable):
        read_upload(bytes(range(1, 256)) * 40)


def test_a_clause_moved_to_another_article_is_shown_as_moved() -> None:
    old = parse_contract(
        "ARTICLE 1 - HOURS\nSection 1.1 Workday. The workday is eight hours.\n"
        "Section 1.2 Call Back. Employees called back get two hours.\n\n"
        "ARTICLE 2 - OVERTIME\nSection 2.1 Rate. Time and one half.\n"
    )
    new = parse_contract(
        "ARTICLE 1 - HOURS\nSection 1.1 Workday. The workday is eight hours.\n\n"
        "ARTICLE 2 - OVERTIME\nSection 2.1 Rate. Time and one half.\n"
        "Section 2.2 Call Back. Employees called back get two hours.\n"
    )
    comparison = compare_outlines(from_parsed(old), from_parsed(new))
    moved = comparison.articles[1].clauses[1]
    assert (moved.change, moved.old.number, moved.new.number) == ("moved", "1.2", "2.2")  # type: ignore[union-attr]
    assert moved.moved_from is not None and moved.moved_from["number"] == "1"
    assert [c.change for c in comparison.articles[0].clauses] == ["unchanged"]
    assert comparison.summary()["clauses"]["moved"] == 1


def test_a_moved_clause_is_a_delete_in_its_old_article_and_an_add_in_its_new_one() -> None:
    old = [
        OutlineArticle(
            10,
            "1",
            "HOURS",
            "article",
            (
                OutlineClause(20, "1.1", "Workday", "Eight hours."),
                OutlineClause(21, "1.2", "Call", "Employees called back get two hours."),
            ),
        ),
        OutlineArticle(
            11, "2", "PAY", "article", (OutlineClause(22, "2.1", "Rate", "The rate is scale A."),)
        ),
    ]
    moved = (
        "ARTICLE 1 - HOURS\nSection 1.1 Workday. Eight hours.\n\nARTICLE 2 - PAY\n"
        "Section 2.1 Rate. The rate is scale A.\n"
        "Section 2.2 Call. Employees called back get two hours.\n"
    )
    items, notes = items_from(compare_outlines(old, from_parsed(parse_contract(moved))))
    assert items == [
        {"action": "delete", "clause_id": 21},
        {
            "action": "add",
            "number": "2.2",
            "heading": "Call",
            "text": "Employees called back get two hours.",
            "article_id": 11,
        },
    ]
    assert notes == [
        "Clause 2.2 of Article 2 moved from Article 1 (Clause 1.2): deleted there and added here."
    ]
