"""Durable timers: debounced runs and inactivity checks are recorded in PostgreSQL (the source of
truth) in the transaction that decides them; Redis (RQ's scheduled jobs) only schedules them.

- ``record`` adds a pending timer (``scheduled_timer`` row, key = the RQ job id) in the caller's
  transaction (flushes, never commits); the caller enqueues the RQ job as before.
- ``finish`` marks it done when its job has run (whatever the outcome: SKIPPED is an outcome).
- ``restore`` (worker maintenance, every minute) re-creates the RQ job of every pending timer Redis
  no longer has (a restart without persistence, a flush), due at the recorded time, and for a
  debounced run restores the "latest request of the burst" marker when Redis lost it too.
  Every job is idempotent per key, so a timer restored while its job still runs creates nothing twice.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.db import session_scope
from engine.models import ScheduledTimer
from engine.queues import (
    debounce_job_id,
    enqueue_debounced,
    enqueue_inactivity_check,
    jobs_present,
    redis_connection,
)

log = logging.getLogger(__name__)

DEBOUNCE, INACTIVITY = "debounce", "inactivity"
KEEP_DONE = timedelta(days=2)  # done timers are deleted after this
RESTORE_LIMIT = 5000  # pending timers looked at per maintenance round
DEBOUNCE_MARK_TTL = timedelta(hours=1)


def record(s: Session, *, job_id: str, organization_id: uuid.UUID, kind: str, args: dict[str, Any],
           due_at: datetime) -> None:
    """A pending timer, in the caller's transaction (a second record of the same job id is a no-op)."""
    s.execute(insert(ScheduledTimer).values(job_id=job_id, organization_id=organization_id, kind=kind, args=args,
                                            due_at=due_at).on_conflict_do_nothing(index_elements=["job_id"]))


def record_debounce(s: Session, args: dict[str, Any], *, debounce_key: str, due_at: datetime) -> None:
    """A debounced run's timer; ``debounce_key`` is its burst's Redis marker (restored with it)."""
    record(s, job_id=debounce_job_id(args["idempotency_key"]), organization_id=uuid.UUID(args["organization_id"]),
           kind=DEBOUNCE, args={**args, "debounce_key": debounce_key}, due_at=due_at)


def _supersede_stmt(organization_id: uuid.UUID, ticket_id: uuid.UUID, keep: str) -> Any:
    return update(ScheduledTimer).where(
        ScheduledTimer.done_at.is_(None), ScheduledTimer.kind == INACTIVITY,
        ScheduledTimer.organization_id == organization_id,
        ScheduledTimer.args["ticket_id"].astext == str(ticket_id), ScheduledTimer.job_id < keep,
    ).values(done_at=datetime.now(UTC))


def supersede_inactivity(s: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, keep: str) -> None:
    """Mark the ticket's other pending inactivity timers done (a newer message has its own check)."""
    s.execute(_supersede_stmt(organization_id, ticket_id, keep))


def record_inactivity(s: Session, *, job_id: str, organization_id: uuid.UUID, ticket_id: uuid.UUID,
                      args: dict[str, Any], due_at: datetime) -> None:
    """``record`` + ``supersede_inactivity`` in one statement (the insert as a CTE of the update)."""
    ins = (insert(ScheduledTimer).values(job_id=job_id, organization_id=organization_id, kind=INACTIVITY, args=args,
                                         due_at=due_at)
           .on_conflict_do_nothing(index_elements=["job_id"]).cte("new_timer"))
    s.execute(_supersede_stmt(organization_id, ticket_id, job_id).add_cte(ins),
              execution_options={"synchronize_session": False})


def finish(job_id: str) -> None:
    """The timer's job ran: mark it done (own short transaction)."""
    with session_scope() as s:
        s.execute(update(ScheduledTimer).where(ScheduledTimer.job_id == job_id, ScheduledTimer.done_at.is_(None))
                  .values(done_at=datetime.now(UTC)))


def restore(connection: redis.Redis | None = None, *, now: datetime | None = None) -> int:
    """Re-create the RQ jobs of pending timers that Redis lost. Returns how many were re-created."""
    conn = connection or redis_connection()
    now = now or datetime.now(UTC)
    with session_scope() as s:
        s.execute(delete(ScheduledTimer).where(ScheduledTimer.done_at < now - KEEP_DONE))
        timers = list(s.scalars(select(ScheduledTimer).where(ScheduledTimer.done_at.is_(None))
                                .order_by(ScheduledTimer.due_at).limit(RESTORE_LIMIT)))
    restored = 0
    latest: dict[str, ScheduledTimer] = {}
    present = jobs_present([t.job_id for t in timers], connection=conn)  # one round trip
    for t, exists in zip(timers, present, strict=True):
        if exists:
            continue
        delay = max(timedelta(0), t.due_at - now)
        if t.kind == DEBOUNCE:
            args = {k: v for k, v in t.args.items() if k != "debounce_key"}
            enqueue_debounced(args, delay=delay, connection=conn)
            if t.args.get("debounce_key"):
                latest[t.args["debounce_key"]] = t  # ordered by due_at: the last one is the burst's latest
        elif t.kind == INACTIVITY:
            enqueue_inactivity_check(conn, job_id=t.job_id, organization_id=t.organization_id,
                                     ticket_id=uuid.UUID(t.args["ticket_id"]),
                                     last_message_at=t.args["last_message_at"], delay=delay)
        restored += 1
    for key, t in latest.items():  # Redis lost the burst marker too: the latest request is the one to run
        conn.set(key, t.args["idempotency_key"], nx=True, px=int(DEBOUNCE_MARK_TTL.total_seconds() * 1000))
    if restored:
        log.warning("re-created %d timer job(s) Redis had lost", restored)
    return restored
