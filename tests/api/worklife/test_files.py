"""Files through the API: upload checks, content addressing, downloads, visibility following the object."""

from __future__ import annotations

import io

from bargaining.models import FileBlob
from tests.api.negotiation import Negotiation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSV = b"clinician,program,caseload\nAna,Outpatient,61\nBo,Crisis,48\n"


def _upload(client, cast, path, content, name, mimetype, as_="union_negotiator", headers=None):
    data = {"file": (io.BytesIO(content), name, mimetype)}
    return client.post(
        f"/api/v1{path}",
        data=data,
        content_type="multipart/form-data",
        headers=cast.headers(as_, **(headers or {})),
    )


def _world(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    draft = n.draft("union_negotiator", "Secret", [{"action": "delete", "clause_id": n.clauses["6.1"]}])
    return n, draft


def test_an_exhibit_on_a_draft_stays_with_its_side_and_downloads_byte_for_byte(app, client, api, cast):
    _n, draft = _world(api, cast)
    made = _upload(
        client, cast, f"/proposals/{draft['id']}/files", PDF, "Exhibit A — caseloads.pdf", "application/pdf"
    )
    assert made.status_code == 201, made.json
    assert made.headers["Location"].endswith(f"/api/v1/files/{made.json['id']}")
    assert made.json["size"] == len(PDF) and len(made.json["sha256"]) == 64
    down = client.get(f"/api/v1/files/{made.json['id']}/content", headers=cast.headers("union_observer"))
    assert down.status_code == 200 and down.data == PDF and down.mimetype == "application/pdf"
    assert (
        "Exhibit" in down.headers["Content-Disposition"]
        and "attachment" in down.headers["Content-Disposition"]
    )
    for role in ("employer_negotiator", "member", "outsider"):
        assert (
            client.get(f"/api/v1/files/{made.json['id']}/content", headers=cast.headers(role)).status_code
            == 404
        )
        assert client.get(f"/api/v1/files/{made.json['id']}", headers=cast.headers(role)).status_code == 404
    listed = api.get(f"/proposals/{draft['id']}/files").json
    assert [f["id"] for f in listed] == [made.json["id"]]


def test_the_same_bytes_are_stored_once(app, client, api, cast):
    _n, draft = _world(api, cast)
    first = _upload(client, cast, f"/proposals/{draft['id']}/files", PDF, "a.pdf", "application/pdf")
    second = _upload(client, cast, f"/proposals/{draft['id']}/files", PDF, "b.pdf", "application/pdf")
    assert first.json["sha256"] == second.json["sha256"] and first.json["id"] != second.json["id"]
    with app.extensions["sessionmaker"]() as session:
        assert session.query(FileBlob).count() == 1


def test_bad_uploads_are_refused_clearly_and_write_nothing(app, client, api, cast):
    _n, draft = _world(api, cast)
    path = f"/proposals/{draft['id']}/files"
    lying = _upload(client, cast, path, b"MZ\x90\x00" + b"\x00" * 200, "report.pdf", "application/pdf")
    assert lying.status_code == 422 and lying.json["error"]["code"] in ("media_mismatch", "media_type")
    exe = _upload(client, cast, path, PDF, "x.exe", "application/x-msdownload")
    assert exe.status_code == 422 and exe.json["error"]["code"] == "media_type"
    empty = _upload(client, cast, path, b"", "e.pdf", "application/pdf")
    assert empty.status_code == 422 and empty.json["error"]["fields"] == {
        "file": [empty.json["error"]["message"]]
    }
    app.config["MAX_FILE_BYTES"] = 100
    big = _upload(client, cast, path, PDF * 10, "big.pdf", "application/pdf")
    assert big.status_code in (413, 422)
    app.config["MAX_FILE_BYTES"] = None
    missing = api.post(path, {"file": "not a file"})
    assert missing.status_code == 422
    theirs = _upload(client, cast, path, PDF, "x.pdf", "application/pdf", as_="employer_negotiator")
    assert theirs.status_code == 404
    assert api.get(path).json == []
    with app.extensions["sessionmaker"]() as session:
        assert session.query(FileBlob).count() == 0


def test_a_roster_answer_exposes_its_file_id_and_a_csv_is_accepted_as_text(app, client, api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    body = {"title": "Roster", "due_date": "2099-01-01", "items": [{"description": "Roster with pay"}]}
    draft = api.post(f"/tables/{cast.table_id}/information-requests", body)
    sent = api.post(
        f"/information-requests/{draft.json['id']}/send", {}, headers={"If-Match": draft.headers["ETag"]}
    )
    item = sent.json["items"][0]
    answered = api.post(
        f"/information-request-items/{item['id']}/answers",
        {"text": "Roster attached"},
        as_="employer_negotiator",
        headers={"If-Match": f'"iritem-{item["id"]}-v{item["version"]}"'},
    )
    answer_id = answered.json["answers"][0]["id"]
    path = f"/information-request-answers/{answer_id}/files"
    assert _upload(client, cast, path, CSV, "roster.csv", "text/csv").status_code == 403
    made = _upload(client, cast, path, CSV, "roster.csv", "text/csv", as_="employer_negotiator")
    assert made.status_code == 201, made.json
    request = api.get(f"/information-requests/{draft.json['id']}").json
    assert request["items"][0]["answers"][0]["files"][0]["id"] == made.json["id"]
    assert (
        client.get(f"/api/v1/files/{made.json['id']}/content", headers=cast.headers("union_negotiator")).data
        == CSV
    )


def test_a_caucus_notes_file_and_its_audit_row_stay_with_the_side(app, client, api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    note = api.post(
        f"/tables/{cast.table_id}/notes", {"kind": "caucus", "body": "b", "clause_id": n.clauses["5.1"]}
    )
    made = _upload(client, cast, f"/notes/{note.json['id']}/files", CSV, "bottom-line.csv", "text/csv")
    assert made.status_code == 201, made.json
    assert (
        client.get(
            f"/api/v1/files/{made.json['id']}", headers=cast.headers("employer_negotiator")
        ).status_code
        == 404
    )
    theirs = api.get(f"/tables/{cast.table_id}/audit?page_size=100", as_="employer_negotiator").get_data(
        as_text=True
    )
    assert "bottom-line" not in theirs
    ours = api.get(f"/tables/{cast.table_id}/audit?page_size=100").get_data(as_text=True)
    assert "bottom-line" in ours
