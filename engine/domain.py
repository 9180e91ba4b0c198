"""Apply an inbox event to domain state: contact, ticket, message, attribution, status, seller.

The worker calls ``apply_event`` inside its job transaction (it flushes, never commits). Applying
the same event twice changes nothing and returns the same ``AppliedEvent``, so a retried job is
safe. Events that can never be applied raise ``PoisonEvent``; the worker marks them FAILED.
Events that are valid but change nothing (a status for a message that is not ours, a message
already stored through another event) are marked ``event.status = IGNORED`` here.
Every lookup is scoped by the event's organisation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.ingest.schemas import (
    SOURCE_CRM,
    SOURCE_WHATSAPP,
    WA_MESSAGE,
    WA_STATUS,
    AttributionIn,
    SystemEvent,
    SystemEventType,
    describe_validation_error,
)
from engine.models import (
    AiAgent,
    Campaign,
    Contact,
    Event,
    EventStatus,
    EventType,
    Message,
    Ticket,
    TicketStatus,
    User,
)
from engine.phones import normalise_phone

ATTRIBUTION_COLUMNS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "ctwa_clid", "ad_id")
# Delivery states move forward only; "failed" may replace only "sent" (or nothing) and is final.
STATUS_RANK = {None: 0, "sent": 1, "delivered": 2, "read": 3}
REFERRAL_EXTRA_KEYS = ("source_url", "source_type", "headline", "body", "media_type", "image_url", "video_url")


class PoisonEvent(InvalidInput):
    """The event can never be applied (unknown ticket, unknown agent...). Do not retry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AppliedEvent:
    ticket_id: uuid.UUID | None
    trigger: EventType | None
    message_at: datetime | None
    agent_id: uuid.UUID | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def apply_event(session: Session, event: Event) -> AppliedEvent:
    """Apply one inbox event (see module doc). Raises PoisonEvent for events that cannot apply."""
    if event.source == SOURCE_CRM:
        try:
            system_event = SystemEvent.model_validate(event.payload)
        except ValidationError as err:
            where, msg = describe_validation_error(err)
            raise PoisonEvent(f"invalid system event payload: {where or '(root)'}: {msg}") from None
        return _apply_system_event(session, event, system_event)
    if event.source == SOURCE_WHATSAPP and event.type == WA_MESSAGE:
        return _apply_whatsapp_message(session, event)
    if event.source == SOURCE_WHATSAPP and event.type == WA_STATUS:
        return _apply_whatsapp_status(session, event)
    raise PoisonEvent(f"unknown event source/type: {event.source}/{event.type}")


# ------------------------------------------------------------------------------ lookups
def _contact(session: Session, org_id: uuid.UUID, phone: str, name: str | None) -> Contact:
    digits = normalise_phone(phone)
    stmt = insert(Contact).values(id=uuid.uuid4(), organization_id=org_id, phone=digits, name=name)
    # Two events of one new contact may be applied concurrently: let the unique key decide.
    session.execute(stmt.on_conflict_do_nothing(index_elements=["organization_id", "phone"]))
    # Locked: events of one contact are applied one at a time (no two "open tickets" for one lead).
    contact = session.scalars(
        select(Contact).where(Contact.organization_id == org_id, Contact.phone == digits).with_for_update()
    ).one()
    if name and not contact.name:
        contact.name = name
    return contact


def _ticket_by_ref(session: Session, org_id: uuid.UUID, ref: str) -> Ticket | None:
    return session.scalars(
        select(Ticket).where(Ticket.organization_id == org_id, Ticket.external_ref == ref).with_for_update()
    ).first()


def _seller(session: Session, org_id: uuid.UUID, name_or_email: str) -> User | None:
    key = name_or_email.strip()
    return session.scalars(
        select(User)
        .where(User.organization_id == org_id,
               or_(func.lower(User.email) == key.lower(), User.name == key))
        .order_by(User.created_at)
        .limit(1)
    ).first()


def _campaign_id(session: Session, org_id: uuid.UUID, meta_id: str | None, name: str | None) -> uuid.UUID | None:
    if meta_id:
        found = session.scalar(select(Campaign.id).where(Campaign.organization_id == org_id,
                                                         Campaign.external_id == meta_id).limit(1))
        if found is not None:
            return found
    if name:
        return session.scalar(select(Campaign.id).where(Campaign.organization_id == org_id, Campaign.name == name))
    return None


def _has_attribution(t: Ticket) -> bool:
    return any(getattr(t, c) for c in ATTRIBUTION_COLUMNS) or t.campaign_id is not None or bool(
        t.attribution_extra)


def _set_attribution(session: Session, t: Ticket, attr: AttributionIn) -> bool:
    """First touch wins: fill the ticket's attribution only when it has none. True when set."""
    if _has_attribution(t) or not (attr.model_dump(exclude_none=True) or attr.model_extra):
        return False
    for col in ATTRIBUTION_COLUMNS:
        setattr(t, col, getattr(attr, col))
    t.campaign_id = _campaign_id(session, t.organization_id, attr.campaign_id, attr.utm_campaign)
    extra = {k: v for k, v in (attr.model_extra or {}).items() if isinstance(v, str | int | float)}
    if attr.campaign_id:
        extra["meta_campaign_id"] = attr.campaign_id
    t.attribution_extra = extra
    return True


def _touch(t: Ticket, at: datetime, *, lead: bool) -> None:
    t.last_message_at = max(t.last_message_at or at, at)
    if lead:
        t.last_lead_message_at = max(t.last_lead_message_at or at, at)


def _add_message(
    session: Session, event: Event, t: Ticket, *, external_id: str, author: str, body: str, type_: str,
    at: datetime, extra: dict[str, Any],
) -> bool:
    """Store a message unless one with that external id exists. True when this event owns it
    (stored now, or stored by an earlier application of this same event)."""
    stmt = insert(Message).values(
        id=uuid.uuid4(), organization_id=event.organization_id, ticket_id=t.id,
        direction="INBOUND" if author == "lead" else "OUTBOUND", author=author, body=body, type=type_[:24],
        external_id=external_id, sent_at=at, extra={**extra, "event_id": str(event.id)},
    ).on_conflict_do_nothing(index_elements=["organization_id", "external_id"]).returning(Message.id)
    if session.scalar(stmt) is not None:
        _touch(t, at, lead=author == "lead")
        return True
    owner = session.scalar(select(Message.extra["event_id"].astext).where(
        Message.organization_id == event.organization_id, Message.external_id == external_id))
    return owner == str(event.id)


# ------------------------------------------------------------------------------ CRM events
def _apply_system_event(session: Session, event: Event, se: SystemEvent) -> AppliedEvent:
    org_id = event.organization_id
    kind = se.type
    ticket = _ticket_by_ref(session, org_id, se.ticket.ref)
    detail: dict[str, Any] = {"type": kind.value, "ticket_ref": se.ticket.ref}
    if ticket is None:
        if kind not in (SystemEventType.MESSAGE_SENT, SystemEventType.MESSAGE_RECEIVED):
            raise PoisonEvent(f"{kind.value}: unknown ticket '{se.ticket.ref}' in this organisation")
        if se.contact is None:
            raise PoisonEvent(f"ticket '{se.ticket.ref}' is new and the event has no contact.phone to open it")
        contact = _contact(session, org_id, se.contact.phone, se.contact.name)
        status = se.ticket.status or TicketStatus.OPEN
        created = session.scalar(
            insert(Ticket).values(
                id=uuid.uuid4(), organization_id=org_id, contact_id=contact.id, external_ref=se.ticket.ref,
                status=status, opened_at=se.occurred_at, currency=se.ticket.currency or "BRL",
                value=se.ticket.value, attribution_extra={},
                closed_at=None if status is TicketStatus.OPEN else se.occurred_at,
            ).on_conflict_do_nothing(index_elements=["organization_id", "external_ref"]).returning(Ticket.id)
        )
        ticket = _ticket_by_ref(session, org_id, se.ticket.ref)  # ours, or a concurrent event's
        if ticket is None:  # pragma: no cover - the insert or the conflicting row guarantees one
            raise RuntimeError(f"ticket '{se.ticket.ref}' vanished")
        detail["ticket_created"] = created is not None
    elif se.contact is not None and se.contact.name:
        contact_row = session.get(Contact, ticket.contact_id)
        if contact_row is not None and not contact_row.name:
            contact_row.name = se.contact.name

    if se.ticket.value is not None:
        ticket.value = se.ticket.value
    if se.ticket.currency:
        ticket.currency = se.ticket.currency
    if se.ticket.seller:
        seller = _seller(session, org_id, se.ticket.seller)
        if seller is None:
            if kind is SystemEventType.TICKET_ASSIGNED:
                raise PoisonEvent(f"TICKET_ASSIGNED: unknown seller '{se.ticket.seller}' in this organisation")
            detail["unknown_seller"] = se.ticket.seller
        else:
            ticket.seller_id = seller.id
    if se.ticket.attribution is not None and _set_attribution(session, ticket, se.ticket.attribution):
        detail["attribution_set"] = True

    trigger: EventType | None = None
    message_at: datetime | None = None
    agent_id: uuid.UUID | None = None
    if kind in (SystemEventType.MESSAGE_SENT, SystemEventType.MESSAGE_RECEIVED):
        assert se.message is not None  # guaranteed by SystemEvent validation
        owned = _add_message(session, event, ticket, external_id=se.message.id, author=se.message.author,
                             body=se.message.text, type_=se.message.type, at=se.occurred_at, extra={})
        message_at = se.occurred_at
        if not owned:
            detail["duplicate_message"] = se.message.id
            event.status = EventStatus.IGNORED
        elif kind is SystemEventType.MESSAGE_RECEIVED:
            trigger = EventType.NEW_MESSAGE_RECEIVED
    elif kind in (SystemEventType.TICKET_WON, SystemEventType.TICKET_LOST):
        target = TicketStatus.WON if kind is SystemEventType.TICKET_WON else TicketStatus.LOST
        if ticket.status is not target:
            ticket.status, ticket.closed_at = target, se.occurred_at
            trigger = EventType(kind.value)
        elif ticket.closed_at == se.occurred_at:  # this same event, applied again
            trigger = EventType(kind.value)
        else:
            detail["already"] = target.value
        if se.reason:
            detail["reason"] = se.reason
    elif kind is SystemEventType.TICKET_MOVED:
        if se.ticket.status is TicketStatus.OPEN and ticket.status is not TicketStatus.OPEN:
            ticket.status, ticket.closed_at = TicketStatus.OPEN, None
            detail["reopened"] = True
        if se.ticket.stage:
            detail["stage"] = se.ticket.stage
    elif kind is SystemEventType.MACRO_BUTTON_CLICKED:
        agent_id = _agent_id(session, org_id, se.agent or "")
        trigger = EventType.MACRO_BUTTON_CLICKED
    session.flush()
    return AppliedEvent(ticket.id, trigger, message_at, agent_id, detail)


def _agent_id(session: Session, org_id: uuid.UUID, key_or_id: str) -> uuid.UUID:
    try:
        cond = AiAgent.id == uuid.UUID(key_or_id)
    except ValueError:
        cond = AiAgent.template_key == key_or_id
    found = session.scalar(select(AiAgent.id).where(AiAgent.organization_id == org_id, cond)
                           .order_by(AiAgent.created_at).limit(1))
    if found is None:
        raise PoisonEvent(f"MACRO_BUTTON_CLICKED: unknown agent '{key_or_id}' in this organisation")
    return found


# ------------------------------------------------------------------------------ WhatsApp events
def _ts(raw: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        raise PoisonEvent(f"invalid WhatsApp timestamp {raw!r}") from None


def _wa_body(msg: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(text shown in the transcript, type-specific details kept in message.extra)."""
    kind = msg.get("type", "unknown")
    raw = msg.get(kind)
    part: dict[str, Any] = raw if isinstance(raw, dict) else {}
    if kind == "text":
        return str(part.get("body", "")), {}
    if kind in ("image", "video", "audio", "document", "sticker"):
        # Media without a caption is kept (empty body) with its type and media id.
        extra = {k: part[k] for k in ("id", "mime_type", "filename") if k in part}
        return str(part.get("caption", "")), {"media": extra}
    if kind == "interactive":
        reply = part.get("button_reply") or part.get("list_reply") or part.get("nfm_reply") or {}
        return str(reply.get("title", "")), {"reply_id": reply.get("id"), "interactive_type": part.get("type")}
    if kind == "button":
        return str(part.get("text", "")), {"payload": part.get("payload")}
    if kind == "reaction":
        return str(part.get("emoji", "")), {"reacted_to": part.get("message_id")}
    if kind == "location":
        text = part.get("name") or part.get("address") or f"{part.get('latitude')},{part.get('longitude')}"
        return str(text), {"location": part}
    if kind == "contacts":
        names = [c.get("name", {}).get("formatted_name", "") for c in msg.get("contacts", []) if isinstance(c, dict)]
        return ", ".join(n for n in names if n), {}
    return "", {"unsupported": kind}


def _apply_whatsapp_message(session: Session, event: Event) -> AppliedEvent:
    org_id = event.organization_id
    msg: dict[str, Any] = event.payload.get("message") or {}
    sender = str(msg.get("from") or event.payload.get("contact", {}).get("wa_id") or "")
    if not sender or not msg.get("id"):
        raise PoisonEvent("WhatsApp message without 'from' or 'id'")
    at = _ts(msg.get("timestamp"))
    detail: dict[str, Any] = {"type": "whatsapp_message", "wamid": msg["id"]}
    known = session.execute(select(Message.ticket_id, Message.extra["event_id"].astext).where(
        Message.organization_id == org_id, Message.external_id == str(msg["id"]))).first()
    if known is not None:
        # Applied before (a retried job) or the same wamid came through another event: never
        # open a second ticket for it, whatever happened to the first one since.
        owned = known[1] == str(event.id)
        if not owned:
            detail["duplicate_message"] = msg["id"]
            event.status = EventStatus.IGNORED
        return AppliedEvent(known[0], EventType.NEW_MESSAGE_RECEIVED if owned else None, at, None, detail)
    contact = _contact(session, org_id, sender, (event.payload.get("contact") or {}).get("name"))
    ticket = session.scalars(
        select(Ticket)
        .where(Ticket.organization_id == org_id, Ticket.contact_id == contact.id, Ticket.status == TicketStatus.OPEN)
        .order_by(Ticket.opened_at.desc(), Ticket.created_at.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if ticket is None:
        ticket = Ticket(organization_id=org_id, contact_id=contact.id, status=TicketStatus.OPEN, opened_at=at,
                        attribution_extra={})
        session.add(ticket)
        session.flush()
        detail["ticket_created"] = True
    referral = msg.get("referral")
    if isinstance(referral, dict) and _set_attribution(session, ticket, AttributionIn(
        ctwa_clid=referral.get("ctwa_clid"), ad_id=referral.get("source_id"),
        **{k: str(referral[k]) for k in REFERRAL_EXTRA_KEYS if referral.get(k) is not None},
    )):
        detail["attribution_set"] = True
    body, extra = _wa_body(msg)
    if msg.get("context"):
        extra["context"] = msg["context"]
    owned = _add_message(session, event, ticket, external_id=str(msg["id"]), author="lead", body=body,
                         type_=str(msg.get("type", "unknown")), at=at, extra=extra)
    if not owned:
        detail["duplicate_message"] = msg["id"]
        event.status = EventStatus.IGNORED
    session.flush()
    return AppliedEvent(ticket.id, EventType.NEW_MESSAGE_RECEIVED if owned else None, at, None, detail)


def _apply_whatsapp_status(session: Session, event: Event) -> AppliedEvent:
    status: dict[str, Any] = event.payload.get("status") or {}
    wamid, new = str(status.get("id", "")), str(status.get("status", ""))
    detail: dict[str, Any] = {"type": "whatsapp_status", "wamid": wamid, "status": new}
    message = session.scalars(
        select(Message)
        .where(Message.organization_id == event.organization_id, Message.external_id == wamid,
               Message.direction == "OUTBOUND")
        .with_for_update()
    ).first()
    if message is None:
        detail["unknown_message"] = True  # sent by another tool: nothing of ours to update
        event.status = EventStatus.IGNORED
        return AppliedEvent(None, None, None, None, detail)
    current = message.delivery_status
    if new == "failed":
        moved = current in (None, "sent")
    elif new in STATUS_RANK and current != "failed":
        moved = STATUS_RANK[new] > STATUS_RANK.get(current, 0)
    else:
        moved = False
    if moved:
        message.delivery_status = new
        if new == "failed":
            message.delivery_error = {"errors": status.get("errors") or [], "timestamp": status.get("timestamp")}
        session.flush()
    detail["moved"] = moved
    return AppliedEvent(message.ticket_id, None, None, None, detail)
