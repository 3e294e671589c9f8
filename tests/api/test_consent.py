"""One side alone cannot change what both sides share: change requests, consent, administrators."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.negotiation import Negotiation


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def _etag(change: dict[str, Any]) -> dict[str, str]:
    """If-Match for a change request as last read."""
    return {"If-Match": f'"change-{change["id"]}-v{change["version"]}"'}


def _propose(api, table_id, body, as_="union_negotiator"):
    """Propose a change; return the response."""
    return api.post(f"/tables/{table_id}/change-requests", body, as_=as_)


def _decide(api, change, what, as_):
    """Consent to, decline or withdraw a change."""
    return api.post(f"/change-requests/{change['id']}/{what}", as_=as_, headers=_etag(change))


def _table(api, table_id):
    """The table as the union negotiator reads it."""
    return api.get(f"/tables/{table_id}").json


def test_a_negotiator_alone_cannot_patch_shared_settings(api, cast):
    path = f"/tables/{cast.table_id}"
    etag = api.get(path).headers["ETag"]
    for body in ({"settings": {"members_see_passed": True}}, {"employer_name": "Mine"}, {"title": "T"}):
        response = api.patch(path, body, headers={"If-Match": etag})
        assert response.status_code == 403
        assert response.json["error"]["code"] == "consent_required"
        assert f"/tables/{cast.table_id}/change-requests" in response.json["error"]["message"]
    assert _table(api, cast.table_id)["settings"]["members_see_passed"] is False


def test_a_settings_change_applies_only_when_the_other_side_consents(api, cast):
    body = {"changes": {"members_see_passed": True, "union_name": "Clinicians United"}, "reason": "Openness"}
    made = _propose(api, cast.table_id, body)
    assert made.status_code == 201, made.json
    assert made.headers["Location"].endswith(f"/api/v1/change-requests/{made.json['id']}")
    change = made.json
    assert change["state"] == "pending" and change["before"]["members_see_passed"] is False
    assert _table(api, cast.table_id)["settings"]["members_see_passed"] is False
    assert _decide(api, change, "consent", "union_negotiator").status_code == 409  # same side
    assert _decide(api, change, "consent", "union_recorder").status_code == 403
    assert api.post(f"/change-requests/{change['id']}/consent", as_="employer_negotiator").status_code == 428
    done = _decide(api, change, "consent", "employer_negotiator")
    assert done.status_code == 200, done.json
    assert done.json["state"] == "applied" and done.json["version"] == change["version"] + 1
    table = _table(api, cast.table_id)
    assert table["settings"]["members_see_passed"] is True and table["union_name"] == "Clinicians United"
    assert _decide(api, done.json, "decline", "employer_negotiator").status_code == 409  # no longer pending
    trail = api.get(f"/tables/{cast.table_id}/audit?action=table.updated").json[0]
    assert trail["detail"]["changes"]["members_see_passed"] == {"old": False, "new": True}
    assert trail["detail"]["change_request_id"] == change["id"]
    actions = [row["action"] for row in api.get(f"/tables/{cast.table_id}/audit?action=change.").json]
    assert actions == ["change.consented", "change.proposed"]


def test_declined_and_withdrawn_changes_change_nothing(api, cast):
    first = _propose(api, cast.table_id, {"changes": {"employer_name": "Ours"}}).json
    assert _decide(api, first, "withdraw", "employer_negotiator").status_code == 403
    assert _decide(api, first, "decline", "employer_negotiator").json["state"] == "declined"
    second = _propose(api, cast.table_id, {"changes": {"employer_name": "Ours"}}).json
    assert _decide(api, second, "withdraw", "union_negotiator").json["state"] == "withdrawn"
    assert _table(api, cast.table_id)["employer_name"] == "Group Practice"
    listed = api.get(f"/tables/{cast.table_id}/change-requests?state=declined").json
    assert [c["id"] for c in listed] == [first["id"]]
    assert api.get(f"/tables/{cast.table_id}/change-requests", as_="member").status_code == 403


def test_a_change_is_stale_when_its_fields_moved_since_it_was_proposed(api, cast):
    one = _propose(api, cast.table_id, {"changes": {"employer_name": "A"}}).json
    two = _propose(api, cast.table_id, {"changes": {"employer_name": "B"}}).json
    assert _decide(api, one, "consent", "employer_negotiator").status_code == 200
    stale = _decide(api, two, "consent", "employer_negotiator")
    assert stale.status_code == 409 and stale.json["error"]["code"] == "change_stale"
    assert _table(api, cast.table_id)["employer_name"] == "A"


def test_a_prefix_in_use_by_one_side_can_never_be_taken_by_the_other(api, talks):
    n = talks
    n.propose("employer_negotiator", "E", [{"action": "status_quo", "clause_id": n.clauses["5.3"]}])
    refused = _propose(api, n.table_id, {"changes": {"union_prefix": "E"}})
    assert refused.status_code == 422  # the same as the employer's prefix today
    moved = _propose(api, n.table_id, {"changes": {"employer_prefix": "M"}}, as_="employer_negotiator").json
    assert _decide(api, moved, "consent", "union_negotiator").status_code == 200
    taken = _propose(api, n.table_id, {"changes": {"union_prefix": "e"}})
    assert taken.status_code == 409 and taken.json["error"]["code"] == "prefix_taken"
    etag = api.get(f"/tables/{n.table_id}", as_="admin").headers["ETag"]
    admin = api.patch(
        f"/tables/{n.table_id}", {"settings": {"union_prefix": "E"}}, as_="admin", headers={"If-Match": etag}
    )
    assert admin.status_code == 409 and admin.json["error"]["code"] == "prefix_taken"
    labels = []
    for who in ("union_negotiator", "employer_negotiator"):
        labels.append(n.propose(who, "p", [{"action": "status_quo", "clause_id": n.clauses["5.3"]}])["label"])
    assert labels == ["U-1", "M-2"]  # the side keeps counting under its new prefix


def test_once_bargaining_opens_an_article_is_renamed_only_by_consent_or_an_admin(api, talks):
    n = talks
    article = n.articles["5"]
    etag = api.get(f"/articles/{article}").headers["ETag"]
    assert api.patch(f"/articles/{article}", {"number": "5A"}, headers={"If-Match": etag}).status_code == 200
    etag = api.get(f"/articles/{article}").headers["ETag"]
    n.propose("union_negotiator", "U", [{"action": "status_quo", "clause_id": n.clauses["5.3"]}])
    alone = api.patch(
        f"/articles/{article}", {"title": "Renamed"}, as_="union_recorder", headers={"If-Match": etag}
    )
    assert alone.status_code == 403 and alone.json["error"]["code"] == "consent_required"
    body = {"article_id": article, "changes": {"number": "5", "title": "Caseload Limits"}}
    assert _propose(api, n.table_id, {**body, "changes": {"union_name": "x"}}).status_code == 422
    change = _propose(api, n.table_id, body).json
    assert api.get(f"/articles/{article}").json["title"] == "Caseloads"
    assert _decide(api, change, "consent", "employer_negotiator").status_code == 200
    contract = api.get(f"/tables/{n.table_id}/contract").json
    first = contract["articles"][0]
    assert (first["number"], first["title"]) == ("5", "Caseload Limits")
    etag = api.get(f"/articles/{article}").headers["ETag"]
    by_admin = api.patch(
        f"/articles/{article}", {"title": "Caseloads"}, as_="admin", headers={"If-Match": etag}
    )
    assert by_admin.status_code == 200
    trail = api.get(f"/tables/{n.table_id}/audit?action=article.updated").json[0]
    assert trail["detail"]["changes"] == {"title": {"old": "Caseload Limits", "new": "Caseloads"}}


def test_a_change_request_reads_with_an_etag_and_answers_304(api, cast):
    change = _propose(api, cast.table_id, {"changes": {"title": "New title"}}).json
    got = api.get(f"/change-requests/{change['id']}", as_="employer_negotiator")
    assert got.status_code == 200 and got.headers["ETag"] == _etag(change)["If-Match"]
    again = api.get(f"/change-requests/{change['id']}", headers={"If-None-Match": got.headers["ETag"]})
    assert again.status_code == 304
    assert api.get(f"/change-requests/{change['id']}", as_="outsider").status_code == 404


def test_the_database_refuses_two_proposals_with_one_label_at_a_table(app, api, talks):
    from sqlalchemy.exc import IntegrityError

    from bargaining.models import Proposal

    n = talks
    n.propose("union_negotiator", "U", [{"action": "status_quo", "clause_id": n.clauses["5.3"]}])
    with app.extensions["sessionmaker"]() as session:
        first = session.get(Proposal, n.proposals["U-1"])
        assert first is not None
        twin = Proposal(
            table_id=first.table_id, side=first.side, title="Twin", created_by_id=first.created_by_id
        )
        twin.label, twin.number = "U-1", 99
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_a_change_out_of_bounds_is_a_clear_422(api, cast):
    too_long = _propose(api, cast.table_id, {"changes": {"title": "x" * 250}})
    assert too_long.status_code == 422 and "title" in too_long.json["error"]["fields"]
    nothing = _propose(api, cast.table_id, {"changes": {}})
    assert nothing.status_code == 422 and "changes" in nothing.json["error"]["fields"]
    wrong = _propose(api, cast.table_id, {"changes": {"number": "7"}})
    assert wrong.status_code == 422 and "changes" in wrong.json["error"]["fields"]
    bad_article = _propose(api, cast.table_id, {"article_id": 999999, "changes": {"title": "x"}})
    assert bad_article.status_code == 422 and "article_id" in bad_article.json["error"]["fields"]
