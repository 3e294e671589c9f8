"""The persistence model: typed SQLAlchemy 2 mappings."""

from bargaining.models import guards
from bargaining.models.agreements import Ratification, TAItem, TentativeAgreement
from bargaining.models.audit import AuditEvent
from bargaining.models.base import Base, utcnow
from bargaining.models.proposals import Proposal, ProposalItem, proposal_responses
from bargaining.models.search import SearchDocument
from bargaining.models.tables import Article, BargainingTable, Clause, ClauseVersion, Membership
from bargaining.models.users import ApiToken, User

__all__ = [
    "ApiToken",
    "Article",
    "AuditEvent",
    "BargainingTable",
    "Base",
    "Clause",
    "ClauseVersion",
    "Membership",
    "Proposal",
    "ProposalItem",
    "Ratification",
    "SearchDocument",
    "TAItem",
    "TentativeAgreement",
    "User",
    "guards",
    "proposal_responses",
    "utcnow",
]
