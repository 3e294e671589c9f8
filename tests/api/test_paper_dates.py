"""Paper dates stay inside what the record makes possible; positions follow pass numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.negotiation import Negotiation


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def _pass(api, draft, passed_at, as_="union_recorder"):
    """Pass a draft with a paper date."""
    return api.post(
        f"/proposals/{draft['id']}/pass",
        {"passed_at": passed_at},
        as_=as_,
        headers={"If-Match": draft["etag"]},
    )


def _error(response, code, field):
    """Insist on a 422 naming the code and field."""
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == code
    assert field in response.json["error"]["fields"]


def test_a_paper_pass_is_not_dated_before_the_table_or_its_draft(api, talks):
    n = talks
    item = [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "Sixty."}]
    draft = n.draft("union_recorder", "Paper", item)
    _error(_pass(api, draft, "1999-01-01T00:00:00+00:00"), "date_too_early", "passed_at")
    before_draft = datetime.fromisoformat(draft["created_at"]) - timedelta(seconds=1)
    _error(_pass(api, draft, before_draft.isoformat()), "date_too_early", "passed_at")
    assert n.statuses()["5.1"] == "status_quo"  # nothing written
    assert _pass(api, draft, draft["created_at"]).status_code == 200


def test_a_back_dated_pass_does_not_make_an_older_proposal_current(api, talks):
    n = talks
    clause = n.clauses["5.1"]
    later = n.draft("union_recorder", "Second", [{"action": "amend", "clause_id": clause, "text": "Sixty."}])
    n.propose("union_negotiator", "First", [{"action": "amend", "clause_id": clause, "text": "Seventy."}])
    second = _pass(api, later, later["created_at"])  # U-2, dated before U-1 was passed
    assert second.status_code == 200 and second.json["label"] == "U-2"
    assert n.clause("5.1")["union"]["proposal_label"] == "U-2"
    status = api.get(f"/clauses/{clause}/status").json
    assert status["union"]["proposal_label"] == "U-2"


def test_a_countersignature_is_not_dated_before_the_offer(api, talks):
    n = talks
    clause = n.clauses["5.1"]
    n.propose("union_negotiator", "U", [{"action": "amend", "clause_id": clause, "text": "Sixty."}])
    version = n.clause("5.1")["union"]["version_id"]
    ta = n.offer("union_negotiator", [{"clause_id": clause, "action": "amend", "version_id": version}])
    before = datetime.fromisoformat(ta["offered_at"]) - timedelta(minutes=1)
    body = {"signed_by_id": api.cast.user_ids["employer_negotiator"], "signed_at": before.isoformat()}
    headers = {"If-Match": f'"ta-{ta["id"]}-v{ta["version"]}"'}
    refused = api.post(
        f"/tentative-agreements/{ta['id']}/sign", body, as_="employer_recorder", headers=headers
    )
    _error(refused, "date_too_early", "signed_at")
    assert n.clause("5.1")["status"] == "ta_pending"
    body["signed_at"] = datetime.now(UTC).isoformat()
    signed = api.post(
        f"/tentative-agreements/{ta['id']}/sign", body, as_="employer_recorder", headers=headers
    )
    assert signed.status_code == 200, signed.json


def test_a_paper_offer_is_not_dated_before_the_language_was_passed(api, talks):
    n = talks
    clause = n.clauses["5.1"]
    draft = n.draft(
        "employer_negotiator", "E", [{"action": "amend", "clause_id": clause, "text": "Seventy."}]
    )
    n.pass_("employer_negotiator", draft)
    version = n.clause("5.1")["employer"]["version_id"]
    body = {
        "items": [{"clause_id": clause, "action": "amend", "version_id": version}],
        "signed_by_id": api.cast.user_ids["union_negotiator"],
        "signed_at": draft["created_at"],  # after the table, before the pass
    }
    refused = api.post(f"/tables/{n.table_id}/tentative-agreements", body, as_="union_recorder")
    _error(refused, "date_too_early", "signed_at")
    assert "passed" in refused.json["error"]["message"]
