"""Intake refusals not covered elsewhere: OCR unavailable or too long, bad files on the draft route."""

from __future__ import annotations

import pytesseract
import pytest

from bargaining.domain.intake import pdf_reader
from tests import intake_files as files
from tests.api.test_intake_compare import BASE
from tests.api.test_intake_formats import nothing_written, upload

SCAN = ["ARTICLE 7 - HOLIDAYS", "", "Section 1. Paid Holidays. Employees receive eleven paid holidays."]


def test_a_scan_without_tesseract_answers_ocr_failed_and_writes_nothing(api, cast, monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    response = upload(api, f"/tables/{cast.table_id}/import", files.scanned_pdf(SCAN), "scan.pdf")
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "ocr_failed" and list(response.json["error"]["fields"]) == [
        "file"
    ]
    assert nothing_written(api, cast.table_id)


def test_a_scan_over_the_ocr_page_limit_answers_413_before_reading(api, cast, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_OCR_PAGES", 0)
    response = upload(api, f"/tables/{cast.table_id}/import", files.scanned_pdf(SCAN), "scan.pdf")
    assert response.status_code == 413 and response.json["error"]["code"] == "payload_too_large"
    assert nothing_written(api, cast.table_id)


@pytest.mark.parametrize(
    ("data", "name", "status"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "paper.docx", 422),
        (files.empty_pdf(), "paper.pdf", 422),
        (files.encrypted_pdf(), "paper.pdf", 422),
        (files.zip_bomb_docx(), "paper.docx", 413),
    ],
)
def test_a_bad_file_makes_no_draft(api, cast, data, name, status):
    assert api.post(f"/tables/{cast.table_id}/import", {"text": BASE}).status_code == 201
    audit = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    response = upload(api, f"/tables/{cast.table_id}/intake/proposal", data, name)
    assert response.status_code == status, response.json
    assert list(response.json["error"]["fields"]) == ["file"]
    assert api.get(f"/tables/{cast.table_id}/proposals").json == []
    assert api.get(f"/tables/{cast.table_id}/audit?page_size=100").json == audit
