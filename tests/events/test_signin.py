"""Members sign in by email: roster, invitations, single-use links, sessions, rate limits (through HTTP)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import text

ROSTER = (
    "name,email,classification,step,fte\nAna Ruiz,ana@members.example,Clinician II,4,1.0\n"
    "Ben Ode,BEN@members.example,Clinician I,2,0.5\n"
)
ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture
def invited(api, cast, inbox, deliver) -> dict[str, Any]:
    """The union's roster uploaded and everyone on it invited."""
    up = api.post(f"/tables/{cast.table_id}/member-roster", {"csv": ROSTER})
    assert up.status_code == 201 and up.json == {"added": 2, "updated": 0, "rows": 2}
    sent = api.post(f"/tables/{cast.table_id}/member-roster/invitations", {})
    assert sent.status_code == 201 and sent.json == {"invited": 2, "seated": 2}
    deliver()
    return {"emails": ["ana@members.example", "ben@members.example"]}


def ask(client: Any, email: str) -> Any:
    """Ask for a sign-in link from the form."""
    return client.post("/signin/email", data={"email": email}, headers=ORIGIN)


def link_secret(inbox: Any, email: str, count: int) -> str:
    """The secret of the newest sign-in link sent to an address."""
    inbox.wait_for(count)
    found = [m for m in inbox.to(email) if m["Subject"] == "Your sign-in link"]
    body = found[-1].get_body(preferencelist=("plain",)).get_content()
    return re.search(r"/signin/link\?token=([A-Za-z0-9_-]+)", body).group(1)


def follow(client: Any, secret: str) -> Any:
    """Press the link page's button."""
    return client.post("/signin/link", data={"token": secret}, headers=ORIGIN)


def test_the_roster_is_its_sides_own(api, cast, invited):
    rows = api.get(f"/tables/{cast.table_id}/member-roster").json
    assert [(r["name"], r["email"], r["fields"]) for r in rows] == [
        ("Ana Ruiz", "ana@members.example", {"classification": "Clinician II", "step": "4", "fte": "1.0"}),
        ("Ben Ode", "ben@members.example", {"classification": "Clinician I", "step": "2", "fte": "0.5"}),
    ]
    assert all(r["invited_at"] and r["user_id"] for r in rows)
    assert api.get(f"/tables/{cast.table_id}/member-roster", as_="employer_negotiator").json == []
    assert api.get(f"/tables/{cast.table_id}/member-roster", as_="member").status_code == 403
    assert api.get(f"/tables/{cast.table_id}/member-roster", as_="union_observer").status_code == 403
    assert api.get(f"/tables/{cast.table_id}/member-roster?side=union", as_="admin").status_code == 403
    bad = api.post(f"/tables/{cast.table_id}/member-roster", {"csv": "name,mail\nA,b"})
    assert bad.status_code == 422 and "csv" in bad.json["error"]["fields"]
    bad_row = api.post(f"/tables/{cast.table_id}/member-roster", {"csv": "name,email\nA,not-an-email"})
    assert bad_row.status_code == 422 and "Line 2" in bad_row.json["error"]["message"]
    audit = api.get(f"/tables/{cast.table_id}/audit?action=roster.").json
    assert {e["action"] for e in audit} == {"roster.uploaded", "roster.invited"}
    assert "ana@" not in str(api.get(f"/tables/{cast.table_id}/events", as_="employer_negotiator").json)


def test_invitations_are_emailed(inbox, invited):
    invitation = inbox.to("ana@members.example")[0]
    assert invitation["Subject"] == "Follow Test table"
    body = invitation.get_body(preferencelist=("plain",)).get_content()
    assert "http://bargaining.test/signin/email" in body and "Hello Ana Ruiz" in body


def test_a_member_signs_in_with_a_link_that_works_once(app, client, inbox, invited):
    answer = ask(client, "ana@members.example")
    stranger = ask(client, "nobody@elsewhere.example")
    assert answer.status_code == stranger.status_code == 200
    same = answer.data.replace(b"ana@members.example", b"X") == stranger.data.replace(
        b"nobody@elsewhere.example", b"X"
    )
    assert same  # the answer never says whether an address is on a roster
    secret = link_secret(inbox, "ana@members.example", 3)
    page = client.get(f"/signin/link?token={secret}")
    assert page.status_code == 200 and b'id="follow"' in page.data  # opening it uses nothing up

    signed_in = follow(client, secret)
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith("/tables")
    cookie = client.get_cookie("bargaining_member")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax" and cookie.expires
    tables = client.get("/tables")
    assert (
        tables.status_code == 200 and b"Test table" in tables.data and b"Sign out everywhere" in tables.data
    )
    assert client.get("/api/v1/me").status_code == 401  # the session is never an API credential

    other = app.test_client()
    assert follow(other, secret).status_code == 400  # used
    assert follow(other, secret[:-2] + "xx").status_code == 400  # forged
    assert other.get("/tables").status_code == 303


def test_an_expired_link_is_refused(app, engine, client, inbox, invited):
    ask(client, "ben@members.example")
    secret = link_secret(inbox, "ben@members.example", 3)
    with engine.begin() as conn:
        conn.execute(text("UPDATE signin_links SET expires_at = '2000-01-01 00:00:00+00:00'"))
    refused = follow(client, secret)
    assert refused.status_code == 400 and b"not valid any more" in refused.data


def test_signing_out_everywhere_ends_every_session(app, engine, inbox, invited):
    phone, laptop = app.test_client(), app.test_client()
    ask(phone, "ana@members.example")
    follow(phone, link_secret(inbox, "ana@members.example", 3))
    ask(laptop, "ana@members.example")
    follow(laptop, link_secret(inbox, "ana@members.example", 4))
    assert phone.get("/tables").status_code == laptop.get("/tables").status_code == 200
    out = phone.post("/signout/everywhere", headers=ORIGIN)
    assert out.status_code == 303
    assert phone.get("/tables").status_code == 303 and laptop.get("/tables").status_code == 303
    assert phone.post("/signout/everywhere").status_code == 403  # cross-site forms refused

    ask(laptop, "ana@members.example")
    follow(laptop, link_secret(inbox, "ana@members.example", 5))
    with engine.begin() as conn:
        conn.execute(text("UPDATE member_sessions SET expires_at = '2000-01-01 00:00:00+00:00'"))
    assert laptop.get("/tables").status_code == 303  # sessions expire


def test_sign_in_requests_are_limited_per_address_and_per_client(app, client, inbox, invited):
    app.config.update(SIGNIN_PER_ADDRESS=2, SIGNIN_PER_CLIENT=4)
    assert [ask(client, "ana@members.example").status_code for _ in range(3)] == [200, 200, 429]
    assert [ask(client, "nobody@elsewhere.example").status_code for _ in range(3)] == [200, 200, 429]
    limited = ask(client, "ben@members.example")
    assert limited.status_code == 429 and limited.headers["Retry-After"]  # the client's limit
    assert ask(client, "x@y.example").status_code == 429
    elsewhere = {"REMOTE_ADDR": "203.0.113.9"}  # another client
    for email, expected in [("ana@members.example", 429), ("x@y.example", 200)]:
        answer = client.post(
            "/signin/email", data={"email": email}, headers=ORIGIN, environ_overrides=elsewhere
        )
        assert answer.status_code == expected  # an address's limit holds from any client; clients count apart
