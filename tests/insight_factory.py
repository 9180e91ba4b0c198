"""Test data for the console, feed and analytics tests: a small organisation with users, the six
templates, campaigns with spend, tickets with transcripts, runs and insights with realistic payloads
(TEMPLATES.md fields). Everything flushes in the caller's session; nothing commits."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from engine.agents import AgentSpec
from engine.models import (
    ActionStatus,
    AiInsight,
    AiRun,
    Campaign,
    CampaignSpend,
    Contact,
    Message,
    Organization,
    Role,
    RunStatus,
    Ticket,
    TicketStatus,
    User,
)
from engine.templates import TEMPLATE_KEYS, install_template

_seq = itertools.count(1)
BASE_TIME = datetime(2026, 8, 12, 15, 0, tzinfo=UTC)  # 12:00 in São Paulo
DAY = BASE_TIME.date()


def payload_for(key: str, **over: Any) -> dict[str, Any]:
    """A valid payload of each built-in template (summary and confidence included)."""
    base: dict[str, dict[str, Any]] = {
        "traffic_feedback": {"lossReason": "PRICE", "leadQualified": False, "campaignMismatch": True,
                             "evidence": "achei caro demais", "summary": "Este lead reclamou de preço",
                             "confidence": 0.82},
        "closing_coach": {"hesitationDetected": True, "concern": "RECOVERY_TIME",
                          "tip": "Fale do laser que reduz o inchaço e ofereça retorno grátis.",
                          "suggestedReply": "Mariana, a recuperação é rápida!",
                          "summary": "Dica: fale do tempo de recuperação", "confidence": 0.74},
        "icp_mapper": {"persona": "Mãe de primeira viagem", "lifeStage": "NEW_PARENT", "decisionDriver": "SAFETY",
                       "traits": ["cautelosa"], "ageRange": "25_34", "summary": "Mãe de primeira viagem",
                       "confidence": 0.66},
        "ghosting_sentinel": {"ghostingRisk": 72, "lastLeadIntent": "ia pensar", "rescueMessage": "Oi! Ainda posso "
                              "te ajudar?", "addToRetargeting": True, "summary": "Risco alto de sumir",
                              "confidence": 0.7},
        "capi_auditor": {"purchaseConfirmed": True, "purchaseValue": 1200, "currency": "BRL",
                         "evidence": "paguei o pix", "alreadyRegistered": False,
                         "summary": "Compra confirmada no chat", "confidence": 0.9},
        "qa_auditor": {"slaMet": True, "firstResponseMinutes": 6, "empathyScore": 8,
                       "persuasionTriggers": ["URGENCY"], "overallScore": 80, "improvementTip": "Use prova social.",
                       "summary": "Atendimento bom, faltou prova social", "confidence": 0.8},
    }
    return {**base[key], **over}


@dataclass
class World:
    org: Organization
    director: User
    coordinator: User
    traffic: User
    sellers: list[User]
    agents: dict[str, AgentSpec]
    campaigns: dict[str, Campaign]
    tickets: list[Ticket] = field(default_factory=list)


def make_user(session: Session, org: Organization, name: str, role: Role) -> User:
    u = User(organization_id=org.id, email=f"{name.lower().replace(' ', '.')}.{next(_seq)}.{uuid.uuid4().hex[:6]}@t.br",
             name=name, role=role, password_hash="x")
    session.add(u)
    session.flush()
    return u


def make_world(session: Session, org: Organization | None = None, *, spend_days: int = 3) -> World:
    """An organisation with a director, a coordinator, traffic, two sellers, six agents, two campaigns."""
    if org is None:
        org = Organization(slug=f"org-{uuid.uuid4().hex[:8]}", name="Clínica", events_secret="s")
        session.add(org)
        session.flush()
    agents = {k: install_template(session, organization_id=org.id, key=k) for k in TEMPLATE_KEYS}
    campaigns = {}
    for name, daily in (("Agosto_Botox", "500.00"), ("Laser_Promo", "200.00")):
        c = Campaign(organization_id=org.id, name=name, external_id=str(next(_seq)))
        session.add(c)
        session.flush()
        for d in range(spend_days):
            session.add(CampaignSpend(organization_id=org.id, campaign_id=c.id, day=DAY - timedelta(days=d),
                                      spend=Decimal(daily)))
        campaigns[name] = c
    world = World(org=org, director=make_user(session, org, "Helena", Role.DIRECTOR),
                  coordinator=make_user(session, org, "Paula", Role.COORDINATOR),
                  traffic=make_user(session, org, "Rafael", Role.TRAFFIC_MANAGER),
                  sellers=[make_user(session, org, "Ana", Role.SELLER), make_user(session, org, "Bruno", Role.SELLER)],
                  agents=agents, campaigns=campaigns)
    session.flush()
    return world


def add_ticket(session: Session, world: World, *, seller: User | None = None, status: TicketStatus = TicketStatus.OPEN,
               campaign: str | None = "Agosto_Botox", contact: str = "Mariana", at: datetime = BASE_TIME,
               messages: list[tuple[str, str]] | None = None) -> Ticket:
    """A ticket with a short transcript (author, text) ending at ``at``."""
    org = world.org
    c = Contact(organization_id=org.id, name=contact, phone=f"55119{next(_seq):08d}")
    session.add(c)
    session.flush()
    msgs = messages or [("lead", "Oi, quanto custa o botox?"), ("seller", "Oi! Custa R$ 1.200."),
                        ("lead", "Nossa, achei caro demais.")]
    camp = world.campaigns.get(campaign) if campaign else None
    t = Ticket(organization_id=org.id, contact_id=c.id, seller_id=seller.id if seller else None,
               external_ref=f"t-{next(_seq)}", status=status, value=Decimal("1200"),
               utm_source="facebook", utm_campaign=campaign, campaign_id=camp.id if camp else None,
               opened_at=at - timedelta(minutes=10 * len(msgs)), last_message_at=at,
               closed_at=at if status is not TicketStatus.OPEN else None)
    session.add(t)
    session.flush()
    for i, (author, body) in enumerate(msgs):
        session.add(Message(organization_id=org.id, ticket_id=t.id, direction="INBOUND" if author == "lead"
                            else "OUTBOUND", author=author, body=body, external_id=f"{t.external_ref}:{i}",
                            sent_at=t.opened_at + timedelta(minutes=10 * (i + 1))))
    session.flush()
    world.tickets.append(t)
    return t


def add_run(session: Session, world: World, key: str, *, ticket: Ticket | None, status: RunStatus = RunStatus.SUCCEEDED,
            at: datetime = BASE_TIME, latency_ms: int = 120, tokens: tuple[int, int] = (300, 60),
            cost: str = "0.000100", engine: str = "offline") -> AiRun:
    agent = world.agents[key]
    assert agent.id is not None
    cheap = status is RunStatus.THROTTLED
    r = AiRun(organization_id=world.org.id, agent_id=agent.id, ticket_id=ticket.id if ticket else None,
              status=status, engine=None if cheap else engine, model=None if cheap else "offline",
              prompt_tokens=0 if cheap else tokens[0], completion_tokens=0 if cheap else tokens[1],
              cost_usd=Decimal("0") if cheap else Decimal(cost), latency_ms=None if cheap else latency_ms,
              error="timeout" if status is RunStatus.FAILED else None, created_at=at)
    session.add(r)
    session.flush()
    return r


def add_insight(session: Session, world: World, key: str, *, ticket: Ticket | None, at: datetime = BASE_TIME,
                engine: str = "offline", status: ActionStatus = ActionStatus.SUGGESTION,
                **payload_over: Any) -> AiInsight:
    """A SUCCEEDED run and its insight, as the runner records them."""
    agent = world.agents[key]
    assert agent.id is not None
    run = add_run(session, world, key, ticket=ticket, at=at, engine=engine)
    payload = payload_for(key, **payload_over)
    i = AiInsight(organization_id=world.org.id, ticket_id=ticket.id if ticket else None, agent_id=agent.id,
                  run_id=run.id, payload=payload, summary=payload["summary"], confidence=payload["confidence"],
                  engine=engine, delivery=agent.delivery, action_status=status, created_at=at)
    session.add(i)
    session.flush()
    return i


def day(offset: int = 0) -> date:
    return DAY + timedelta(days=offset)
