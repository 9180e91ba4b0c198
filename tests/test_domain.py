"""apply_event: inbox events become contacts, tickets, messages, attribution, statuses (real PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.domain import AppliedEvent, NotReady, PoisonEvent, apply_event
from engine.inbox import accept_event
from engine.ingest.schemas import SOURCE_CRM, SOURCE_WHATSAPP, WA_MESSAGE, WA_STATUS
from engine.models import (
    Campaign,
    Contact,
    Event,
    EventStatus,
    EventType,
    Message,
    Organization,
    Role,
    Ticket,
    TicketStatus,
    User,
)
from engine.templates import install_template


def crm(session: Session, org: Organization, payload: dict[str, Any]) -> Event:
    event, _ = accept_event(session, organization_id=org.id, source=SOURCE_CRM, type=payload["type"],
                            external_id=payload["id"], payload=payload)
    return event


def msg_event(eid: str, *, ref: str = "T-1", author: str = "lead", text: str = "Oi", at: str = "2026-08-12T14:00:00-03:00",
              mid: str | None = None, **ticket: Any) -> dict[str, Any]:
    return {"id": eid, "type": "MESSAGE_RECEIVED" if author == "lead" else "MESSAGE_SENT", "occurred_at": at,
            "ticket": {"ref": ref, **ticket}, "contact": {"phone": "+55 11 99999-0000", "name": "Mariana"},
            "message": {"id": mid or f"{eid}:m", "from": author, "text": text}}


def wa(session: Session, org: Organization, message: dict[str, Any], name: str | None = "Ana") -> Event:
    payload = {"phone_number_id": "1", "contact": {"wa_id": message["from"], "name": name}, "message": message}
    event, _ = accept_event(session, organization_id=org.id, source=SOURCE_WHATSAPP, type=WA_MESSAGE,
                            external_id=message["id"], payload=payload)
    return event


def wa_status(session: Session, org: Organization, wamid: str, status: str, **extra: Any) -> AppliedEvent:
    payload = {"phone_number_id": "1", "status": {"id": wamid, "status": status, "timestamp": "1750857390", **extra}}
    event, _ = accept_event(session, organization_id=org.id, source=SOURCE_WHATSAPP, type=WA_STATUS,
                            external_id=f"{wamid}:{status}", payload=payload)
    return apply_event(session, event)


def count(session: Session, model: type, org: Organization) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.organization_id == org.id)) or 0


def other_org(session: Session) -> Organization:
    o = Organization(slug=f"org-{uuid.uuid4().hex[:8]}", name="Outra", events_secret="other")
    session.add(o)
    session.flush()
    return o


# ------------------------------------------------------------------------------ CRM events
def test_first_lead_message_opens_ticket_with_attribution_and_campaign(session: Session, org: Organization) -> None:
    camp = Campaign(organization_id=org.id, name="Agosto_Botox", external_id="120214870351690045")
    session.add_all([camp, User(organization_id=org.id, email="ana@x.com", name="Ana", role=Role.SELLER,
                                password_hash="x")])
    session.flush()
    ev = crm(session, org, msg_event("e1", seller="ana@x.com", value=1200, currency="BRL", attribution={
        "utm_source": "facebook", "ctwa_clid": "ARAkLk", "ad_id": "1202", "campaign_id": "120214870351690045",
        "fbclid": "extra-kept"}))
    applied = apply_event(session, ev)
    assert applied.trigger is EventType.NEW_MESSAGE_RECEIVED and applied.agent_id is None
    assert applied.message_at == datetime(2026, 8, 12, 17, 0, tzinfo=UTC)
    t = session.get(Ticket, applied.ticket_id)
    assert t is not None and t.external_ref == "T-1" and t.status is TicketStatus.OPEN
    assert (t.utm_source, t.ctwa_clid, t.ad_id, t.campaign_id) == ("facebook", "ARAkLk", "1202", camp.id)
    assert t.attribution_extra == {"fbclid": "extra-kept", "meta_campaign_id": "120214870351690045"}
    assert t.value == 1200 and t.seller_id is not None
    assert t.last_message_at == t.last_lead_message_at == applied.message_at
    contact = session.get(Contact, t.contact_id)
    assert contact is not None and contact.phone == "5511999990000" and contact.name == "Mariana"
    m = session.scalars(select(Message).where(Message.ticket_id == t.id)).one()
    assert (m.direction, m.author, m.body, m.external_id) == ("INBOUND", "lead", "Oi", "e1:m")


def test_campaign_resolved_by_utm_campaign_name(session: Session, org: Organization) -> None:
    camp = Campaign(organization_id=org.id, name="Harmonizacao")
    session.add(camp)
    session.flush()
    applied = apply_event(session, crm(session, org, msg_event("e1", attribution={"utm_campaign": "Harmonizacao"})))
    t = session.get(Ticket, applied.ticket_id)
    assert t is not None and t.campaign_id == camp.id


def test_apply_twice_changes_nothing(session: Session, org: Organization) -> None:
    ev = crm(session, org, msg_event("e1", attribution={"utm_source": "ig"}))
    first = apply_event(session, ev)
    counts = [count(session, m, org) for m in (Contact, Ticket, Message)]
    again = apply_event(session, ev)
    # Same answer (a retried job still runs its agents; runs are idempotent per event and agent).
    assert (again.ticket_id, again.trigger, again.message_at) == (first.ticket_id, first.trigger, first.message_at)
    assert [count(session, m, org) for m in (Contact, Ticket, Message)] == counts == [1, 1, 1]


def test_attribution_is_first_touch_only(session: Session, org: Organization) -> None:
    apply_event(session, crm(session, org, msg_event("e1", attribution={"ctwa_clid": "first", "ad_id": "1"})))
    applied = apply_event(session, crm(session, org, msg_event(
        "e2", at="2026-08-12T15:00:00-03:00", attribution={"ctwa_clid": "second", "ad_id": "2"})))
    t = session.get(Ticket, applied.ticket_id)
    assert t is not None and (t.ctwa_clid, t.ad_id) == ("first", "1")
    assert "attribution_set" not in applied.detail


def test_seller_message_updates_last_message_without_trigger(session: Session, org: Organization) -> None:
    lead = apply_event(session, crm(session, org, msg_event("e1")))
    seller = apply_event(session, crm(session, org, msg_event("e2", author="seller", at="2026-08-12T14:30:00-03:00")))
    assert seller.trigger is None and seller.ticket_id == lead.ticket_id
    t = session.get(Ticket, lead.ticket_id)
    assert t is not None and t.last_message_at == seller.message_at and t.last_lead_message_at == lead.message_at
    m = session.scalars(select(Message).where(Message.external_id == "e2:m")).one()
    assert (m.direction, m.author) == ("OUTBOUND", "seller")


def test_won_lost_moved(session: Session, org: Organization) -> None:
    apply_event(session, crm(session, org, msg_event("e1")))
    won_ev = crm(session, org, {"id": "w1", "type": "TICKET_WON", "occurred_at": "2026-08-12T18:00:00-03:00",
                                "ticket": {"ref": "T-1", "value": 1290}})
    won = apply_event(session, won_ev)
    assert won.trigger is EventType.TICKET_WON
    t = session.get(Ticket, won.ticket_id)
    assert t is not None and t.status is TicketStatus.WON and t.value == 1290 and t.closed_at is not None
    assert apply_event(session, won_ev).trigger is EventType.TICKET_WON  # same event again: same answer
    other = apply_event(session, crm(session, org, {"id": "w2", "type": "TICKET_WON",
                                                    "occurred_at": "2026-08-12T19:00:00-03:00", "ticket": {"ref": "T-1"}}))
    assert other.trigger is None and other.detail["already"] == "WON"  # a second "won" does not re-trigger
    moved = apply_event(session, crm(session, org, {"id": "mv", "type": "TICKET_MOVED", "occurred_at":
                                                    "2026-08-12T19:10:00-03:00",
                                                    "ticket": {"ref": "T-1", "status": "OPEN", "stage": "Retorno"}}))
    assert moved.trigger is None and moved.detail["reopened"] and t.status is TicketStatus.OPEN and t.closed_at is None
    lost = apply_event(session, crm(session, org, {"id": "l1", "type": "TICKET_LOST", "occurred_at":
                                                   "2026-08-12T20:00:00-03:00", "ticket": {"ref": "T-1"},
                                                   "reason": "achou caro"}))
    assert lost.trigger is EventType.TICKET_LOST and lost.detail["reason"] == "achou caro"
    assert t.status is TicketStatus.LOST


def test_assignment(session: Session, org: Organization) -> None:
    bruno = User(organization_id=org.id, email="bruno@x.com", name="Bruno", role=Role.SELLER, password_hash="x")
    session.add(bruno)
    session.flush()
    apply_event(session, crm(session, org, msg_event("e1")))
    done = apply_event(session, crm(session, org, {"id": "a1", "type": "TICKET_ASSIGNED", "occurred_at":
                                                   "2026-08-12T15:00:00-03:00", "ticket": {"ref": "T-1", "seller": "Bruno"}}))
    t = session.get(Ticket, done.ticket_id)
    assert done.trigger is None and t is not None and t.seller_id == bruno.id
    with pytest.raises(PoisonEvent, match="unknown seller 'Zé'"):
        apply_event(session, crm(session, org, {"id": "a2", "type": "TICKET_ASSIGNED", "occurred_at":
                                                "2026-08-12T15:00:00-03:00", "ticket": {"ref": "T-1", "seller": "Zé"}}))


def test_macro_button_resolves_agent_by_key_or_id(session: Session, org: Organization) -> None:
    spec = install_template(session, organization_id=org.id, key="capi_auditor")
    apply_event(session, crm(session, org, msg_event("e1")))

    def macro(eid: str, agent: str) -> AppliedEvent:
        return apply_event(session, crm(session, org, {"id": eid, "type": "MACRO_BUTTON_CLICKED", "occurred_at":
                                                       "2026-08-12T15:00:00-03:00", "ticket": {"ref": "T-1"},
                                                       "agent": agent}))

    by_key = macro("k1", "capi_auditor")
    assert by_key.trigger is EventType.MACRO_BUTTON_CLICKED and by_key.agent_id == spec.id
    assert macro("k2", str(spec.id)).agent_id == spec.id
    with pytest.raises(PoisonEvent, match="unknown agent 'qa_auditor'"):
        macro("k3", "qa_auditor")


def test_poison_and_not_ready_events(session: Session, org: Organization) -> None:
    # A missing ticket may still arrive (out-of-order delivery): NotReady, which the worker defers.
    with pytest.raises(NotReady, match="TICKET_WON: unknown ticket 'nope'"):
        apply_event(session, crm(session, org, {"id": "w", "type": "TICKET_WON",
                                                "occurred_at": "2026-08-12T18:00:00-03:00", "ticket": {"ref": "nope"}}))
    payload = msg_event("e1")
    del payload["contact"]
    with pytest.raises(NotReady, match="no contact.phone"):
        apply_event(session, crm(session, org, payload))
    with pytest.raises(PoisonEvent, match=r"invalid system event payload: occurred_at: .*\(\+1 more\)"):
        apply_event(session, crm(session, org, {"id": "bad", "type": "TICKET_WON", "occurred_at": "x"}))


def test_tenancy_same_ref_in_two_orgs(session: Session, org: Organization) -> None:
    b = other_org(session)
    a_applied = apply_event(session, crm(session, org, msg_event("e1", ref="T-1", value=100)))
    b_applied = apply_event(session, crm(session, b, msg_event("e1", ref="T-1", value=999)))
    assert a_applied.ticket_id != b_applied.ticket_id
    apply_event(session, crm(session, b, {"id": "w", "type": "TICKET_WON", "occurred_at": "2026-08-12T18:00:00-03:00",
                                          "ticket": {"ref": "T-1"}}))
    ta, tb = session.get(Ticket, a_applied.ticket_id), session.get(Ticket, b_applied.ticket_id)
    assert ta is not None and tb is not None
    assert (ta.status, ta.value, tb.status, tb.value) == (TicketStatus.OPEN, 100, TicketStatus.WON, 999)
    assert ta.contact_id != tb.contact_id  # same phone, one contact per organisation


# ------------------------------------------------------------------------------ WhatsApp
def test_whatsapp_message_types(session: Session, org: Organization) -> None:
    base = {"from": "5511988887777", "timestamp": "1750857384"}
    image = apply_event(session, wa(session, org, {**base, "id": "wamid.1", "type": "image",
                                                   "image": {"id": "media-1", "mime_type": "image/jpeg"}}))
    button = apply_event(session, wa(session, org, {**base, "id": "wamid.2", "type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": {"id": "yes", "title": "Quero agendar"}}}))
    reaction = apply_event(session, wa(session, org, {**base, "id": "wamid.3", "type": "reaction",
                                                      "reaction": {"message_id": "wamid.1", "emoji": "👍"}}))
    assert image.ticket_id == button.ticket_id == reaction.ticket_id
    assert image.trigger is EventType.NEW_MESSAGE_RECEIVED
    assert reaction.trigger is None  # a reaction is attached to its message, not a new lead message
    rows = {m.external_id: m for m in session.scalars(select(Message).where(Message.organization_id == org.id))}
    assert (rows["wamid.1"].type, rows["wamid.1"].body, rows["wamid.1"].extra["media"]["id"]) == ("image", "", "media-1")
    assert (rows["wamid.2"].type, rows["wamid.2"].body, rows["wamid.2"].extra["reply_id"]) == (
        "interactive", "Quero agendar", "yes")
    assert "wamid.3" not in rows and rows["wamid.1"].extra["reactions"] == {"lead": "👍"}


def test_whatsapp_opens_new_ticket_after_close_and_never_twice_per_wamid(session: Session, org: Organization) -> None:
    base = {"from": "5511988887777", "timestamp": "1750857384", "type": "text"}
    first_ev = wa(session, org, {**base, "id": "wamid.A", "text": {"body": "oi"}})
    first = apply_event(session, first_ev)
    t = session.get(Ticket, first.ticket_id)
    assert t is not None
    t.status = TicketStatus.WON
    session.flush()
    again = apply_event(session, first_ev)  # retried job: same ticket, no new one
    assert (again.ticket_id, again.trigger) == (first.ticket_id, EventType.NEW_MESSAGE_RECEIVED)
    second = apply_event(session, wa(session, org, {**base, "id": "wamid.B", "text": {"body": "voltei"}}))
    assert second.ticket_id != first.ticket_id and second.detail["ticket_created"]
    assert count(session, Ticket, org) == 2 and count(session, Contact, org) == 1
    # The same wamid reported by the CRM too: stored once, and only the first event triggers agents.
    dup_event = crm(session, org, msg_event("crm-1", mid="wamid.B", ref="T-9"))
    dup = apply_event(session, dup_event)
    assert dup.trigger is None and dup.detail["duplicate_message"] == "wamid.B"
    assert dup_event.status is EventStatus.IGNORED


def test_referral_attribution_only_first_time(session: Session, org: Organization) -> None:
    base = {"from": "5511988887777", "timestamp": "1750857384", "type": "text", "text": {"body": "oi"}}
    first = apply_event(session, wa(session, org, {**base, "id": "wamid.1", "referral": {
        "source_id": "ad-1", "ctwa_clid": "clid-1", "headline": "H1", "source_url": "https://fb.me/1"}}))
    apply_event(session, wa(session, org, {**base, "id": "wamid.2", "referral": {
        "source_id": "ad-2", "ctwa_clid": "clid-2", "headline": "H2"}}))
    t = session.get(Ticket, first.ticket_id)
    assert t is not None and (t.ctwa_clid, t.ad_id) == ("clid-1", "ad-1")
    assert t.attribution_extra == {"headline": "H1", "source_url": "https://fb.me/1",
                                   "clicked_at": "2025-06-25T13:16:24+00:00"}  # the ad click: first referral


def _outbound(session: Session, org: Organization, wamid: str) -> Message:
    apply_event(session, crm(session, org, msg_event(f"s-{wamid}", author="seller", mid=wamid)))
    return session.scalars(select(Message).where(Message.external_id == wamid)).one()


def test_statuses_only_move_forward(session: Session, org: Organization) -> None:
    m = _outbound(session, org, "wamid.out1")
    assert wa_status(session, org, "wamid.out1", "sent").detail["moved"]
    assert wa_status(session, org, "wamid.out1", "read").detail["moved"]
    late = wa_status(session, org, "wamid.out1", "delivered")
    assert not late.detail["moved"] and m.delivery_status == "read" and late.ticket_id == m.ticket_id
    assert not wa_status(session, org, "wamid.out1", "failed").detail["moved"]  # read cannot fail
    assert m.delivery_status == "read" and m.delivery_error is None


def test_failed_status_stored_and_final(session: Session, org: Organization) -> None:
    m = _outbound(session, org, "wamid.out2")
    wa_status(session, org, "wamid.out2", "sent")
    errors = [{"code": 131047, "title": "Re-engagement message"}]
    assert wa_status(session, org, "wamid.out2", "failed", errors=errors).detail["moved"]
    assert wa_status(session, org, "wamid.out2", "delivered").detail["moved"] is False
    assert m.delivery_status == "failed" and m.delivery_error is not None
    assert m.delivery_error["errors"] == errors


def test_status_of_unknown_or_inbound_message_is_noop(session: Session, org: Organization) -> None:
    assert wa_status(session, org, "wamid.nobody", "read").detail["unknown_message"]
    ignored = session.scalars(select(Event).where(Event.external_id == "wamid.nobody:read")).one()
    assert ignored.status is EventStatus.IGNORED  # valid, but nothing of ours to update
    b = other_org(session)
    _outbound(session, b, "wamid.b")  # another organisation's message with that wamid
    assert wa_status(session, org, "wamid.b", "read").detail["unknown_message"]
    assert session.scalars(select(Message).where(Message.external_id == "wamid.b")).one().delivery_status is None


# ------------------------------------------------------------------------------ phones from the CRM
def test_crm_national_phone_gets_the_org_country_and_invalid_is_refused(session: Session, org: Organization) -> None:
    ev = crm(session, org, {**msg_event("ph1", ref="T-ph"), "contact": {"phone": "(11) 98765-4321", "name": "Bia"}})
    applied = apply_event(session, ev)
    t = session.get(Ticket, applied.ticket_id)
    assert t is not None
    contact = session.get(Contact, t.contact_id)
    assert contact is not None and contact.phone == "5511987654321"
    bad = crm(session, org, {**msg_event("ph2", ref="T-ph2"), "contact": {"phone": "(11) 88765-4321"}})
    with pytest.raises(PoisonEvent, match="contact.phone: telefone brasileiro inválido"):
        apply_event(session, bad)
