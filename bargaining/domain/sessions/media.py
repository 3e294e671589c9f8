"""What an upload may be: the media types accepted, and the declared type checked against the content."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from bargaining.domain.errors import Invalid

ZIP = "application/zip"
OOXML = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACCEPTED = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/tiff",
        "image/webp",
        "text/plain",
        "text/csv",
        "text/markdown",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.text",
        *OOXML,
    }
)
TEXTUAL = frozenset({"text/plain", "text/csv", "text/markdown"})
CFB = "application/x-ole-storage"  # the old Office container: .doc and .xls alike
LEGACY_OFFICE = frozenset({"application/msword", "application/vnd.ms-excel"})
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\"]')


@dataclass(frozen=True, slots=True)
class Checked:
    """An accepted upload's facts."""

    sha256: str
    size: int
    media_type: str
    filename: str


def base_type(media_type: str) -> str:
    """The media type without parameters, lower-cased."""
    return media_type.split(";", 1)[0].strip().lower()


def agrees(declared: str, detected: str) -> bool:
    """Whether what the content is (as detected) fits what the uploader said it is."""
    if declared == detected:
        return True
    if declared in TEXTUAL and detected in TEXTUAL:
        return True
    if declared in OOXML and detected in (ZIP, *OOXML):
        return detected in (ZIP, declared)
    return declared in LEGACY_OFFICE and detected in (CFB, *LEGACY_OFFICE)


def clean_filename(name: str) -> str:
    """The last path segment, without control characters or quotes; refuse an empty one."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = UNSAFE_NAME.sub("_", last).strip()[:200]
    if not clean or clean in {".", ".."}:
        raise Invalid("Give the file a name.", field="file")
    return clean


def check_upload(content: bytes, declared: str, detected: str, filename: str, limit: int) -> Checked:
    """Accept an upload or refuse it with the field at fault: size, type, or a type the content belies."""
    if not content:
        raise Invalid("The file is empty.", field="file", code="file_empty")
    if len(content) > limit:
        raise Invalid(f"Files are limited to {limit} bytes.", field="file", code="file_too_large")
    wanted, found = base_type(declared), base_type(detected)
    if wanted in {"", "application/octet-stream"}:
        wanted = found
    if wanted not in ACCEPTED:
        raise Invalid(f"Files of type {wanted} are not accepted.", field="file", code="media_type")
    if not agrees(wanted, found):
        raise Invalid(
            f"The file says it is {wanted} but its content is {found}.", field="file", code="media_mismatch"
        )
    digest = hashlib.sha256(content).hexdigest()
    return Checked(sha256=digest, size=len(content), media_type=wanted, filename=clean_filename(filename))
