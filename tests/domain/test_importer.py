
"""Unit tests for the contract import parser on small, hand-written inputs."""

from __future__ import annotations

import dataclasses
from textwrap import dedent

import pytest

from bargaining.domain.importer import ParsedArticle, ParsedClause, ParsedContract, parse_contract


def parse(text: str) -> ParsedContract:
    """Parse a dedented text."""
    return parse_contract(dedent(text).lstrip("\n"))


def outline(contract: ParsedContract) -> list[tuple[str, str, str]]:
    """Return (number, title, kind) per article."""
    return [(a.number, a.title, a.kind) for a in contract.articles]


def article(contract: ParsedContract, number: str) -> ParsedArticle:
    """Return the article with this number."""
    return next(a for a in contract.articles if a.number == number)


def clause(contract: ParsedContract, article_number: str, number: str) -> ParsedClause:
    """Return one clause of one article."""
    return next(c for c in article(contract, article_number).clauses if c.number == number)


def all_text(contract: ParsedContract) -> str:
    """Return all clause text joined together."""
    return "\n".join(c.text for a in contract.articles for c in a.clauses)


# --- article headings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("Article 12 – Caseloads", "12", "Caseloads"),
        ("ARTICLE XII: CASELOADS", "XII", "CASELOADS"),
        ("ARTICLE 4--TERM", "4", "TERM"),
        ("ARTICLE 12 - WORK SCHEDULES", "12", "WORK SCHEDULES"),
        ("ARTICLE 12 — WORK SCHEDULES", "12", "WORK SCHEDULES"),
        ("ARTICLE 7. SAVINGS CLAUSE", "7", "SAVINGS CLAUSE"),
        ("ARTICLE 1 PREAMBLE", "1", "PREAMBLE"),
        ("ARTICLE 19T - TEMPORARY RULES", "19T", "TEMPORARY RULES"),
        ("ARTICLE 10.2C,H - SPECIAL PAY", "10.2C,H", "SPECIAL PAY"),
        ("ARTICLE    17 - WORKERS'       COMPENSATION", "17", "WORKERS' COMPENSATION"),
        ("                    ARTICLE 9 - UNION SECURITY", "9", "UNION SECURITY"),
        ("ARTICLE 12 Caseloads and workload", "12", "Caseloads and workload"),
        ("**ARTICLE 12 – CASELOADS**", "12", "CASELOADS"),
        ("Article 12: Caseloads", "12", "Caseloads"),
    ],
)
def test_article_heading_forms(heading: str, number: str, title: str) -> None:
    contract = parse_contract(f"{heading}\n\nThe body of the article.\n")
    assert outline(contract) == [(number, title, "article")]
    assert contract.articles[0].clauses == (ParsedClause("", "", "The body of the article.", 3),)
    assert contract.articles[0].line == 1


def test_article_title_on_the_next_line() -> None:
    contract = parse(
        """
                         ARTICLE 12
                   INSURANCE AND RELATED

        Section 1 – Types of Insurance

        The County provides insurance.
        """
    )
    assert outline(contract) == [("12", "INSURANCE AND RELATED", "article")]
    assert [(c.number, c.heading) for c in contract.articles[0].clauses] == [("1", "Types of Insurance")]


def test_article_title_wrapped_onto_two_lines() -> None:
    contract = parse(
        """
               ARTICLE 56 - RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS AND
                                   UNDERPAYMENTS

        Section 1. Overpayments.
        Text.
        """
    )
    assert outline(contract) == [
        ("56", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS AND UNDERPAYMENTS", "article")
    ]


def test_mixed_case_cross_references_are_not_headings() -> None:
    contract = parse(
        """
        ARTICLE 51 - INCLEMENT WEATHER

        Section 10. Non-Essential Workers.
        The employee shall receive the differential under
        Article 70.
        The parties agree as set out in
        Article 9, Section 3 (B).
        Letter of Agreement on Contract Specialists.
        """
    )
    assert outline(contract) == [("51", "INCLEMENT WEATHER", "article")]
    assert "Article 70." in all_text(contract)
    assert "Letter of Agreement on Contract Specialists." in all_text(contract)


# --- clause headings ---------------------------------------------------------------------


def test_section_alone_on_its_line() -> None:
    contract = parse(
        """
        ARTICLE 2 - SCOPE OF AGREEMENT

        Section 1.
        This Agreement binds the Union.
        Section 2.
        The Agreement supersedes all prior Agreements.
        SECTION 3.
        Capital letters work too.
        """
    )
    assert [(c.number, c.heading, c.text, c.line) for c in contract.articles[0].clauses] == [
        ("1", "", "This Agreement binds the Union.", 3),
        ("2", "", "The Agreement supersedes all prior Agreements.", 5),
        ("3", "", "Capital letters work too.", 7),
    ]


def test_section_with_decimal_number_and_heading() -> None:
    contract = parse(
        """
        ARTICLE 12 - CASELOADS

        Section 12.3
        A standalone decimal section.

        Section 12.4 Caseload Limits.
        No nurse carries more than forty cases.
        """
    )
    assert clause(contract, "12", "12.3") == ParsedClause("12.3", "", "A standalone decimal section.", 3)
    assert clause(contract, "12", "12.4").heading == "Caseload Limits"
    assert clause(contract, "12", "12.4").text == "No nurse carries more than forty cases."


def test_run_in_heading_is_split_from_the_text() -> None:
    contract = parse(
        """
        ARTICLE 12 - WORK SCHEDULES

        Section 5. Replacement Staffing. The Employer shall fill vacancies
        within thirty (30) days.
        """
    )
    assert clause(contract, "12", "5") == ParsedClause(
        "5", "Replacement Staffing", "The Employer shall fill vacancies\nwithin thirty (30) days.", 3
    )


def test_run_in_text_without_a_heading() -> None:
    contract = parse(
        """
        ARTICLE 2 - DEFINITION OF TERMS

                SECTION      1. "Employee" means any nurse employed by the County who
        fills a position in one of the classifications.
        """
    )
    found = clause(contract, "2", "1")
    assert found.heading == ""
    assert found.text.startswith('"Employee" means any nurse')


def test_section_with_dash_heading() -> None:
    contract = parse(
        """
        ARTICLE 12
        INSURANCE AND RELATED

        Section 2 – Health Insurance Plan

        (A) Employees choose a plan.
        """
    )
    assert clause(contract, "12", "2") == ParsedClause(
        "2", "Health Insurance Plan", "(A) Employees choose a plan.", 4
    )


def test_decimal_clause_numbers_at_line_start() -> None:
    contract = parse(
        """
        ARTICLE 12 - CASELOADS

        12.3 Each nurse has a caseload.
        12.3(b) Caseloads are reviewed monthly.
        12.4 Caseload Limits
        No more than forty cases.
        """
    )
    assert [(c.number, c.heading, c.text) for c in contract.articles[0].clauses] == [
        ("12.3", "", "Each nurse has a caseload."),
        ("12.3(b)", "", "Caseloads are reviewed monthly."),
        ("12.4", "Caseload Limits", "No more than forty cases."),
    ]


def test_deep_decimal_numbers() -> None:
    contract = parse(
        """
        ARTICLE 1 - RECOGNITION

        1.01 The County recognizes the Union.
        1.01.1(a) The unit includes all nurses working for the County.
        """
    )
    assert [c.number for c in contract.articles[0].clauses] == ["1.01", "1.01.1(a)"]


def test_decimals_from_other_articles_stay_in_the_text() -> None:
    contract = parse(
        """
        ARTICLE 8 - HOLIDAYS

        Section 8.3 Holiday Pay.
        Nurses are paid as described in Section
        8.1, provided that the nurse is in paid status.
        243.650 Definitions apply as in statute.
        """
    )
    assert [c.number for c in contract.articles[0].clauses] == ["8.3"]
    assert "8.1, provided" in all_text(contract)
    assert "243.650 Definitions" in all_text(contract)


def test_wrapped_section_cross_reference_is_not_a_clause() -> None:
    contract = parse(
        """
        ARTICLE 8 - SELECTION

        Section 8. Flex Staff Series.
        Such employees are not eligible for Step Advancement under Article 10,
        Section 2.
        Section 9. Probationary Period.
        Text.
        """
    )
    assert [c.number for c in contract.articles[0].clauses] == ["8", "9"]
    assert clause(contract, "8", "8").text.endswith("Article 10,\nSection 2.")


def test_section_with_separator_then_lettered_item() -> None:
    contract = parse(
        """
        ARTICLE 5 - LEAVE

        Section 5. (A) Employees accrue leave monthly.
        (B) Leave is paid at the regular rate.
        """
    )
    assert clause(contract, "5", "5").text == (
        "(A) Employees accrue leave monthly.\n(B) Leave is paid at the regular rate."
    )


def test_section_references_at_line_start_stay_in_the_text() -> None:
    contract = parse(
        """
        ARTICLE 16 - LAYOFF AND RECALL

        Section 2. Recall.
        Candidates are referred in order of recall as described in
        Section 2 (B) above.
        Section 1 (G) of this Agreement applies to benefits.
        Section 4, and not this section, governs notice.
        Section 3. Responsibilities.
        Text.
        """
    )
    assert [c.number for c in contract.articles[0].clauses] == ["2", "3"]
    assert "Section 4, and not this section" in clause(contract, "16", "2").text


def test_text_before_the_first_section_is_an_intro_clause() -> None:
    contract = parse(
        """
        ARTICLE 30 - APPEALS

        The appeals process is designed to allocate employees.
        Section 1.
        An appeal may be filed.
        """
    )
    assert [(c.number, c.heading) for c in contract.articles[0].clauses] == [("", ""), ("1", "")]
    assert contract.articles[0].clauses[0].text == "The appeals process is designed to allocate employees."


def test_roman_numeral_sections_with_nested_items() -> None:
    contract = parse(
        """
                                  ARTICLE 2
                                 RECOGNITION

        I.     Definition of Unit
               The County recognizes the Union.
               A.   Nested letter item stays in the text.
        II.    On-Call and Temporary List
               The County provides a list.
        """
    )
    clauses = contract.articles[0].clauses
    assert [(c.number, c.heading) for c in clauses] == [
        ("I", "Definition of Unit"),
        ("II", "On-Call and Temporary List"),
    ]
    assert clauses[0].text == "The County recognizes the Union.\nA.   Nested letter item stays in the text."


def test_lettered_sections_with_headings() -> None:
    contract = parse(
        """
        MEMORANDUM OF UNDERSTANDING

        This agreement defines the schedule of the crisis team.

        A. Overview of Position and Schedule:
        The purpose of the center is to provide coverage.
           1. Minimum staffing is three people.
           2. Shifts are Day, Swing or Night.
        B. General Provisions
           1. The CBA applies otherwise.
        """
    )
    letter = contract.articles[0]
    assert [(c.number, c.heading) for c in letter.clauses] == [
        ("", ""),
        ("A", "Overview of Position and Schedule"),
        ("B", "General Provisions"),
    ]
    assert "1. Minimum staffing" in letter.clauses[1].text


def test_list_introduced_by_a_colon_is_not_split() -> None:
    contract = parse(
        """
        ARTICLE 8 - MANAGEMENT'S RIGHTS

        These rights of management shall include the right to:
              1.     Direct employees.
              2.     Hire, promote and retain employees.
        """
    )
    assert len(contract.articles[0].clauses) == 1
    assert "2.     Hire" in contract.articles[0].clauses[0].text


def test_text_between_headings_belongs_to_the_clause_above() -> None:
    contract = parse(
        """
        ARTICLE 3 - LAW

        Section 1.
        First paragraph of one.

        Second paragraph of one.



        Third paragraph after many blank lines.
        Section 2.
        Two.
        """
    )
    assert clause(contract, "3", "1").text == (
        "First paragraph of one.\n\nSecond paragraph of one.\n\nThird paragraph after many blank lines."
    )
    assert clause(contract, "3", "2").text == "Two."


# --- preamble, appendices, side letters ---------------------------------------------------


def test_preamble_heading() -> None:
    contract = parse(
        """
                                PREAMBLE

        This Agreement is made by and between the State and the Union.

                          ARTICLE 1 - RECOGNITION

        The Employer recognizes the Union.
        """
    )
    assert outline(contract) == [("Preamble", "PREAMBLE", "preamble"), ("1", "RECOGNITION", "article")]
    assert article(contract, "Preamble").clauses[0].text.startswith("This Agreement is made")


def test_untitled_prose_before_article_one_is_a_preamble() -> None:
    contract = parse(
        """
        This Agreement is entered into by the County and the Association for the nurses.

        ARTICLE 1 - RECOGNITION

        The County recognizes the Association.
        """
    )
    assert outline(contract)[0] == ("Preamble", "Preamble", "preamble")
    assert contract.unplaced == ()


def test_cover_lines_are_unplaced() -> None:
    contract = parse(
        """
                 COLLECTIVE BARGAINING AGREEMENT
                            Between
                          COOS COUNTY

        ARTICLE 1 - PREAMBLE

        This agreement is entered into by Coos County.
        """
    )
    assert outline(contract) == [("1", "PREAMBLE", "article")]
    assert contract.unplaced == ((1, "COLLECTIVE BARGAINING AGREEMENT"), (2, "Between"), (3, "COOS COUNTY"))


def test_agreement_and_definitions_front_matter() -> None:
    contract = parse(
        """
                                 AGREEMENT

        This Agreement is entered into by and between the County and the Union for all employees.

                                DEFINITIONS

        Days: The term days shall mean calendar days.

                                 PREAMBLE

        Section 1 – Purpose
        The purpose of this Agreement is to promote understanding.

                                 ARTICLE 1
                                RECOGNITION

        Section 1 – Recognition
        The County recognizes the Union.
        """
    )
    assert outline(contract) == [
        ("Agreement", "AGREEMENT", "preamble"),
        ("Definitions", "DEFINITIONS", "preamble"),
        ("Preamble", "PREAMBLE", "preamble"),
        ("1", "RECOGNITION", "article"),
    ]
    assert [(c.number, c.heading) for c in article(contract, "Preamble").clauses] == [("1", "Purpose")]


def test_agreement_alone_is_the_preamble() -> None:
    contract = parse(
        """
        AGREEMENT

        This Agreement is entered into by and between the County and the Union for all employees.

        ARTICLE 1 - RECOGNITION
        Text.
        """
    )
    assert outline(contract)[0] == ("Preamble", "AGREEMENT", "preamble")


def test_appendices_and_side_letters() -> None:
    contract = parse(
        """
        ARTICLE 69 - PAID LEAVE OREGON
        Text of article 69.

                  LETTER OF AGREEMENT – ARTICLE 16 - SALARY STUDY
        The parties agree to study salaries.

            LETTER OF AGREEMENT – ESSENTIAL WORKER INCLEMENT WEATHER/HAZARDOUS
                                 CONDITIONS PAY
        The parties agree to pay a differential.

        MEMORANDUM OF UNDERSTANDING
        The parties agree to meet.

        SIDE LETTER – PARKING
        Parking is free.

                    APPENDIX A – SALARY SCHEDULE
        Step 1   Step 2

                    APPENDIX B
                 Classifications
        Nurse 1

                    ADDENDUM C
          MEMORANDUM OF AGREEMENT - ICS PRIMARY CARE PHYSICIANS FTE FOR
                     ALLOTTED INDIRECT PATIENT CARE TIME
        I. Parties
        The parties are the County and the Union.
        II. Terms
        The terms follow.
        """
    )
    assert outline(contract) == [
        ("69", "PAID LEAVE OREGON", "article"),
        ("LOA 1", "LETTER OF AGREEMENT – ARTICLE 16 - SALARY STUDY", "side_letter"),
        (
            "LOA 2",
            "LETTER OF AGREEMENT – ESSENTIAL WORKER INCLEMENT WEATHER/HAZARDOUS CONDITIONS PAY",
            "side_letter",
        ),
        ("LOA 3", "MEMORANDUM OF UNDERSTANDING", "side_letter"),
        ("LOA 4", "SIDE LETTER – PARKING", "side_letter"),
        ("Appendix A", "SALARY SCHEDULE", "appendix"),
        ("Appendix B", "Classifications", "appendix"),
        (
            "Addendum C",
            "MEMORANDUM OF AGREEMENT - ICS PRIMARY CARE PHYSICIANS FTE FOR ALLOTTED"
            " INDIRECT PATIENT CARE TIME",
            "side_letter",
        ),
    ]
    assert [c.number for c in article(contract, "Addendum C").clauses] == ["I", "II"]


def test_standalone_memorandum_title_from_the_next_lines() -> None:
    contract = parse(
        """
                             MEMORANDUM OF UNDERSTANDING

                            CBA Modification for Merit Adjustments
                                       MOU AFG-26-19

        This Memorandum of Understanding is entered into by Lane County and the Union.
        """
    )
    assert outline(contract) == [
        (
            "LOA 1",
            "MEMORANDUM OF UNDERSTANDING – CBA Modification for Merit Adjustments MOU AFG-26-19",
            "side_letter",
        )
    ]


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_input() -> None:
    contract = parse(
        """
        # Preamble

        This Agreement is made between the Clinic and the Union.

        # Article 12 – Caseloads

        Caseloads matter.

        ## Section 12.3 Caseload Limits

        No clinician carries more than forty cases.

        ### 12.4 Review

        Caseloads are reviewed monthly.

        **12.5 Exceptions.** Emergencies are exempt.

        **12.6 Overflow**

        Overflow goes to the pool.

        # Appendix A – Salary Schedule

        | Step | Rate |

        # Letter of Agreement – Telehealth

        Telehealth is allowed.
        """
    )
    assert outline(contract) == [
        ("Preamble", "Preamble", "preamble"),
        ("12", "Caseloads", "article"),
        ("Appendix A", "Salary Schedule", "appendix"),
        ("LOA 1", "Letter of Agreement – Telehealth", "side_letter"),
    ]
    assert [(c.number, c.heading, c.text) for c in article(contract, "12").clauses] == [
        ("", "", "Caseloads matter."),
        ("12.3", "Caseload Limits", "No clinician carries more than forty cases."),
        ("12.4", "Review", "Caseloads are reviewed monthly."),
        ("12.5", "Exceptions", "Emergencies are exempt."),
        ("12.6", "Overflow", "Overflow goes to the pool."),
    ]


# --- duplicates ----------------------------------------------------------------------------


def test_duplicate_article_numbers_are_disambiguated() -> None:
    contract = parse(
        """
        ARTICLE 9 - VACATION LEAVE
        Nine.
        ARTICLE 16 - SICK LEAVE
        OCR turned ten into sixteen.
        ARTICLE 11 - OTHER LEAVE
        Eleven.
        ARTICLE 16 - PENSION
        The real sixteen.
        ARTICLE 16 - PENSION CONTINUED
        A third sixteen.
        """
    )
    assert [a.number for a in contract.articles] == ["9", "16", "11", "16 (2)", "16 (3)"]
    assert article(contract, "16 (2)").clauses[0].text == "The real sixteen."


def test_duplicate_clause_numbers_are_disambiguated() -> None:
    contract = parse(
        """
        ARTICLE 45 - LEAVE ADMINISTRATION
        Section 3. Vacation Time.
        One.
        Section 3. Scheduling of Vacations.
        Two.
        Section 4. Use of Accrued Time.
        Three.
        """
    )
    assert [(c.number, c.heading) for c in contract.articles[0].clauses] == [
        ("3", "Vacation Time"),
        ("3 (2)", "Scheduling of Vacations"),
        ("4", "Use of Accrued Time"),
    ]


def test_running_header_with_the_current_article_is_skipped() -> None:
    contract = parse(
        """
                                   ARTICLE 9
                                  PAID LEAVES

        I.     Vacation Leave
               Employees accrue vacation.

                              ARTICLE 9, PAID LEAVES
        \f-31-

               More about vacation.
        II.    Sick Leave
               Employees accrue sick leave.
        """
    )
    assert outline(contract) == [("9", "PAID LEAVES", "article")]
    assert clause(contract, "9", "I").text == "Employees accrue vacation.\n\nMore about vacation."
    assert contract.skipped == 2


def test_contents_entries_without_leaders_are_dropped_when_repeated() -> None:
    contract = parse(
        """
        ARTICLE 1 - RECOGNITION
        ARTICLE 2 - SCOPE

        ARTICLE 1 - RECOGNITION
        The County recognizes the Union.
        ARTICLE 2 - SCOPE
        This Agreement binds the parties.
        """
    )
    assert outline(contract) == [("1", "RECOGNITION", "article"), ("2", "SCOPE", "article")]
    assert contract.articles[0].line == 4


# --- page furniture and characters --------------------------------------------------------


def test_table_of_contents_is_skipped() -> None:
    contract = parse(
        """
                               TABLE OF CONTENTS
        PREAMBLE ......................................................... 1
        ARTICLE 1 - RECOGNITION .......................................... 1
          Section 1........................................................ 1
        ARTICLE 2 - SCOPE OF AGREEMENT ooo... ccceceeeeeseceneteeesereeee 2
        LETTER OF AGREEMENT – PAY EQUITY
                    ............................................................ 3
        APPENDIX A - SALARY ...........................................…… 4
                                   PREAMBLE
        This Agreement is made by and between the State and the Union.
                            ARTICLE 1 - RECOGNITION
        Section 1.
        The State recognizes the Union.
                          ARTICLE 2 - SCOPE OF AGREEMENT
        This Agreement binds the parties.
        """
    )
    assert outline(contract) == [
        ("Preamble", "PREAMBLE", "preamble"),
        ("1", "RECOGNITION", "article"),
        ("2", "SCOPE OF AGREEMENT", "article"),
    ]
    assert contract.skipped == 8
    assert "..." not in all_text(contract)


def test_page_headers_footers_and_numbers_are_removed() -> None:
    footer = "2023-2025 Oregon State Hospital Registered Nurses                      Page {n}"
    pages = []
    for n, word in enumerate(["apples", "pears", "plums", "figs"], 1):
        pages.append(
            f"Docusign Envelope ID: A9C74BE6-D3C0-48F5-A242-1D7C191DAE84\n"
            f"Text of page {n} that runs on\n"
            f"and ends with {word}.\n\n\n"
            f"2023-2025 OHA Physicians       {n}       Collective Bargaining Agreement\n"
            f"{footer.format(n=n)}\n"
            f"{n}\n"
        )
    text = "ARTICLE 5 - PAGES\n\n" + "\f".join(pages)
    contract = parse_contract(text)
    body = all_text(contract)
    assert "Docusign" not in body
    assert "Page" not in body
    assert "Collective Bargaining Agreement" not in body
    assert body.splitlines()[0:4] == [
        "Text of page 1 that runs on",
        "and ends with apples.",
        "",
        "Text of page 2 that runs on",
    ]
    assert contract.skipped == 16


def test_running_footer_with_n_of_m_is_removed() -> None:
    pages = [
        "                ARTICLE 12\n             INSURANCE AND RELATED\n\nSection 1 – Types\n\nText one.\n\n"
        "ARTICLE 12\nINSURANCE AND RELATED                                58 of 92\n",
        "                                             AFSCME Agreement\n"
        "                                                    2024-2027\n\nText two.\n\n"
        "ARTICLE 12\nINSURANCE AND RELATED                                59 of 92\n",
        "                                             AFSCME Agreement\n"
        "                                                    2024-2027\n\nText three.\n\n"
        "ARTICLE 12\nINSURANCE AND RELATED                                60 of 92\n",
        "                                             AFSCME Agreement\n"
        "                                                    2024-2027\n\n"
        "                ARTICLE 13\n                  SAFETY\n\nSafety text.\n",
    ]
    contract = parse_contract("\f".join(pages))
    assert outline(contract) == [("12", "INSURANCE AND RELATED", "article"), ("13", "SAFETY", "article")]
    assert clause(contract, "12", "1").text == "Text one.\n\nText two.\n\nText three."
    assert "of 92" not in all_text(contract)


def test_line_number_gutter_is_stripped() -> None:
    lines = [
        "ARTICLE 3 – MANAGEMENT RIGHTS",
        "Section 3.1 Rights.",
        "The County retains all of the customary rights",
        "of management.",
        "",
        "Section 3.2 Exercise.",
        "The County shall act in good faith.",
    ]
    text = "\n".join(f"  {n:>2}    {line}" for n, line in enumerate(lines, 1))
    contract = parse_contract(text)
    assert outline(contract) == [("3", "MANAGEMENT RIGHTS", "article")]
    assert (
        clause(contract, "3", "3.1").text == "The County retains all of the customary rights\nof management."
    )


def test_zero_width_spaces_and_private_use_bullets() -> None:
    contract = parse_contract(
        "ARTICLE 11 - CLINICAL\u200b POLICY\n\n"
        "Clinical matters include:\n"
        "        \uf0b7     Medication\u200b and other treatment\n"
        "        \u2022     Documentation\n"
    )
    assert outline(contract) == [("11", "CLINICAL POLICY", "article")]
    assert contract.articles[0].clauses[0].text == (
        "Clinical matters include:\n•     Medication and other treatment\n•     Documentation"
    )


def test_sentence_running_across_a_page_break_is_not_split() -> None:
    contract = parse_contract(
        "ARTICLE 6 - STRIKES\n\nThe Union agrees that it\n\n\n\n\fwill not strike.\n\nNew paragraph.\n"
    )
    assert (
        contract.articles[0].clauses[0].text == "The Union agrees that it\nwill not strike.\n\nNew paragraph."
    )


def test_empty_and_headingless_inputs() -> None:
    assert parse_contract("") == ParsedContract((), (), 0)
    contract = parse_contract("Just a title\nAnother short line\n")
    assert contract.articles == ()
    assert contract.unplaced == ((1, "Just a title"), (2, "Another short line"))


def test_crlf_input() -> None:
    contract = parse_contract("ARTICLE 1 - ONE\r\nSection 1.\r\nText.\r\n")
    assert clause(contract, "1", "1").text == "Text."


def test_results_are_frozen_dataclasses() -> None:
    contract = parse_contract("ARTICLE 1 - ONE\nText.\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        contract.articles[0].clauses[0].text = "changed"  # type: ignore[misc]


def test_long_titles_are_clipped_to_the_stored_size() -> None:
    title = " ".join(["CASELOADS"] * 60)
    contract = parse_contract(f"ARTICLE 12 - {title}\nText.\n")
    assert len(contract.articles[0].title) <= 300
    assert contract.articles[0].title.startswith("CASELOADS CASELOADS")


def test_double_spaced_ocr_text_keeps_only_real_paragraph_breaks() -> None:
    sections = [
        f"SECTION {n}. Employees of group {n} are covered by this\n\n"
        f"Agreement in every respect.\n\n"
        f"This is still the first paragraph\n\n"
        f"which goes on.\n\n\n"
        f"A second paragraph for section {n}\n\n"
        f"of two lines.\n\n\n"
        for n in range(1, 11)
    ]
    contract = parse_contract("ARTICLE 2 - DEFINITION OF TERMS\n\n\n" + "".join(sections))
    assert clause(contract, "2", "3").text == (
        "Employees of group 3 are covered by this\nAgreement in every respect.\n"
        "This is still the first paragraph\nwhich goes on.\n\nA second paragraph for section 3\nof two lines."
    )
