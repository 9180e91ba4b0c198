"""One live card per agent and ticket: a materially equal run refreshes the card, a real change
supersedes it (never deleted); a Purchase already sent for the ticket is not detected again."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import insights
from engine.actions.capi import dedupe_key_for
from engine.agents import AgentSpec
from engine.conversation import load_conversation
from engine.insight_cards import materially_same
from engine.models import ActionLog, ActionLogStatus, AiInsight, AiRun, EventType, Message
from engine.pipeline import RunRequest, skip_reason
from engine.realtime import message_for
from engine.runner import load_ticket_context, run_and_record
from engine.seed import DATA_DIR, import_conversation, seed_demo
from engine.templates import TEMPLATES, install_template

CAPI = TEMPLATES["capi_auditor"].fields


def test_material_equality_rules() -> None:
    base = {"purchaseConfirmed": True, "purchaseValue": 1290.0, "currency": "BRL", "evidence": "pix feito",
            "alreadyRegistered": False, "summary": "Pagamento confirmado de R$ 1.290",
            "citations": [{"message_id": "m1", "quote": "pix feito"}]}
    assert materially_same(base, {**base, "summary": "outra redação", "evidence": "outra"}, CAPI)
    assert materially_same(base, {**base, "purchaseValue": 1290.9}, CAPI)  # within R$ 1
    assert not materially_same(base, {**base, "purchaseValue": 1292.0}, CAPI)
    assert not materially_same(base, {**base, "alreadyRegistered": True}, CAPI)
    assert not materially_same(base, {**base, "citations": [{"message_id": "m2", "quote": "x"}]}, CAPI)
    assert materially_same(base, {**base, "citations": [{"message_id": "m1", "quote": "feito"}]}, CAPI)


def _setup(session: Session, key: str, conv: str) -> tuple[uuid.UUID, uuid.UUID, AgentSpec]:
    org = seed_demo(session)
    ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations" / conv))
    spec = install_template(session, organization_id=org.id, key=key, allow_copy=True, model="offline")
    return org.id, ticket.id, spec


def test_same_finding_refreshes_the_card_and_a_change_supersedes_it(session: Session) -> None:
    org_id, ticket_id, agent = _setup(session, "closing_coach", "conv-003.json")
    first = run_and_record(session, organization_id=org_id, agent=agent, ticket_id=ticket_id,
                           idempotency_key="e1")
    again = run_and_record(session, organization_id=org_id, agent=agent, ticket_id=ticket_id,
                           idempotency_key="e2")
    assert again.refreshed and again.insight_id == first.insight_id and again.run_id != first.run_id
    card = session.get(AiInsight, first.insight_id)
    assert card is not None and card.refreshed_run_id == again.run_id and card.refreshed_at is not None
    run = session.get(AiRun, again.run_id)
    assert run is not None and run.detail["refreshed_insight"] == str(first.insight_id)
    message = message_for(card, agent_name="Coach", agent_icon="🎯")
    assert message["type"] == "insight.updated" and message["refreshed_at"] and message["citations"]

    # The lead raises a new objection: a real change -> a new card; the old one is superseded, not deleted.
    last = session.scalars(select(Message).where(Message.ticket_id == ticket_id)
                           .order_by(Message.sent_at.desc())).first()
    assert last is not None
    session.add(Message(organization_id=org_id, ticket_id=ticket_id, direction="INBOUND", author="lead",
                        body="Tenho muito medo de agulha, dói muito?", sent_at=last.sent_at + timedelta(minutes=5)))
    session.flush()
    changed = run_and_record(session, organization_id=org_id, agent=agent, ticket_id=ticket_id,
                             idempotency_key="e3")
    assert not changed.refreshed and changed.insight_id != first.insight_id
    assert changed.superseded == (first.insight_id,)
    session.refresh(card)
    assert card.superseded_by == changed.insight_id and card.superseded_at is not None
    live = insights.ticket_feed(session, organization_id=org_id, ticket_id=ticket_id)
    assert [v.id for v in live] == [changed.insight_id]  # the feed shows the live card only
    rows = session.scalars(select(AiInsight).where(AiInsight.ticket_id == ticket_id)).all()
    assert len(rows) == 2
    live_same = [r for r in rows if r.superseded_at is None]
    assert len(live_same) == 1


def test_capi_auditor_on_every_new_lead_message_keeps_one_card(session: Session) -> None:
    org_id, ticket_id, agent = _setup(session, "capi_auditor", "conv-002.json")
    outs = [run_and_record(session, organization_id=org_id, agent=agent, ticket_id=ticket_id,
                           idempotency_key=f"m{i}") for i in range(3)]
    assert outs[0].payload is not None and outs[0].payload["purchaseConfirmed"] is True
    assert {o.insight_id for o in outs} == {outs[0].insight_id} and outs[1].refreshed and outs[2].refreshed
    assert session.scalar(select(AiInsight.id).where(AiInsight.ticket_id == ticket_id,
                                                     AiInsight.id != outs[0].insight_id)) is None


def test_a_purchase_already_sent_is_never_detected_as_new(session: Session) -> None:
    org_id, ticket_id, agent = _setup(session, "capi_auditor", "conv-002.json")
    ctx = load_ticket_context(session, organization_id=org_id, ticket_id=ticket_id)
    req = RunRequest(organization_id=org_id, agent=agent, event_type=EventType.NEW_MESSAGE_RECEIVED,
                     rules=agent.triggers[0].throttle_rules, ticket_id=ticket_id, contact_id=None,
                     event_id=None, idempotency_key="k")
    assert skip_reason(req, ctx) is None
    session.add(ActionLog(organization_id=org_id, ticket_id=ticket_id, kind="capi_event",
                          dedupe_key=dedupe_key_for(ticket_id, "Purchase"), status=ActionLogStatus.SENT,
                          request={"event_name": "Purchase", "event_time": "2026-08-24T15:00:00+00:00"}))
    session.flush()
    ctx = load_ticket_context(session, organization_id=org_id, ticket_id=ticket_id)
    assert ctx.purchase_reported is not None and "já enviada à Meta" in "\n".join(ctx.ticket_lines())
    assert skip_reason(req, ctx) == {"rule": "purchaseAlreadySent", "event_time": "2026-08-24T15:00:00+00:00"}
