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
