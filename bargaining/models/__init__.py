"""The persistence model: typed SQLAlchemy 2 mappings."""

from bargaining.models import guards
from bargaining.models.agreements import Ratification, TAItem, TentativeAgreement
from bargaining.models.audit import AuditEvent
from bargaining.models.base import Base, utcnow
from bargaining.models.consent import ChangeRequest, TASummaryVersion
from bargaining.models.costing import (
    Classification,
    CostingSettings,
    RosterBatch,
    RosterRow,
    SalarySchedule,
    SalaryStep,
    Scenario,
)
from bargaining.models.files import Attachment, FileBlob
from bargaining.models.idempotency import IdempotentAnswer
from bargaining.models.inforequests import (
    InfoRequest,
    InfoRequestAnswer,
    InfoRequestEvent,
    InfoRequestItem,
    InfoRequestLink,
)
from bargaining.models.notes import Note
from bargaining.models.proposals import Proposal, ProposalItem, proposal_responses
from bargaining.models.search import SearchDocument
from bargaining.models.sessions import BargainingSession, LedgerTie, SessionAttendee
from bargaining.models.tables import Article, BargainingTable, Clause, ClauseVersion, Membership
from bargaining.models.users import ApiToken, User

__all__ = [
    "ApiToken",
    "Article",
    "Attachment",
    "AuditEvent",
    "BargainingSession",
    "BargainingTable",
    "Base",
    "ChangeRequest",
    "Classification",
    "Clause",
    "ClauseVersion",
    "CostingSettings",
    "FileBlob",
    "IdempotentAnswer",
    "InfoRequest",
    "InfoRequestAnswer",
    "InfoRequestEvent",
    "InfoRequestItem",
    "InfoRequestLink",
    "LedgerTie",
    "Membership",
    "Note",
    "Proposal",
    "ProposalItem",
    "Ratification",
    "RosterBatch",
    "RosterRow",
    "SalarySchedule",
    "SalaryStep",
    "Scenario",
    "SearchDocument",
    "SessionAttendee",
    "TAItem",
    "TASummaryVersion",
    "TentativeAgreement",
    "User",
    "guards",
    "proposal_responses",
    "utcnow",
]
