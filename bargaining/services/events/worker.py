"""The delivery worker's loop: webhooks, immediate emails and daily digests from the outbox."""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bargaining.config import ROOT
from bargaining.models import utcnow
from bargaining.services.events.deliver import WebhookSettings, deliver_webhooks
from bargaining.services.events.due import notice_due_requests
from bargaining.services.events.mail import MailSettings, deliver_emails, send_digests

log = logging.getLogger(__name__)
KEY_FILE = ROOT / "instance" / "signing.key"


def signing_key(config: Mapping[str, Any], key_file: Path = KEY_FILE) -> str:
    """The key unsubscribe links are signed with: SECRET_KEY, else one kept in instance/ (made once)."""
    if config.get("SECRET_KEY"):
        return str(config["SECRET_KEY"])
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def webhook_settings(config: Mapping[str, Any]) -> WebhookSettings:
    """Webhook delivery settings from the app's configuration."""
    return WebhookSettings(
        timeout=float(config["WEBHOOK_TIMEOUT"]),
        max_attempts=int(config["WEBHOOK_MAX_ATTEMPTS"]),
        backoff=float(config["WEBHOOK_BACKOFF_SECONDS"]),
        backoff_cap=float(config["WEBHOOK_BACKOFF_CAP"]),
        pause_after=int(config["WEBHOOK_PAUSE_AFTER"]),
        lease=float(config["DELIVERY_LEASE_SECONDS"]),
        allow_private=bool(config["WEBHOOK_ALLOW_PRIVATE"]),
    )


def mail_settings(config: Mapping[str, Any]) -> MailSettings:
    """SMTP settings from the app's configuration."""
    return MailSettings(
        host=str(config["SMTP_HOST"]),
        port=int(config["SMTP_PORT"]),
        user=str(config["SMTP_USER"]),
        password=str(config["SMTP_PASSWORD"]),
        starttls=bool(config["SMTP_STARTTLS"]),
        sender=str(config["MAIL_FROM"]),
        public_url=str(config["PUBLIC_URL"]).rstrip("/"),
        key=signing_key(config),
        lease=float(config["DELIVERY_LEASE_SECONDS"]),
    )


def run_once(open_session: Callable[[], Any], config: Mapping[str, Any], digests: bool = True) -> int:
    """One pass: due webhooks, due emails, and the digest if its time has come; return the work done."""
    done = deliver_webhooks(open_session, webhook_settings(config))
    mail = mail_settings(config)
    done += deliver_emails(open_session, mail)
    if digests:
        done += send_digests(open_session, mail, utcnow(), int(config["DIGEST_HOUR"]))
    return done


def run(
    open_session: Callable[[], Any], config: Mapping[str, Any], interval: float, passes: int | None
) -> None:
    """Loop: a pass (and the due-date scan each period), then sleep when idle; stop after `passes`."""
    count, next_scan = 0, 0.0
    period = float(config["INFOREQUEST_SCAN_SECONDS"])
    while passes is None or count < passes:
        count += 1
        try:
            if time.monotonic() >= next_scan:
                next_scan = time.monotonic() + period
                notice_due_requests(open_session, utcnow().date())
            done = run_once(open_session, config)
        except Exception:  # a pass that fails (database away) is logged and retried, never fatal
            log.exception("delivery pass failed")
            done = 0
        if not done and (passes is None or count < passes):
            time.sleep(interval)
