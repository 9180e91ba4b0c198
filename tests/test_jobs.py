"""The event job end to end: apply, match, run concurrently, record, publish; poison, retries, sweeper."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from worker_support import agent_id, crm_event, drain, fake_analyse, make_org

import engine.offline
from engine import jobs, queues
from engine.db import session_scope
from engine.gateway import GatewayError
from engine.models import AiInsight, AiRun, Event, EventStatus, RunStatus
from engine.realtime import marker_key, org_channel

REAL_ANALYSE = engine.offline.analyse  # the real offline engine, for the end-to-end test


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)


def _runs(org_id: uuid.UUID) -> list[AiRun]:
    with session_scope() as s:
        return list(s.scalars(select(AiRun).where(AiRun.organization_id == org_id).order_by(AiRun.created_at)))


def _event(eid: uuid.UUID) -> Event:
    with session_scope() as s:
        ev = s.get(Event, eid)
        assert ev is not None
        return ev


def test_won_event_runs_matching_agents_records_and_publishes(committed_db, redis_conn, monkeypatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", REAL_ANALYSE)
    org = make_org("icp_mapper", "qa_auditor", "traffic_feedback")
    sub = redis_conn.pubsub()
    sub.subscribe(org_channel(org))
    sub.get_message(timeout=1)
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)

    assert _event(won).status is EventStatus.PROCESSED and _event(won).attempts == 1
    runs = [r for r in _runs(org) if r.event_id == won]
    by_agent = {r.agent_id: r for r in runs}
    assert set(by_agent) == {agent_id(org, "icp_mapper"), agent_id(org, "qa_auditor")}  # not traffic_feedback
    assert all(r.status is RunStatus.SUCCEEDED and r.idempotency_key == f"{won}:{r.agent_id}" for r in runs)
    got = []
    while (m := sub.get_message(timeout=1)) is not None:
        if m["type"] == "message":
            got.append(json.loads(m["data"]))
    assert sorted(g["agent_id"] for g in got) == sorted(str(a) for a in by_agent)
    assert {g["type"] for g in got} == {"insight.created"}
    assert {g["engine"] for g in got} == {"offline"}
    with session_scope() as s:
        insight_ids = set(s.scalars(select(AiInsight.id).where(AiInsight.organization_id == org)))
    assert {uuid.UUID(g["insight_id"]) for g in got} == insight_ids
    for iid in insight_ids:
        assert redis_conn.get(marker_key(str(iid), "SUGGESTION", "redis")) == b"done"


def test_double_enqueue_is_a_noop(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper")
    eid = crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    queues.enqueue_event(eid, connection=redis_conn)
    queues.enqueue_event(eid, connection=redis_conn)
    assert queues.get_queue(queues.EVENTS, redis_conn).count == 1


def test_poison_event_ends_failed_with_its_error_and_does_not_block(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    bad = crm_event(org, "MACRO_BUTTON_CLICKED", "T-1", agent="no-such-agent", connection=redis_conn)
    good = crm_event(org, "MESSAGE_RECEIVED", "T-2", connection=redis_conn)
    drain(redis_conn)
    ev = _event(bad)
    assert ev.status is EventStatus.FAILED and "unknown agent 'no-such-agent'" in (ev.error or "")
    assert ev.processed_at is not None and ev.attempts == 1
    assert _event(good).status is EventStatus.PROCESSED
    assert queues.get_queue(queues.EVENTS, redis_conn).failed_job_registry.count == 0  # the job itself succeeded


def test_transient_error_is_retried_with_backoff(committed_db, redis_conn, monkeypatch) -> None:
    org = make_org("icp_mapper")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    real = jobs.apply_event
    calls = {"n": 0}

    def flaky(session, event):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))
        return real(session, event)

    monkeypatch.setattr(jobs, "apply_event", flaky)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)
    ev = _event(won)
    assert ev.status is EventStatus.RECEIVED and ev.attempts == 1 and "transient" in (ev.error or "")
    time.sleep(1.2)  # Retry interval[0] = 1 s, through RQ's scheduler
    drain(redis_conn)
    ev = _event(won)
    assert ev.status is EventStatus.PROCESSED and ev.attempts == 2 and ev.error is None
    assert [r.status for r in _runs(org) if r.event_id == won] == [RunStatus.SUCCEEDED]


def test_rerunning_a_processed_or_half_done_event_creates_nothing_twice(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper", "qa_auditor")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)
    with session_scope() as s:  # as if the job died after recording, before marking the event
        s.get(Event, won).status = EventStatus.PROCESSING  # type: ignore[union-attr]
    jobs.process_event(str(won))
    drain(redis_conn)
    runs = [r for r in _runs(org) if r.event_id == won]
    assert len(runs) == 2
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(AiInsight).where(AiInsight.organization_id == org)) == 2
    assert _event(won).status is EventStatus.PROCESSED


def test_matching_agents_run_concurrently(committed_db, redis_conn, monkeypatch) -> None:
    org = make_org("icp_mapper", "qa_auditor", "capi_auditor")

    def slow(agent, ctx, schema):  # noqa: ANN001, ANN202
        time.sleep(0.6)
        return fake_analyse(agent, ctx, schema)

    first = crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn, enqueue=False)
    msg = crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn, enqueue=False)
    jobs.process_event(str(first))  # events of a ticket apply in order: the first one first
    jobs.process_event(str(msg))  # capi_auditor is debounced on messages: no model call here
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn, enqueue=False)
    monkeypatch.setattr(engine.offline, "analyse", slow)
    started = time.perf_counter()
    jobs.process_event(str(won))
    elapsed = time.perf_counter() - started
    assert len([r for r in _runs(org) if r.event_id == won and r.status is RunStatus.SUCCEEDED]) == 3
    assert elapsed < 1.5, f"3 agents x 0.6 s took {elapsed:.2f} s: not concurrent"


def test_gateway_error_is_a_failed_run_not_a_failed_event(committed_db, redis_conn, monkeypatch) -> None:
    org = make_org("icp_mapper")

    def broken(agent, ctx, schema):  # noqa: ANN001, ANN202
        raise GatewayError("modelo respondeu JSON inválido 3 vezes", model="gpt-4o-mini", attempts=3)

    monkeypatch.setattr(engine.offline, "analyse", broken)
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)
    (run,) = [r for r in _runs(org) if r.event_id == won]
    assert run.status is RunStatus.FAILED and "JSON inválido" in (run.error or "")
    assert _event(won).status is EventStatus.PROCESSED


def test_macro_click_runs_the_named_agent_only(committed_db, redis_conn) -> None:
    org = make_org("capi_auditor", "icp_mapper")
    jobs.process_event(str(crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn, enqueue=False)))
    jobs.process_event(str(crm_event(org, "MESSAGE_SENT", "T-1", author="seller", enqueue=False)))
    macro = crm_event(org, "MACRO_BUTTON_CLICKED", "T-1", agent="icp_mapper", connection=redis_conn)
    drain(redis_conn)
    runs = [r for r in _runs(org) if r.event_id == macro]
    assert [r.agent_id for r in runs] == [agent_id(org, "icp_mapper")]


def test_sweeper_requeues_stale_events_only(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper")
    lost = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)  # stored, enqueue "lost"
    queued = crm_event(org, "MESSAGE_RECEIVED", "T-2", connection=redis_conn)
    assert jobs.requeue_stale_events(connection=redis_conn) == 0  # not stale yet
    later = datetime.now(UTC) + timedelta(minutes=2)
    assert jobs.requeue_stale_events(now=later, connection=redis_conn) == 1  # T-2's job is still queued
    drain(redis_conn)
    assert _event(lost).status is EventStatus.PROCESSED and _event(queued).status is EventStatus.PROCESSED
    assert jobs.requeue_stale_events(now=later, connection=redis_conn) == 0


def test_one_sweep_per_bucket(redis_conn) -> None:
    assert queues.enqueue_sweep(123, connection=redis_conn) is True
    assert queues.enqueue_sweep(123, connection=redis_conn) is False
    assert queues.enqueue_sweep(124, connection=redis_conn) is True
    assert queues.get_queue(queues.EVENTS, redis_conn).job_ids == ["sweep_123", "sweep_124"]
    jobs.ensure_sweep(redis_conn)
    bucket = int(time.time() // jobs.SWEEP_INTERVAL_SECONDS)
    assert {f"sweep_{bucket}", f"sweep_{bucket - 1}"} & set(queues.get_queue(queues.EVENTS, redis_conn).job_ids)


# ------------------------------------------------------------------ a failing attempt is never invisible
def test_unknown_org_setting_does_not_poison_events(committed_db, redis_conn) -> None:
    """A key this version does not know (removed setting, rolling deploy) is ignored on read."""
    from engine.models import Organization

    org = make_org("icp_mapper", "qa_auditor")
    with session_scope() as s:
        o = s.get(Organization, org)
        o.settings = {**(o.settings or {}), "setting_from_the_future": True, "meta": {"new_id": "1"}}  # type: ignore[union-attr]
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)
    assert _event(won).status is EventStatus.PROCESSED
    assert len([r for r in _runs(org) if r.event_id == won]) == 2


def test_validation_error_after_apply_fails_at_once_with_its_message(committed_db, redis_conn, monkeypatch) -> None:
    """The event transaction rolls back; the attempt and the error are recorded in a fresh one."""
    from pydantic import ValidationError

    from engine.org_settings import OrgSettings

    org = make_org("icp_mapper")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)

    def strict(session, organization_id):  # noqa: ANN001, ANN202 - as a stricter reader would
        OrgSettings.model_validate({"no_such_key": 1})
        raise AssertionError("unreachable")

    monkeypatch.setattr(jobs, "inactivity_minutes", strict)
    bad = crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    ev = _event(bad)
    assert ev.status is EventStatus.FAILED and ev.attempts == 1
    assert "ValidationError" in (ev.error or "") and "no_such_key" in (ev.error or "")
    assert queues.get_queue(queues.EVENTS, redis_conn).failed_job_registry.count == 0
    with pytest.raises(ValidationError):
        strict(None, None)


def test_unexpected_error_is_retried_then_failed_after_max_attempts(committed_db, redis_conn, monkeypatch) -> None:
    """A bug (here an overflow in the context builder) counts every attempt and ends FAILED."""
    org = make_org("icp_mapper", "qa_auditor")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)

    def overflow(conn, s, reqs, **kw):  # noqa: ANN001, ANN202
        raise OverflowError("date value out of range")

    monkeypatch.setattr(jobs, "prepare", overflow)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn, enqueue=False)
    for n in range(1, jobs.MAX_EVENT_ATTEMPTS):
        with pytest.raises(OverflowError):
            jobs.process_event(str(won))
        ev = _event(won)
        assert ev.status is EventStatus.RECEIVED and ev.attempts == n and "OverflowError" in (ev.error or "")
    assert jobs.process_event(str(won)) == EventStatus.FAILED.value
    ev = _event(won)
    assert ev.status is EventStatus.FAILED and ev.attempts == jobs.MAX_EVENT_ATTEMPTS
    assert "date value out of range" in (ev.error or "") and ev.processed_at is not None
    assert all(r.event_id != won for r in _runs(org))  # nothing half-recorded
