"""Apply WhatsApp inbox items: lead messages, coexistence echoes, preferences, statuses.

- A lead message (any type, ``order`` and ``unsupported`` included) is stored with its content
  rendered by ``engine.wa_content`` and fires NEW_MESSAGE_RECEIVED.
- ``reaction`` / ``edit`` / ``revoke`` change the message they point at (reaction attached, body
  replaced with the old one kept, deletion marked) and ``system`` changes the contact's identity
  (stored as a system line in the open ticket). None of them is a lead message: no trigger, no
  activity, no audience change.
- ``smb_message_echoes`` (what the seller typed in the WhatsApp Business app on a coexistence
  number) are stored as the seller's messages.
- ``user_preferences`` are stored on the contact (latest per category).
Flushes, never commits. Applying an item twice changes nothing.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.identity import IdentityError, change_identity, resolve_contact
from engine.ingest.schemas import WA_ECHO, WA_MESSAGE, WA_PREFERENCE, WA_STATUS, AttributionIn
from engine.models import Contact, Event, EventStatus, EventType, Message, Ticket, TicketStatus
from engine.phones import PhoneError, normalise_for_country
from engine.ticket_state import (
    REFERRAL_EXTRA_KEYS,
    STATUS_RANK,
    AppliedEvent,
    PoisonEvent,
    add_message,
    set_attribution,
)
from engine.wa_content import NOT_MESSAGES, render, system_change

log = logging.getLogger(__name__)
APP_SOURCE = "whatsapp_business_app"


def apply_whatsapp(session: Session, event: Event) -> AppliedEvent:
    if event.type == WA_MESSAGE:
        return _apply_message(session, event, author="lead")
    if event.type == WA_ECHO:
        return _apply_message(session, event, author="seller")
    if event.type == WA_STATUS:
        return _apply_status(session, event)
    if event.type == WA_PREFERENCE:
        return _apply_preference(session, event)
    raise PoisonEvent(f"unknown WhatsApp item type: {event.type}")


def _ts(raw: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        raise PoisonEvent(f"invalid WhatsApp timestamp {raw!r}") from None


def _phone(raw: Any) -> str | None:
    if raw in (None, ""):
        return None
    try:
        return normalise_for_country(str(raw), default_country=None)  # WhatsApp ids carry their country code
    except PhoneError as err:
        raise PoisonEvent(str(err)) from None


def _contact(session: Session, event: Event, detail: dict[str, Any]) -> Contact:
    who: dict[str, Any] = event.payload.get("contact") or {}
    msg: dict[str, Any] = event.payload.get("message") or {}
    phone = _phone(who.get("wa_id") or (msg.get("from") if event.type == WA_MESSAGE else msg.get("to")))
    try:
        return resolve_contact(session, event.organization_id, user_id=who.get("user_id"), phone=phone,
                               name=who.get("name"), parent_user_id=who.get("parent_user_id"), detail=detail)
    except IdentityError as err:
        raise PoisonEvent(str(err)) from None


def _open_ticket(session: Session, event: Event, contact: Contact, at: datetime, *, create: bool,
                 detail: dict[str, Any]) -> Ticket | None:
    ticket = session.scalars(
        select(Ticket)
        .where(Ticket.organization_id == event.organization_id, Ticket.contact_id == contact.id,
               Ticket.status == TicketStatus.OPEN)
        .order_by(Ticket.opened_at.desc(), Ticket.created_at.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if ticket is None and create:
        ticket = Ticket(organization_id=event.organization_id, contact_id=contact.id, status=TicketStatus.OPEN,
                        opened_at=at, attribution_extra={})
        session.add(ticket)
        session.flush()
        detail["ticket_created"] = True
    return ticket


def _apply_message(session: Session, event: Event, *, author: str) -> AppliedEvent:
    org_id = event.organization_id
    msg: dict[str, Any] = event.payload.get("message") or {}
    if not msg.get("id"):
        raise PoisonEvent("WhatsApp message without 'id'")
    at = _ts(msg.get("timestamp"))
    kind = str(msg.get("type", "unknown"))
    detail: dict[str, Any] = {"type": "whatsapp_echo" if author == "seller" else "whatsapp_message",
                              "wamid": msg["id"], "message_type": kind}
    if kind == "system":
        return _apply_system(session, event, msg, at, detail)
    if kind in NOT_MESSAGES:
        return _apply_change(session, event, msg, author, at, detail)
    known = session.execute(select(Message.ticket_id, Message.extra["event_id"].astext).where(
        Message.organization_id == org_id, Message.external_id == str(msg["id"]))).first()
    lead = author == "lead"
    if known is not None:
        # Applied before (a retried job) or the same wamid came through another event: never
        # open a second ticket for it, whatever happened to the first one since.
        owned = known[1] == str(event.id)
        if not owned:
            detail["duplicate_message"] = msg["id"]
            event.status = EventStatus.IGNORED
        return AppliedEvent(known[0], EventType.NEW_MESSAGE_RECEIVED if owned and lead else None, at, None, detail)
    contact = _contact(session, event, detail)
    ticket = _open_ticket(session, event, contact, at, create=True, detail=detail)
    assert ticket is not None
    referral = msg.get("referral")
    if lead and isinstance(referral, dict) and set_attribution(session, ticket, AttributionIn(
        ctwa_clid=referral.get("ctwa_clid"), ad_id=referral.get("source_id"),
        **{k: str(referral[k]) for k in REFERRAL_EXTRA_KEYS if referral.get(k) is not None},
    )):
        # The ad click is known from this first referral message: the 7-day attribution window of
        # the Conversions API counts from here (engine.actions.meta_rules).
        ticket.attribution_extra = {**ticket.attribution_extra, "clicked_at": at.isoformat()}
        detail["attribution_set"] = True
    content = render(msg)
    extra = dict(content.extra)
    if msg.get("context"):
        extra["context"] = msg["context"]
    if not lead:
        extra.update(source=APP_SOURCE, business_number=msg.get("from"))
    owned = add_message(session, event, ticket, external_id=str(msg["id"]), author=author, body=content.body,
                        type_=content.type, at=at, extra=extra)
    if not owned:
        detail["duplicate_message"] = msg["id"]
        event.status = EventStatus.IGNORED
    session.flush()
    return AppliedEvent(ticket.id, EventType.NEW_MESSAGE_RECEIVED if owned and lead else None, at, None, detail,
                        ticket=ticket)


def _ignore(event: Event, detail: dict[str, Any], reason: str) -> AppliedEvent:
    log.info("WhatsApp item %s ignored: %s", event.external_id, reason)
    detail["ignored"] = reason
    event.status = EventStatus.IGNORED
    event.error = reason
    return AppliedEvent(None, None, None, None, detail)


def _apply_change(session: Session, event: Event, msg: dict[str, Any], author: str, at: datetime,
                  detail: dict[str, Any]) -> AppliedEvent:
    """reaction / edit / revoke: change the message they point at (never a new message)."""
    kind = str(msg["type"])
    raw_part = msg.get(kind)
    part: dict[str, Any] = raw_part if isinstance(raw_part, dict) else {}
    target_id = part.get("message_id") if kind == "reaction" else part.get("original_message_id")
    target = session.scalars(select(Message).where(
        Message.organization_id == event.organization_id, Message.external_id == str(target_id or ""))
        .with_for_update()).first()
    detail["target"] = target_id
    if target is None:
        return _ignore(event, detail, f"{kind} de uma mensagem que não temos ({target_id})")
    extra = dict(target.extra or {})
    if kind == "reaction":
        reactions = dict(extra.get("reactions") or {})
        emoji = str(part.get("emoji") or "")
        if emoji:
            reactions[author] = emoji
        else:
            reactions.pop(author, None)  # un-reaction
        extra["reactions"] = reactions
    elif target.author != author:
        return _ignore(event, detail, f"{kind} de uma mensagem de outro autor ({target.author})")
    elif kind == "edit":
        if extra.get("edited", {}).get("event_id") != str(event.id):
            edited = part.get("message")
            new = render(edited if isinstance(edited, dict) else {})
            history = [*extra.get("edit_history", []), {"body": target.body, "at": at.isoformat()}]
            extra.update(edit_history=history, edited={"at": at.isoformat(), "event_id": str(event.id)})
            extra.update({k: v for k, v in new.extra.items() if k not in ("edited", "edit_history")})
            target.body = new.body
    else:  # revoke
        if "revoked" not in extra:
            extra["revoked"] = {"at": at.isoformat(), "body": target.body}
            target.body = ""
    target.extra = extra
    session.flush()
    return AppliedEvent(target.ticket_id, None, None, None, detail)


def _apply_system(session: Session, event: Event, msg: dict[str, Any], at: datetime,
                  detail: dict[str, Any]) -> AppliedEvent:
    """Number / user-id change: the contact moves to the new identifier; a system line is stored."""
    change = system_change(msg)
    detail["system"] = change["kind"]
    contact: Contact | None = None
    if change["kind"] == "user_changed_number":
        contact = change_identity(session, event.organization_id, kind=change["kind"], old=_phone(change["old"]),
                                  new=_phone(change["new"]), at=at)
    elif change["kind"] == "user_changed_user_id":
        contact = change_identity(session, event.organization_id, kind=change["kind"], old=change["old"],
                                  new=change["new"], at=at, parent_user_id=change.get("parent_user_id"))
    if contact is None:
        try:
            contact = _contact(session, event, detail)
        except PoisonEvent:
            return _ignore(event, detail, f"aviso '{change['kind']}' de um contato que não conhecemos")
    ticket = _open_ticket(session, event, contact, at, create=False, detail=detail)
    if ticket is None:
        detail["no_open_ticket"] = True
        session.flush()
        return AppliedEvent(None, None, None, None, detail)
    content = render(msg)
    add_message(session, event, ticket, external_id=str(msg["id"]), author="system", body=content.body,
                type_=content.type, at=at, extra=content.extra, activity=False)
    session.flush()
    return AppliedEvent(ticket.id, None, None, None, detail)


def _apply_preference(session: Session, event: Event) -> AppliedEvent:
    pref: dict[str, Any] = event.payload.get("preference") or {}
    detail: dict[str, Any] = {"type": "whatsapp_preference", "category": pref.get("category")}
    contact = _contact(session, event, detail)
    category = str(pref.get("category") or "unknown")
    current = (contact.preferences or {}).get(category) or {}
    ts = int(pref.get("timestamp") or 0)
    if int(current.get("timestamp") or 0) <= ts:
        contact.preferences = {**(contact.preferences or {}), category: {
            "value": pref.get("value"), "detail": pref.get("detail"), "timestamp": ts}}
        detail["stored"] = True
    session.flush()
    return AppliedEvent(None, None, None, None, detail)


def _apply_status(session: Session, event: Event) -> AppliedEvent:
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
