"""Old import path of the import use case, kept for branches written before intake moved it.

It lives in bargaining.services.intake.importing; import it from there.
"""

from __future__ import annotations

from bargaining.services.intake.importing import (
    BaseArticle,
    ImportResult,
    import_contract,
    insert_base_contract,
)

__all__ = ["BaseArticle", "ImportResult", "import_contract", "insert_base_contract"]
