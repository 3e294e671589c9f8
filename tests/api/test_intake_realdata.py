"""The real contracts (../shared/realdata) through every intake path: text, Word, PDF, compare, renewal."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from bargaining.domain.intake.parse import ParsedContract, parse_contract
from tests import intake_files as files
from tests.api.test_intake_formats import post_text, upload
from tests.domain.test_importer_realdata import FULL, SMALL_FILES, body_lines

OLDER, NEWER = "oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt"


@cache
def text_of(name: str) -> str:
    """The extraction of one realdata file."""
    return "\n".join(body_lines(name))


@cache
def parsed(name: str) -> ParsedContract:
    """The outline the text path gives (checked by hand in tests/domain/test_importer_realdata.py)."""
    return parse_contract(text_of(name))


def titles(contract: ParsedContract) -> list[tuple[str, str]]:
    """Article numbers and titles."""
    return [(a.number, a.title) for a in contract.articles]


def api_outline(response: Any) -> list[tuple[str, str, list[str]]]:
    """Article numbers, titles and clause numbers of an import answer."""
    return [(a["number"], a["title"], [c["number"] for c in a["clauses"]]) for a in response.json["outline"]]


@pytest.mark.parametrize("name", FULL + SMALL_FILES)
def test_every_real_contract_uploads_as_a_text_file_and_as_word(api, cast, name):
    path = f"/tables/{cast.table_id}/import?dry_run=true"
    as_file = upload(api, path, text_of(name).encode("utf-8"), name)
    assert as_file.status_code == 200, as_file.json
    expected = [(a.number, a.title, [c.number for c in a.clauses]) for a in parsed(name).articles]
    assert api_outline(as_file) == expected
    as_word = upload(api, path, files.outline_docx(parsed(name)), name.replace(".txt", ".docx"))
    assert as_word.status_code == 200, as_word.json
    assert [(n, t) for n, t, _ in api_outline(as_word)] == titles(parsed(name))


@pytest.mark.parametrize(
    "name", ["coos_ona_2024_2027_full.txt", "oregon_oha_physicians_afscme_2025_2027_full.txt"]
)
def test_real_contracts_set_as_pdf_read_back_the_same(api, cast, name):
    response = upload(api, f"/tables/{cast.table_id}/import", files.layout_pdf(text_of(name)), "contract.pdf")
    assert response.status_code == 201, response.json
    assert api_outline(response) == [
        (a.number, a.title, [c.number for c in a.clauses]) for a in parsed(name).articles
    ]
    assert response.json["source"]["pages"] > 30 and response.json["source"]["ocr_pages"] == []


def test_two_terms_compare_draft_and_renew(api, cast):
    assert post_text(api, f"/tables/{cast.table_id}/import", text_of(OLDER), "text/plain").status_code == 201
    compared = upload(api, f"/tables/{cast.table_id}/intake/compare", text_of(NEWER).encode(), "osh-2025.txt")
    assert compared.status_code == 200, compared.json
    articles = {(a["change"], (a["new"] or a["old"])["number"]) for a in compared.json["articles"]}
    assert ("added", "70") in articles  # Article 70 is new in 2025
    pay_equity = next(a for a in compared.json["articles"] if a["old"] and "PAY EQUITY" in a["old"]["title"])
    assert pay_equity["change"] == "deleted"
    monitoring = next(
        a for a in compared.json["articles"] if a["new"] and "VIDEO MONITORING" in a["new"]["title"]
    )
    assert monitoring["change"] == "added"
    pebb = next(a for a in compared.json["articles"] if a["new"] and "PEBB" in a["new"]["title"])
    assert (pebb["old"]["number"], pebb["new"]["number"], pebb["renumbered"]) == ("LOA 5", "LOA 3", False)
    differing = sum(
        1
        for a in compared.json["articles"]
        for c in a["clauses"]
        if c["change"] != "unchanged" or c["retitled"]
    )
    draft = upload(api, f"/tables/{cast.table_id}/intake/proposal", text_of(NEWER).encode(), "osh-2025.txt")
    assert draft.status_code == 201, draft.json
    assert len(draft.json["items"]) == differing
    renewed = upload(
        api, f"/tables/{cast.table_id}/intake/next-term", text_of(NEWER).encode(), "osh.txt", as_="admin"
    )
    assert renewed.status_code == 201, renewed.json
    terms = api.get(f"/tables/{renewed.json['table_id']}/intake/previous-term", as_="admin")
    assert terms.status_code == 200
    assert terms.json["summary"]["articles"] == compared.json["summary"]["articles"]
