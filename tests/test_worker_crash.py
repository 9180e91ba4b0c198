"""kill -9 of a real worker mid-job: the retry creates no duplicate run, insight or publish."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from worker_support import crm_event, drain, fake_analyse, kill_tree, make_org, worker_process

import engine.offline
from engine import jobs
from engine.db import session_scope
from engine.models import AiInsight, AiRun, Event, EventStatus, RunStatus
from engine.realtime import org_channel

pytestmark = pytest.mark.slow


def _wait_for(path: Path, text: str, proc, timeout: float = 120) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        if proc.poll() is not None:
            raise AssertionError(f"worker exited early: {proc.stderr.read().decode()[-3000:]}")
        time.sleep(0.1)
    raise AssertionError(f"worker never reached '{text}'")


def _kill(proc) -> None:  # noqa: ANN001
    kill_tree(proc)  # the worker, its work horse (own session) and its scheduler process


def _recover(redis_conn) -> None:  # noqa: ANN001
    # What time does on its own: the dead scheduler's lock expires and the abandoned execution's
    # heartbeat runs out. Then the sweeper (every minute in a live worker) hands the job back.
    for key in redis_conn.scan_iter("rq:scheduler-lock:*"):
        redis_conn.delete(key)
    jobs.requeue_stale_events(now=datetime.now(UTC) + timedelta(minutes=10), connection=redis_conn)
    time.sleep(1.2)  # RQ's retry interval (1 s)
    drain(redis_conn)


def _counts(org: uuid.UUID) -> tuple[int, int]:
    with session_scope() as s:
        runs = s.scalar(select(func.count()).select_from(AiRun).where(AiRun.organization_id == org,
                                                                       AiRun.trigger_event == "TICKET_WON"))
        insights = s.scalar(select(func.count()).select_from(AiInsight).where(AiInsight.organization_id == org))
    return int(runs or 0), int(insights or 0)


@pytest.mark.parametrize("mode,marker_text,fork", [("slow:60", "in-model", True), ("block-publish", "recorded", True),
                                                   ("slow:60", "in-model", False),
                                                   ("block-publish", "recorded", False)])
def test_kill_9_mid_job_then_retry_creates_no_duplicates(committed_db, redis_conn, monkeypatch, tmp_path,
                                                          mode, marker_text, fork) -> None:
    """Both worker classes: the forking one (``--fork``) and the default in-process SimpleWorker."""
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    org = make_org("icp_mapper", "qa_auditor")
    crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn)
    drain(redis_conn)
    sub = redis_conn.pubsub()
    sub.subscribe(org_channel(org))
    sub.get_message(timeout=1)
    won = crm_event(org, "TICKET_WON", "T-1", connection=redis_conn)

    marker = tmp_path / "marker"
    proc = worker_process(mode=mode, burst=False, fork=fork, marker=str(marker))
    try:
        _wait_for(marker, marker_text, proc)
    finally:
        _kill(proc)
    # The offline engine runs inside the event's one transaction: killed in the model, nothing of
    # the attempt was committed (the event is as ingested); killed while publishing, everything was.
    in_model = mode.startswith("slow")
    with session_scope() as s:
        ev = s.get(Event, won)
        assert ev is not None
        assert (ev.status, ev.attempts) == ((EventStatus.RECEIVED, 0) if in_model else (EventStatus.PROCESSING, 1))
    before = _counts(org)
    assert before == ((0, 0) if in_model else (2, 2))

    _recover(redis_conn)

    with session_scope() as s:
        ev = s.get(Event, won)
        assert ev is not None and ev.status is EventStatus.PROCESSED and ev.attempts == (1 if in_model else 2)
        statuses = list(s.scalars(select(AiRun.status).where(AiRun.event_id == won)))
    assert statuses == [RunStatus.SUCCEEDED, RunStatus.SUCCEEDED]
    assert _counts(org) == (2, 2)
    published = [json.loads(m["data"]) for m in iter(lambda: sub.get_message(timeout=1), None)
                 if m["type"] == "message"]
    assert len(published) == 2 and len({p["insight_id"] for p in published}) == 2
