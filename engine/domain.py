"""Apply an inbox event to domain state: contact, ticket, message, attribution, status, seller.

The worker calls ``apply_event`` inside its job transaction (it flushes, never commits). Applying
the same event twice changes nothing and returns the same ``AppliedEvent``, so a retried job is
safe. Events that can never be applied raise ``PoisonEvent``; the worker marks them FAILED. Events
whose ticket does not exist yet (it arrives later, or is being applied by another worker) raise
``NotReady``; the worker defers them (``engine.ordering``).
Events that are valid but change nothing (a status for a message that is not ours, a message
already stored through another event) are marked ``event.status = IGNORED`` here.
CRM events are applied here; WhatsApp items in ``engine.whatsapp_apply``. Every lookup is scoped
by the event's organisation.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.identity import resolve_contact
from engine.ingest.schemas import (
    SOURCE_CRM,
    SOURCE_STUDIO,
    SOURCE_WHATSAPP,
    SystemEvent,
    SystemEventType,
    describe_validation_error,
)
from engine.models import (
    AiAgent,
    Contact,
    Event,
    EventStatus,
    EventType,
    Organization,
    Ticket,
    TicketStatus,
    User,
)
from engine.org_settings import OrgSettings
from engine.phones import PhoneError, normalise_for_country
from engine.ticket_state import AppliedEvent, NotReady, PoisonEvent, add_message, set_attribution
from engine.whatsapp_apply import apply_whatsapp

__all__ = ["AppliedEvent", "NotReady", "PoisonEvent", "apply_event"]


def apply_event(session: Session, event: Event) -> AppliedEvent:
    """Apply one inbox event (see module doc). Raises PoisonEvent for events that cannot apply."""
    if event.source == SOURCE_CRM:
        try:
            system_event = SystemEvent.model_validate(event.payload)
        except ValidationError as err:
            where, msg = describe_validation_error(err)
            raise PoisonEvent(f"invalid system event payload: {where or '(root)'}: {msg}") from None
        return _apply_system_event(session, event, system_event)
    if event.source == SOURCE_STUDIO and event.type == EventType.MACRO_BUTTON_CLICKED.value:
        return _apply_macro_click(session, event)
    if event.source == SOURCE_WHATSAPP:
        return apply_whatsapp(session, event)
    raise PoisonEvent(f"unknown event source/type: {event.source}/{event.type}")


# ------------------------------------------------------------------------------ lookups
def _contact(session: Session, org_id: uuid.UUID, phone: str, name: str | None) -> Contact:
    """The CRM's contact: national numbers get the organisation's default country code."""
    raw = session.scalar(select(Organization.settings).where(Organization.id == org_id))
    try:
        digits = normalise_for_country(phone, default_country=OrgSettings.load(raw).default_country)
    except PhoneError as err:
        raise PoisonEvent(f"contact.phone: {err}") from None
    return resolve_contact(session, org_id, user_id=None, phone=digits, name=name)

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


# ------------------------------------------------------------------------------ CRM events
def _apply_system_event(session: Session, event: Event, se: SystemEvent) -> AppliedEvent:
    org_id = event.organization_id
    kind = se.type
    ticket = _ticket_by_ref(session, org_id, se.ticket.ref)
    detail: dict[str, Any] = {"type": kind.value, "ticket_ref": se.ticket.ref}
    if ticket is None:
        if kind not in (SystemEventType.MESSAGE_SENT, SystemEventType.MESSAGE_RECEIVED):
            raise NotReady(f"{kind.value}: unknown ticket '{se.ticket.ref}' in this organisation")
        if se.contact is None:
            raise NotReady(f"ticket '{se.ticket.ref}' is new and the event has no contact.phone to open it")
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
    if se.ticket.attribution is not None and set_attribution(session, ticket, se.ticket.attribution):
        detail["attribution_set"] = True

    trigger: EventType | None = None
    message_at: datetime | None = None
    agent_id: uuid.UUID | None = None
    if kind in (SystemEventType.MESSAGE_SENT, SystemEventType.MESSAGE_RECEIVED):
        assert se.message is not None  # guaranteed by SystemEvent validation
        owned = add_message(session, event, ticket, external_id=se.message.id, author=se.message.author,
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
    return AppliedEvent(ticket.id, trigger, message_at, agent_id, detail, ticket=ticket)


def _apply_macro_click(session: Session, event: Event) -> AppliedEvent:
    """A Studio macro button click (``engine.macros.press``): run the named agent on the ticket."""
    try:
        ticket_id = uuid.UUID(str(event.payload["ticket_id"]))
        agent_ref = str(event.payload["agent_id"])
    except (KeyError, ValueError):
        raise PoisonEvent("MACRO_BUTTON_CLICKED (studio): payload needs ticket_id and agent_id") from None
    found = session.scalar(select(Ticket.id).where(Ticket.id == ticket_id, Ticket.organization_id == event.organization_id))
    if found is None:
        raise PoisonEvent(f"MACRO_BUTTON_CLICKED: unknown ticket '{ticket_id}' in this organisation")
    agent_id = _agent_id(session, event.organization_id, agent_ref)
    return AppliedEvent(found, EventType.MACRO_BUTTON_CLICKED, None, agent_id,
                        {"type": EventType.MACRO_BUTTON_CLICKED.value, "source": SOURCE_STUDIO,
                         "by": event.payload.get("user_id")})


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
