"""Configuration from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = f"sqlite:///{ROOT / 'instance' / 'bargaining.db'}"


def _bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _seconds(name: str, default: float) -> float:
    """Read a number of seconds from the environment."""
    return float(os.environ.get(name, default))


def from_env() -> dict[str, Any]:
    """Build the app configuration from BARGAINING_* environment variables."""
    return {
        "DATABASE_URL": os.environ.get("BARGAINING_DATABASE_URL", DEFAULT_DB),
        "MAX_CONTENT_LENGTH": int(os.environ.get("BARGAINING_MAX_BODY_BYTES", 4 * 1024 * 1024)),
        "INTAKE_MAX_BYTES": int(os.environ.get("BARGAINING_INTAKE_MAX_BYTES", 32 * 1024 * 1024)),
        "CORS_ORIGINS": [
            o.strip() for o in os.environ.get("BARGAINING_CORS_ORIGINS", "").split(",") if o.strip()
        ],
        "SESSION_COOKIE_SECURE": _bool("BARGAINING_SECURE_COOKIES", False),
        "SECRET_KEY": os.environ.get("BARGAINING_SECRET_KEY", ""),
        "DB_ECHO": _bool("BARGAINING_DB_ECHO", False),
        "DB_LOCK_TIMEOUT": _seconds("BARGAINING_DB_LOCK_TIMEOUT", 10),
        "DB_STATEMENT_TIMEOUT": _seconds("BARGAINING_DB_STATEMENT_TIMEOUT", 60),
        "DB_IDLE_TX_TIMEOUT": _seconds("BARGAINING_DB_IDLE_TX_TIMEOUT", 30),
        **events_from_env(),
    }


def events_from_env() -> dict[str, Any]:
    """Settings of events, webhooks, email and members' sign-in (docs/readme/events.md)."""
    return {
        "EVENTS_MAX_STREAMS": int(os.environ.get("BARGAINING_MAX_STREAMS", 4)),
        "EVENTS_RETRY_AFTER": int(os.environ.get("BARGAINING_STREAM_RETRY_AFTER", 5)),
        "EVENTS_POLL_SECONDS": _seconds("BARGAINING_STREAM_POLL_SECONDS", 1),
        "EVENTS_HEARTBEAT_SECONDS": _seconds("BARGAINING_STREAM_HEARTBEAT_SECONDS", 15),
        "EVENTS_STREAM_SECONDS": _seconds("BARGAINING_STREAM_SECONDS", 300),
        "WEBHOOK_TIMEOUT": _seconds("BARGAINING_WEBHOOK_TIMEOUT", 10),
        "WEBHOOK_MAX_ATTEMPTS": int(os.environ.get("BARGAINING_WEBHOOK_MAX_ATTEMPTS", 8)),
        "WEBHOOK_BACKOFF_SECONDS": _seconds("BARGAINING_WEBHOOK_BACKOFF_SECONDS", 30),
        "WEBHOOK_BACKOFF_CAP": _seconds("BARGAINING_WEBHOOK_BACKOFF_CAP", 6 * 3600),
        "WEBHOOK_PAUSE_AFTER": int(os.environ.get("BARGAINING_WEBHOOK_PAUSE_AFTER", 10)),
        "DELIVERY_LEASE_SECONDS": _seconds("BARGAINING_DELIVERY_LEASE_SECONDS", 60),
        "WEBHOOK_ALLOW_PRIVATE": _bool("BARGAINING_WEBHOOK_ALLOW_PRIVATE", False),
        "INFOREQUEST_SCAN_SECONDS": _seconds("BARGAINING_INFOREQUEST_SCAN_SECONDS", 300),
        "SMTP_HOST": os.environ.get("BARGAINING_SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(os.environ.get("BARGAINING_SMTP_PORT", 8025)),
        "SMTP_USER": os.environ.get("BARGAINING_SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("BARGAINING_SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool("BARGAINING_SMTP_STARTTLS", False),
        "MAIL_FROM": os.environ.get("BARGAINING_MAIL_FROM", "bargaining@localhost"),
        "PUBLIC_URL": os.environ.get("BARGAINING_PUBLIC_URL", "http://127.0.0.1:8000"),
        "DIGEST_HOUR": int(os.environ.get("BARGAINING_DIGEST_HOUR", 7)),
        "SIGNIN_LINK_MINUTES": int(os.environ.get("BARGAINING_SIGNIN_LINK_MINUTES", 15)),
        "MEMBER_SESSION_HOURS": int(os.environ.get("BARGAINING_MEMBER_SESSION_HOURS", 12)),
        "SIGNIN_PER_ADDRESS": int(os.environ.get("BARGAINING_SIGNIN_PER_ADDRESS", 5)),
        "SIGNIN_PER_CLIENT": int(os.environ.get("BARGAINING_SIGNIN_PER_CLIENT", 20)),
        "SIGNIN_WINDOW_MINUTES": int(os.environ.get("BARGAINING_SIGNIN_WINDOW_MINUTES", 15)),
    }


DEFAULTS: dict[str, Any] = {
    "API_TITLE": "bargaining",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    "JSON_SORT_KEYS": False,
    "PROPAGATE_EXCEPTIONS": False,
    "MAX_CLAUSE_CHARS": 1_000_000,
}
