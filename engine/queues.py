"""The queue layer, at the bottom of the package: the Redis connection, the queue names and every
enqueue in the code base. It imports only ``rq``, ``redis`` and ``engine.config``; job functions are
named by their dotted path, so enqueueing never imports the worker (the ingest API stays light).

Queues (a worker serves them in this priority order): ``publish`` (finishes an insight's trip to
the screen), ``events`` (one job per ingested event), ``agents`` (debounced runs, inactivity checks,
roll-ups), ``actions`` (Meta closed-loop actions).

Job ids make enqueues idempotent: ``enqueue_unique`` refuses a second job with the same id while
the first is queued, scheduled or kept as a finished result (RQ checks and saves atomically).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from functools import lru_cache
from typing import Any

import redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, InvalidJobOperation, NoSuchJobError
from rq.job import Job, JobStatus

from engine.config import get_settings

EVENTS, AGENTS, PUBLISH, ACTIONS = "events", "agents", "publish", "actions"
QUEUE_NAMES = (PUBLISH, EVENTS, AGENTS, ACTIONS)  # worker priority order
LIVE_STATUSES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
RETRY = Retry(max=3, interval=[1, 5, 15])  # seconds between attempts of a failed job
JOB_TIMEOUT_SECONDS = 180  # a job with several model calls (each bounded by the gateway timeout)
RESULT_TTL_SECONDS = 60  # finished jobs kept briefly: a double enqueue in that window is a no-op
FAILURE_TTL_SECONDS = 7 * 24 * 3600  # failed jobs kept a week for inspection

# Job functions, by dotted path (never imported here).
PROCESS_EVENT = "engine.jobs.process_event"
PUBLISH_JOB = "engine.jobs.publish_job"
ACTION_JOB = "engine.jobs.action_job"
DEBOUNCED_JOB = "engine.jobs.debounced_job"
SWEEP_JOB = "engine.jobs.sweep_job"
INACTIVITY_JOB = "engine.jobs.inactivity_job"
ROLLUP_JOB = "engine.jobs.rollup_job"
DAILY_ROLLUP_JOB = "engine.jobs.daily_rollup_job"


@lru_cache(maxsize=4)
def _connection_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def redis_connection() -> redis.Redis:
    """The process' Redis connection (pooled; redis-py resets the pool in a forked child)."""
    return _connection_for(get_settings().redis_url)


def get_queue(name: str, connection: redis.Redis | None = None) -> Queue:
    return Queue(name, connection=connection or redis_connection(), default_timeout=JOB_TIMEOUT_SECONDS)


def enqueue_unique(queue: Queue, func: str, *args: Any, job_id: str, delay: timedelta | None = None,
                   retry: Retry | None = RETRY, result_ttl: int = RESULT_TTL_SECONDS, **kwargs: Any) -> bool:
    """Enqueue unless a job with ``job_id`` exists. True if enqueued now."""
    opts: dict[str, Any] = dict(job_id=job_id, unique=True, result_ttl=result_ttl,
                                failure_ttl=FAILURE_TTL_SECONDS, **kwargs)
    if retry is not None:
        opts["retry"] = retry
    try:
        if delay is not None and delay.total_seconds() > 0:
            queue.enqueue_in(delay, func, *args, **opts)
        else:
            queue.enqueue(func, *args, **opts)
    except DuplicateJobError:
        return False
    return True


# ------------------------------------------------------------------------------ events
def event_job_id(event_id: uuid.UUID | str) -> str:
    """``event_<id>`` (RQ 3 job ids allow only letters, digits, ``_`` and ``-``)."""
    return f"event_{event_id}"


def event_retry_job_id(event_id: uuid.UUID | str, turn: int) -> str:
    """``event_<id>_r<turn>``: the job that tries a deferred event again (``engine.ordering``)."""
    return f"event_{event_id}_r{turn}"


def enqueue_event(event_id: uuid.UUID, *, connection: redis.Redis | None = None, front: bool = False) -> bool:
    """Queue the processing of a stored event (call after the inbox commit); a second call is a no-op.

    ``front=True`` (the sweeper's recovery of a lost job) puts it ahead of the backlog: its ticket's
    later events are held back until it is done (``engine.ordering``), so it must not wait its turn."""
    return enqueue_unique(get_queue(EVENTS, connection), PROCESS_EVENT, str(event_id),
                          job_id=event_job_id(event_id), at_front=front)


def enqueue_event_retry(event_id: uuid.UUID, turn: int, *, delay: timedelta,
                        connection: redis.Redis | None = None) -> bool:
    """Try a deferred event again after ``delay`` (its ``turn``-th deferral; a stale turn is a no-op)."""
    return enqueue_unique(get_queue(EVENTS, connection), PROCESS_EVENT, str(event_id), turn,
                          job_id=event_retry_job_id(event_id, turn), delay=delay)


def expedite_event_retry(event_id: uuid.UUID, turn: int, *, connection: redis.Redis | None = None) -> bool:
    """Run a deferred event's scheduled retry now (its ticket just moved on). True if enqueued now."""
    conn = connection or redis_connection()
    job_id = event_retry_job_id(event_id, turn)
    try:
        job = Job.fetch(job_id, connection=conn)
    except NoSuchJobError:
        job = None
    if job is not None:
        if job.get_status(refresh=False) != JobStatus.SCHEDULED:
            return False  # queued or running already, or done
        try:
            job.delete()
        except InvalidJobOperation:  # another worker expedited (or the scheduler moved) it just now
            return False
    return enqueue_unique(get_queue(EVENTS, conn), PROCESS_EVENT, str(event_id), turn, job_id=job_id)


def event_job_live(event_id: uuid.UUID, turn: int, *, connection: redis.Redis | None = None) -> bool:
    """True when the event's job or its current retry job is queued, scheduled, started or deferred;
    a finished or failed one is deleted so the sweeper can enqueue the event again."""
    conn = connection or redis_connection()
    for job_id in (event_job_id(event_id), event_retry_job_id(event_id, turn)):
        try:
            job = Job.fetch(job_id, connection=conn)
        except NoSuchJobError:
            continue
        if job.get_status(refresh=True) in LIVE_STATUSES:
            return True
        if job_id == event_job_id(event_id):
            job.delete()
    return False


def enqueue_sweep(bucket: int, *, connection: redis.Redis | None = None) -> bool:
    """The stale-event sweep of one time bucket (one per bucket across all workers)."""
    return enqueue_unique(get_queue(EVENTS, connection), SWEEP_JOB, job_id=f"sweep_{bucket}")


# ------------------------------------------------------------------------------ insights
def enqueue_publish(insight_id: uuid.UUID, *, action_status: str | None = None,
                    connection: redis.Redis | None = None) -> bool:
    """Queue the (retryable, deduplicated) live publish of an insight's current state."""
    suffix = f"_{action_status}" if action_status else ""
    return enqueue_unique(get_queue(PUBLISH, connection), PUBLISH_JOB, str(insight_id),
                          job_id=f"publish_{insight_id}{suffix}")


# ------------------------------------------------------------------------------ agents
def debounce_job_id(idempotency_key: str) -> str:
    return "debounce_" + idempotency_key.replace(":", "_")


def enqueue_debounced(args: dict[str, Any], *, delay: timedelta, connection: redis.Redis | None = None) -> bool:
    """Schedule a debounced run (fires after ``delay``; superseded ones record SKIPPED when they fire)."""
    return enqueue_unique(get_queue(AGENTS, connection), DEBOUNCED_JOB, args,
                          job_id=debounce_job_id(args["idempotency_key"]), delay=delay)


def jobs_present(job_ids: list[str], *, connection: redis.Redis | None = None) -> list[bool]:
    """For each id, True while Redis holds the job (queued, scheduled, running, or kept as a result).
    One pipelined round trip."""
    conn = connection or redis_connection()
    with conn.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.exists(Job.key_for(job_id))
        return [bool(n) for n in pipe.execute()]


def enqueue_inactivity_check(connection: redis.Redis, *, job_id: str, organization_id: uuid.UUID,
                             ticket_id: uuid.UUID, last_message_at: str, delay: timedelta) -> bool:
    """Schedule one ticket's inactivity check (``engine.inactivity``) after ``delay``."""
    return enqueue_unique(get_queue(AGENTS, connection), INACTIVITY_JOB, str(organization_id), str(ticket_id),
                          last_message_at, job_id=job_id, delay=delay)


def enqueue_rollup(connection: redis.Redis, organization_id: uuid.UUID, *, bucket: int, delay: timedelta) -> bool:
    """One organisation's campaign roll-up at the end of a throttle window (one job per bucket)."""
    return enqueue_unique(get_queue(AGENTS, connection), ROLLUP_JOB, str(organization_id),
                          job_id=f"rollup_{organization_id}_{bucket}", delay=delay, retry=None, result_ttl=600)


def enqueue_daily_rollup(day: str, *, connection: redis.Redis | None = None) -> bool:
    """The all-organisation roll-up of one UTC day (one job per day across all workers)."""
    return enqueue_unique(get_queue(AGENTS, connection), DAILY_ROLLUP_JOB, job_id=f"rollup_daily_{day}",
                          retry=None, result_ttl=2 * 24 * 3600)


# ------------------------------------------------------------------------------ actions
def enqueue_action(action_log_id: uuid.UUID, *, delay_seconds: float = 0,
                   connection: redis.Redis | None = None) -> bool:
    """Queue a Meta closed-loop action (``engine.actions.runner.execute_action``)."""
    return enqueue_unique(get_queue(ACTIONS, connection), ACTION_JOB, str(action_log_id),
                          job_id=f"action_{action_log_id}", delay=timedelta(seconds=delay_seconds))


def enqueue_action_retry(action_log_id: uuid.UUID, *, delay_seconds: float, attempt: int,
                         connection: redis.Redis | None = None) -> bool:
    """Re-enqueue an action after a transient Meta failure. The job id carries the attempt: the running
    job still holds ``action_<id>``, so a plain ``enqueue_action`` would be dropped as a duplicate."""
    return enqueue_unique(get_queue(ACTIONS, connection), ACTION_JOB, str(action_log_id),
                          job_id=f"action_{action_log_id}_retry{attempt}", delay=timedelta(seconds=delay_seconds),
                          retry=None)
