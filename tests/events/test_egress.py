"""Webhooks go to public addresses only (no SSRF): refused when subscribing and again when sending."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bargaining.domain.events.egress import address_refused, url_problem
from bargaining.services.events import egress
from tests.events.conftest import amend
from tests.events.receiver import Receiver, start

REFUSED_URLS = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://2130706433/hook",  # 127.0.0.1 written as a number
    "http://[::1]/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://172.16.0.1/hook",
    "http://169.254.169.254/latest/meta-data",  # the cloud metadata service
    "http://100.64.0.1/hook",  # shared address space
    "http://224.0.0.1/hook",
    "http://240.0.0.1/hook",
    "http://0.0.0.0/hook",
    "http://user:secret@93.184.216.34/hook",
]


@pytest.fixture
def strict(app: Any) -> Any:
    """The production setting: private receivers refused."""
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    return app


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver on loopback."""
    made = Receiver()
    server = start(made)
    yield made
    server.shutdown()


def test_the_rules_of_addresses_and_urls():
    assert address_refused("127.0.0.1") and address_refused("::1") and address_refused("fe80::1%eth0")
    assert address_refused("::ffff:10.0.0.1") and address_refused("fc00::1") and address_refused("nonsense")
    assert not address_refused("93.184.216.34") and not address_refused("2606:4700::1111")
    assert url_problem("https://hooks.example.org/x") is None
    assert url_problem("ftp://hooks.example.org/x") and url_problem("file:///etc/passwd")
    assert url_problem("https://a:b@hooks.example.org/") and url_problem("https://a@hooks.example.org/")


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_private_and_credentialed_urls_are_refused_when_subscribing(strict, api, cast, url):
    answer = api.post(f"/tables/{cast.table_id}/webhooks", {"url": url, "kinds": ["*"]})
    assert answer.status_code == 422, answer.json
    error = answer.json["error"]
    assert error["code"] == "webhook_url_refused" and "url" in error["fields"]
    assert api.get(f"/tables/{cast.table_id}/webhooks").json == []  # nothing written


def test_other_schemes_are_refused_with_the_url_field(strict, api, cast):
    answer = api.post(f"/tables/{cast.table_id}/webhooks", {"url": "gopher://10.0.0.1/", "kinds": ["*"]})
    assert answer.status_code == 422 and "url" in answer.json["error"]["fields"]


def test_a_public_address_is_accepted_and_a_change_to_a_private_one_refused(strict, api, cast):
    made = api.post(f"/tables/{cast.table_id}/webhooks", {"url": "https://93.184.216.34/h", "kinds": ["*"]})
    assert made.status_code == 201, made.json
    moved = api.patch(
        f"/webhooks/{made.json['id']}",
        {"url": "http://169.254.169.254/"},
        headers={"If-Match": made.headers["ETag"]},
    )
    assert moved.status_code == 422 and moved.json["error"]["code"] == "webhook_url_refused"
    assert api.get(f"/webhooks/{made.json['id']}").json["url"] == "https://93.184.216.34/h"


def _pass_with_hook(app: Any, api: Any, cast: Any, negotiation: Any, url: str) -> int:
    """Subscribe url (allowed at the time), then pass a proposal; return the webhook's id."""
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    made = api.post(f"/tables/{cast.table_id}/webhooks", {"url": url, "kinds": ["proposal.passed"]})
    assert made.status_code == 201
    negotiation.propose("union_negotiator", "P1", [amend(negotiation, "5.1", "Text.")])
    return int(made.json["id"])


def test_deliveries_are_checked_again_when_sent(app, api, cast, negotiation, receiver, deliver):
    hook = _pass_with_hook(app, api, cast, negotiation, receiver.url)
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False  # as if the name now resolved to loopback
    deliver(passes=1)
    assert receiver.received == []
    (attempt,) = api.get(f"/webhooks/{hook}/deliveries").json[0]["attempt_log"]
    assert not attempt["ok"] and "refused" in attempt["error"] and attempt["status_code"] is None


def test_the_address_reached_is_checked_even_if_dns_said_public(
    app, api, cast, negotiation, receiver, deliver, monkeypatch
):
    hook = _pass_with_hook(app, api, cast, negotiation, receiver.url)
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    # DNS rebinding: the check's lookup says public, the connection reaches loopback.
    monkeypatch.setattr(egress, "addresses", lambda host, port: ["93.184.216.34"])
    deliver(passes=1)
    assert receiver.received == []
    (attempt,) = api.get(f"/webhooks/{hook}/deliveries").json[0]["attempt_log"]
    assert "the connection reached 127.0.0.1" in attempt["error"]


def test_redirects_are_never_followed(app, api, cast, negotiation, receiver, deliver):
    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        hook = _pass_with_hook(app, api, cast, negotiation, f"http://127.0.0.1:{server.server_port}/")
        deliver(passes=1)
    finally:
        server.shutdown()
    assert receiver.received == []  # the redirect's target never heard of it
    (attempt,) = api.get(f"/webhooks/{hook}/deliveries").json[0]["attempt_log"]
    assert attempt["status_code"] == 307 and not attempt["ok"] and attempt["error"] == "HTTP 307"
