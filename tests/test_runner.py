"""Runner: dry runs write nothing; recorded runs are idempotent per key; failures are recorded."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from engine.conversation import load_conversation
from engine.gateway import GatewayError, Usage
from engine.models import AiInsight, AiRun, RunStatus
from engine.runner import load_ticket_context, run_agent, run_and_record
from engine.seed import DATA_DIR, import_conversation, seed_demo
from engine.templates import TEMPLATES, install_template

CONV = sorted((DATA_DIR / "conversations").glob("*.json"))


def _counts(session: Session) -> tuple[int, int]:
    return (session.scalar(select(func.count()).select_from(AiRun)) or 0,
            session.scalar(select(func.count()).select_from(AiInsight)) or 0)


def test_dry_run_without_key_says_offline() -> None:
    conv = load_conversation(CONV[0])
    out = run_agent(TEMPLATES["closing_coach"], conv)  # model gpt-4o-mini, no OPENAI_API_KEY in tests
    assert out.engine == "offline" and out.model == "offline"
    assert out.note and "OPENAI_API_KEY" in out.note
    assert out.payload is not None and TEMPLATES["closing_coach"].schema().validate(out.payload)
    js = out.to_json()
    assert set(js) >= {"agent", "engine", "model", "payload", "summary", "usage"}
    assert js["agent"] == "closing_coach" and js["summary"] == out.payload["summary"]


def test_record_is_idempotent(session: Session) -> None:
    org = seed_demo(session)
    ticket = import_conversation(session, org=org, conv=load_conversation(CONV[1]))
    from engine.agents import find_agent

    agent = find_agent(session, organization_id=org.id, key_or_id="qa_auditor")
    key = f"{uuid.uuid4()}:{agent.id}"
    first = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id, idempotency_key=key,
                           model="offline")
    assert first.created and first.status is RunStatus.SUCCEEDED and first.insight_id
    before = _counts(session)
    again = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id, idempotency_key=key,
                           model="offline")
    assert not again.created and again.run_id == first.run_id and again.insight_id == first.insight_id
    assert _counts(session) == before
    insight = session.get(AiInsight, first.insight_id)
    assert insight is not None and insight.engine == "offline" and insight.summary == first.payload["summary"]
    run = session.get(AiRun, first.run_id)
    assert run is not None and run.agent_version == agent.version and run.engine == "offline"


def test_qa_facts_come_from_context(session: Session) -> None:
    org = seed_demo(session)
    from engine.agents import find_agent

    agent = find_agent(session, organization_id=org.id, key_or_id="qa_auditor")
    for path in CONV[:10]:
        ticket = import_conversation(session, org=org, conv=load_conversation(path))
        ctx = load_ticket_context(session, organization_id=org.id, ticket_id=ticket.id)
        out = run_agent(agent, ctx, model="offline")
        assert out.payload is not None
        assert out.payload["slaMet"] == ctx.facts.sla_met
        assert out.payload["firstResponseMinutes"] == pytest.approx(ctx.facts.first_response_minutes or 0, abs=0.51)


def test_model_failure_is_recorded(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    org = seed_demo(session)
    ticket = import_conversation(session, org=org, conv=load_conversation(CONV[2]))
    agent = install_template(session, organization_id=org.id, key="closing_coach", allow_copy=True)

    def boom(*_: Any, **__: Any) -> Any:
        raise GatewayError("o modelo devolveu JSON inválido duas vezes", model="gpt-4o-mini", attempts=2,
                           last_raw_output="{oops", usage=Usage(10, 5, 0.0001))

    monkeypatch.setattr("engine.runner.generate", boom)
    out = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id,
                         idempotency_key=f"k:{uuid.uuid4()}")
    assert out.status is RunStatus.FAILED and out.insight_id is None
    run = session.get(AiRun, out.run_id)
    assert run is not None and run.error and "JSON inválido" in run.error
    assert run.attempts == 2 and run.prompt_tokens == 10 and run.detail["last_raw_output"] == "{oops"


def test_concurrent_records_one_row(committed_db: Engine) -> None:
    """Two workers recording the same (event, agent) at once: one run, one insight."""
    factory = sessionmaker(bind=committed_db, expire_on_commit=False)
    with factory.begin() as s:
        org = seed_demo(s)
        ticket = import_conversation(s, org=org, conv=load_conversation(CONV[3]))
        from engine.agents import find_agent

        agent = find_agent(s, organization_id=org.id, key_or_id="ghosting_sentinel")
        org_id, ticket_id = org.id, ticket.id
    key = f"race:{uuid.uuid4()}"
    barrier = threading.Barrier(4)
    results: list[Any] = []

    def work() -> None:
        with factory.begin() as s:
            ctx_out = run_agent(agent, load_ticket_context(s, organization_id=org_id, ticket_id=ticket_id),
                                model="offline")
            barrier.wait()
            from engine.runner import record_outcome

            results.append(record_outcome(s, organization_id=org_id, outcome=ctx_out, ticket_id=ticket_id,
                                          idempotency_key=key))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with factory() as s:
        runs = s.scalar(select(func.count()).select_from(AiRun).where(AiRun.idempotency_key == key))
        insights = s.scalar(select(func.count()).select_from(AiInsight))
    assert runs == 1 and insights == 1
    assert sum(r.created for r in results) >= 1
