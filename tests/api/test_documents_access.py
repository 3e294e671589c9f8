"""Documents follow the JSON's rules: the same status for every caller, and no other side's draft inside."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.docx_reading import part
from tests.trust.world import EMPLOYER_SECRET, UNION_SECRET, UNSHARED_PASSED, build_world

ROLES = ["admin", "union_negotiator", "employer_negotiator", "member", "outsider", None]
HIDDEN = {
    "admin": [UNION_SECRET, EMPLOYER_SECRET],
    "union_negotiator": [EMPLOYER_SECRET],
    "employer_negotiator": [UNION_SECRET],
    "member": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
    "outsider": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
    None: [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
}
FORMATS = ["html", "md", "text", "docx", "pdf"]


def _text(response: Any, fmt: str) -> str:
    """What a reader of the document sees."""
    if response.status_code != 200:
        return response.get_data(as_text=True)
    data = response.get_data()
    if fmt == "docx":
        return "".join(part(data).itertext())
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


def _paths(world: Any) -> list[str]:
    ids = world.ids
    return [
        f"/clauses/{ids['clause_id']}/redline?from=base&to=union",
        f"/clauses/{ids['clause_id']}/redline?from=union&to=employer",
        f"/proposals/{ids['passed_id']}/redline",
        f"/proposals/{ids['draft_id']}/redline",
        f"/articles/{ids['article_id']}/redline?from=union&to=employer",
        f"/tables/{ids['table_id']}/redline?from=base&to=employer&changes=only",
        f"/tables/{ids['table_id']}/contract",
        f"/tables/{ids['table_id']}/contract?version=union",
        f"/tables/{ids['table_id']}/contract?version=employer",
        f"/tables/{ids['table_id']}/ta-summary",
        f"/tables/{ids['table_id']}/ta-summary?audience=members",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_document_answers_as_its_json_and_leaks_no_draft(api, cast, fmt):
    world = build_world(api, cast)
    leaks, mismatches = [], []
    for path in _paths(world):
        for role in ROLES:
            expected = api.get(path, as_=role).status_code
            response = api.get(f"{path}{'&' if '?' in path else '?'}format={fmt}", as_=role)
            if response.status_code != expected:
                mismatches.append(f"{path} {fmt} as {role}: {response.status_code} != {expected}")
            text = _text(response, fmt)
            leaks += [f"{path} {fmt} as {role}: {s}" for s in HIDDEN[role] if s in text]
    assert mismatches == [] and leaks == []
