"""The members' TA summary is the union side's to write, and every earlier text is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bargaining.domain.errors import Conflict
from bargaining.models import TASummaryVersion
from tests.api.negotiation import Negotiation


@pytest.fixture
def signed_ta(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    n.propose(
        "employer_negotiator", "E", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "Sixty."}]
    )
    version = n.clause("5.1")["employer"]["version_id"]
    ta = n.offer(
        "employer_negotiator", [{"clause_id": n.clauses["5.1"], "action": "amend", "version_id": version}]
    )
    return n.sign("union_negotiator", ta)


def _patch(api, ta, summary, as_="union_negotiator"):
    """Rewrite the summary at the TA's version."""
    headers = {"If-Match": f'"ta-{ta["id"]}-v{ta["version"]}"'}
    return api.patch(f"/tentative-agreements/{ta['id']}", {"summary": summary}, as_=as_, headers=headers)


def test_the_employer_side_cannot_write_the_members_summary(api, cast, signed_ta):
    refused = _patch(api, signed_ta, "Management's words.", as_="employer_negotiator")
    assert refused.status_code == 403
    offer = api.post(
        f"/tables/{cast.table_id}/tentative-agreements",
        {
            "items": [{"clause_id": signed_ta["items"][0]["clause_id"] + 2, "action": "status_quo"}],
            "summary": "x",
        },
        as_="employer_negotiator",
    )
    assert offer.status_code == 403
    assert api.get(f"/tentative-agreements/{signed_ta['id']}").json["summary"] == ""


def test_every_edit_keeps_the_earlier_text(api, signed_ta):
    first = _patch(api, signed_ta, "Caseloads fall to sixty.")
    assert first.status_code == 200
    second = _patch(api, first.json, "Caseloads are capped at sixty clients.")
    assert second.status_code == 200 and second.json["summary"] == "Caseloads are capped at sixty clients."
    same = _patch(api, second.json, "Caseloads are capped at sixty clients.")
    assert same.status_code == 200
    history = api.get(f"/tentative-agreements/{signed_ta['id']}/summaries", as_="member")
    assert history.status_code == 200
    assert [(v["number"], v["text"]) for v in history.json] == [
        (2, "Caseloads are capped at sixty clients."),
        (1, "Caseloads fall to sixty."),
    ]
    trail = api.get(f"/tables/{signed_ta['table_id']}/audit?action=ta.summary_edited").json
    assert trail[0]["detail"]["changes"]["summary"] == {
        "old": "Caseloads fall to sixty.",
        "new": "Caseloads are capped at sixty clients.",
    }


def test_kept_summary_texts_are_append_only(app, api, signed_ta):
    _patch(api, signed_ta, "Caseloads fall to sixty.")
    with app.extensions["sessionmaker"]() as session:
        row = session.query(TASummaryVersion).one()
        row.text = "rewritten"
        with pytest.raises(Conflict):
            session.flush()
        session.rollback()
        with pytest.raises(DBAPIError):
            session.execute(text("UPDATE ta_summary_versions SET text = 'rewritten'"))
        session.rollback()
