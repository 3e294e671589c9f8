"""The persistence model: typed SQLAlchemy 2 mappings."""

from bargaining.models import guards
from bargaining.models.agreements import Ratification, TAItem, TentativeAgreement
from bargaining.models.audit import AuditEvent
from bargaining.models.base import Base, utcnow
from bargaining.models.consent import ChangeRequest, TASummaryVersion
from bargaining.models.events import (
    DeliveryAttempt,
    EventCounter,
    NotificationPreference,
    OutboxEmail,
    TableEvent,
    WebhookDelivery,
    WebhookSubscription,
)
from bargaining.models.idempotency import IdempotentAnswer
from bargaining.models.members import MemberSession, RosterEntry, SignInAttempt, SignInLink
from bargaining.models.proposals import Proposal, ProposalItem, proposal_responses
from bargaining.models.tables import Article, BargainingTable, Clause, ClauseVersion, Membership
from bargaining.models.users import ApiToken, User

__all__ = [
    "ApiToken",
    "Article",
    "AuditEvent",
    "BargainingTable",
    "Base",
    "ChangeRequest",
    "Clause",
    "ClauseVersion",
    "DeliveryAttempt",
    "EventCounter",
    "IdempotentAnswer",
    "MemberSession",
    "Membership",
    "NotificationPreference",
    "OutboxEmail",
    "Proposal",
    "ProposalItem",
    "Ratification",
    "RosterEntry",
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
