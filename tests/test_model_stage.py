"""The model stage: a worker process keeps many model calls in flight and still records every run
exactly once, in order per ticket, and marks each event PROCESSED only when its runs are recorded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openai_stub import OpenAIStub, Reply
from sqlalchemy import select
from worker_support import crm_event, drain, make_org

from engine import jobs, model_stage
from engine.config import get_settings
from engine.db import session_scope
from engine.models import AiAgent, AiInsight, AiRun, Event, EventStatus, RunStatus

ROOT = Path(__file__).resolve().parents[1]
MODEL_AGENTS = ("icp_mapper", "qa_auditor", "capi_auditor")  # the three TICKET_WON agents


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", server.base_url)
        get_settings.cache_clear()
        yield server
    get_settings.cache_clear()


@pytest.fixture
def stage() -> Iterator[model_stage.ModelStage]:
    model_stage.enable(True)
    current = model_stage.current()
    assert current is not None
    yield current
    current.drain(timeout=60)
    model_stage.enable(False)


def _model_org() -> uuid.UUID:
    org = make_org(*MODEL_AGENTS)
    with session_scope() as s:
        for agent in s.scalars(select(AiAgent).where(AiAgent.organization_id == org)):
            agent.model = "local/stub"
    return org


def _events(eids: list[uuid.UUID]) -> dict[uuid.UUID, Event]:
    with session_scope() as s:
        return {e.id: e for e in s.scalars(select(Event).where(Event.id.in_(eids)))}


def _runs(org: uuid.UUID) -> list[AiRun]:
    with session_scope() as s:
        return list(s.scalars(select(AiRun).where(AiRun.organization_id == org, AiRun.trigger_event == "TICKET_WON")))


def test_calls_overlap_and_every_run_is_recorded_once(committed_db, redis_conn, stub, stage) -> None:
    stub.state.default_delay_s = 0.6
    org = _model_org()
    tickets = [f"T-{i}" for i in range(6)]
    for t in tickets:
        crm_event(org, "MESSAGE_RECEIVED", t, connection=redis_conn)
    drain(redis_conn)
    won = [crm_event(org, "TICKET_WON", t, connection=redis_conn) for t in tickets]
    started = time.perf_counter()
    drain(redis_conn)  # the jobs hand their 18 model calls over and return
    handed_over = _events(won)
    assert {e.status for e in handed_over.values()} <= {EventStatus.PROCESSING, EventStatus.PROCESSED}
    assert stage.drain(timeout=60)
    elapsed = time.perf_counter() - started
    assert {e.status for e in _events(won).values()} == {EventStatus.PROCESSED}
    runs = _runs(org)
    assert len(runs) == 18 and all(r.status is RunStatus.SUCCEEDED for r in runs)
    assert len({r.idempotency_key for r in runs}) == 18
    assert len(stub.requests) == 18
    # 18 calls of 0.6 s: one after another would take 10.8 s; the stage overlaps them.
    assert elapsed < 8, f"{elapsed:.1f} s"
    assert not any(redis_conn.exists(model_stage.inflight_key(e)) for e in won)
    # A second pass over the same events (a retried job) creates nothing and calls nothing.
    for e in won:
        jobs.process_event(str(e))
    assert stage.drain(timeout=30) and len(_runs(org)) == 18 and len(stub.requests) == 18


def test_a_tickets_outcomes_are_recorded_in_the_order_handed_over(committed_db, redis_conn, stub, stage) -> None:
    org = make_org("icp_mapper")
    with session_scope() as s:
        s.scalar(select(AiAgent).where(AiAgent.organization_id == org)).model = "local/stub"  # type: ignore[union-attr]
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    stub.enqueue(Reply(delay_s=1.5), Reply(delay_s=0.0))  # the first call answers last
    first = crm_event(org, "MACRO_BUTTON_CLICKED", "T-1", agent="icp_mapper", connection=redis_conn)
    second = crm_event(org, "MACRO_BUTTON_CLICKED", "T-1", agent="icp_mapper", connection=redis_conn)
    drain(redis_conn)
    assert stage.drain(timeout=60)
    with session_scope() as s:
        # Recorded in that order (the second, the same finding again, refreshes the first's card).
        rows = s.execute(select(AiRun.event_id).where(AiRun.organization_id == org,
                                                      AiRun.event_id.in_([first, second]))
                         .order_by(AiRun.created_at)).all()
        cards = s.scalars(select(AiInsight).where(AiInsight.organization_id == org)).all()
    assert [r.event_id for r in rows] == [first, second]
    assert len(cards) == 1 and cards[0].refreshed_run_id is not None


def test_offline_runs_stay_inline(committed_db, redis_conn, stage) -> None:
    org = make_org(*MODEL_AGENTS)  # offline models: recorded by the job itself
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    drain(redis_conn)
    assert _events([won])[won].status is EventStatus.PROCESSED and stage.in_flight() == 0
    assert len(_runs(org)) == 3


WORKER = """
import sys
from engine.jobs import run_worker
sys.exit(run_worker(burst=False, fork=False))
"""


def test_kill_9_with_calls_in_flight_then_recovery_records_each_run_once(committed_db, redis_conn, stub) -> None:
    stub.state.default_delay_s = 60  # the calls are in flight when the worker dies
    org = _model_org()
    for t in ("T-1", "T-2"):
        crm_event(org, "MESSAGE_RECEIVED", t, connection=redis_conn)
    drain(redis_conn)
    won = [crm_event(org, "TICKET_WON", t, connection=redis_conn) for t in ("T-1", "T-2")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENAI_COMPATIBLE_BASE_URL": stub.base_url}
    proc = subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while len(stub.requests) < 6:
            assert proc.poll() is None, proc.stderr.read().decode()[-3000:] if proc.stderr else ""
            assert time.monotonic() < deadline, "the worker never put the calls in flight"
            time.sleep(0.1)
        assert all(redis_conn.exists(model_stage.inflight_key(e)) for e in won)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert {e.status for e in _events(won).values()} == {EventStatus.PROCESSING} and _runs(org) == []
    # Later: the in-flight keys expire (their TTL covers the longest call), the sweeper hands the
    # events back, and a worker runs them again.
    for e in won:
        redis_conn.delete(model_stage.inflight_key(e))
    for key in redis_conn.scan_iter("rq:scheduler-lock:*"):
        redis_conn.delete(key)
    stub.state.default_delay_s = 0
    assert jobs.requeue_stale_events(now=datetime.now(UTC) + timedelta(minutes=10), connection=redis_conn) == 2
    time.sleep(1.2)
    drain(redis_conn)
    assert {e.status for e in _events(won).values()} == {EventStatus.PROCESSED}
    runs = _runs(org)
    assert len(runs) == 6 and len({r.idempotency_key for r in runs}) == 6

