"""Durable timers: debounced runs and inactivity checks survive the loss of Redis (engine.timers)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from worker_support import agent_id, crm_event, drain, fake_analyse, make_org

import engine.inactivity
import engine.offline
from engine import jobs, timers
from engine.db import session_scope
from engine.models import AiRun, EventType, RunStatus, ScheduledTimer


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    monkeypatch.setattr(engine.inactivity, "delay_fn", lambda last, minutes, now: timedelta(seconds=minutes))


def _timers(org: uuid.UUID) -> list[ScheduledTimer]:
    with session_scope() as s:
        return list(s.scalars(select(ScheduledTimer).where(ScheduledTimer.organization_id == org)
                              .order_by(ScheduledTimer.created_at, ScheduledTimer.job_id)))


def _runs(org: uuid.UUID, trigger: EventType) -> list[AiRun]:
    with session_scope() as s:
        return list(s.scalars(select(AiRun).where(AiRun.organization_id == org, AiRun.trigger_event == trigger.value)))


def test_debounced_run_survives_a_redis_flush(committed_db, redis_conn) -> None:
    org = make_org("capi_auditor")  # debounced on lead messages
    first = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)
    second = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)
    jobs.process_event(str(first))
    jobs.process_event(str(second))
    pending = [t for t in _timers(org) if t.kind == timers.DEBOUNCE]
    assert len(pending) == 2 and all(t.done_at is None for t in pending)
    redis_conn.flushdb()  # a Redis restart without persistence: jobs and burst marker gone
    assert timers.restore(redis_conn) == 3  # the two debounced runs + the ticket's inactivity check
    assert timers.restore(redis_conn) == 0  # re-created once
    redis_conn.flushdb()
    due = max(t.due_at for t in pending)
    assert timers.restore(redis_conn, now=due) == 3  # due now: queued at once
    drain(redis_conn)
    runs = _runs(org, EventType.NEW_MESSAGE_RECEIVED)
    statuses = sorted((r.event_id == second, r.status) for r in runs if r.agent_id == agent_id(org, "capi_auditor"))
    # The burst's latest request runs; the earlier one is superseded, as without the flush.
    assert statuses == [(False, RunStatus.SKIPPED), (True, RunStatus.SUCCEEDED)]
    assert all(t.done_at is not None for t in _timers(org) if t.kind == timers.DEBOUNCE)


def test_inactivity_check_survives_a_redis_flush(committed_db, redis_conn) -> None:
    org = make_org("traffic_feedback", settings={"inactivity_minutes": 1})
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn, scheduler=False)
    crm_event(org, "MESSAGE_SENT", "T-1", author="seller", connection=redis_conn)
    drain(redis_conn, scheduler=False)
    checks = [t for t in _timers(org) if t.kind == timers.INACTIVITY]
    assert [t.done_at is None for t in checks] == [False, True]  # the newer message retired the older check
    redis_conn.flushdb()
    assert timers.restore(redis_conn, now=datetime.now(UTC) + timedelta(minutes=5)) == 1
    drain(redis_conn)
    assert len(_runs(org, EventType.INACTIVITY_2H)) == 1
    assert all(t.done_at is not None for t in _timers(org))


def test_maintenance_restores_timers(committed_db, redis_conn) -> None:
    org = make_org("traffic_feedback", settings={"inactivity_minutes": 1})
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn, scheduler=False)
    redis_conn.flushdb()
    jobs.copilot_maintenance(redis_conn)
    [timer] = [t for t in _timers(org) if t.kind == timers.INACTIVITY]
    assert redis_conn.exists(f"rq:job:{timer.job_id}")
