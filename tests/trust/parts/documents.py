"""Documents add no route: every redline route and the contract answer in more formats (?format=, Accept).

Their authorization is the JSON's, on the same routes (tests/trust/matrix.py keeps those entries);
tests/api/test_documents_access.py holds every format of every document route to the JSON's status
for every caller, and scans html, md, text, DOCX and PDF bodies for the other side's drafts.
"""

from __future__ import annotations

from typing import Any

from tests.trust.matrix import Expect

MATRIX: dict[str, Expect] = {}


def extend_world(api: Any, cast: Any, world: Any, negotiation: Any) -> None:
    """Documents create nothing of their own."""
