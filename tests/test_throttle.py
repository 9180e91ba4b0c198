"""Throttle (maxRuns per window) and debounce, atomic in Redis; THROTTLED/SKIPPED runs recorded."""

from __future__ import annotations

import os
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rq import Worker
from rq.job import Job
from sqlalchemy import select, update
from worker_support import agent_id, crm_event, drain, fake_analyse, make_org, worker_process

import engine.offline
from engine import queues
from engine.db import session_scope
from engine.models import AiRun, AiTrigger, EventType, RunStatus
from engine.throttle import check_window, claim_debounce, debounce_swap, resolve_scope
from engine.throttle_rules import ThrottleRules

RULES = ThrottleRules.model_validate({"maxRuns": 2, "windowSeconds": 60})


def test_window_admits_max_runs_then_throttles_and_slides(redis_conn) -> None:
    key = "t:win"
    t0 = 1_000_000
    assert check_window(redis_conn, key=key, rules=RULES, member="a", now_ms=t0).admitted
    assert check_window(redis_conn, key=key, rules=RULES, member="b", now_ms=t0 + 1000).admitted
    third = check_window(redis_conn, key=key, rules=RULES, member="c", now_ms=t0 + 2000)
    assert not third.admitted and third.runs_in_window == 2 and third.retry_after_ms == 58_000
    # a retry of an admitted request is admitted again, not counted twice
    again = check_window(redis_conn, key=key, rules=RULES, member="a", now_ms=t0 + 3000)
    assert again.admitted and again.runs_in_window == 2
    assert check_window(redis_conn, key=key, rules=RULES, member="c", now_ms=t0 + 60_001).admitted


def test_rules_without_max_runs_always_admit(redis_conn) -> None:
    assert check_window(redis_conn, key="t:none", rules=ThrottleRules(), member="x").admitted


def test_fifty_concurrent_requests_admit_exactly_max_runs(redis_conn) -> None:
    rules = ThrottleRules.model_validate({"maxRuns": 3, "windowSeconds": 3600})

    def one(i: int) -> bool:
        return check_window(redis_conn, key="t:race", rules=rules, member=f"m{i}").admitted

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(one, range(50)))
    assert sum(results) == 3


def test_scope_resolution() -> None:
    org, ticket, contact = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for scope, expected in (("ticket", ticket), ("contact", contact), ("organization", org)):
        rules = ThrottleRules.model_validate({"maxRuns": 1, "windowSeconds": 60, "scope": scope})
        assert resolve_scope(rules, organization_id=org, ticket_id=ticket, contact_id=contact).id == expected
    no_ticket = resolve_scope(RULES, organization_id=org, ticket_id=None, contact_id=None)
    assert (no_ticket.kind, no_ticket.id) == ("organization", org)


def test_debounce_keeps_only_the_latest_request(redis_conn) -> None:
    key = "t:deb"
    assert debounce_swap(redis_conn, key=key, request_id="e1", debounce_seconds=5) is None
    assert debounce_swap(redis_conn, key=key, request_id="e2", debounce_seconds=5) == "e1"
    assert debounce_swap(redis_conn, key=key, request_id="e2", debounce_seconds=5) is None  # retry of e2
    assert not claim_debounce(redis_conn, key=key, request_id="e1", debounce_seconds=5)
    assert claim_debounce(redis_conn, key=key, request_id="e2", debounce_seconds=5)
    assert claim_debounce(redis_conn, key=key, request_id="e2", debounce_seconds=5)  # idempotent retry
    assert debounce_swap(redis_conn, key=key, request_id="e3", debounce_seconds=5) is None  # e2 already fired


def _runs(org: uuid.UUID) -> list[AiRun]:
    with session_scope() as s:
        return list(s.scalars(select(AiRun).where(AiRun.organization_id == org)))


def test_burst_is_debounced_to_one_run_and_superseded_ones_are_skipped(committed_db, redis_conn,
                                                                      monkeypatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    org = make_org("closing_coach")
    with session_scope() as s:
        s.execute(update(AiTrigger).where(AiTrigger.organization_id == org).values(
            throttle_rules={"debounceSeconds": 1, "maxRuns": 6, "windowSeconds": 3600}))
    events = [crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn) for _ in range(3)]
    drain(redis_conn)
    assert _runs(org) == []  # nothing runs during the burst
    time.sleep(1.2)
    drain(redis_conn)
    runs = {r.event_id: r for r in _runs(org)}
    assert runs[events[-1]].status is RunStatus.SUCCEEDED
    for eid in events[:-1]:
        assert runs[eid].status is RunStatus.SKIPPED
        assert runs[eid].detail["rule"] == "debounceSeconds" and runs[eid].detail["superseded"] is True
        assert runs[eid].engine is None and runs[eid].prompt_tokens == 0  # cheap rows


def _until(condition, procs, timeout: float = 120) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        for p in procs:
            assert p.poll() is None, p.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.slow
def test_two_worker_processes_racing_never_exceed_max_runs(committed_db, redis_conn) -> None:
    org = make_org("ghosting_sentinel")  # NEW_MESSAGE_RECEIVED: maxRuns 2 per ticket per 24 h
    ghost = agent_id(org, "ghosting_sentinel")

    def ghost_runs() -> list[AiRun]:
        return [r for r in _runs(org)
                if r.agent_id == ghost and r.trigger_event == EventType.NEW_MESSAGE_RECEIVED.value]

    # Both workers are up and waiting before the events arrive, so they really race for them.
    procs = [worker_process(burst=False), worker_process(burst=False)]
    try:
        _until(lambda: len(Worker.all(connection=redis_conn)) == 2, procs)
        events = [crm_event(org, "MESSAGE_RECEIVED", "T-1", connection=redis_conn) for _ in range(12)]
        _until(lambda: len(ghost_runs()) >= len(events) and queues.get_queue(queues.EVENTS, redis_conn).count == 0,
               procs)
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGTERM)  # warm shutdown: the worker, its work horse, its scheduler
        for p in procs:
            p.wait(timeout=60)
    runs = ghost_runs()
    assert len(runs) == len(events)  # every match recorded once
    assert sum(r.status is RunStatus.SUCCEEDED for r in runs) == 2
    throttled = [r for r in runs if r.status is RunStatus.THROTTLED]
    assert len(throttled) == 10
    assert {r.detail["rule"] for r in throttled} == {"maxRuns"}
    assert throttled[0].detail["maxRuns"] == 2 and throttled[0].detail["scope"] == "ticket"
    # Each event job records the worker that ran it (kept for RESULT_TTL_SECONDS): both took part.
    ran_by = [Job.fetch(queues.event_job_id(e), connection=redis_conn).worker_name for e in events]
    assert all(ran_by) and len(set(ran_by)) == 2, ran_by


def test_pipelined_window_checks_match_single_checks(redis_conn) -> None:
    from engine.throttle import check_windows

    none = ThrottleRules()
    got = check_windows(redis_conn, [("t:p1", RULES, "a"), ("t:p1", RULES, "b"), ("t:p2", none, "x"),
                                     ("t:p1", RULES, "c"), ("t:p1", RULES, "a")])
    assert [d.admitted for d in got] == [True, True, True, False, True]
    assert got[3].runs_in_window == 2 and got[4].runs_in_window == 2
