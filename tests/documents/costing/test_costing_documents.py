"""Costing sheets (CSV, XLSX), charts (SVG, PNG) and the TA block, from engine outputs only."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bargaining.documents.costing import (
    proposal_sheet,
    render,
    ta_worth,
    table_chart,
    table_sheet,
    table_sheets,
    to_csv,
    to_xlsx,
)
from bargaining.domain.costing import cost_sources, cost_table, cost_terms, member_view, prepare
from bargaining.domain.costing.terms import AcrossTheBoard, Differential, TermSource
from bargaining.domain.errors import Invalid
from tests.domain.costing.factories import clinicians

D = Decimal
Y1, Y2 = date(2025, 7, 1), date(2026, 7, 1)
NAMES = {
    "AC": "Associate Clinician",
    "LC": "Licensed Clinician",
    "SC": "Senior Clinician",
    "CS": "Clinical Supervisor",
}
UNION = (
    TermSource("U-1 wages", (AcrossTheBoard(Y1, percent=D(5)), AcrossTheBoard(Y2, percent=D(4)))),
    TermSource("U-2 licensure", (Differential("licensure", Y1, percent=D(5), licensed_only=True),)),
)
EMPLOYER = (TermSource("E-1 wages", (AcrossTheBoard(Y1, percent=D(2)),)),)
AGREED = (TermSource("TA licensure", (Differential("licensure", Y1, percent=D(3), licensed_only=True),)),)


@pytest.fixture(scope="module")
def prepared():
    return prepare(clinicians())


@pytest.fixture(scope="module")
def table(prepared):
    return cost_table(prepared, UNION, EMPLOYER, AGREED, itemize=True)


def test_a_proposal_sheet_has_every_year_component_and_classification(prepared):
    report = cost_terms(prepared, [AcrossTheBoard(Y1, percent=D(3))], "U-1")
    sheet = proposal_sheet(report, NAMES)
    assert sheet.title == "Costing: U-1"
    headline = [row for row in sheet.rows if row[0] == "with step advancement"]
    other = [row for row in sheet.rows if row[0] == "without step advancement"]
    assert len(headline) == len(other) == 3 * (1 + 8 + 4) + 1
    total = headline[0]
    assert total[3] == "Total"
    assert total[6] == report.headline.year(1).total.increase.quantize(D("0.01"))
    assert any(row[3] == "  Licensed Clinician" for row in headline)
    assert headline[-1][1] == "Term"


def test_csv_reads_back_with_the_same_figures(prepared):
    report = cost_terms(prepared, [AcrossTheBoard(Y1, percent=D(3))], "U-1")
    sheet = proposal_sheet(report)
    rows = list(csv.reader(io.StringIO(to_csv(sheet))))
    assert tuple(rows[0]) == sheet.header
    assert rows[1][4:7] == [str(cell) for cell in sheet.rows[0][4:7]]
    assert len(rows) == len(sheet.rows) + 1


def test_the_table_sheet_sets_the_sides_side_by_side(table):
    sheet = table_sheet(table)
    assert sheet.header == ("Year", "Dates", "Union", "Employer", "Gap", "Agreed (TA'd)", "Cost of 1 %")
    first = sheet.rows[0]
    assert first[0] == 1 and first[1] == "2025-07-01 to 2026-06-30"
    assert first[4] == first[2] - first[3]
    assert sheet.rows[-1][0] == "Term"


def test_the_xlsx_workbook_holds_every_sheet_with_exact_numbers(table):
    sheets = table_sheets(table, NAMES)
    book = load_workbook(io.BytesIO(to_xlsx(sheets)))
    assert len(book.sheetnames) == len(sheets) == 1 + 3 * 2
    summary = book[book.sheetnames[0]]
    assert [cell.value for cell in summary[1]] == list(sheets[0].header)
    assert D(str(summary["C2"].value)) == sheets[0].rows[0][2]
    assert summary["C2"].number_format == "#,##0.00"
    assert len(set(book.sheetnames)) == len(book.sheetnames)
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_the_same_costing_gives_the_same_workbook(table):
    """No clock in the file: zip entries and the 'created'/'modified' properties carry fixed dates."""
    data = to_xlsx(table_sheets(table))
    assert data == to_xlsx(table_sheets(table))
    entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert {info.date_time for info in entries} == {(1980, 1, 1, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(data)).properties
    assert properties.created == properties.modified == datetime(2000, 1, 1)


def test_the_chart_is_valid_svg_with_the_three_parties_and_reproducible(table):
    svg = table_chart(table, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = svg.decode()
    for label in ("Union", "Employer", "Agreed (TA'd)", "Year 1", "Year 3", "Cost per contract year"):
        assert label in text
    assert table_chart(table, "svg") == svg


def test_the_chart_as_png(table):
    png = table_chart(table, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5000


def test_what_the_tas_are_worth_is_plain_aggregate_data_and_an_svg(prepared, table):
    member = member_view(prepared, [t for s in AGREED for t in s.terms], "LC", 4, licensed=True)
    block = ta_worth(table.agreed, unit_fte=D(100), member=member)
    data = block.as_dict()
    assert data["term_increase"] == str(table.agreed.headline.term.increase.quantize(D("0.01")))
    first = data["years"][0]
    assert first["per_fte"] == str((table.agreed.headline.year(1).total.increase / 100).quantize(D("0.01")))
    assert D(first["member_gain"]) > 0
    assert "worth $" in block.sentence and "3-year term" in block.sentence
    assert ET.fromstring(block.svg).tag.endswith("svg")
    assert "e0" not in str(data)  # aggregates only: no roster key


def test_nothing_agreed_says_so(prepared):
    empty = cost_sources(prepared, (), "agreed")
    block = ta_worth(empty)
    assert block.term_increase == 0
    assert block.sentence.startswith("No tentative agreement")
    assert block.years[0].per_fte is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "svg", "png"])
def test_render_gives_each_format_for_the_api(table, fmt):
    reports = [table.union, table.employer, table.agreed]
    data = render(reports, fmt, NAMES)
    assert isinstance(data, bytes) and data
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode())))
        assert rows[0][0] == "Report"
        assert {row[0] for row in rows[1:]} == {"union", "employer", "agreed"}
    elif fmt == "xlsx":
        assert len(load_workbook(io.BytesIO(data)).sheetnames) == 6
    elif fmt == "svg":
        assert "Union" in data.decode() and "Agreed" in data.decode()
    else:
        assert data.startswith(b"\x89PNG")


def test_render_one_report_as_csv_is_its_own_sheet(table):
    rows = list(csv.reader(io.StringIO(render([table.union], "csv").decode())))
    assert rows[0][0] == "Costing"


def test_render_refuses_an_unknown_format(table):
    with pytest.raises(Invalid) as caught:
        render([table.union], "docx")
    assert caught.value.field == "format"


def test_documents_of_an_empty_table_still_render():
    from tests.domain.costing.factories import flat_unit

    empty = prepare(flat_unit("10", 0))
    table = cost_table(empty, (), (), ())
    assert table_chart(table, "svg").startswith(b"<?xml")
    assert to_csv(table_sheet(table)).count("\r\n") == 1 + 3 + 1
    assert load_workbook(io.BytesIO(to_xlsx(table_sheets(table)))).sheetnames
