"""Monthly model budgets in R$ (per organisation and per copilot): atomic reservations shared by
every worker, SKIPPED runs with the reason, one alert per budget and month, spend per copilot."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import redis
from conftest import TEST_REDIS_URL
from sqlalchemy import select
from worker_support import agent_id, crm_event, drain, make_org

from engine import budgets
from engine.agents import load_agent
from engine.db import session_scope
from engine.errors import InvalidInput
from engine.models import AiAgent, AiInsight, AiRun, Organization, RunStatus
from engine.org_settings import OrgSettings

NOW = datetime.now(UTC)


def _spend(org: uuid.UUID, agent: uuid.UUID, usd: str) -> None:
    with session_scope() as s:
        s.add(AiRun(organization_id=org, agent_id=agent, agent_version=1, status=RunStatus.SUCCEEDED,
                    engine="litellm", model="gpt-4o-mini", cost_usd=Decimal(usd), prompt_tokens=1,
                    completion_tokens=1, latency_ms=1, attempts=1, detail={}))


def _settings(org: uuid.UUID) -> OrgSettings:
    with session_scope() as s:
        o = s.get(Organization, org)
        return OrgSettings.load(o.settings if o else None)


def test_reserve_counts_recorded_spend_and_refuses_past_the_budget(committed_db, redis_conn) -> None:
    org = make_org("closing_coach", settings={"monthly_budget_brl": 10, "usd_brl_rate": 5.0})
    coach = agent_id(org, "closing_coach")
    _spend(org, coach, "1.8")  # R$ 9,00 already spent this month
    with session_scope() as s:
        spec = load_agent(s, organization_id=org, agent_id=coach)
        st = _settings(org)
        assert budgets.spent_brl(s, organization_id=org, settings=st) == Decimal("9.00")
        ok = budgets.reserve(redis_conn, s, organization_id=org, agent=spec, settings=st, estimate=Decimal("0.5"))
        no = budgets.reserve(redis_conn, s, organization_id=org, agent=spec, settings=st, estimate=Decimal("0.6"))
    assert ok.allowed and not no.allowed
    assert (no.scope, no.limit_brl, no.spent_brl) == ("organization", Decimal("10.00"), Decimal("9.50"))
    assert no.detail()["rule"] == "budget"
    # The real cost replaces the estimate: a cheaper run frees room again.
    budgets.settle(redis_conn, organization_id=org, agent_id=coach, settings=st, estimate=Decimal("0.5"),
                   actual_usd=0.02)
    with session_scope() as s:
        again = budgets.reserve(redis_conn, s, organization_id=org, agent=spec, settings=st, estimate=Decimal("0.8"))
    assert again.allowed


def test_concurrent_reservations_never_pass_the_budget(committed_db, redis_conn) -> None:
    org = make_org("closing_coach")
    coach = agent_id(org, "closing_coach")
    with session_scope() as s:
        budgets.set_budget(s, organization_id=org, agent_id=coach, value_brl=25.0)
        spec = load_agent(s, organization_id=org, agent_id=coach)
    st = _settings(org)
    allowed: list[bool] = []
    lock = threading.Lock()

    def worker() -> None:
        conn = redis.Redis.from_url(TEST_REDIS_URL)  # one connection per worker thread
        for _ in range(20):
            with session_scope() as s:
                d = budgets.reserve(conn, s, organization_id=org, agent=spec, settings=st, estimate=Decimal("1"))
            with lock:
                allowed.append(d.allowed)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(allowed) == 25 and len(allowed) == 80


def test_set_budget_is_strict(committed_db) -> None:
    org = make_org()
    with session_scope() as s:
        with pytest.raises(InvalidInput, match="maior ou igual a zero"):
            budgets.set_budget(s, organization_id=org, agent_id=None, value_brl=-1)
        assert budgets.set_budget(s, organization_id=org, agent_id=None, value_brl=50).monthly_budget_brl == 50


def test_exhausted_budget_skips_model_runs_and_alerts_the_director_once(committed_db, redis_conn,
                                                                        monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", "http://127.0.0.1:9/v1")  # never called: refused first
    from engine.config import get_settings

    get_settings.cache_clear()
    org = make_org("icp_mapper", "qa_auditor", settings={"monthly_budget_brl": 1})
    icp, qa = agent_id(org, "icp_mapper"), agent_id(org, "qa_auditor")
    with session_scope() as s:
        s.get(AiAgent, icp).model = "local/pago"  # type: ignore[union-attr]  # model-bound
    _spend(org, qa, "0.5")  # R$ 2,50 > R$ 1,00
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    for ticket in ("T-1", "T-2"):
        if ticket == "T-2":
            crm_event(org, "MESSAGE_RECEIVED", "T-2", connection=redis_conn)
        crm_event(org, "TICKET_WON", ticket, connection=redis_conn)
    drain(redis_conn)
    with session_scope() as s:
        runs = list(s.scalars(select(AiRun).where(AiRun.organization_id == org, AiRun.trigger_event == "TICKET_WON")))
        alerts = list(s.scalars(select(AiInsight).where(AiInsight.organization_id == org,
                                                         AiInsight.ticket_id.is_(None))))
    icp_runs = [r for r in runs if r.agent_id == icp]
    assert len(icp_runs) == 2 and all(r.status is RunStatus.SKIPPED and r.detail["rule"] == "budget"
                                      for r in icp_runs)
    assert icp_runs[0].detail["scope"] == "organization" and icp_runs[0].detail["limit_brl"] == "1.00"
    assert all(r.status is RunStatus.SUCCEEDED for r in runs if r.agent_id == qa)  # offline: never refused
    assert len(alerts) == 1 and alerts[0].engine == "rules" and alerts[0].payload["kind"] == "budget_alert"
    assert "orçamento mensal" in alerts[0].summary
    with session_scope() as s:
        rows = {r.name: r for r in budgets.copilot_spend(s, organization_id=org)}
    assert rows  # every copilot listed with its month's spend
    assert sum(r.cost_brl for r in rows.values()) == Decimal("2.50")
