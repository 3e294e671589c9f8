"""What the document scripts share to call the API: a one-line failure and an authenticated GET."""

from __future__ import annotations

import contextlib
from typing import Any

import requests


class Failure(Exception):
    """A one-line error for the user, with the exit status to return."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def error_message(response: requests.Response) -> str:
    """The API's error code and message, or the HTTP reason."""
    if response.headers.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError, AttributeError):
            error = response.json().get("error", {})
            return f"{error.get('code', '')}: {error.get('message', response.reason)}"
    return response.reason or "error"


def get(
    url: str, token: str, *, base: str, shown: str, timeout: float, params: dict[str, Any] | None = None
) -> requests.Response:
    """GET with the token; fail (naming ``shown``) on no answer, an error status or a redirect."""
    headers = {"Authorization": f"Bearer {token}"}
    try:
        response = requests.get(url, params=params, headers=headers, timeout=timeout, allow_redirects=False)
    except requests.RequestException as exc:
        raise Failure(f"cannot reach {base}: {exc.__class__.__name__}", 3) from exc
    if response.status_code != 200:
        raise Failure(f"{response.status_code} {error_message(response)} ({shown})", 1)
    return response
