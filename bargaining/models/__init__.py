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
from bargaining.models.events import (
    DeliveryAttempt,
    EventCounter,
    InfoRequestNotice,
    NotificationPreference,
    OutboxEmail,
    TableEvent,
    WebhookDelivery,
    WebhookSubscription,
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
from bargaining.models.members import MemberSession, RosterEntry, SignInAttempt, SignInLink
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
    "DeliveryAttempt",
    "EventCounter",
    "FileBlob",
    "IdempotentAnswer",
    "InfoRequest",
    "InfoRequestAnswer",
    "InfoRequestEvent",
    "InfoRequestItem",
    "InfoRequestLink",
    "InfoRequestNotice",
    "LedgerTie",
    "MemberSession",
    "Membership",
    "Note",
    "NotificationPreference",
    "OutboxEmail",
    "Proposal",
    "ProposalItem",
    "Ratification",
    "RosterBatch",
    "RosterEntry",
    "RosterRow",
    "SalarySchedule",
    "SalaryStep",
    "Scenario",
    "SearchDocument",
    "SessionAttendee",
    "SignInAttempt",
    "SignInLink",
    "TAItem",
    "TASummaryVersion",
    "TableEvent",
    "TentativeAgreement",
    "User",
    "WebhookDelivery",
    "WebhookSubscription",
    "guards",
    "proposal_responses",
    "utcnow",
]
