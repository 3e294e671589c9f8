"""The per-table feed and the live stream, as each role may see them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.events.conftest import amend

SECRET = "UNION-DRAFT-ONLY-TEXT caseload of 40"
ROLES = ["admin", "union_negotiator", "union_observer", "employer_negotiator", "employer_recorder", "member"]


def feed(api: Any, table_id: int, as_: str, after: int = 0, limit: int = 100) -> Any:
    """The feed as a role reads it."""
    response = api.get(f"/tables/{table_id}/events?after={after}&limit={limit}", as_=as_)
    assert response.status_code == 200, response.json
    return response


def a_day_at_the_table(negotiation: Any) -> dict[str, Any]:
    """The union drafts in private, passes another proposal; the employer counters; both sign a TA."""
    draft = negotiation.draft("union_negotiator", SECRET, [amend(negotiation, "5.2", SECRET)])
    u1 = negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    e1 = negotiation.propose("employer_negotiator", "Counter", [amend(negotiation, "5.1", "Sixty clients.")])
    version = negotiation.clause("5.1")["union"]["version_id"]
    item = {"clause_id": negotiation.clauses["5.1"], "action": "amend", "version_id": version}
    ta = negotiation.offer("union_negotiator", [item])
    negotiation.sign("employer_negotiator", ta)
    return {"draft": draft, "u1": u1, "e1": e1, "ta": ta}


def test_the_feed_is_numbered_per_table_without_gaps_or_repeats(api, cast, negotiation):
    a_day_at_the_table(negotiation)
    union = feed(api, cast.table_id, "union_negotiator").json
    numbers = [e["id"] for e in union]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    views = [feed(api, cast.table_id, role).json for role in ("admin", "employer_negotiator")]
    seen = set(numbers).union(*({e["id"] for e in view} for view in views))
    assert sorted(seen) == list(range(1, max(seen) + 1))  # together the views cover every number

    # Walk the feed two at a time: the same events, in the same order, none twice.
    walked, cursor = [], 0
    while True:
        page = feed(api, cast.table_id, "union_negotiator", after=cursor, limit=2)
        if not page.json:
            assert page.headers["X-Next-After"] == str(cursor)
            break
        walked += page.json
        cursor = int(page.headers["X-Next-After"])
        assert f"after={cursor}" in page.headers["Link"]
    assert [e["id"] for e in walked] == numbers


def test_each_side_sees_its_own_drafts_and_never_the_others(api, cast, negotiation):
    day = a_day_at_the_table(negotiation)
    union = feed(api, cast.table_id, "union_negotiator").json
    employer = feed(api, cast.table_id, "employer_negotiator").json
    union_drafts = {e["object_id"] for e in union if e["action"] == "proposal.drafted"}
    employer_drafts = {e["object_id"] for e in employer if e["action"] == "proposal.drafted"}
    assert day["draft"]["id"] in union_drafts and day["u1"]["id"] in union_drafts
    assert employer_drafts == {day["e1"]["id"]}
    assert SECRET not in json.dumps(employer)
    assert {"proposal.passed"} <= {e["action"] for e in employer}
    passed = [e for e in employer if e["action"] == "proposal.passed"]
    assert [e["detail"]["label"] for e in passed] == ["U-1", "E-1"]


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reads_what_it_may_not_see(api, cast, negotiation, role):
    a_day_at_the_table(negotiation)
    events = feed(api, cast.table_id, role).json
    text = json.dumps(events)
    if role.startswith("employer") or role == "member":
        assert SECRET not in text
    if role == "member":
        assert all(e["detail"] == {} for e in events)
        assert not {e["action"] for e in events} - {
            "ta.signed",
            "ta.reopened",
            "ratification.sent",
            "ratification.voted",
        }


def test_outsiders_and_strangers_are_refused(api, cast):
    assert api.get(f"/tables/{cast.table_id}/events", as_="outsider").status_code == 404
    assert api.get(f"/tables/{cast.table_id}/events", as_=None).status_code == 401
    assert api.get(f"/tables/{cast.table_id}/events?after=-1").status_code == 422
    assert api.get(f"/tables/{cast.table_id}/events/stream", as_="outsider").status_code == 404


def read_frames(response: Any, wanted: int) -> list[str]:
    """Read a streamed response until `wanted` event frames have arrived; return every frame."""
    frames: list[str] = []
    buffer = ""
    for chunk in response.response:
        buffer += chunk.decode() if isinstance(chunk, bytes) else chunk
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            frames.append(frame)
        if sum(f.startswith("id: ") for f in frames) >= wanted:
            break
    return frames


def parse(frames: list[str]) -> list[dict[str, Any]]:
    """The events among SSE frames."""
    out = []
    for frame in frames:
        fields = dict(line.split(": ", 1) for line in frame.split("\n") if not line.startswith(":"))
        if "data" in fields:
            event = json.loads(fields["data"])
            assert fields["id"] == str(event["id"]) and fields["event"] == event["action"]
            out.append(event)
    return out


@pytest.fixture
def quick_streams(app):
    """Streams that poll often and beat their heart at once (tests wait on nothing)."""
    app.config.update(EVENTS_POLL_SECONDS=0.01, EVENTS_HEARTBEAT_SECONDS=0, EVENTS_STREAM_SECONDS=30)
    return app


def test_the_stream_sends_the_feed_and_resumes_after_the_last_event_id(
    quick_streams, client, api, cast, negotiation
):
    a_day_at_the_table(negotiation)
    expected = feed(api, cast.table_id, "employer_negotiator").json
    url = f"/api/v1/tables/{cast.table_id}/events/stream"
    response = client.get(url, headers=cast.headers("employer_negotiator"), buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    frames = read_frames(response, len(expected))
    response.close()
    assert frames[0].startswith("retry: ")
    streamed = parse(frames)
    assert streamed == expected and SECRET not in json.dumps(streamed)

    # Reconnecting with Last-Event-ID sends only what came after it, then heartbeats while quiet.
    middle = expected[len(expected) // 2]["id"]
    headers = cast.headers("employer_negotiator", **{"Last-Event-ID": str(middle)})
    resumed = client.get(url, headers=headers, buffered=False)
    frames = read_frames(resumed, len([e for e in expected if e["id"] > middle]))
    negotiation.propose("employer_negotiator", "Later", [amend(negotiation, "6.1", "48 hours.")])
    frames += read_frames(resumed, 2)  # the draft, then its pass
    quiet = next(iter(resumed.response))  # nothing new: a heartbeat comment
    resumed.close()
    assert (quiet.decode() if isinstance(quiet, bytes) else quiet).startswith(": heartbeat")
    events = parse(frames)
    later = [e["id"] for e in events[-2:]]
    assert [e["id"] for e in events] == [e["id"] for e in expected if e["id"] > middle] + later
    assert [e["action"] for e in events[-2:]] == ["proposal.drafted", "proposal.passed"]
    assert events[-1]["detail"]["label"] == "E-2"


def test_open_streams_are_bounded_per_worker(quick_streams, client, cast):
    quick_streams.config.update(EVENTS_MAX_STREAMS=1)
    url = f"/api/v1/tables/{cast.table_id}/events/stream"
    first = client.get(url, headers=cast.headers("union_negotiator"), buffered=False)
    assert first.status_code == 200
    refused = client.get(url, headers=cast.headers("employer_negotiator"))
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    assert refused.json["error"]["code"] == "service_unavailable"
    first.close()  # closing a stream frees its slot
    again = client.get(url, headers=cast.headers("employer_negotiator"), buffered=False)
    assert again.status_code == 200
    again.close()
    bad = client.get(url, headers=cast.headers("union_negotiator", **{"Last-Event-ID": "x"}))
    assert bad.status_code == 422
