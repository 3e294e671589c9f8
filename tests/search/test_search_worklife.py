"""Search over notes and information requests: each as its reader may see it."""

from __future__ import annotations

from tests.api.negotiation import Negotiation
from tests.trust.parts.worklife import _note, _request, _send


def _found(api, cast, q, as_):
    response = api.get(f"/tables/{cast.table_id}/search?q={q}&kind=note&kind=info_request", as_=as_)
    assert response.status_code == 200, response.json
    return {(h["kind"], h["id"]) for h in response.json}


def test_a_caucus_note_is_found_by_its_side_only(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    body = {"kind": "caucus", "body": "Hold the line on telepsychiatry.", "clause_id": n.clauses["5.1"]}
    note = _note(api, cast.table_id, "union_negotiator", body)
    assert _found(api, cast, "telepsychiatry", "union_observer") == {("note", note["id"])}
    for role in ("employer_negotiator", "member", "admin"):
        assert _found(api, cast, "telepsychiatry", role) == set(), role


def test_minutes_shared_with_members_are_found_by_members(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    body = {"kind": "minutes", "body": "Parties discussed supervision hours.", "clause_id": n.clauses["5.2"]}
    note = _note(api, cast.table_id, "union_negotiator", body)
    assert _found(api, cast, "supervision", "member") == set()
    shared = api.post(
        f"/notes/{note['id']}/share", {"audience": "members"}, headers={"If-Match": note["etag"]}
    )
    assert shared.status_code == 200, shared.json
    assert _found(api, cast, "supervision", "member") == {("note", note["id"])}
    assert _found(api, cast, "supervision", "employer_negotiator") == {("note", note["id"])}


def test_an_information_request_is_private_until_sent_and_never_a_members(api, cast):
    draft = _request(api, cast.table_id, "union_negotiator", "Caseload data by program")
    assert _found(api, cast, "vacancies", "employer_negotiator") == set()
    assert _found(api, cast, "vacancies", "union_recorder") == {("info_request", draft["id"])}
    _send(api, draft)
    assert _found(api, cast, "vacancies", "employer_negotiator") == {("info_request", draft["id"])}
    assert _found(api, cast, "vacancies", "member") == set()
