"""Building blocks shared by the CRM and the WhatsApp halves of ``apply_event``.

Attribution (first touch wins), a ticket's activity clock, idempotent message insert, and the
two result/exception types. Flushes, never commits; every lookup is scoped by the organisation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.errors import CopilotError, InvalidInput
from engine.ingest.schemas import AttributionIn
from engine.models import Campaign, Event, EventType, Message, Ticket

ATTRIBUTION_COLUMNS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "ctwa_clid", "ad_id")
# Delivery states move forward only; "failed" may replace only "sent" (or nothing) and is final.
STATUS_RANK = {None: 0, "sent": 1, "delivered": 2, "read": 3}
REFERRAL_EXTRA_KEYS = ("source_url", "source_type", "headline", "body", "media_type", "image_url", "video_url")


class PoisonEvent(InvalidInput):
    """The event can never be applied (unknown agent, unknown seller...). Do not retry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotReady(CopilotError):
    """The event's prerequisite is not applied yet (its ticket does not exist): the worker defers it
    and tries again later (``engine.ordering``), it does not fail it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, user_message=f"Evento aguardando um evento anterior do mesmo ticket: {message}")
        self.message = message


@dataclass(frozen=True)
class AppliedEvent:
    ticket_id: uuid.UUID | None
    trigger: EventType | None
    message_at: datetime | None
    agent_id: uuid.UUID | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    # The ticket row as loaded (and locked) by the apply, when it was: the worker keeps using it
    # instead of reading it again (the session's identity map holds objects weakly).
    ticket: Ticket | None = field(default=None, repr=False, compare=False)

def campaign_id_for(session: Session, org_id: uuid.UUID, meta_id: str | None, name: str | None) -> uuid.UUID | None:
    if meta_id:
        found = session.scalar(select(Campaign.id).where(Campaign.organization_id == org_id,
                                                         Campaign.external_id == meta_id).limit(1))
        if found is not None:
            return found
    if name:
        return session.scalar(select(Campaign.id).where(Campaign.organization_id == org_id, Campaign.name == name))
    return None


def has_attribution(t: Ticket) -> bool:
    return any(getattr(t, c) for c in ATTRIBUTION_COLUMNS) or t.campaign_id is not None or bool(
        t.attribution_extra)


def set_attribution(session: Session, t: Ticket, attr: AttributionIn) -> bool:
    """First touch wins: fill the ticket's attribution only when it has none. True when set."""
    if has_attribution(t) or not (attr.model_dump(exclude_none=True) or attr.model_extra):
        return False
    for col in ATTRIBUTION_COLUMNS:
        setattr(t, col, getattr(attr, col))
    t.campaign_id = campaign_id_for(session, t.organization_id, attr.campaign_id, attr.utm_campaign)
    extra = {k: v for k, v in (attr.model_extra or {}).items() if isinstance(v, str | int | float)}
    if attr.campaign_id:
        extra["meta_campaign_id"] = attr.campaign_id
    t.attribution_extra = extra
    return True


def touch(t: Ticket, at: datetime, *, lead: bool) -> None:
    t.last_message_at = max(t.last_message_at or at, at)
    if lead:
        t.last_lead_message_at = max(t.last_lead_message_at or at, at)


def add_message(
    session: Session, event: Event, t: Ticket, *, external_id: str, author: str, body: str, type_: str,
    at: datetime, extra: dict[str, Any], activity: bool = True,
) -> bool:
    """Store a message unless one with that external id exists. True when this event owns it
    (stored now, or stored by an earlier application of this same event)."""
    stmt = insert(Message).values(
        id=uuid.uuid4(), organization_id=event.organization_id, ticket_id=t.id,
        direction="OUTBOUND" if author in ("seller", "bot") else "INBOUND", author=author, body=body, type=type_[:24],
        external_id=external_id, sent_at=at, extra={**extra, "event_id": str(event.id)},
    ).on_conflict_do_nothing(index_elements=["organization_id", "external_id"]).returning(Message.id)
    if session.scalar(stmt) is not None:
        if activity:  # a system notice is stored but is nobody's activity
            touch(t, at, lead=author == "lead")
        return True
    owner = session.scalar(select(Message.extra["event_id"].astext).where(
        Message.organization_id == event.organization_id, Message.external_id == external_id))
    return owner == str(event.id)
