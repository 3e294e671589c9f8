"""Races with real threads on a real database: numbering, lost updates, countersign against withdrawal."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

ROUNDS = 50


@pytest.fixture
def clause_ids(api, cast):
    article = api.post(
        f"/tables/{cast.table_id}/articles", {"number": "5", "title": "Caseloads"}, as_="admin"
    ).json
    ids = []
    for i in range(ROUNDS):
        body = {"number": f"5.{i + 1}", "text": f"Clause {i + 1} of the current contract."}
        ids.append(api.post(f"/articles/{article['id']}/clauses", body, as_="admin").json["id"])
    return ids


def _race(app, cast, *calls):
    """Run the calls at the same instant, each with its own client; return their responses."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        client = app.test_client()
        barrier.wait()
        method, path, role, body, headers = call
        return client.open(f"/api/v1{path}", method=method, json=body, headers=cast.headers(role, **headers))

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _draft(api, clause_id, role="union_negotiator", title="Race"):
    response = api.post(
        f"/tables/{api.cast.table_id}/proposals",
        {"title": title, "items": [{"action": "amend", "clause_id": clause_id, "text": title}]},
        as_=role,
    )
    assert response.status_code == 201, response.json
    return response.json["id"], response.headers["ETag"]


def test_simultaneous_passes_get_distinct_gapless_numbers(app, api, cast, clause_ids):
    labels = []
    for i in range(ROUNDS):
        (a, etag_a), (b, etag_b) = _draft(api, clause_ids[i]), _draft(api, clause_ids[(i + 1) % ROUNDS])
        responses = _race(
            app,
            cast,
            ("POST", f"/proposals/{a}/pass", "union_negotiator", {}, {"If-Match": etag_a}),
            ("POST", f"/proposals/{b}/pass", "union_recorder", {}, {"If-Match": etag_b}),
        )
        assert [r.status_code for r in responses] == [200, 200]
        labels += [r.json["label"] for r in responses]
    assert sorted(labels, key=lambda label: int(label.split("-")[1])) == [
        f"U-{n}" for n in range(1, 2 * ROUNDS + 1)
    ]


def test_two_edits_with_the_same_etag_one_wins_one_gets_412(app, api, cast, clause_ids):
    for i in range(ROUNDS):
        draft_id, etag = _draft(api, clause_ids[i])
        path = f"/proposals/{draft_id}"
        responses = _race(
            app,
            cast,
            ("PATCH", path, "union_negotiator", {"title": f"A{i}"}, {"If-Match": etag}),
            ("PATCH", path, "union_recorder", {"title": f"B{i}"}, {"If-Match": etag}),
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 412]
        winner = next(r for r in responses if r.status_code == 200).json["title"]
        assert api.get(path).json["title"] == winner


def test_countersign_racing_a_withdrawal_exactly_one_succeeds(app, api, cast, clause_ids):
    outcomes = set()
    for i in range(ROUNDS):
        draft_id, etag = _draft(api, clause_ids[i])
        passed = api.post(f"/proposals/{draft_id}/pass", {}, headers={"If-Match": etag}).json
        item = passed["items"][0]
        ta = api.post(
            f"/tables/{cast.table_id}/tentative-agreements",
            {
                "items": [
                    {"clause_id": item["clause_id"], "action": "amend", "version_id": item["version_id"]}
                ]
            },
            as_="employer_negotiator",
        ).json
        ta_etag = api.if_match(f"/tentative-agreements/{ta['id']}")
        proposal_etag = api.if_match(f"/proposals/{draft_id}", "union_recorder")
        sign, withdraw = _race(
            app,
            cast,
            ("POST", f"/tentative-agreements/{ta['id']}/sign", "union_negotiator", {}, ta_etag),
            ("POST", f"/proposals/{draft_id}/withdraw", "union_recorder", None, proposal_etag),
        )
        assert sorted([sign.status_code, withdraw.status_code]) == [200, 409], (sign.json, withdraw.json)
        outcomes.add("signed" if sign.status_code == 200 else "withdrawn")
        state = api.get(f"/tentative-agreements/{ta['id']}").json["state"]
        proposal_state = api.get(f"/proposals/{draft_id}").json["state"]
        assert (state, proposal_state) in {("signed", "passed"), ("pending", "withdrawn")}
    assert outcomes
