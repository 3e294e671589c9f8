"""An upload as the API hands it over: the bytes, their name and type, and how to read changes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Upload:
    """The bytes of an uploaded document, with its file name, content type and tracked-change choice."""

    data: bytes
    filename: str = ""
    content_type: str = ""
    tracked: str = "accept"
