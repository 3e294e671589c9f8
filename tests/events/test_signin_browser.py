"""A member signs in by email in headless Chromium, the link read from the local SMTP server."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.browser.test_summary_browser import CHROMIUM, Chromium


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium on a phone-sized page (as tests/browser does)."""
    assert os.path.exists(CHROMIUM), "Chromium is missing: apt-get install -y chromium"
    made = Chromium(tmp_path / "profile")
    yield made
    made.close()


def test_a_member_signs_in_by_email_once_and_signs_out_everywhere(
    app, api, cast, inbox, deliver, browser, live_server
):
    app.config["PUBLIC_URL"] = live_server
    roster = "name,email,classification\nAna Ruiz,ana@members.example,Clinician II\n"
    assert api.post(f"/tables/{cast.table_id}/member-roster", {"csv": roster}).status_code == 201
    assert api.post(f"/tables/{cast.table_id}/member-roster/invitations", {}).status_code == 201
    deliver()
    invitation = inbox.to("ana@members.example")[0].get_body(preferencelist=("plain",)).get_content()
    start = re.search(r"(http://\S+/signin/email)", invitation).group(1)

    browser.navigate(start)
    browser.submit(
        f"document.getElementById('email').value = {json.dumps('ana@members.example')};"
        "document.getElementById('email-signin').requestSubmit();"
    )
    assert "a sign-in link is on its way" in browser.js("document.body.innerText")
    inbox.wait_for(2)
    mail = next(m for m in inbox.to("ana@members.example") if m["Subject"] == "Your sign-in link")
    link = re.search(
        r"(http://\S+/signin/link\?token=\S+)", mail.get_body(preferencelist=("plain",)).get_content()
    )
    assert link is not None

    browser.navigate(link.group(1))
    browser.submit("document.getElementById('follow').requestSubmit()")
    assert browser.js("location.pathname") == "/tables"
    text = browser.js("document.body.innerText")
    assert "Signed in as Ana Ruiz" in text and "Test table" in text
    cookies = browser.call("Network.getCookies", session=True, urls=[live_server])["cookies"]
    member = next(c for c in cookies if c["name"] == "bargaining_member")
    assert member["httpOnly"] is True and member["sameSite"] == "Lax" and member["expires"] > 0
    assert "bargaining_member" not in browser.js("document.cookie")

    # The link worked once: following it again is refused.
    browser.navigate(link.group(1))
    browser.submit("document.getElementById('follow').requestSubmit()")
    assert "not valid any more" in browser.js("document.body.innerText")

    browser.navigate(f"{live_server}/tables")
    browser.submit("document.getElementById('signout-everywhere').form.requestSubmit()")
    assert browser.js("location.pathname") == "/signin"
    browser.navigate(f"{live_server}/tables")
    assert browser.js("location.pathname") == "/signin"
    # The only error the console saw is the refused link's 400.
    assert [e for e in browser.console_errors if "status of 400" not in e] == []
