"""The closed loop through the real worker: CRM message -> capi_auditor (offline engine) -> insight
auto-applied by policy -> Conversions API Purchase at the local Graph stand-in, exactly once."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from graph_stub import GraphStub
from loop_support import CLID, DATASET, WABA, running_graph
from sqlalchemy import select
from worker_support import drain

from engine.agents import TriggerSpec, find_agent, save_agent
from engine.db import session_scope
from engine.inbox import ingest
from engine.meta_settings import save_form
from engine.models import (
    ActionLog,
    ActionLogStatus,
    ActionStatus,
    AiInsight,
    AiRun,
    EventType,
    Role,
    RunStatus,
    Ticket,
)
from engine.seed import seed_demo
from engine.throttle_rules import ThrottleRules

TOKEN = "EAAtesttoken-e2e-0123456789"
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    yield from running_graph(monkeypatch)


def _demo_org_with_auditor_binding() -> uuid.UUID:
    """The demo org; its capi_auditor auto-applies "always"; Meta settings point at the stand-in."""
    with session_scope() as s:
        org = seed_demo(s)
        auditor = find_agent(s, organization_id=org.id, key_or_id="capi_auditor")
        # The template debounces messages for 30 s (wait for the lead to finish typing); 1 s keeps
        # the real debounced path (delayed job through RQ's scheduler) and the test fast.
        triggers = tuple(
            TriggerSpec(event_type=t.event_type, throttle_rules=ThrottleRules.model_validate(
                {**t.throttle_rules.to_json(), "debounceSeconds": 1}))
            if t.event_type is EventType.NEW_MESSAGE_RECEIVED else t
            for t in auditor.triggers)
        binding = {"kind": "capi_event", "eventName": "Purchase", "condition": "purchaseConfirmed == true",
                   "mapping": {"value": "purchaseValue", "currency": "currency"}, "autoApply": {"mode": "always"}}
        save_agent(s, organization_id=org.id, spec=auditor.model_copy(
            update={"action_binding": binding, "triggers": triggers}))
        save_form(s, organization_id=org.id, role=Role.DIRECTOR, values={
            "dataset_id": DATASET, "access_token": TOKEN, "waba_id": WABA, "test_event_code": "TEST12345"})
        return org.id


def _message(event_id: str, text: str, minute: int, kind: str = "text") -> dict[str, Any]:
    return {"id": event_id, "type": "MESSAGE_RECEIVED", "occurred_at": (T0 + timedelta(minutes=minute)).isoformat(),
            "ticket": {"ref": "T-e2e", "value": 450.50, "currency": "BRL",
                       "attribution": {"utm_source": "facebook", "ctwa_clid": CLID, "ad_id": "120210000000001"}},
            "contact": {"phone": "+55 11 99999-0000", "name": "Ana"},
            "message": {"id": f"m-{event_id}", "from": "lead", "text": text, "type": kind}}


def _ingest(org_id: uuid.UUID, payload: dict[str, Any]) -> bool:
    """Through the inbox (commit, then enqueue). Returns ``duplicate``."""
    return ingest(organization_id=org_id, source="crm", type=payload["type"], external_id=payload["id"],
                  payload=payload).duplicate


def _run_worker(redis_conn) -> None:  # noqa: ANN001
    drain(redis_conn)  # the event job (the auditor's run is debounced)
    time.sleep(1.3)  # the debounce (1 s) ends; RQ's scheduler moves the delayed run to its queue
    drain(redis_conn)  # the debounced run -> insight -> auto-apply -> action job -> Graph


def _auditor(org_id: uuid.UUID) -> tuple[list[AiInsight], list[ActionLog]]:
    with session_scope() as s:
        auditor = find_agent(s, organization_id=org_id, key_or_id="capi_auditor")
        insights = list(s.scalars(select(AiInsight).where(AiInsight.organization_id == org_id,
                                                          AiInsight.agent_id == auditor.id)
                                  .order_by(AiInsight.created_at)))
        actions = list(s.scalars(select(ActionLog).where(ActionLog.organization_id == org_id,
                                                         ActionLog.kind == "capi_event")))
    return insights, actions


def test_a_bare_payment_claim_is_never_auto_applied(committed_db, redis_conn, graph: GraphStub) -> None:
    org_id = _demo_org_with_auditor_binding()
    assert _ingest(org_id, _message("evt-claim", "Paguei o pix de 450,50 agora, segue o comprovante", 0)) is False
    _run_worker(redis_conn)
    [insight], actions = _auditor(org_id)
    assert insight.payload["purchaseConfirmed"] is True  # the offline reading believes the words...
    assert insight.action_status is ActionStatus.SUGGESTION  # ...but a person decides: no receipt, no seller
    assert actions == [] and graph.of("POST", "/events") == []


def test_purchase_message_closes_the_loop_once(committed_db, redis_conn, graph: GraphStub) -> None:
    org_id = _demo_org_with_auditor_binding()
    # The receipt itself (an image with a caption) corroborates the claim: auto-apply may act.
    first = _message("evt-e2e-1", "Paguei o pix de 450,50 agora, segue o comprovante", 0, kind="image")
    assert _ingest(org_id, first) is False
    _run_worker(redis_conn)

    [insight], [action] = _auditor(org_id)
    assert insight.engine == "offline" and insight.payload["purchaseConfirmed"] is True
    assert insight.action_status is ActionStatus.APPLIED and insight.actioned_by is None  # by the policy
    with session_scope() as s:
        run = s.get(AiRun, insight.run_id)
        assert run is not None and run.detail["auto_applied"]["by"] == "policy"
        ticket = s.scalar(select(Ticket).where(Ticket.organization_id == org_id, Ticket.external_ref == "T-e2e"))
        assert ticket is not None and ticket.ctwa_clid == CLID
    assert action.status is ActionLogStatus.SENT and action.insight_id == insight.id
    assert action.response["events_received"] == 1 and action.response["fbtrace_id"] == "AStubOk"
    [req] = graph.requests
    assert (req.method, req.path) == ("POST", f"/v25.0/{DATASET}/events")
    [sent] = req.params["data"]
    assert sent["event_name"] == "Purchase" and sent["event_id"] == f"copilot-{ticket.id}-Purchase"
    assert sent["user_data"]["ctwa_clid"] == CLID
    assert sent["custom_data"]["value"] == 450.5

    # The CRM delivers the same event again: a duplicate, nothing runs, nothing is sent.
    assert _ingest(org_id, first) is True
    _run_worker(redis_conn)
    assert len(_auditor(org_id)[0]) == 1 and len(graph.requests) == 1

    # Another confirmation on the same ticket: the ticket's Purchase was already sent, so the auditor is
    # not run again there (a purchase is never detected as a new one): no new card, still one request.
    assert _ingest(org_id, _message("evt-e2e-2", "Pronto, paguei o restante no pix. Comprovante enviado", 5)) is False
    _run_worker(redis_conn)
    insights, actions = _auditor(org_id)
    assert len(insights) == 1
    assert [a.id for a in actions] == [action.id]
    assert len(graph.of("POST", "/events")) == 1
    with session_scope() as s:
        skipped = s.scalars(select(AiRun.detail).where(AiRun.organization_id == org_id,
                                                       AiRun.status == RunStatus.SKIPPED)).all()
    assert any(d.get("rule") == "purchaseAlreadySent" for d in skipped)
