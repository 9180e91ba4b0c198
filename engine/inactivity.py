"""INACTIVITY_2H: a scheduled check per open ticket, ``inactivity_minutes`` (per organisation, default
120) after its last message.

Each check is a durable timer (``engine.timers``): recorded in PostgreSQL with the event that
causes it, re-created from there if Redis loses its job. Each new message schedules a check for the ticket's latest message and drops the pending check
of the previous one (a Redis pointer per ticket names the pending job). When the check fires it
re-reads the ticket and does nothing if the ticket closed or a newer message arrived (then it makes
sure the newer message has its own check). Otherwise the ticket's INACTIVITY_2H agents run with
idempotency key ``inactivity:<ticket>:<last_message_at>:<agent>``, so a repeated check never runs
an agent twice for the same silence.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import redis
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import timers
from engine.db import session_scope
from engine.models import EventType, Organization, Ticket, TicketStatus
from engine.org_settings import OrgSettings
from engine.pipeline import RunRequest, execute, prepare
from engine.queues import enqueue_inactivity_check, redis_connection
from engine.triggers import match_agents

POINTER_PREFIX = "copilot:inactivity"


def default_delay(last_message_at: datetime, minutes: int, now: datetime) -> timedelta:
    """Time left until ``minutes`` of silence after ``last_message_at`` (never negative)."""
    return max(timedelta(0), last_message_at + timedelta(minutes=minutes) - now)


# Injectable: tests swap in an accelerated clock (e.g. one "minute" = one second).
delay_fn: Callable[[datetime, int, datetime], timedelta] = default_delay


def inactivity_minutes(session: Session, organization_id: uuid.UUID) -> int:
    org = session.get(Organization, organization_id)
    return OrgSettings.load(org.settings if org else None).inactivity_minutes


def job_id_for(ticket_id: uuid.UUID, last_message_at: datetime) -> str:
    return f"inactivity_{ticket_id}_{int(last_message_at.timestamp() * 1000)}"


def record_check(s: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, last_message_at: datetime,
                 minutes: int, now: datetime | None = None) -> str:
    """Record the check for this (ticket, last message) as a durable timer in the caller's transaction
    (``engine.timers``) and retire the ticket's older pending ones. Returns the job id."""
    job_id = job_id_for(ticket_id, last_message_at)
    now = now or datetime.now(UTC)
    timers.record_inactivity(s, job_id=job_id, organization_id=organization_id, ticket_id=ticket_id,
                             args={"ticket_id": str(ticket_id), "last_message_at": last_message_at.isoformat()},
                             due_at=now + delay_fn(last_message_at, minutes, now))
    return job_id


def schedule_check(conn: redis.Redis, *, organization_id: uuid.UUID, ticket_id: uuid.UUID,
                   last_message_at: datetime, minutes: int, now: datetime | None = None) -> str:
    """Schedule the check for this (ticket, last message) and cancel the ticket's previous pending one.

    Idempotent (job id per ticket and message time). Returns the job id."""
    job_id = job_id_for(ticket_id, last_message_at)
    delay = delay_fn(last_message_at, minutes, now or datetime.now(UTC))
    enqueue_inactivity_check(conn, job_id=job_id, organization_id=organization_id, ticket_id=ticket_id,
                             last_message_at=last_message_at.isoformat(), delay=delay)
    previous = conn.set(f"{POINTER_PREFIX}:{ticket_id}", job_id, get=True, ex=minutes * 60 + 7 * 24 * 3600)
    prev_id = previous.decode() if isinstance(previous, bytes) else (str(previous) if previous else None)
    if prev_id and prev_id != job_id and prev_id < job_id:  # ids sort by message time
        _cancel_pending(conn, prev_id)
    elif prev_id and prev_id > job_id:  # an older message was processed late: keep the newer pointer
        conn.set(f"{POINTER_PREFIX}:{ticket_id}", prev_id, keepttl=True)
        _cancel_pending(conn, job_id)
    return job_id


def _cancel_pending(conn: redis.Redis, job_id: str) -> None:
    try:
        job = Job.fetch(job_id, connection=conn)
    except NoSuchJobError:
        return
    if job.get_status(refresh=False) in (JobStatus.SCHEDULED, JobStatus.QUEUED):
        with conn.pipeline() as pipe:  # RQ's delete, its writes in one round trip
            job.delete(pipeline=pipe)
            pipe.execute()


def check_inactivity(organization_id: str, ticket_id: str, expected_last_message_at: str) -> str:
    """The scheduled check (RQ job). Returns what it did: closed | newer_message | ran:<n>."""
    org_id, tid = uuid.UUID(organization_id), uuid.UUID(ticket_id)
    expected = datetime.fromisoformat(expected_last_message_at)
    conn = redis_connection()
    with session_scope() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.id == tid, Ticket.organization_id == org_id))
        if ticket is None or ticket.status is not TicketStatus.OPEN:
            return "closed"
        last = ticket.last_message_at
        if last is None or last != expected:
            if last is not None and last > expected:  # self-heal: the newer message gets its own check
                record_check(s, organization_id=org_id, ticket_id=tid, last_message_at=last,
                             minutes=inactivity_minutes(s, org_id))
                schedule_check(conn, organization_id=org_id, ticket_id=tid, last_message_at=last,
                               minutes=inactivity_minutes(s, org_id))
            return "newer_message"
        stamp = last.isoformat()
        reqs = [RunRequest(organization_id=org_id, agent=m.agent, event_type=m.event_type, rules=m.rules,
                           ticket_id=tid, contact_id=ticket.contact_id, event_id=None,
                           idempotency_key=f"inactivity:{tid}:{stamp}:{m.agent.id}")
                for m in match_agents(s, organization_id=org_id, event_type=EventType.INACTIVITY_2H)]
        prepared = prepare(conn, s, reqs)
    result = execute(conn, prepared)
    return f"ran:{len(result.outcomes)}"
