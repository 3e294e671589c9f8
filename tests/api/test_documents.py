"""Every redline scope and the contract in every format: what the documents say, and how they are sent."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.api.test_redlines import TEXT_26, Talks, build_talks
from tests.docx_reading import W, changes, clause_paragraphs, part, resolve, styled


@pytest.fixture
def talks(api, cast) -> Talks:
    return build_talks(api, cast)


MEDIA = {
    "json": "application/json",
    "html": "text/html",
    "md": "text/markdown",
    "text": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# How each format marks a deletion of 65 and an insertion of 50.
MARKS = {
    "html": ("<del>65</del>", "<ins>50</ins>"),
    "md": ("~~65~~", "**50**"),
    "text": ("[-65-]", "{+50+}"),
}


def _scopes(t: Talks) -> dict[str, str]:
    n = t.n
    return {
        "clause": f"/clauses/{t.c['5.1']}/redline?from=base&to=union",
        "proposal": f"/proposals/{t.u1['id']}/redline",
        "article": f"/articles/{n.articles['5']}/redline?from=base&to=union",
        "table": f"/tables/{n.table_id}/redline?from=base&to=union",
    }


def _new_label(scope: str) -> str:
    """How the title names the new text."""
    return "U-1 (Clinicians United)" if scope == "proposal" else "Union position"


def _get(api: Any, path: str, fmt: str, as_: str = "union_negotiator") -> Any:
    response = api.get(f"{path}{'&' if '?' in path else '?'}format={fmt}", as_=as_)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == MEDIA[fmt]
    return response


def _read(response: Any, fmt: str) -> str:
    data = response.get_data()
    if fmt == "docx":
        return "".join(part(data).itertext())
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "md", "text", "docx", "pdf"])
@pytest.mark.parametrize("scope", ["clause", "proposal", "article", "table"])
def test_every_scope_in_every_format_shows_the_change(api, talks, scope, fmt):
    response = _get(api, _scopes(talks)[scope], fmt)
    disposition = response.headers["Content-Disposition"]
    kind = "inline" if fmt in ("html", "md", "text") else "attachment"
    extension = {"text": "txt"}.get(fmt, fmt)
    assert re.fullmatch(rf'{kind}; filename="test-table_[a-z0-9._-]+\.{extension}"', disposition), disposition
    assert ("proposal" if scope == "proposal" else "redline") in disposition
    assert scope in disposition or (scope == "table" and "contract" in disposition)
    if fmt in MARKS:
        deleted, inserted = MARKS[fmt]
        body = _read(response, fmt)
        assert deleted in body and inserted in body
        assert "Clinicians United" in body
    elif fmt == "docx":
        root = part(response.get_data())
        assert resolve(clause_paragraphs(root), accept=True).count("exceed 50 clients") == 1
        assert "exceed 65 clients" in resolve(clause_paragraphs(root), accept=False)
        deleted = ["".join(d.itertext()) for d in root.iter(f"{W}del")]
        assert "65" in deleted and all(c.get(f"{W}author") for c in changes(root))
        header = "".join(part(response.get_data(), "word/header1.xml").itertext())
        assert "Test table" in header and _new_label(scope) in header
        fields = part(response.get_data(), "word/footer1.xml").iter(f"{W}fldSimple")
        assert [f.get(f"{W}instr").strip() for f in fields] == ["PAGE", "NUMPAGES"]
    else:
        text = _read(response, fmt)
        assert "6550" in text.replace(" ", "") and "Page 1 of" in text and _new_label(scope) in text


@pytest.mark.parametrize("fmt", ["json", "html", "md", "text", "docx", "pdf"])
@pytest.mark.parametrize("version", ["tentative", "base", "union", "employer"])
def test_the_contract_at_every_version_in_every_format_is_clean(api, talks, version, fmt):
    path = f"/tables/{talks.n.table_id}/contract?version={version}"
    response = _get(api, path, fmt)
    if fmt == "json":
        return
    assert f"contract_{version}" in response.headers["Content-Disposition"]
    body = _read(response, fmt)
    if fmt == "docx":
        assert changes(part(response.get_data())) == []
    assert "<del>" not in body and "~~" not in body and "[-" not in body
    expected = {"union": "exceed 50 clients", "employer": "exceed 60 clients"}.get(
        version, "exceed 65 clients"
    )
    assert expected in re.sub(r"\s+", " ", body)


def test_a_signed_ta_reads_as_agreed_and_never_as_an_open_difference(api, talks):
    n = talks.n
    apart = _get(api, f"/tables/{n.table_id}/redline?from=union&to=employer", "json").json
    agreed = next(c for c in apart["clauses"] if c["clause_id"] == talks.c["5.2"])
    assert agreed["change"] == "unchanged" and agreed["agreed_in"] == "TA-1"
    assert agreed["agreed_at"] == talks.ta["signed_at"]
    note = f"Tentatively agreed (TA-1, {talks.ta['signed_at'][:10]})."
    for fmt in ("html", "md", "text", "docx", "pdf"):
        body = _read(_get(api, f"/tables/{n.table_id}/redline?from=union&to=employer", fmt), fmt)
        assert note in re.sub(r"\s+", " ", body), fmt
        body = _read(_get(api, f"/clauses/{talks.c['5.2']}/redline?from=base&to=tentative", fmt), fmt)
        assert note in re.sub(r"\s+", " ", body), fmt
    docx = part(_get(api, f"/tables/{n.table_id}/redline?from=union&to=employer", "docx").get_data())
    assert TEXT_26 in resolve(clause_paragraphs(docx), accept=False)
    assert not any(TEXT_26 in "".join(c.itertext()) for c in changes(docx))
    tentative = _read(_get(api, f"/tables/{n.table_id}/contract", "text"), "text")
    assert "Tentatively agreed (TA-1" in tentative


def test_changes_only_leaves_unchanged_clauses_out_with_contents(api, talks):
    n = talks.n
    path = f"/tables/{n.table_id}/redline?from=union&to=employer&changes=only"
    body = _get(api, path, "json").json
    assert body["changes_only"] is True and body["summary"]["clauses_unchanged"] == 1
    assert [c["change"] for c in body["clauses"]] == ["changed", "added", "deleted"]
    assert "5.2" not in {c["new_number"] for c in body["clauses"]}
    html = _read(_get(api, path, "html"), "html")
    assert '<nav class="toc"><h2>Contents</h2>' in html and "Productivity" not in html
    assert "<h2>Article 5 – Caseloads</h2>" in html and "<h3>5.1 Caseload Limits</h3>" in html
    docx = part(_get(api, path, "docx").get_data())
    assert styled(docx, "Heading2") == ["5.1 Caseload Limits", "5.3 No-Shows", "5.4 Review"]
    article = _get(api, f"/articles/{n.articles['6']}/redline?from=union&to=employer&changes=only", "json")
    assert article.json["clauses"] == [] and article.json["summary"]["clauses"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/clauses/{c}/redline",
        "/proposals/{p}/redline",
        "/articles/{a}/redline",
        "/tables/{t}/redline",
        "/tables/{t}/contract",
    ],
)
def test_an_unknown_format_is_the_same_422_everywhere(api, talks, path):
    filled = path.format(c=talks.c["5.1"], p=talks.u1["id"], a=talks.n.articles["5"], t=talks.n.table_id)
    response = api.get(f"{filled}?format=rtf")
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {"format": ["Unknown format rtf: give one of json, html, md, text, docx, pdf."]}


def test_the_accept_header_chooses_when_format_is_not_given(api, talks):
    path = f"/tables/{talks.n.table_id}/redline?from=base&to=union"
    for fmt, media in MEDIA.items():
        response = api.get(path, headers={"Accept": media})
        assert response.status_code == 200 and response.mimetype == media, fmt
    assert api.get(path, headers={"Accept": "*/*"}).mimetype == "application/json"
    assert api.get(path, headers={"Accept": "image/png"}).mimetype == "application/json"
    assert api.get(path + "&format=md", headers={"Accept": "application/pdf"}).mimetype == "text/markdown"


def test_positions_stay_hidden_from_members_in_every_format(api, talks):
    for fmt in ("json", "html", "docx", "pdf"):
        for path in (
            f"/tables/{talks.n.table_id}/contract?version=union&format={fmt}",
            f"/tables/{talks.n.table_id}/redline?from=base&to=employer&format={fmt}",
        ):
            response = api.get(path, as_="member")
            assert response.status_code == 403 and response.json["error"]["code"] == "positions_hidden"


SCHEDULE = (
    "Step   1        2        3\nRN1    $4,100   $4,300   $4,510\nRN2    $4,600   $4,820   $5,050\n"
    "Employees advance one step per year."
)


def test_a_salary_schedule_is_compared_cell_by_cell(api, talks):
    new = SCHEDULE.replace("$4,300", "$4,429")
    n = talks.n
    made = api.post(
        f"/tables/{n.table_id}/proposals",
        {"title": "Pay", "items": [{"action": "amend", "clause_id": talks.c["5.1"], "text": SCHEDULE}]},
        as_="union_negotiator",
    )
    assert made.status_code == 201
    passed = api.post(
        f"/proposals/{made.json['id']}/pass",
        {},
        as_="union_negotiator",
        headers={"If-Match": made.headers["ETag"]},
    )
    assert passed.status_code == 200
    counter = api.post(
        f"/tables/{n.table_id}/proposals",
        {"title": "Pay", "items": [{"action": "amend", "clause_id": talks.c["5.1"], "text": new}]},
        as_="employer_negotiator",
    )
    passed = api.post(
        f"/proposals/{counter.json['id']}/pass",
        {},
        as_="employer_negotiator",
        headers={"If-Match": counter.headers["ETag"]},
    )
    assert passed.status_code == 200
    path = f"/clauses/{talks.c['5.1']}/redline?from=union&to=employer"
    html = _read(_get(api, path, "html"), "html")
    assert '<table class="figures">' in html
    assert (
        '<td class="changed"><del>$4,300</del> <ins>$4,429</ins></td>' in html and "<td>$4,100</td>" in html
    )
    assert "| RN1 | $4,100 | ~~$4,300~~ **$4,429** | $4,510 |" in _read(_get(api, path, "md"), "md")
    assert "RN1 | $4,100 | [-$4,300-]{+$4,429+} | $4,510" in _read(_get(api, path, "text"), "text")
    root = part(_get(api, path, "docx").get_data())
    table = next(root.iter(f"{W}tbl"))
    assert ["".join(d.itertext()) for d in table.iter(f"{W}del")] == ["$4,300"]
    assert ["".join(i.itertext()) for i in table.iter(f"{W}ins")] == ["$4,429"]


def test_without_the_pdf_engine_a_pdf_is_a_503_and_the_other_formats_still_work(api, talks, monkeypatch):
    from bargaining.documents import chromium, pdf

    chromium.shutdown()
    pdf.clear()
    monkeypatch.setenv("BARGAINING_CHROMIUM", "/nonexistent/chromium")
    path = _scopes(talks)["clause"]
    missing = api.get(f"{path}&format=pdf", as_="union_negotiator")
    assert missing.status_code == 503 and missing.headers["Retry-After"]
    assert missing.json["error"]["code"] == "service_unavailable"
    assert "cannot start Chromium" in missing.json["error"]["message"]
    assert "<del>65</del>" in _read(_get(api, path, "html"), "html")
    monkeypatch.delenv("BARGAINING_CHROMIUM")
    assert "50" in _read(_get(api, path, "pdf"), "pdf")
