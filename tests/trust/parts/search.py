"""Search in the authorization matrix: a table's search is for those at the table; the library for anyone."""

from __future__ import annotations

from tests.trust.matrix import Expect, expect

MATRIX = {
    "GET /api/v1/tables/{table_id}/search": Expect(expect(200), query="?q=secret"),
    "GET /api/v1/search": Expect(expect(200, outsider=200), query="?q=secret"),
}
