"""Contracts in through the API in every format: Word, PDF (text and scanned), text, Markdown, JSON."""

from __future__ import annotations

import io
import json
import shutil
from typing import Any

import pytest

from scripts import import_contract as script
from tests import intake_files as files

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)


def upload(api: Any, path: str, data: bytes, name: str, as_: str = "union_negotiator") -> Any:
    """POST a file as multipart/form-data."""
    return api.client.post(
        f"/api/v1{path}",
        data={"file": (io.BytesIO(data), name)},
        headers=api.cast.headers(as_),
        content_type="multipart/form-data",
    )


def post_text(api: Any, path: str, text: str, mimetype: str, as_: str = "union_negotiator") -> Any:
    """POST a body as text/plain or text/markdown."""
    headers = {**api.cast.headers(as_), "Content-Type": f"{mimetype}; charset=utf-8"}
    return api.client.post(f"/api/v1{path}", data=text.encode("utf-8"), headers=headers)


def outline(response: Any) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The (number, title, [(clause number, heading)]) of an import answer."""
    return [
        (a["number"], a["title"], [(c["number"], c["heading"]) for c in a["clauses"]])
        for a in response.json["outline"]
    ]


def nothing_written(api: Any, table_id: int) -> bool:
    """Tell whether the table still has no articles and no import in its audit trail."""
    articles = api.get(f"/tables/{table_id}/articles").json
    events = api.get(f"/tables/{table_id}/audit?page_size=100", as_="admin").json
    return articles == [] and not [e for e in events if e["action"] == "contract.imported"]


NUMBERED = [
    ("1", "RECOGNITION", [("1.1", "Unit"), ("1.2", "New Positions")]),
    ("2", "WAGES", [("2.1", "Rates"), ("2.2", "Steps")]),
]


def test_word_automatic_numbering_comes_through_as_the_reader_sees_it(api, cast):
    data = files.numbered_docx()
    assert "ARTICLE" not in files.docx_text(data) and "Section" not in files.docx_text(data)
    response = upload(api, f"/tables/{cast.table_id}/import", data, "contract.docx")
    assert response.status_code == 201, response.json
    assert outline(response) == NUMBERED
    assert response.json["source"]["format"] == "docx"
    wages = next(a for a in api.get(f"/tables/{cast.table_id}/articles").json if a["number"] == "2")
    steps = api.get(f"/articles/{wages['id']}").json["clauses"][1]
    assert steps["base_text"].startswith(
        "Nurses advance one step a year:\n\n(a) on their anniversary date;\n\n"
        "(b) after a satisfactory evaluation."
    )
    assert "| 1 | $30.00 |" in steps["base_text"]
    unit = api.get(f"/articles/{api.get(f'/tables/{cast.table_id}/articles').json[0]['id']}").json["clauses"][
        0
    ]
    assert unit["base_text"] == "The Employer recognizes the Union for all nurses."  # no "Error! Bookmark"


def test_word_tracked_changes_are_accepted_or_rejected_and_reported(api, cast):
    path = f"/tables/{cast.table_id}/import?dry_run=true"
    accepted = upload(api, path, files.tracked_docx(), "hours.docx")
    rejected = upload(api, path + "&tracked_changes=reject", files.tracked_docx(), "hours.docx")
    assert accepted.json["source"]["tracked_changes"] == {
        "insertions": 1,
        "deletions": 1,
        "resolved": "accept",
    }
    assert rejected.json["source"]["tracked_changes"]["resolved"] == "reject"
    assert [c["chars"] for c in accepted.json["outline"][0]["clauses"]] == [
        len("The workday is seven hours.")
    ]
    assert [c["chars"] for c in rejected.json["outline"][0]["clauses"]] == [
        len("The workday is eight hours.")
    ]
    assert nothing_written(api, cast.table_id)


PDF_PAGES = [
    [
        "ARTICLE 1 - RECOGNITION",
        "Section 1. Unit. The Employer recognizes the Association as the exclusive representative of all "
        "registered nurses employed by the County in the Public Health department, excluding supervisors "
        "and temporary employees hired for less than six months.",
    ],
    [
        "Section 2. Dues. The County deducts dues from the pay of each nurse who signs a dues form and "
        "sends them to the Association every month, with a list of the nurses who paid them.",
        "ARTICLE 2 - WAGES",
        "Section 1. Rates. Nurses are paid at least the rates in Appendix A.",
    ],
]


def test_pdf_text_layer_is_read_in_order_without_headers_footers_or_page_numbers(api, cast):
    response = upload(api, f"/tables/{cast.table_id}/import", files.text_pdf(PDF_PAGES), "contract.pdf")
    assert response.status_code == 201, response.json
    assert outline(response) == [
        ("1", "RECOGNITION", [("1", "Unit"), ("2", "Dues")]),
        ("2", "WAGES", [("1", "Rates")]),
    ]
    assert response.json["source"]["pages"] == 2 and response.json["source"]["ocr_pages"] == []
    article = api.get(f"/articles/{api.get(f'/tables/{cast.table_id}/articles').json[0]['id']}").json
    unit = article["clauses"][0]["base_text"]
    assert unit == PDF_PAGES[0][1].removeprefix("Section 1. Unit. ")  # one paragraph again
    assert "Page" not in article["clauses"][1]["base_text"] and "Sample County" not in unit


@needs_tesseract
def test_scanned_pdf_goes_through_ocr_and_says_so(api, cast):
    scan = files.scanned_pdf(
        [
            "ARTICLE 7 - HOLIDAYS",
            "",
            "Section 1. Paid Holidays. Employees receive eleven",
            "paid holidays each year.",
            "",
            "Section 2. Floating Holiday. One floating holiday.",
        ]
    )
    response = upload(api, f"/tables/{cast.table_id}/import", scan, "scan.pdf")
    assert response.status_code == 201, response.json
    assert outline(response) == [("7", "HOLIDAYS", [("1", "Paid Holidays"), ("2", "Floating Holiday")])]
    source = response.json["source"]
    assert source["ocr_pages"] == [1] and source["ocr_confidence"] > 80


def test_text_markdown_and_json_bodies_import_alike(api, cast):
    text = "ARTICLE 1 - HOURS\n\nSection 1.1 Workday. The workday is eight\nhours long.\n"
    path = f"/tables/{cast.table_id}/import?dry_run=true"
    plain = post_text(api, path, text, "text/plain")
    markdown = post_text(
        api, path, "# Article 1 – Hours\n\n## 1.1 Workday\n\nThe workday is eight hours.\n", "text/markdown"
    )
    as_json = api.post(path, {"text": text})
    for response in (plain, markdown, as_json):
        assert response.status_code == 200, response.json
        assert [c["number"] for c in response.json["outline"][0]["clauses"]] == ["1.1"]
    assert plain.json["outline"] == as_json.json["outline"]
    assert markdown.json["source"]["format"] == "markdown"
    assert nothing_written(api, cast.table_id)


@pytest.mark.parametrize(
    ("data", "name", "status", "code"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
            "contract.docx",
            422,
            "unreadable_file",
        ),
        (files.empty_pdf(), "empty.pdf", 422, "unreadable_file"),
        (b"%PDF-1.7\n%garbage that is no PDF", "broken.pdf", 422, "unreadable_file"),
        (files.encrypted_pdf(), "locked.pdf", 422, "encrypted_file"),
        (files.zip_bomb_docx(), "bomb.docx", 413, "payload_too_large"),
        (b"PK\x03\x04 not really a zip", "fake.docx", 422, "unreadable_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc", 422, "unsupported_format"),
        (b"   \n\n  ", "blank.txt", 422, "unreadable_file"),
    ],
)
def test_bad_files_answer_a_clear_4xx_and_write_nothing(api, cast, data, name, status, code):
    for path in (f"/tables/{cast.table_id}/import", f"/tables/{cast.table_id}/intake/compare"):
        response = upload(api, path, data, name)
        assert response.status_code == status, response.json
        assert response.json["error"]["code"] == code
        assert list(response.json["error"]["fields"]) == ["file"]
    assert nothing_written(api, cast.table_id)


def test_upload_limits_and_types(api, cast, app):
    app.config["INTAKE_MAX_BYTES"] = 1000
    too_big = upload(api, f"/tables/{cast.table_id}/import", b"x" * 5000, "big.txt")
    assert too_big.status_code == 413
    app.config["INTAKE_MAX_BYTES"] = 32 * 1024 * 1024
    headers = {**cast.headers("union_negotiator"), "Content-Type": "application/xml"}
    wrong = api.client.post(f"/api/v1/tables/{cast.table_id}/import", data=b"<a/>", headers=headers)
    assert wrong.status_code == 415
    no_file = api.client.post(
        f"/api/v1/tables/{cast.table_id}/import",
        data={"other": "x"},
        headers=cast.headers("union_negotiator"),
        content_type="multipart/form-data",
    )
    assert no_file.status_code == 422 and "file" in no_file.json["error"]["fields"]
    elsewhere = post_text(api, f"/tables/{cast.table_id}/proposals", "ARTICLE 1 - X", "text/plain")
    assert elsewhere.status_code == 415  # only the intake routes take text
    assert nothing_written(api, cast.table_id)


def test_members_and_outsiders_cannot_import_a_file(api, cast):
    data = files.numbered_docx()
    assert upload(api, f"/tables/{cast.table_id}/import", data, "c.docx", as_="member").status_code == 403
    assert upload(api, f"/tables/{cast.table_id}/import", data, "c.docx", as_="outsider").status_code == 404


def test_cli_imports_a_word_file(runner, cast, tmp_path):
    path = tmp_path / "contract.docx"
    path.write_bytes(files.numbered_docx())
    args = [
        "import-contract",
        str(path),
        "--table",
        str(cast.table_id),
        "--as",
        "union_negotiator@test.example",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"articles": 2, "clauses": 4, "unplaced": 0, "skipped": 0}


def test_script_uploads_a_pdf_through_the_api(live_server, cast, tmp_path, capsys):
    path = tmp_path / "contract.pdf"
    path.write_bytes(files.text_pdf(PDF_PAGES))
    args = [
        str(path),
        "--table",
        str(cast.table_id),
        "--url",
        live_server,
        "--token",
        cast.tokens["union_negotiator"],
    ]
    assert script.main([*args, "--dry-run"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"]["format"] == "pdf" and [a["number"] for a in shown["outline"]] == ["1", "2"]
    assert script.main(args) == 0
    assert json.loads(capsys.readouterr().out)["clauses"] == 3


def test_word_heading_styles_that_carry_numbering(api, cast):
    response = upload(
        api, f"/tables/{cast.table_id}/import?dry_run=true", files.style_numbered_docx(), "c.docx"
    )
    assert response.status_code == 200, response.json
    assert outline(response) == [
        ("1", "HOURS", [("1.1", "Workday"), ("1.2", "Breaks")]),
        ("2", "HOLIDAYS", [("2.1", "Paid Holidays")]),
    ]


GUTTERED = [
    "ARTICLE 3 - MANAGEMENT RIGHTS",
    "",
    "Section 3.1 Rights. The County retains all of the customary rights of manage-",
    "ment, including the right to direct and assign the work of its employees, to",
    "hire, promote and transfer, and to set the standards of service.",
    "",
    "Section 3.2 Limits. These rights are exercised as this Agreement provides.",
]


def test_pdf_line_number_gutter_goes_and_hyphenated_words_rejoin(api, cast):
    response = upload(api, f"/tables/{cast.table_id}/import", files.lines_pdf(GUTTERED, gutter=True), "p.pdf")
    assert response.status_code == 201, response.json
    assert outline(response) == [("3", "MANAGEMENT RIGHTS", [("3.1", "Rights"), ("3.2", "Limits")])]
    article = api.get(f"/articles/{api.get(f'/tables/{cast.table_id}/articles').json[0]['id']}").json
    assert article["clauses"][0]["base_text"] == (
        "The County retains all of the customary rights of management, including the right to direct "
        "and assign the work of its employees, to hire, promote and transfer, and to set the standards "
        "of service."
    )
