"""Facts are never contradicted; closed tickets get nothing actionable; the offline engine cites real
messages for every template on the whole demo set."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from openai_stub import OpenAIStub, Reply
from sqlalchemy.orm import Session

from engine import fact_guard
from engine.citations import normalise
from engine.config import Settings
from engine.context import build_context
from engine.conversation import load_conversation, parse_conversation
from engine.models import AiRun, EventType, TicketStatus
from engine.pipeline import RunRequest, skip_reason
from engine.runner import load_ticket_context, run_agent, run_and_record
from engine.seed import DATA_DIR, import_conversation, seed_demo
from engine.templates import TEMPLATE_KEYS, TEMPLATES, install_template
from engine.throttle_rules import ThrottleRules

CONVERSATIONS = sorted((DATA_DIR / "conversations").glob("*.json"))
# Imperative cues of "do this now" text for the seller (pt-BR and EN).
ACT = ("responda", "ofereça", "envie", "mande", "pergunte", "reforce", "ligue", "retome", "agende", "conduza",
       "reply", "send", "offer", "call", "follow up")


class StubSettings(Settings):
    model_retry_backoff_seconds: float = 0.01
    openai_compatible_json_schema: bool = True


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


def offline(key: str) -> Any:
    return TEMPLATES[key].model_copy(update={"model": "offline"})


def test_offline_cites_real_messages_on_every_template_and_demo_conversation() -> None:
    checked = 0
    for path in CONVERSATIONS:
        conv = load_conversation(path)
        ctx = build_context(conv)
        texts = {m.id: normalise(m.text) for m in conv.messages}
        for key in TEMPLATE_KEYS:
            out = run_agent(offline(key), ctx)
            cites = (out.payload or {})["citations"]
            assert 1 <= len(cites) <= 3, (path.name, key)
            for c in cites:
                assert normalise(c["quote"]) in texts[c["message_id"]], (path.name, key, c)
            checked += 1
    assert checked == len(CONVERSATIONS) * len(TEMPLATE_KEYS) == 300


def test_no_actionable_text_on_won_or_lost_tickets_for_open_ticket_agents() -> None:
    closed = 0
    for path in CONVERSATIONS:
        conv = load_conversation(path)
        for status in ("WON", "LOST"):
            data = conv.model_dump(mode="json", by_alias=True)
            data["ticket"]["status"] = status
            ctx = build_context(parse_conversation(data))
            for key in ("closing_coach", "ghosting_sentinel"):
                payload = run_agent(offline(key), ctx).payload or {}
                for name in ("tip", "suggestedReply", "rescueMessage", "summary"):
                    text = str(payload.get(name) or "").lower()
                    assert not any(w in text.split() for w in ACT), (path.name, status, key, name, text)
                assert payload.get("addToRetargeting") in (None, False)
                assert "nenhuma ação" in payload["summary"] or "nothing for the seller" in payload["summary"]
                closed += 1
    assert closed == len(CONVERSATIONS) * 4


def test_templates_triggers_agree_open_ticket_only() -> None:
    for key in ("closing_coach", "ghosting_sentinel"):
        assert all(t.throttle_rules.open_ticket_only for t in TEMPLATES[key].triggers)
        assert fact_guard.needs_open_ticket(TEMPLATES[key])
    for key in ("qa_auditor", "icp_mapper", "traffic_feedback", "capi_auditor"):
        assert not fact_guard.needs_open_ticket(TEMPLATES[key])
    assert ThrottleRules.model_validate({"openTicketOnly": True}).to_json() == {"scope": "ticket",
                                                                               "openTicketOnly": True}


def test_model_claims_on_fact_fields_are_overridden_and_recorded(stub: OpenAIStub, session: Session) -> None:
    stub.reset()
    org = seed_demo(session)
    conv = load_conversation(CONVERSATIONS[0])
    ticket = import_conversation(session, org=org, conv=conv)
    agent = install_template(session, organization_id=org.id, key="qa_auditor", allow_copy=True,
                             model="local/test-model")
    ctx = load_ticket_context(session, organization_id=org.id, ticket_id=ticket.id)
    lie = {"slaMet": not ctx.facts.sla_met, "firstResponseMinutes": 999.0, "empathyScore": 7.0,
           "persuasionTriggers": [], "overallScore": 70.0, "improvementTip": "Use prova social.",
           "summary": "ok", "confidence": 0.8}
    stub.enqueue(Reply.json(lie))
    settings = StubSettings(openai_compatible_base_url=stub.base_url, model_timeout_seconds=2.0, model_max_retries=1)
    out = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id, settings=settings,
                         idempotency_key=f"k:{uuid.uuid4()}")
    assert out.payload is not None
    assert out.payload["slaMet"] == ctx.facts.sla_met
    assert out.payload["firstResponseMinutes"] == ctx.facts.first_response_minutes
    run = session.get(AiRun, out.run_id)
    assert run is not None
    overrides = {o["field"]: o for o in run.detail["overrides"]}
    assert overrides["slaMet"]["claimed"] is lie["slaMet"] and overrides["slaMet"]["fact"] is ctx.facts.sla_met
    assert overrides["firstResponseMinutes"]["claimed"] == 999.0


def test_closed_ticket_skips_open_ticket_agents_in_the_pipeline(session: Session) -> None:
    org = seed_demo(session)
    data = copy.deepcopy(load_conversation(CONVERSATIONS[1]).model_dump(mode="json", by_alias=True))
    data["ticket"]["status"] = "LOST"
    ticket = import_conversation(session, org=org, conv=parse_conversation(data))
    assert ticket.status is TicketStatus.LOST
    ctx = load_ticket_context(session, organization_id=org.id, ticket_id=ticket.id)
    for key, expected in (("closing_coach", "openTicketOnly"), ("ghosting_sentinel", "openTicketOnly"),
                          ("qa_auditor", None)):
        agent = TEMPLATES[key]
        req = RunRequest(organization_id=org.id, agent=agent, event_type=EventType.NEW_MESSAGE_RECEIVED,
                         rules=agent.triggers[0].throttle_rules, ticket_id=ticket.id, contact_id=None,
                         event_id=None, idempotency_key="k")
        reason = skip_reason(req, ctx)
        assert (reason or {}).get("rule") == expected, key
