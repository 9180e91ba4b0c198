"""A worker killed with kill -9: its job is handed back in seconds, its scheduler does not linger."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from worker_support import crm_event, drain, fake_analyse, make_org, worker_process

import engine.offline
from engine.db import session_scope
from engine.liveness import ALIVE_PREFIX, KNOWN_PREFIX, reclaim_dead
from engine.models import Event, EventStatus
from engine.queues import EVENTS, get_queue

pytestmark = pytest.mark.slow


def _wait(cond, timeout: float, what: str) -> float:  # noqa: ANN001
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if cond():
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_reclaim_only_judges_copilot_workers(committed_db, redis_conn) -> None:
    from rq import SimpleWorker

    org = make_org()
    eid = crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    queue = get_queue(EVENTS, redis_conn)
    job = queue.fetch_job(f"event_{eid}")
    assert job is not None
    worker = SimpleWorker([queue], connection=redis_conn, name="ghost")
    worker.prepare_execution(job)  # as if "ghost" started it, then vanished
    worker.prepare_job_execution(job)
    assert reclaim_dead(redis_conn, [queue]) == []  # not one of ours: RQ's own expiry applies
    redis_conn.set(KNOWN_PREFIX + "ghost", "1")
    redis_conn.set(ALIVE_PREFIX + "ghost", "1")
    assert reclaim_dead(redis_conn, [queue]) == []  # alive
    redis_conn.delete(ALIVE_PREFIX + "ghost", "copilot:reclaim-lock")
    assert reclaim_dead(redis_conn, [queue]) == [job.id]
    assert job.id in queue.job_ids  # back on the queue at once
    drain(redis_conn)
    with session_scope() as s:
        ev = s.get(Event, eid)
        assert ev is not None and ev.status is EventStatus.PROCESSED


def test_kill_9_recovers_in_seconds_with_another_worker(committed_db, redis_conn, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    org = make_org("icp_mapper")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)
    marker = tmp_path / "marker"
    doomed = worker_process(mode="slow:120", burst=False, fork=False, marker=str(marker))
    survivor = None
    try:
        _wait(lambda: marker.exists() and "in-model" in marker.read_text(), 120, "the job to start")
        os.killpg(doomed.pid, signal.SIGKILL)  # the worker and its scheduler, as a crash would
        doomed.wait(timeout=10)
        killed_at = time.monotonic()
        survivor = worker_process(mode="fake", burst=False, fork=False)

        def processed() -> bool:
            with session_scope() as s:
                ev = s.get(Event, won)
                return ev is not None and ev.status is EventStatus.PROCESSED

        _wait(processed, 90, "the event to be processed by the surviving worker")
        recovery = time.monotonic() - killed_at
        print(f"recovery after kill -9: {recovery:.1f} s")
        assert recovery < 60, recovery
    finally:
        for proc in (doomed, survivor):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
