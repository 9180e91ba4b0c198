"""Shared helpers for the closed-loop tests: an organisation with Meta settings, tickets, insights,
and a Graph API stand-in wired into settings."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from graph_stub import GraphStub
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.models import (
    ActionLog,
    ActionStatus,
    AiAgent,
    AiInsight,
    AiRun,
    Contact,
    Message,
    Organization,
    RunStatus,
    Ticket,
    TicketStatus,
)
from engine.templates import install_template

WABA = "102290129340398"
DATASET = "1234567890"
AUDIENCE = "23851234567890"
TOKEN = "EAAtesttoken"
CLID = "Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4"
_seq = itertools.count(1)


def running_graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    """The Graph stand-in, with settings pointing at it (test modules wrap this in a ``graph`` fixture)."""
    from engine.config import get_settings

    stub = GraphStub().start()
    monkeypatch.setenv("META_GRAPH_BASE_URL", stub.url)
    monkeypatch.setenv("META_SANDBOX", "0")
    get_settings.cache_clear()
    yield stub
    stub.stop()
    get_settings.cache_clear()


def meta_settings(**over: Any) -> dict[str, Any]:
    base = {"dataset_id": DATASET, "access_token": TOKEN, "waba_id": WABA, "audience_id": AUDIENCE,
            "test_event_code": "TEST12345"}
    return {**base, **over}


def make_org(session: Session, *, meta: dict[str, Any] | None = None, keys: tuple[str, ...] = (),
             **settings: Any) -> Organization:
    org = Organization(slug=f"loop-{uuid.uuid4().hex[:8]}", name="Clínica Loop", events_secret="s",
                       settings={"meta": meta if meta is not None else meta_settings(), **settings})
    session.add(org)
    session.flush()
    for key in keys:
        install_template(session, organization_id=org.id, key=key)
    return org


def make_ticket(session: Session, org: Organization, *, phone: str = "+55 (11) 99999-0000",
                ctwa_clid: str | None = CLID, value: Decimal | None = Decimal("450.50"),
                status: TicketStatus = TicketStatus.OPEN, campaign_id: uuid.UUID | None = None,
                closed_at: datetime | None = None, opened_at: datetime | None = None) -> Ticket:
    digits = "".join(c for c in phone if c.isdigit())
    contact = session.scalar(select(Contact).where(Contact.organization_id == org.id, Contact.phone == digits))
    if contact is None:
        contact = Contact(organization_id=org.id, name="Ana", phone=digits)
        session.add(contact)
        session.flush()
    t = Ticket(organization_id=org.id, contact_id=contact.id, status=status, value=value, currency="BRL",
               ctwa_clid=ctwa_clid, external_ref=f"t-{next(_seq)}-{uuid.uuid4().hex[:6]}", campaign_id=campaign_id,
               closed_at=closed_at, opened_at=opened_at or datetime.now(UTC))
    session.add(t)
    session.flush()
    return t


def agent_id(session: Session, org: Organization, key: str) -> uuid.UUID:
    aid = session.scalar(select(AiAgent.id).where(AiAgent.organization_id == org.id, AiAgent.template_key == key))
    assert aid is not None, key
    return aid


def evidence_message(session: Session, org: Organization, ticket: Ticket, text: str, at: datetime) -> Message:
    """A lead message on ``ticket`` (what an insight cites as its evidence)."""
    m = Message(organization_id=org.id, ticket_id=ticket.id, direction="INBOUND", author="lead", body=text,
                sent_at=at)
    session.add(m)
    session.flush()
    return m


def make_insight(session: Session, org: Organization, key: str, ticket: Ticket | None, payload: dict[str, Any], *,
                 created_at: datetime | None = None, applied: bool = False,
                 evidence_at: datetime | None = None) -> AiInsight:
    """An insight as the worker records it. On a ticket, without explicit citations, it cites a lead
    message written at ``evidence_at`` (default: ``created_at``, else now)."""
    if ticket is not None and "citations" not in payload:
        text = str(payload.get("evidence") or payload.get("lastLeadIntent") or "paguei o pix")
        m = evidence_message(session, org, ticket, text, evidence_at or created_at or datetime.now(UTC))
        payload = {**payload, "citations": [{"message_id": str(m.id), "quote": text}]}
    aid = agent_id(session, org, key)
    run = AiRun(organization_id=org.id, agent_id=aid, ticket_id=ticket.id if ticket else None,
                status=RunStatus.SUCCEEDED, engine="offline", model="offline")
    session.add(run)
    session.flush()
    from engine.models import Delivery

    ins = AiInsight(organization_id=org.id, ticket_id=ticket.id if ticket else None, agent_id=aid, run_id=run.id,
                    payload=payload, summary=str(payload.get("summary", "x")), confidence=payload.get("confidence"),
                    engine="offline", delivery=Delivery.DIRECTOR,
                    action_status=ActionStatus.APPLIED if applied else ActionStatus.SUGGESTION,
                    actioned_at=datetime.now(UTC) if applied else None)
    if created_at is not None:
        ins.created_at = created_at
    session.add(ins)
    session.flush()
    return ins


def apply(session: Session, insight: AiInsight) -> list[uuid.UUID]:
    """What the console does: set APPLIED, then call the hook in the same transaction."""
    from engine.actions import on_insight_applied

    insight.action_status = ActionStatus.APPLIED
    insight.actioned_at = datetime.now(UTC)
    session.flush()
    return on_insight_applied(session, organization_id=insight.organization_id, insight_id=insight.id)


def rows(session: Session, org_id: uuid.UUID) -> list[ActionLog]:
    return list(session.scalars(select(ActionLog).where(ActionLog.organization_id == org_id)
                                .order_by(ActionLog.created_at)))


AUDITOR = {"purchaseConfirmed": True, "purchaseValue": 450.5, "currency": "BRL", "evidence": "paguei o pix",
           "alreadyRegistered": False, "summary": "Compra confirmada", "confidence": 0.93}
GHOST = {"ghostingRisk": 85, "lastLeadIntent": "vou pensar", "rescueMessage": "Oi!", "addToRetargeting": True,
         "summary": "Vai sumir", "confidence": 0.8}
ICP = {"persona": "Mãe de primeira viagem", "lifeStage": "NEW_PARENT", "decisionDriver": "SAFETY",
       "traits": ["cautelosa", "pesquisa muito"], "ageRange": "25_34", "summary": "Mãe", "confidence": 0.7}
