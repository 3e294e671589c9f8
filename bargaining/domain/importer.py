"""Old import path of the contract parser, kept for branches written before intake moved it.

The parser lives in bargaining.domain.intake.parse; import it from there.
"""

from __future__ import annotations

from bargaining.domain.intake.parse import ParsedArticle, ParsedClause, ParsedContract, parse_contract

__all__ = ["ParsedArticle", "ParsedClause", "ParsedContract", "parse_contract"]
