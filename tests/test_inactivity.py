"""INACTIVITY_2H: a short window (1 minute, clock accelerated so 1 minute = 1 second)."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from worker_support import agent_id, crm_event, drain, fake_analyse, make_org

import engine.inactivity
import engine.offline
from engine.db import session_scope
from engine.inactivity import check_inactivity, default_delay
from engine.models import AiRun, EventType, RunStatus, Ticket
from engine.realtime import org_channel


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    # accelerated clock: the check fires `minutes` seconds after the message is processed
    monkeypatch.setattr(engine.inactivity, "delay_fn", lambda last, minutes, now: timedelta(seconds=minutes))


def _inactivity_runs(org: uuid.UUID) -> list[AiRun]:
    with session_scope() as s:
        return list(s.scalars(select(AiRun).where(
            AiRun.organization_id == org, AiRun.trigger_event == EventType.INACTIVITY_2H.value)))


def test_default_delay_is_minutes_after_the_last_message() -> None:
    last = datetime(2026, 8, 12, 14, 0, tzinfo=UTC)
    assert default_delay(last, 120, last + timedelta(minutes=30)) == timedelta(minutes=90)
    assert default_delay(last, 120, last + timedelta(hours=5)) == timedelta(0)


def test_silent_open_ticket_runs_inactivity_agents_once(committed_db, redis_conn) -> None:
    org = make_org("ghosting_sentinel", "traffic_feedback", settings={"inactivity_minutes": 1})
    sub = redis_conn.pubsub()
    sub.subscribe(org_channel(org))
    sub.get_message(timeout=1)
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    assert _inactivity_runs(org) == []
    time.sleep(1.3)
    drain(redis_conn)
    runs = _inactivity_runs(org)
    assert {r.agent_id for r in runs} == {agent_id(org, "ghosting_sentinel"), agent_id(org, "traffic_feedback")}
    assert all(r.status is RunStatus.SUCCEEDED and r.idempotency_key.startswith("inactivity:") for r in runs)
    with session_scope() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.organization_id == org))
        assert ticket is not None and ticket.last_message_at is not None
        stamp = ticket.last_message_at.isoformat()
        tid = ticket.id
    # the same check again (a retry) runs nothing twice
    check_inactivity(str(org), str(tid), stamp)
    drain(redis_conn)
    assert len(_inactivity_runs(org)) == 2
    published = [m for m in iter(lambda: sub.get_message(timeout=1), None) if m["type"] == "message"]
    assert len(published) == 3  # ghosting_sentinel on the message + the two inactivity insights


def test_newer_message_replaces_the_pending_check(committed_db, redis_conn) -> None:
    org = make_org("traffic_feedback", settings={"inactivity_minutes": 1})
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    crm_event(org, "MESSAGE_SENT", "T-1", author="seller", connection=redis_conn)
    drain(redis_conn)
    time.sleep(1.3)
    drain(redis_conn)
    runs = _inactivity_runs(org)
    assert len(runs) == 1  # only the check of the latest message ran
    with session_scope() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.organization_id == org))
        assert ticket is not None and ticket.last_message_at is not None
        assert runs[0].idempotency_key.startswith(f"inactivity:{ticket.id}:{ticket.last_message_at.isoformat()}")


def test_stale_check_does_nothing_and_closed_ticket_is_left_alone(committed_db, redis_conn) -> None:
    org = make_org("traffic_feedback", settings={"inactivity_minutes": 1})
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    with session_scope() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.organization_id == org))
        assert ticket is not None and ticket.last_message_at is not None
        tid, last = ticket.id, ticket.last_message_at
    older = (last - timedelta(minutes=5)).isoformat()
    assert check_inactivity(str(org), str(tid), older) == "newer_message"
    crm_event(org, "TICKET_LOST", "T-1", connection=redis_conn)
    drain(redis_conn)
    time.sleep(1.3)
    drain(redis_conn)
    assert check_inactivity(str(org), str(tid), last.isoformat()) == "closed"
    assert _inactivity_runs(org) == []
