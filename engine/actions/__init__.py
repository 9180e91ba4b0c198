"""Closed loop: applied insights act on Meta Ads (Conversions API events, retargeting audience).

Public hooks (all run in the caller's transaction: they flush, never commit, and return the ids of
new PENDING ``action_log`` rows for the caller to enqueue AFTER commit with
``engine.jobs.enqueue_action``):

- ``on_insight_applied(session, *, organization_id, insight_id)`` — a person applied an insight.
- ``auto_apply(session, *, organization_id, insight_id)`` — a fresh insight; applies it when the
  binding's auto-apply policy holds (``actioned_by`` NULL, the run's detail says the policy did it).
- ``on_lead_returned(session, *, organization_id, ticket_id)`` — the lead wrote again or the ticket
  was WON: take them out of the retargeting audience.

Never twice: every action row has a dedupe key unique per organisation and is inserted with
``ON CONFLICT DO NOTHING``; an existing row means "already sent or in flight".

icp_mapper traits (``capi_custom_data``): when the ticket's Purchase is not sent yet, the traits row
waits and the Purchase carries them in ``custom_data`` when it goes; when the Purchase was already
sent, the traits row is recorded as SKIPPED ("chegaram tarde"). We do not send a second Purchase:
Meta keeps the first event with the same event_id (so the traits would be dropped anyway) and a new
event_id would count the sale twice.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.actions import meta_rules
from engine.actions.audience import phone_hashes
from engine.actions.binding import (
    ActionBinding,
    Corroboration,
    auto_apply_policy,
    binding_for,
    seller_confirms_payment,
)
from engine.actions.capi import check_window, dedupe_key_for
from engine.actions.evidence import NO_EVIDENCE_REASON, cited_message_time
from engine.errors import NotFound
from engine.models import (
    ActionLog,
    ActionLogStatus,
    ActionStatus,
    AiAgent,
    AiInsight,
    AiRun,
    Contact,
    Message,
    Organization,
    Ticket,
    TicketStatus,
)
from engine.org_settings import OrgSettings

__all__ = ["on_insight_applied", "auto_apply", "on_lead_returned", "agent_binding"]

AUDIENCE_KINDS = ("audience_add", "audience_remove")
LATE_TRAITS = ("traços chegaram depois da Purchase já enviada: não reenviamos (a Meta mantém o primeiro "
               "evento com o mesmo event_id e um novo id contaria a venda duas vezes)")


def agent_binding(agent: AiAgent) -> ActionBinding | None:
    """The agent's effective binding (its own, else its template's default)."""
    return binding_for(agent.action_binding, agent.template_key)


def _insert(session: Session, *, organization_id: uuid.UUID, kind: str, dedupe_key: str, request: dict[str, Any],
            insight_id: uuid.UUID | None, ticket_id: uuid.UUID | None,
            status: ActionLogStatus = ActionLogStatus.PENDING, error: str | None = None) -> uuid.UUID | None:
    """Insert an action row unless its dedupe key exists; returns the new id or None."""
    stmt = insert(ActionLog).values(
        id=uuid.uuid4(), organization_id=organization_id, kind=kind, dedupe_key=dedupe_key, request=request,
        insight_id=insight_id, ticket_id=ticket_id, status=status, error=error,
    ).on_conflict_do_nothing(index_elements=["organization_id", "dedupe_key"]).returning(ActionLog.id)
    new_id: uuid.UUID | None = session.execute(stmt).scalar_one_or_none()
    return new_id if status is ActionLogStatus.PENDING else None


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() and d > 0 else None


def _custom_fields(payload: dict[str, Any], names: list[str]) -> dict[str, Any]:
    return {n: payload[n] for n in names if payload.get(n) not in (None, "", [], "UNKNOWN")}


def _lock_lead(session: Session, organization_id: uuid.UUID, key: str) -> None:
    # Serialises audience decisions per lead (absent rows cannot be locked with FOR UPDATE).
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"{organization_id}:{key}"})


def _latest_audience_row(session: Session, organization_id: uuid.UUID, hash_: str) -> ActionLog | None:
    return session.scalar(
        select(ActionLog).where(ActionLog.organization_id == organization_id, ActionLog.kind.in_(AUDIENCE_KINDS),
                                ActionLog.request["hash"].astext == hash_)
        .order_by(ActionLog.created_at.desc(), ActionLog.id.desc()).limit(1).with_for_update())


def _capi(session: Session, insight: AiInsight, ticket: Ticket, binding: ActionBinding,
          applied_by: str) -> list[uuid.UUID]:
    payload = insight.payload or {}
    event_name = binding.event_name or "Purchase"
    found = _decimal(payload.get(binding.mapping.value)) if binding.mapping.value else None
    value = found or _decimal(ticket.value)
    org = session.get(Organization, insight.organization_id)
    automatic = meta_rules.automatic_events_refusal(OrgSettings.load(org.settings if org else None), event_name)
    if automatic:
        # Meta detects this Purchase itself; a value the auditor found that differs from the ticket's
        # is still flagged for a person to review (nothing is sent).
        review = meta_rules.value_correction(found, _decimal(ticket.value))
        _insert(session, organization_id=insight.organization_id, kind="capi_event", dedupe_key=f"skip:{insight.id}",
                request={"event_name": event_name, "insight_id": str(insight.id), "value_review": review},
                insight_id=insight.id, ticket_id=ticket.id, status=ActionLogStatus.SKIPPED,
                error=automatic + (f". Revisar: {review['note']}" if review else ""))
        return []
    currency = str(payload.get(binding.mapping.currency) or "") if binding.mapping.currency else ""
    currency = (currency or ticket.currency or "BRL").upper()
    if event_name == "Purchase" and value is None:
        _insert(session, organization_id=insight.organization_id, kind="capi_event", dedupe_key=f"skip:{insight.id}",
                request={"event_name": event_name, "insight_id": str(insight.id)}, insight_id=insight.id,
                ticket_id=ticket.id, status=ActionLogStatus.SKIPPED,
                error="Purchase sem valor: nem o insight nem o ticket informam o valor da venda")
        return []
    # event_time: when the evidence message was sent, not when the insight noticed it (actions.evidence).
    event_time = cited_message_time(session, insight)
    request = {"event_name": event_name, "insight_id": str(insight.id), "applied_by": applied_by,
               "event_time": event_time.isoformat() if event_time else None, "value": str(value) if value else None,
               "currency": currency, "custom": _custom_fields(payload, binding.mapping.traits)}
    refused = NO_EVIDENCE_REASON if event_time is None else check_window(event_time, datetime.now(UTC))
    if refused is not None:  # refused here, with the reason the console shows; never queued for Meta
        _insert(session, organization_id=insight.organization_id, kind="capi_event", dedupe_key=f"skip:{insight.id}",
                request=request, insight_id=insight.id, ticket_id=ticket.id, status=ActionLogStatus.SKIPPED,
                error=refused)
        return []
    new_id = _insert(session, organization_id=insight.organization_id, kind="capi_event",
                     dedupe_key=dedupe_key_for(ticket.id, event_name), request=request, insight_id=insight.id,
                     ticket_id=ticket.id)
    return [new_id] if new_id else []


def _traits(session: Session, insight: AiInsight, ticket: Ticket, binding: ActionBinding,
            applied_by: str) -> list[uuid.UUID]:
    event_name = binding.event_name or "Purchase"
    purchase = session.scalar(select(ActionLog).where(
        ActionLog.organization_id == insight.organization_id,
        ActionLog.dedupe_key == dedupe_key_for(ticket.id, event_name)))
    request = {"event_name": event_name, "insight_id": str(insight.id), "applied_by": applied_by,
               "custom": _custom_fields(insight.payload or {}, binding.mapping.traits)}
    late = purchase is not None and purchase.status is ActionLogStatus.SENT
    new_id = _insert(session, organization_id=insight.organization_id, kind="capi_custom_data",
                     dedupe_key=f"capi_traits:{insight.id}", request=request, insight_id=insight.id,
                     ticket_id=ticket.id, status=ActionLogStatus.SKIPPED if late else ActionLogStatus.PENDING,
                     error=LATE_TRAITS if late else None)
    return [new_id] if new_id else []


def _audience_add(session: Session, insight: AiInsight, ticket: Ticket, applied_by: str) -> list[uuid.UUID]:
    contact = session.get(Contact, ticket.contact_id)
    if contact is None or contact.organization_id != insight.organization_id:
        return []
    try:
        if not contact.phone:
            raise ValueError("contato sem telefone (conhecido só pelo user_id do WhatsApp): "
                             "a audiência por telefone não o alcança")
        forms = phone_hashes(contact.phone)
    except ValueError as err:
        _insert(session, organization_id=insight.organization_id, kind="audience_add",
                dedupe_key=f"skip:{insight.id}", request={"insight_id": str(insight.id)}, insight_id=insight.id,
                ticket_id=ticket.id, status=ActionLogStatus.SKIPPED, error=str(err))
        return []
    h = forms[0]
    _lock_lead(session, insight.organization_id, h)
    latest = _latest_audience_row(session, insight.organization_id, h)
    if latest is not None and latest.kind == "audience_add" and latest.status in (
            ActionLogStatus.PENDING, ActionLogStatus.SENT):
        return []  # already in the audience (or about to be): deduplicated
    if latest is not None and latest.kind == "audience_remove" and latest.status is ActionLogStatus.PENDING:
        latest.status = ActionLogStatus.SKIPPED
        latest.error = "lead esfriou de novo antes da remoção: continua na audiência"
        return []
    new_id = _insert(session, organization_id=insight.organization_id, kind="audience_add",
                     dedupe_key=f"aud:add:{insight.id}", request={"hash": h, "hashes": forms, "insight_id": str(insight.id),
                                                                 "applied_by": applied_by},
                     insight_id=insight.id, ticket_id=ticket.id)
    return [new_id] if new_id else []


def _act(session: Session, insight: AiInsight, applied_by: str) -> list[uuid.UUID]:
    agent = session.scalar(select(AiAgent).where(AiAgent.id == insight.agent_id,
                                                 AiAgent.organization_id == insight.organization_id))
    binding = agent_binding(agent) if agent is not None else None
    if binding is None or insight.ticket_id is None:
        return []  # no binding, or an organisation-level insight (no lead to act on)
    ticket = session.scalar(select(Ticket).where(Ticket.id == insight.ticket_id,
                                                 Ticket.organization_id == insight.organization_id))
    if ticket is None:
        return []
    if not binding.allows(insight.payload or {}):
        _insert(session, organization_id=insight.organization_id, kind=binding.kind, dedupe_key=f"skip:{insight.id}",
                request={"insight_id": str(insight.id), "condition": binding.condition}, insight_id=insight.id,
                ticket_id=ticket.id, status=ActionLogStatus.SKIPPED,
                error=f"condição da ação não atendida: {binding.condition}")
        return []
    if binding.kind == "capi_event":
        return _capi(session, insight, ticket, binding, applied_by)
    if binding.kind == "capi_custom_data":
        return _traits(session, insight, ticket, binding, applied_by)
    return _audience_add(session, insight, ticket, applied_by)


def _load_insight(session: Session, organization_id: uuid.UUID, insight_id: uuid.UUID) -> AiInsight:
    insight = session.scalar(select(AiInsight).where(AiInsight.id == insight_id,
                                                     AiInsight.organization_id == organization_id)
                             .with_for_update())
    if insight is None:
        raise NotFound(f"insight {insight_id} não encontrado nesta organização")
    return insight


def on_insight_applied(session: Session, *, organization_id: uuid.UUID, insight_id: uuid.UUID) -> list[uuid.UUID]:
    """A person applied the insight: create its PENDING action rows; returns their ids to enqueue."""
    insight = _load_insight(session, organization_id, insight_id)
    if insight.action_status is not ActionStatus.APPLIED:
        return []
    who = f"user:{insight.actioned_by}" if insight.actioned_by else "policy"
    ids = _act(session, insight, who)
    session.flush()
    return ids


def purchase_corroboration(session: Session, organization_id: uuid.UUID, ticket_id: uuid.UUID) -> Corroboration:
    """What the ticket holds that backs a purchase (``engine.actions.binding.Corroboration``)."""
    status = session.scalar(select(Ticket.status).where(Ticket.id == ticket_id, Ticket.organization_id == organization_id))
    rows = session.execute(select(Message.author, Message.type, Message.body).where(
        Message.organization_id == organization_id, Message.ticket_id == ticket_id)).all()
    return Corroboration(
        receipt_media=any(a == "lead" and t in ("image", "document") for a, t, _ in rows),
        seller_confirmed=any(a in ("seller", "bot") and seller_confirms_payment(b or "") for a, _, b in rows),
        ticket_won=status is TicketStatus.WON,
    )


def auto_apply(session: Session, *, organization_id: uuid.UUID, insight_id: uuid.UUID) -> list[uuid.UUID]:
    """Apply a fresh insight when its binding's auto-apply policy holds; returns action ids to enqueue."""
    insight = _load_insight(session, organization_id, insight_id)
    if insight.action_status is not ActionStatus.SUGGESTION or insight.ticket_id is None:
        return []
    agent = session.scalar(select(AiAgent).where(AiAgent.id == insight.agent_id,
                                                 AiAgent.organization_id == organization_id))
    binding = agent_binding(agent) if agent is not None else None
    org = session.get(Organization, organization_id)
    if binding is None or org is None:
        return []
    condition = auto_apply_policy(binding, OrgSettings.load(org.settings), insight.payload or {},
                                  corroboration=purchase_corroboration(session, organization_id, insight.ticket_id))
    if condition is None:
        return []
    insight.action_status = ActionStatus.APPLIED
    insight.actioned_by = None
    insight.actioned_at = datetime.now(UTC)
    run = session.get(AiRun, insight.run_id)
    if run is not None:
        run.detail = {**(run.detail or {}), "auto_applied": {
            "by": "policy", "condition": condition or "sempre", "at": insight.actioned_at.isoformat()}}
    ids = _act(session, insight, f"policy:{condition or 'sempre'}")
    session.flush()
    return ids


def on_lead_returned(session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID) -> list[uuid.UUID]:
    """The lead came back (new inbound message or WON): remove them from the audience if they are in it."""
    row = session.execute(
        select(Contact.phone).join(Ticket, Ticket.contact_id == Contact.id)
        .where(Ticket.id == ticket_id, Ticket.organization_id == organization_id,
               Contact.organization_id == organization_id)).first()
    if row is None or not row.phone:
        return []
    try:
        forms = phone_hashes(row.phone)
    except ValueError:
        return []
    h = forms[0]
    _lock_lead(session, organization_id, h)
    latest = _latest_audience_row(session, organization_id, h)
    if latest is None or latest.kind != "audience_add":
        return []
    if latest.status is ActionLogStatus.PENDING:
        latest.status = ActionLogStatus.SKIPPED
        latest.error = "o lead voltou antes do envio: não entrou na audiência"
        session.flush()
        return []
    if latest.status is not ActionLogStatus.SENT:
        return []
    new_id = _insert(session, organization_id=organization_id, kind="audience_remove",
                     dedupe_key=f"aud:remove:{latest.id}", request={"hash": h, "hashes": forms, "add_action_id": str(latest.id)},
                     insight_id=latest.insight_id, ticket_id=ticket_id)
    session.flush()
    return [new_id] if new_id else []
