"""Board, TA summary and members' page cached under the table's revision and the caller's view class."""

from __future__ import annotations

import gzip
from typing import Any

import brotli
import pytest

from tests.api.test_query_counts import counting
from tests.api.test_ta_summary import NEVER, NOT_FOR_MEMBERS, World, build_world, share_with_members


@pytest.fixture
def world(api, cast) -> World:
    return build_world(api, cast)


def _store(app: Any) -> Any:
    return app.extensions["table_cache"]


@pytest.mark.parametrize("path", ["status", "ta-summary", "ta-summary?audience=members"])
def test_a_second_read_is_the_kept_view_and_a_held_etag_is_304_in_one_statement(app, api, world, path):
    url = f"/tables/{world.table_id}/{path}"
    first = api.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    hits = _store(app).hits
    again = api.get(url)
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert _store(app).hits == hits + 1
    with counting(app) as statements:
        held = api.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert held.status_code == 304 and held.get_data() == b""
    assert len(statements) <= 2  # the token and the table with its revision; nothing derived


@pytest.mark.parametrize("path", ["status", "ta-summary"])
def test_a_change_at_the_table_moves_the_etag_and_the_body(api, world, path):
    url = f"/tables/{world.table_id}/{path}"
    before = api.get(url, as_="member")
    share_with_members(api, world.table_id, True)
    after = api.get(url, as_="member", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert after.json["positions_visible"] is True and before.json["positions_visible"] is False


@pytest.mark.parametrize("path", ["status", "ta-summary"])
def test_one_sides_kept_view_never_reaches_the_other_side_or_members(api, world, path):
    url = f"/tables/{world.table_id}/{path}"
    union = api.get(url, as_="union_negotiator")
    employer = api.get(url, as_="employer_negotiator")
    member = api.get(url, as_="member")
    tags = {union.headers["ETag"], employer.headers["ETag"], member.headers["ETag"]}
    assert len(tags) == 3  # the summary's full view is kept per side: its TA costing reads that side's roster
    text = member.get_data(as_text=True)
    assert not any(secret in text for secret in NEVER + NOT_FOR_MEMBERS)
    assert member.json["positions_visible"] is False
    if path == "status":
        assert union.json["viewer_side"] == "union" and employer.json["viewer_side"] == "employer"
    stolen = api.get(url, as_="member", headers={"If-None-Match": union.headers["ETag"]})
    assert stolen.status_code == 200 and stolen.get_data() == member.get_data()


@pytest.mark.parametrize(("coding", "unpack"), [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_compressed_for_clients_that_accept_it(api, world, coding, unpack):
    url = f"/tables/{world.table_id}/ta-summary"
    plain = api.get(url)
    packed = api.get(url, headers={"Accept-Encoding": coding})
    assert packed.headers["Content-Encoding"] == coding and "Accept-Encoding" in packed.headers["Vary"]
    assert unpack(packed.get_data()) == plain.get_data()
    held = api.get(url, headers={"If-None-Match": packed.headers["ETag"]})
    assert held.status_code == 304


def _second_member(app, cast, name="Rosa Parks") -> dict[str, str]:
    from bargaining.services import tables, users

    with app.app_context():
        session = app.extensions["sessionmaker"]()
        admin = session.get(users.User, cast.user_ids["admin"])
        rosa = users.create_user(session, None, email="rosa@test.example", name=name)
        tables.grant(session, admin, cast.table_id, {"user_id": rosa.id, "side": None, "role": "member"})
        token = users.issue_token(session, rosa, "test")[1]
        session.commit()
        session.close()
    return {"Authorization": f"Bearer {token}"}


def _signed_in(client, headers) -> None:
    """Sign in with the token's cookie, so the page shows its bar naming the reader."""
    token = headers["Authorization"].split()[1]
    page = client.post("/signin", data={"token": token}, headers={"Origin": "http://localhost"})
    assert page.status_code == 303


def test_the_members_page_is_kept_once_for_every_reader_and_names_each(app, cast, world):
    url = f"/tables/{world.table_id}/summary"
    rosa = _second_member(app, cast)
    pages = {}
    for who, headers in (("member", cast.headers("member")), ("Rosa Parks", rosa)):
        client = app.test_client()
        _signed_in(client, headers)
        pages[who] = client.get(url)
        assert pages[who].status_code == 200 and pages[who].headers["Cache-Control"] == "no-store"
        held = client.get(url, headers={"If-None-Match": pages[who].headers["ETag"]})
        assert held.status_code == 304 and held.get_data() == b""
    first, second = (pages[w].get_data(as_text=True) for w in ("member", "Rosa Parks"))
    assert "Signed in as member" in first and "Signed in as Rosa Parks" in second
    assert first.replace("Signed in as member", "Signed in as Rosa Parks") == second
    assert pages["member"].headers["ETag"] != pages["Rosa Parks"].headers["ETag"]
    kept = [key for key in _store(app)._items if key[0] == "page"]
    assert len(kept) == 1  # one page for both readers
    assert not any(secret in first for secret in NEVER + NOT_FOR_MEMBERS)


def test_a_readers_etag_never_answers_another_reader(app, client, cast, world):
    url = f"/tables/{world.table_id}/summary"
    mine = client.get(url, headers=cast.headers("member"))
    rosa = _second_member(app, cast)
    stolen = client.get(url, headers={**rosa, "If-None-Match": mine.headers["ETag"]})
    assert stolen.status_code == 200 and b"member" in stolen.get_data()
    other = client.get(url, headers=cast.headers("union_negotiator"))
    assert other.headers["ETag"] != mine.headers["ETag"]


def test_the_members_page_is_gzipped_for_browsers_that_accept_it(app, cast, world):
    url = f"/tables/{world.table_id}/summary"
    client = app.test_client()
    _signed_in(client, cast.headers("member"))
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert packed.headers["ETag"].endswith('-gzip"')
    only_br = client.get(url, headers={"Accept-Encoding": "br"})  # the spliced page has no br form
    assert "Content-Encoding" not in only_br.headers and only_br.get_data() == plain.get_data()
    held = client.get(url, headers={"If-None-Match": packed.headers["ETag"]})
    assert held.status_code == 304


def test_the_store_holds_one_revision_per_view_and_never_goes_back():
    from bargaining.services.table_cache.store import Encoded, ViewStore

    store = ViewStore()
    old, new = ("board", 1, (5, None), "seat"), ("board", 1, (6, None), "seat")
    other = ("board", 1, (5, None), "other seat")
    for key in (old, other, new):
        store.keep(key, Encoded(b"x", "application/json", "e"))
    assert store.get(old) is None and store.get(new) is not None and store.get(other) is not None
    store.keep(old, Encoded(b"late", "application/json", "e"))  # a slow reader of revision 5
    assert store.get(old) is None and store.get(new) is not None


def test_a_change_replaces_each_kept_view_rather_than_keeping_another(app, api, world):
    """A pass moves the table row's version as well as the revision: the views kept for the older
    state go (before, every pass kept another copy of each view until the store's byte bound)."""
    n, clauses = world.n, world.n.clauses
    paths = ["status", "ta-summary", "ta-summary?audience=members", "redline?from=base&to=tentative"]
    tags = [api.get(f"/tables/{world.table_id}/{path}").headers["ETag"] for path in paths]
    held = len(_store(app)._items)
    assert held == len(paths)
    for number in ("5.3", "5.2"):
        item = {"action": "amend", "clause_id": clauses[number], "text": f"Amended {number}."}
        n.propose("union_negotiator", "More", [item])
        again = [api.get(f"/tables/{world.table_id}/{path}").headers["ETag"] for path in paths]
        assert not set(again) & set(tags)  # each read is of the new state
        assert len(_store(app)._items) == held
        tags = again
