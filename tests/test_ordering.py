"""Per-ticket ordering: deferral instead of failure, occurred_at order under concurrency, bounds."""

from __future__ import annotations

import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update
from worker_support import T0, crm_event, drain, fake_analyse, make_org

import engine.offline
from engine import jobs, queues
from engine.db import get_engine, session_scope
from engine.models import Event, EventStatus, Message, Ticket, TicketStatus
from engine.ordering import MAX_WAIT, defer_delay, order_fields


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)


def _event(eid: uuid.UUID) -> Event:
    with session_scope() as s:
        ev = s.get(Event, eid)
        assert ev is not None
        return ev


def _ticket(org: uuid.UUID, ref: str) -> Ticket | None:
    with session_scope() as s:
        return s.scalar(select(Ticket).where(Ticket.organization_id == org, Ticket.external_ref == ref))


def test_order_fields_read_ticket_and_time() -> None:
    key, at = order_fields("crm", "TICKET_WON", {"ticket": {"ref": "T-9"}, "occurred_at": "2026-08-12T18:00:00-03:00"})
    assert key == "crm:T-9" and at == datetime(2026, 8, 12, 21, tzinfo=UTC)
    key, at = order_fields("whatsapp", "MESSAGE_RECEIVED", {"message": {"from": "+55 11 9999-0000", "timestamp": "1755000000"}})
    assert key == "wa:551199990000" and at == datetime.fromtimestamp(1755000000, tz=UTC)
    assert order_fields("whatsapp", "MESSAGE_STATUS", {"status": {"id": "x"}}) == (None, None)
    assert order_fields("crm", "TICKET_WON", {"ticket": {}}) == (None, None)
    assert [defer_delay(n).total_seconds() for n in (1, 2, 3, 6, 20)] == [1, 2, 4, 30, 30]


def test_won_before_its_ticket_is_deferred_then_applied(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper")
    won = crm_event(org, "TICKET_WON", "T-1", at=T0 + timedelta(hours=1), connection=redis_conn)
    drain(redis_conn, scheduler=False)
    ev = _event(won)
    assert ev.status is EventStatus.RECEIVED and ev.parked and ev.deferrals == 1 and ev.attempts == 0
    assert "deferred: TICKET_WON: unknown ticket 'T-1'" in (ev.error or "")
    assert ev.next_attempt_at is not None
    retry = queues.event_retry_job_id(won, 1)
    assert retry in queues.get_queue(queues.EVENTS, redis_conn).scheduled_job_registry.get_job_ids()

    crm_event(org, "MESSAGE_RECEIVED", "T-1", at=T0, connection=redis_conn)  # the ticket's first event
    drain(redis_conn, scheduler=False)  # applying it expedites the deferred WON: no wait for its backoff
    ev = _event(won)
    assert ev.status is EventStatus.PROCESSED and ev.error is None and ev.attempts == 1
    ticket = _ticket(org, "T-1")
    assert ticket is not None and ticket.status is TicketStatus.WON


def test_events_of_one_ticket_apply_in_occurred_at_order(committed_db, redis_conn) -> None:
    org = make_org("icp_mapper")
    ids = [crm_event(org, "MESSAGE_RECEIVED" if i % 2 == 0 else "MESSAGE_SENT", "T-1",
                     author="lead" if i % 2 == 0 else "seller", at=T0 + timedelta(minutes=i), enqueue=False)
           for i in range(6)]
    won = crm_event(org, "TICKET_WON", "T-1", at=T0 + timedelta(minutes=10), enqueue=False)
    other = crm_event(org, "MESSAGE_RECEIVED", "T-2", at=T0, enqueue=False)
    # Newest first: every one of them finds an earlier pending event and waits...
    assert jobs.process_event(str(won)) == "deferred"
    for eid in reversed(ids[1:]):
        assert jobs.process_event(str(eid)) == "deferred"
        assert not _event(eid).parked
    # ... while another ticket's event is not held back by them.
    assert jobs.process_event(str(other)) == EventStatus.PROCESSED.value
    assert jobs.process_event(str(ids[0])) == EventStatus.PROCESSED.value
    drain(redis_conn)  # the first one's successors were expedited; each then expedites the next
    with session_scope() as s:
        rows = s.execute(select(Event.id, Event.status, Event.applied_at)
                         .where(Event.id.in_([*ids, won]))).all()
    assert {r[1] for r in rows} == {EventStatus.PROCESSED}
    applied_order = [r[0] for r in sorted(rows, key=lambda r: r[2])]
    assert applied_order == [*ids, won]
    ticket = _ticket(org, "T-1")
    assert ticket is not None and ticket.status is TicketStatus.WON


def test_concurrent_workers_apply_one_ticket_in_order(committed_db, redis_conn) -> None:
    """Three threads take the events of one ticket in random order, as three workers would."""
    org = make_org()
    ids = [crm_event(org, "MESSAGE_RECEIVED", "T-1", at=T0 + timedelta(seconds=i), enqueue=False) for i in range(12)]
    shuffled = ids[:]
    random.Random(7).shuffle(shuffled)
    with ThreadPoolExecutor(3) as pool:
        for _ in range(20):
            pending = [e for e in shuffled if _event(e).status is EventStatus.RECEIVED]
            if not pending:
                break
            list(pool.map(lambda e: jobs.process_event(str(e)), pending))
    with session_scope() as s:
        rows = s.execute(select(Event.id, Event.status, Event.applied_at).where(Event.id.in_(ids))).all()
        sent = list(s.scalars(select(Message.extra["event_id"].astext).where(Message.organization_id == org)
                              .order_by(Message.sent_at)))
    assert {r[1] for r in rows} == {EventStatus.PROCESSED}
    assert [r[0] for r in sorted(rows, key=lambda r: r[2])] == ids
    assert sent == [str(i) for i in ids]


def test_lock_serialises_one_ticket_only(committed_db, redis_conn) -> None:
    """While a transaction holds ticket T-1's lock, T-1's event waits and T-2's goes through."""
    from engine.ordering import lock_ticket

    org = make_org()
    first = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)
    blocked = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)
    free = crm_event(org, "MESSAGE_RECEIVED", "T-2", enqueue=False)
    jobs.process_event(str(first))
    done = threading.Event()
    with session_scope() as holder:
        lock_ticket(holder, org, "crm:T-1")
        t = threading.Thread(target=lambda: (jobs.process_event(str(blocked)), done.set()))
        t.start()
        assert jobs.process_event(str(free)) == EventStatus.PROCESSED.value
        assert not done.wait(0.5)  # still waiting for the lock
    t.join(10)
    assert done.is_set() and _event(blocked).status is EventStatus.PROCESSED


def test_waiting_is_bounded(committed_db, redis_conn) -> None:
    org = make_org()
    won = crm_event(org, "TICKET_WON", "T-404", enqueue=False)
    assert jobs.process_event(str(won)) == "deferred"
    with session_scope() as s:  # as if it arrived long ago
        s.execute(update(Event).where(Event.id == won).values(received_at=datetime.now(UTC) - MAX_WAIT))
    assert jobs.process_event(str(won)) == EventStatus.FAILED.value
    ev = _event(won)
    assert ev.status is EventStatus.FAILED and "unknown ticket 'T-404'" in (ev.error or "") and "waited" in ev.error

    # Held back by an earlier event that never gets applied: applied anyway once the wait is over.
    crm_event(org, "MESSAGE_RECEIVED", "T-5", at=T0, enqueue=False)  # stuck (never processed)
    late = crm_event(org, "MESSAGE_RECEIVED", "T-5", at=T0 + timedelta(minutes=1), enqueue=False)
    assert jobs.process_event(str(late)) == "deferred"
    with session_scope() as s:
        s.execute(update(Event).where(Event.id == late).values(received_at=datetime.now(UTC) - MAX_WAIT))
    assert jobs.process_event(str(late)) == EventStatus.PROCESSED.value


def test_stale_turn_is_a_noop_and_sweeper_recovers_a_lost_retry(committed_db, redis_conn) -> None:
    org = make_org()
    won = crm_event(org, "TICKET_WON", "T-1", enqueue=False)
    assert jobs.process_event(str(won)) == "deferred"
    assert jobs.process_event(str(won), 0) == "stale"
    assert _event(won).deferrals == 1
    redis_conn.flushdb()  # Redis lost the scheduled retry
    crm_event(org, "MESSAGE_RECEIVED", "T-1", at=T0 - timedelta(days=1), enqueue=False)
    assert jobs.requeue_stale_events(connection=redis_conn) == 0  # nothing is due yet
    later = datetime.now(UTC) + timedelta(minutes=3)
    assert jobs.requeue_stale_events(now=later, connection=redis_conn) == 2
    drain(redis_conn)
    assert _event(won).status is EventStatus.PROCESSED


def test_events_stored_before_ordering_get_their_key(committed_db, redis_conn) -> None:
    org = make_org()
    eid = crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)
    with get_engine().begin() as conn:
        conn.execute(text("UPDATE event SET ticket_key = NULL, occurred_at = NULL WHERE id = :i"), {"i": eid})
    assert jobs.process_event(str(eid)) == EventStatus.PROCESSED.value
    assert _event(eid).ticket_key == "crm:T-1"
