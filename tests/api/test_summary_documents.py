"""GET /tables/{id}/ta-summary as a document: every format, the caller's view, cached per revision."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.api.test_query_counts import measured, seed
from tests.api.test_ta_summary import (
    NEVER,
    NOT_FOR_MEMBERS,
    PENDING_SUMMARY,
    SHARED_ONLY,
    SUMMARY_61,
    World,
    build_world,
    share_with_members,
)
from tests.docx_reading import part

MEDIA = {
    "html": "text/html",
    "md": "text/markdown",
    "text": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
MARKS = {"html": "<ins>50</ins>", "md": "**50**", "text": "{+50+}"}
AGREED_WORDS = "caseload shall not exceed"  # 5.1, signed as TA-1


@pytest.fixture
def world(api, cast) -> World:
    return build_world(api, cast)


def _read(response: Any, fmt: str) -> str:
    """What a reader of the document sees, whitespace folded."""
    data = response.get_data()
    if fmt == "docx":
        text = "".join(part(data).itertext())
    elif fmt == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8")
    return re.sub(r"\s+", " ", text)


def _get(api: Any, world: World, fmt: str, as_: str, query: str = "") -> Any:
    response = api.get(f"/tables/{world.table_id}/ta-summary?format={fmt}{query}", as_=as_)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == MEDIA[fmt]
    return response


@pytest.mark.parametrize("fmt", list(MEDIA))
def test_every_format_shows_the_agreements_members_may_see_and_nothing_else(api, world, fmt):
    share_with_members(api, world.table_id, False)
    response = _get(api, world, fmt, "member")
    text = _read(response, fmt)
    for wanted in (AGREED_WORDS, "TA-1", "TA-2", SUMMARY_61, "Article 5 — Caseloads", "Summary for members"):
        assert wanted in text, wanted
    if fmt in MARKS:
        assert MARKS[fmt] in text
    assert not [s for s in NEVER + NOT_FOR_MEMBERS + SHARED_ONLY if s in text]
    kind = "inline" if fmt in ("html", "md", "text") else "attachment"
    ext = "txt" if fmt == "text" else fmt
    name = f"test-table_ta-summary_members.{ext}"
    assert response.headers["Content-Disposition"] == f'{kind}; filename="{name}"'
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_a_side_asking_for_members_gets_the_members_document(api, world, fmt):
    share_with_members(api, world.table_id, False)
    text = _read(_get(api, world, fmt, "union_negotiator", "&audience=members"), fmt)
    assert "TA-1" in text and AGREED_WORDS in text
    assert not [s for s in NEVER + NOT_FOR_MEMBERS + SHARED_ONLY if s in text]
    assert text == _read(_get(api, world, fmt, "member"), fmt)


def test_a_side_sees_its_full_view_and_never_the_other_sides_drafts(api, world):
    response = _get(api, world, "md", "union_negotiator")
    text = _read(response, "md")
    assert PENDING_SUMMARY in text and "awaiting signature" in text and "TA-1" in text
    assert "Summary for the bargaining committees" in text
    assert not [s for s in NEVER if s in text]
    assert 'filename="test-table_ta-summary_committees.md"' in response.headers["Content-Disposition"]


def test_members_see_shared_positions_only_when_the_table_shares_them(api, world):
    share_with_members(api, world.table_id, True)
    text = _read(_get(api, world, "text", "member"), "text")
    assert all(s in text for s in SHARED_ONLY)
    assert not [s for s in NEVER + NOT_FOR_MEMBERS if s in text]


def test_each_format_is_kept_per_revision_with_its_own_etag(api, world):
    path = f"/tables/{world.table_id}/ta-summary"
    first = api.get(f"{path}?format=html", as_="member")
    etag = first.headers["ETag"]
    assert etag and etag != api.get(path, as_="member").headers["ETag"]
    held = api.get(f"{path}?format=html", as_="member", headers={"If-None-Match": etag})
    assert held.status_code == 304
    again = api.get(path, as_="member", headers={"Accept": "text/html", "If-None-Match": etag})
    assert again.status_code == 304
    share_with_members(api, world.table_id, True)
    moved = api.get(f"{path}?format=html", as_="member", headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["ETag"] != etag


def test_the_accept_header_chooses_and_unknown_formats_are_422(api, world):
    path = f"/tables/{world.table_id}/ta-summary"
    for fmt, media in MEDIA.items():
        response = api.get(path, as_="member", headers={"Accept": media})
        assert response.status_code == 200 and response.mimetype == media, fmt
    assert api.get(path, as_="member", headers={"Accept": "*/*"}).mimetype == "application/json"
    bad = api.get(f"{path}?format=rtf", as_="member")
    assert bad.status_code == 422
    assert bad.json["error"]["code"] == "validation_error"
    listed = "Unknown format rtf: give one of json, html, md, text, docx, pdf."
    assert bad.json["error"]["fields"] == {"format": [listed]}
    assert api.get(f"{path}?format=pdf", as_="outsider").status_code == 404
    assert api.get(f"{path}?format=pdf", as_=None).status_code == 401


def test_document_queries_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    counts = []
    for table in (small, large):
        path = f"/tables/{table.table_id}/ta-summary?format=md&audience=members"
        count, _ = measured(app, api, path)
        counts.append(count)
    assert counts[0] == counts[1] <= 12, counts
