"""The members' pages (sign-in, tables, printable summary) and scripts/ta_summary.py."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts import ta_summary as script
from tests.api.test_ta_summary import (
    NEVER,
    NOT_FOR_MEMBERS,
    PENDING_SUMMARY,
    SHARED_ONLY,
    SUMMARY_51,
    build_world,
    share_with_members,
)

ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture
def world(api, cast):
    return build_world(api, cast)


def _cookie(response, name: str = "bargaining_session") -> str | None:
    """The Set-Cookie header for a cookie, if any."""
    found = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]
    return found[0] if found else None


def _sign_in(client, token: str, **form: str):
    return client.post("/signin", data={"token": token, **form}, headers=ORIGIN)


def test_pages_send_browsers_to_sign_in(client, cast):
    summary = client.get(f"/tables/{cast.table_id}/summary")
    assert summary.status_code == 303
    assert summary.headers["Location"] == f"/signin?next=%2Ftables%2F{cast.table_id}%2Fsummary"
    assert client.get("/tables").headers["Location"] == "/signin?next=%2Ftables"


def test_sign_in_form_is_plain_strict_html(client):
    page = client.get("/signin?next=/tables/1/summary")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<input type="password" id="token" name="token"' in html
    assert '<input type="hidden" name="next" value="/tables/1/summary">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<script" not in html.lower()
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "form-action 'self'" in csp
    assert page.headers["Referrer-Policy"] == "same-origin"  # browsers then send Origin on our posts
    assert page.headers["Cache-Control"] == "no-store" and page.headers["X-Frame-Options"] == "DENY"


def test_signing_in_sets_a_strict_session_cookie_and_returns(client, cast, app):
    path = f"/tables/{cast.table_id}/summary"
    response = _sign_in(client, cast.tokens["member"], next=path)
    assert response.status_code == 303 and response.headers["Location"] == path
    cookie = _cookie(response)
    assert cookie == f"bargaining_session={cast.tokens['member']}; HttpOnly; Path=/; SameSite=Lax"
    assert client.get(path).status_code == 200
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = _cookie(_sign_in(client, cast.tokens["member"]))
    assert secure is not None and "; Secure" in secure


def test_after_sign_in_one_table_opens_its_summary_several_the_list(client, cast):
    member = _sign_in(client, cast.tokens["member"])
    assert member.headers["Location"] == f"/tables/{cast.table_id}/summary"
    admin = _sign_in(client, cast.tokens["admin"])
    assert admin.headers["Location"] == "/tables"
    listing = client.get("/tables").get_data(as_text=True)
    assert "Test table" in listing and "Other table" in listing
    assert f'href="/tables/{cast.table_id}/summary"' in listing


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/api/v1/me", "/tables/1/x"])
def test_sign_in_never_returns_anywhere_else(client, cast, target):
    response = _sign_in(client, cast.tokens["member"], next=target)
    assert response.headers["Location"] == f"/tables/{cast.table_id}/summary"
    form = client.get("/signin", query_string={"next": target}).get_data(as_text=True)
    assert 'name="next"' not in form


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "http://localhost.evil.example"},
    ],
)
def test_cross_site_form_posts_are_refused(client, cast, headers):
    signin = client.post("/signin", data={"token": cast.tokens["member"]}, headers=headers)
    assert signin.status_code == 403 and _cookie(signin) is None
    assert "Request refused" in signin.get_data(as_text=True)
    signout = client.post("/signout", headers=headers)
    assert signout.status_code == 403 and _cookie(signout) is None


def test_a_same_site_referer_is_enough_without_origin(client, cast):
    response = client.post(
        "/signin", data={"token": cast.tokens["member"]}, headers={"Referer": "http://localhost/signin"}
    )
    assert response.status_code == 303 and _cookie(response) is not None


def test_a_wrong_token_shows_the_form_again(client):
    for token in ("bgn_not-a-token", "", "x" * 600):
        response = _sign_in(client, token)
        assert response.status_code == 401 and _cookie(response) is None
        assert "That token is not valid" in response.get_data(as_text=True)


def test_sign_out_forgets_the_cookie(client, cast):
    _sign_in(client, cast.tokens["member"])
    page = client.get(f"/tables/{cast.table_id}/summary").get_data(as_text=True)
    assert 'action="/signout"' in page and "Signed in as member" in page
    out = client.post("/signout", headers=ORIGIN)
    assert out.status_code == 303 and out.headers["Location"] == "/signin"
    cleared = _cookie(out)
    assert cleared is not None and "Max-Age=0" in cleared and "HttpOnly" in cleared
    assert client.get(f"/tables/{cast.table_id}/summary").status_code == 303


def test_a_revoked_token_in_the_cookie_is_dropped(client, api, cast):
    made = api.post("/me/tokens", {"name": "phone"}, as_="member").json
    _sign_in(client, made["token"])
    assert client.get(f"/tables/{cast.table_id}/summary").status_code == 200
    api.delete(f"/me/tokens/{made['id']}", as_="member", headers={"If-Match": made["etag"]})
    response = client.get(f"/tables/{cast.table_id}/summary")
    assert response.status_code == 303 and "Max-Age=0" in (_cookie(response) or "")


def test_a_bearer_header_works_and_gets_the_page_without_the_session_bar(client, cast):
    headers = cast.headers("member")
    page = client.get(f"/tables/{cast.table_id}/summary", headers=headers)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Test table: tentative agreements" in html and "/signout" not in html
    bad = client.get(f"/tables/{cast.table_id}/summary", headers={"Authorization": "Bearer bgn_nope"})
    assert bad.status_code == 401 and bad.headers["WWW-Authenticate"].startswith("Bearer")
    assert bad.mimetype == "text/html"


def test_other_tables_are_not_found_as_html(client, cast):
    for table_id in (cast.table_id, 999_999):
        page = client.get(f"/tables/{table_id}/summary", headers=cast.headers("outsider"))
        assert page.status_code == 404 and page.mimetype == "text/html"
        assert "No such table." in page.get_data(as_text=True)


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("role", ["member", "union_negotiator"])
def test_the_page_shows_members_exactly_what_the_setting_allows(client, api, cast, world, shared, role):
    share_with_members(api, world.table_id, shared)
    page = client.get(f"/tables/{world.table_id}/summary", headers=cast.headers(role))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert not [s for s in NEVER + NOT_FOR_MEMBERS if s in html]
    for secret in SHARED_ONLY:
        assert (secret in html) is shared, secret
    assert ("Union&#39;s position (U-1)" in html) is shared
    for text in ("Article 5 — Caseloads", "Article 6 — Documentation Time", "TA-1", "TA-2"):
        assert text in html
    assert "TA-3" not in html  # the pending TA
    assert "This section is deleted from the contract." in html
    assert re.search(r"<del>[^<]+</del>", html) and re.search(r"<ins>[^<]+</ins>", html)
    assert "Caseloads are capped at 50 &lt;clients&gt; &amp; no more." in html
    assert SUMMARY_51 not in html
    assert "<script" not in html.lower() and "@media print" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def _run(live_server: str, token: str, out: Path, *extra: str) -> int:
    return script.main(
        [
            "--url",
            live_server,
            "--token",
            token,
            "--html",
            str(out / "summary.html"),
            "--pdf",
            str(out / "summary.pdf"),
            *extra,
        ]
    )


def test_script_writes_the_members_page_and_a_pdf(live_server, cast, world, tmp_path, capsys):
    out = tmp_path / "out"
    status = _run(live_server, cast.tokens["union_negotiator"], out, "--table", str(world.table_id))
    assert status == 0, capsys.readouterr().err
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "Test table: tentative agreements" in html and "TA-1" in html and "/signout" not in html
    assert not [s for s in NEVER + NOT_FOR_MEMBERS if s in html]
    pdf = (out / "summary.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    for wanted in ("Article 5 — Caseloads", "Article 6 — Documentation Time", "TA-1", "TA-2", SUMMARY_51):
        assert wanted in text, wanted
    assert PENDING_SUMMARY not in text and "TA-3" not in text
    assert sorted(p.name for p in out.iterdir()) == ["summary.html", "summary.pdf"]


def test_script_downloads_the_chosen_formats_from_the_endpoint(live_server, cast, world, tmp_path, capsys):
    out = tmp_path / "docs"
    table = str(world.table_id)
    extra = ["--table", table, "--format", "md", "--format", "docx", "--out-dir", str(out)]
    status = script.main(["--url", live_server, "--token", cast.tokens["union_negotiator"], *extra])
    assert status == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [f"ta-summary-{table}.docx", f"ta-summary-{table}.md"]
    md = (out / f"ta-summary-{table}.md").read_text(encoding="utf-8")
    assert "TA-1" in md and "caseload shall not exceed" in md and "Summary for members" in md
    assert not [s for s in NEVER + NOT_FOR_MEMBERS if s in md]
    assert (out / f"ta-summary-{table}.docx").read_bytes().startswith(b"PK")


def test_script_fails_in_one_line_and_writes_nothing(live_server, cast, world, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    table = ["--table", str(world.table_id)]
    assert _run(live_server, "bgn_wrong", out, *table) == 1
    assert _run(live_server, cast.tokens["member"], out, "--table", "999999") == 1
    assert _run("http://127.0.0.1:9", cast.tokens["member"], out, *table) == 3
    assert script.main(["--table", "1", "--url", live_server, "--token", ""]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4 and all(line.startswith("error: ") for line in lines)
    assert "401" in lines[0] and "404" in lines[1] and "cannot reach" in lines[2]
    assert "--token" in lines[3]
    assert list(out.iterdir()) == []


def test_script_never_leaves_a_half_written_file(live_server, cast, world, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.pdf").write_bytes(b"the previous edition")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(script.os, "fsync", broken_fsync)
    assert _run(live_server, cast.tokens["member"], out, "--table", str(world.table_id)) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert (out / "summary.pdf").read_bytes() == b"the previous edition"
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


def test_changed_articles_come_first_and_unchanged_ones_fold(client, api, cast):
    made = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "Recognition"}, as_="admin")
    assert made.status_code == 201, made.json
    world = build_world(api, cast)
    html = client.get(f"/tables/{world.table_id}/summary", headers=cast.headers("member")).get_data(
        as_text=True
    )
    folded = html.index('<details class="unchanged-articles">')
    body = html[html.index("</nav>") :]
    assert body.index("<h2>Article 5 — Caseloads</h2>") < body.index("<h2>Article 1 — Recognition</h2>")
    assert (
        html.index("<h2>Article 6 — Documentation Time</h2>")
        < folded
        < html.index("<h2>Article 1 — Recognition</h2>")
    )
    assert "1 article with no changes on the table" in html
