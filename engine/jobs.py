"""RQ glue: every enqueue goes through this module, and every job function lives here.

Queues (a worker serves them in this priority order): ``publish`` (finishes an insight's trip to
the screen), ``events`` (one job per ingested event), ``agents`` (debounced runs and inactivity
checks), ``actions`` (Meta closed-loop actions). Job functions take ids, open their own sessions
and are idempotent, so RQ retries, duplicate enqueues and the stale-event sweeper are all safe.

Event status: RECEIVED -> PROCESSING -> PROCESSED | FAILED (attempts counted, error text stored).
- A poison event (``engine.domain.PoisonEvent`` or any non-transient error while applying it) ends
  FAILED with its error at once; the job itself succeeds, so the queue never blocks on it.
- Transient errors (DB or Redis connection) re-raise: RQ retries with backoff (1 s, 5 s, 15 s);
  after that the sweeper re-enqueues the event each minute until ``MAX_EVENT_ATTEMPTS``.
- ``kill -9`` mid-job: RQ's StartedJobRegistry cleanup (run by the sweeper and by the worker's
  maintenance) retries the abandoned job, or the sweeper re-enqueues the event; per-run
  idempotency keys and publish markers make the second pass create nothing twice.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import redis
from rq import Queue, Retry, SimpleWorker, Worker
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.worker.base import BaseWorker
from sqlalchemy import select, update

from engine.config import get_settings
from engine.db import session_scope
from engine.models import Event, EventStatus, Organization, Ticket, TicketStatus
from engine.pipeline import TRANSIENT_ERRORS, Prepared, RunRequest, execute, fire_debounced, prepare

log = logging.getLogger(__name__)

EVENTS, AGENTS, PUBLISH, ACTIONS = "events", "agents", "publish", "actions"
QUEUE_NAMES = (PUBLISH, EVENTS, AGENTS, ACTIONS)  # worker priority order
RETRY = Retry(max=3, interval=[1, 5, 15])  # seconds between attempts
JOB_TIMEOUT_SECONDS = 180  # a job with several model calls (each bounded by the gateway timeout)
RESULT_TTL_SECONDS = 60  # keep finished jobs briefly: a double enqueue in that window is a no-op
STALE_AFTER_SECONDS = 60  # the sweeper re-enqueues RECEIVED/PROCESSING events older than this
SWEEP_INTERVAL_SECONDS = 60
MAX_EVENT_ATTEMPTS = 8
LIVE_STATUSES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


@lru_cache(maxsize=4)
def _connection_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def redis_connection() -> redis.Redis:
    """The process' Redis connection (pooled; redis-py resets the pool in a forked child)."""
    return _connection_for(get_settings().redis_url)


def get_queue(name: str, connection: redis.Redis | None = None) -> Queue:
    return Queue(name, connection=connection or redis_connection(), default_timeout=JOB_TIMEOUT_SECONDS)


def _enqueue_unique(queue: Queue, func: str, *args: Any, job_id: str, delay: timedelta | None = None,
                    **kwargs: Any) -> bool:
    """Enqueue unless a job with ``job_id`` exists (RQ checks and saves atomically). True if enqueued."""
    opts: dict[str, Any] = dict(job_id=job_id, unique=True, retry=RETRY, result_ttl=RESULT_TTL_SECONDS,
                                failure_ttl=7 * 24 * 3600, **kwargs)
    try:
        if delay is not None and delay.total_seconds() > 0:
            queue.enqueue_in(delay, func, *args, **opts)
        else:
            queue.enqueue(func, *args, **opts)
    except DuplicateJobError:
        return False
    return True


# ------------------------------------------------------------------------------ enqueue API
def event_job_id(event_id: uuid.UUID | str) -> str:
    """``event_<id>`` (RQ 3 job ids allow only letters, digits, ``_`` and ``-``, so no ``event:<id>``)."""
    return f"event_{event_id}"


def enqueue_event(event_id: uuid.UUID, *, connection: redis.Redis | None = None) -> None:
    """Queue the processing of a stored event (call after the inbox commit). Job id ``event_<id>``,
    so enqueueing the same event twice is a no-op."""
    _enqueue_unique(get_queue(EVENTS, connection), "engine.jobs.process_event", str(event_id),
                    job_id=event_job_id(event_id))


def enqueue_publish(insight_id: uuid.UUID, *, action_status: str | None = None,
                    connection: redis.Redis | None = None) -> None:
    """Queue the (retryable, deduplicated) live publish of an insight's current state."""
    suffix = f"_{action_status}" if action_status else ""
    _enqueue_unique(get_queue(PUBLISH, connection), "engine.jobs.publish_job", str(insight_id),
                    job_id=f"publish_{insight_id}{suffix}")


def enqueue_action(action_log_id: uuid.UUID, *, delay_seconds: float = 0) -> None:
    """Queue a Meta closed-loop action (``engine.actions.runner.execute_action``)."""
    _enqueue_unique(get_queue(ACTIONS), "engine.jobs.action_job", str(action_log_id),
                    job_id=f"action_{action_log_id}", delay=timedelta(seconds=delay_seconds))


def enqueue_debounced(args: dict[str, Any], *, delay: timedelta) -> None:
    """Schedule a debounced run (fires after ``delay``; superseded ones record SKIPPED when they fire)."""
    _enqueue_unique(get_queue(AGENTS), "engine.jobs.debounced_job", args,
                    job_id="debounce_" + args["idempotency_key"].replace(":", "_"), delay=delay)


# ------------------------------------------------------------------------------ job functions
def _set_event(event_id: uuid.UUID, **values: Any) -> None:
    with session_scope() as s:
        s.execute(update(Event).where(Event.id == event_id).values(**values))


def _fail(event: Event, message: str) -> str:
    event.status = EventStatus.FAILED
    event.error = message[:4000]
    event.processed_at = datetime.now(UTC)
    return EventStatus.FAILED.value


def process_event(event_id: str) -> str:
    """The event job: apply to domain state, schedule the inactivity check, match, gate, run, record."""
    eid = uuid.UUID(event_id)
    claimed: list[bool] = []
    try:
        return _process_event(eid, claimed)
    except TRANSIENT_ERRORS as err:
        values: dict[str, Any] = {"error": f"transient: {type(err).__name__}: {err}"[:4000]}
        if not claimed:  # the attempt's own increment was rolled back with it
            values["attempts"] = Event.attempts + 1
        try:  # best effort: leave the reason visible while RQ retries
            _set_event(eid, **values)
        except TRANSIENT_ERRORS:
            pass
        raise


def _process_event(eid: uuid.UUID, claimed: list[bool]) -> str:
    """One transaction applies the event, matches agents, passes the Redis gates, records THROTTLED
    rows and loads the ticket's context; after its commit the models run and their outcomes are
    recorded and published (``engine.pipeline``); a last short transaction marks the event PROCESSED."""
    from engine.domain import PoisonEvent, apply_event
    from engine.inactivity import inactivity_minutes, schedule_check
    from engine.triggers import match_agents

    conn = redis_connection()
    prepared = Prepared()
    with session_scope() as s:
        event = s.scalar(select(Event).where(Event.id == eid).with_for_update())
        if event is None:
            return "missing"
        if event.status not in (EventStatus.RECEIVED, EventStatus.PROCESSING):
            return event.status.value  # already done: a duplicate job or a late retry
        if event.attempts >= MAX_EVENT_ATTEMPTS:
            return _fail(event, f"desistiu após {event.attempts} tentativas; último erro: {event.error}")
        org_id = event.organization_id
        event.status = EventStatus.PROCESSING
        event.attempts += 1
        try:
            with s.begin_nested():
                applied = apply_event(s, event)
        except PoisonEvent as err:
            return _fail(event, str(err))
        except TRANSIENT_ERRORS:
            raise
        except Exception as err:  # noqa: BLE001 - bad data or a bug: FAILED and visible, never retried forever
            log.exception("event %s could not be applied", eid)
            return _fail(event, f"{type(err).__name__}: {err}")
        if event.status is EventStatus.IGNORED:
            return event.status.value
        inactivity: tuple[datetime, int] | None = None
        # Held so the session's (weak) identity map keeps it: the inactivity delay and the context
        # loader then get the organisation without querying it again.
        org = s.get(Organization, org_id)  # noqa: F841
        ticket = s.get(Ticket, applied.ticket_id) if applied.ticket_id is not None else None
        if ticket is not None and ticket.organization_id == org_id:
            if applied.message_at is not None and ticket.status is TicketStatus.OPEN and ticket.last_message_at:
                inactivity = (ticket.last_message_at, inactivity_minutes(s, org_id))
            if applied.trigger is not None:
                reqs = [RunRequest(organization_id=org_id, agent=m.agent, event_type=m.event_type, rules=m.rules,
                                   ticket_id=ticket.id, contact_id=ticket.contact_id, event_id=eid,
                                   idempotency_key=f"{eid}:{m.agent.id}")
                        for m in match_agents(s, organization_id=org_id, event_type=applied.trigger,
                                              agent_id=applied.agent_id)]
                # attempts == 1: no earlier attempt got past this commit, so nothing can be recorded yet
                prepared = prepare(conn, s, reqs, fresh=event.attempts == 1)
    claimed.append(True)
    if inactivity is not None and applied.ticket_id is not None:
        schedule_check(conn, organization_id=org_id, ticket_id=applied.ticket_id,
                       last_message_at=inactivity[0], minutes=inactivity[1])
    execute(conn, prepared)
    # Closed loop: a returning lead leaves the retargeting audience; a lost ticket refreshes the roll-up.
    from engine.actions.wiring import after_event_applied

    after_event_applied(conn, org_id, applied.ticket_id, applied.trigger)
    with session_scope() as s:
        s.execute(update(Event).where(Event.id == eid, Event.status == EventStatus.PROCESSING)
                  .values(status=EventStatus.PROCESSED, processed_at=datetime.now(UTC), error=None))
    return EventStatus.PROCESSED.value


def publish_job(insight_id: str) -> list[str]:
    """Publish an insight (Redis pub/sub + Centrifugo when configured); raises to be retried."""
    from engine.realtime import publish_insight

    return publish_insight(insight_id)


def debounced_job(args: dict[str, Any]) -> str | None:
    """A debounced match whose quiet period ended."""
    outcome = fire_debounced(redis_connection(), args)
    return None if outcome is None else outcome.status.value


def action_job(action_log_id: str) -> Any:
    """A Meta closed-loop action (module owned by the closed-loop feature, imported lazily)."""
    from engine.actions.runner import execute_action  # type: ignore[import-not-found,unused-ignore]

    return execute_action(uuid.UUID(action_log_id))


def noop_job(token: str | None = None) -> str | None:
    """Does nothing: the baseline of the pipeline benchmark (same queue, same worker class)."""
    return token


# ------------------------------------------------------------------------------ sweeper
def cleanup_abandoned(connection: redis.Redis | None = None, *, timestamp: float | None = None) -> None:
    """Let RQ hand back jobs whose worker died (retry if retries are left, else failed registry)."""
    conn = connection or redis_connection()
    for name in QUEUE_NAMES:
        StartedJobRegistry(queue=get_queue(name, conn)).cleanup(timestamp=timestamp)


def requeue_stale_events(*, now: datetime | None = None, connection: redis.Redis | None = None,
                         limit: int = 1000) -> int:
    """Re-enqueue RECEIVED/PROCESSING events older than STALE_AFTER_SECONDS whose job is not live.

    System-wide maintenance (all organisations): it only moves ids back onto the queue. ``now``
    shifts the clock for tests (it also expires RQ executions as if that time had come)."""
    conn = connection or redis_connection()
    now = now or datetime.now(UTC)
    cleanup_abandoned(conn, timestamp=now.timestamp())
    cutoff = now - timedelta(seconds=STALE_AFTER_SECONDS)
    with session_scope() as s:
        ids = list(s.scalars(
            select(Event.id).where(Event.status.in_([EventStatus.RECEIVED, EventStatus.PROCESSING]),
                                   Event.received_at < cutoff).order_by(Event.received_at).limit(limit)))
    requeued = 0
    for eid in ids:
        try:
            job: Job | None = Job.fetch(event_job_id(eid), connection=conn)
        except NoSuchJobError:
            job = None
        if job is not None:
            if job.get_status(refresh=True) in LIVE_STATUSES:
                continue
            job.delete()
        enqueue_event(eid, connection=conn)
        requeued += 1
    if requeued:
        log.warning("sweeper re-enqueued %d stale events", requeued)
    return requeued


def sweep_job() -> int:
    return requeue_stale_events()


def ensure_sweep(connection: redis.Redis | None = None) -> bool:
    """Enqueue this minute's sweep (one per minute across all workers, thanks to the unique job id)."""
    bucket = int(time.time() // SWEEP_INTERVAL_SECONDS)
    return _enqueue_unique(get_queue(EVENTS, connection), "engine.jobs.sweep_job", job_id=f"sweep_{bucket}")


# ------------------------------------------------------------------------------ worker
def copilot_maintenance(connection: redis.Redis) -> None:
    """Periodic work every worker does (each piece is deduplicated across workers)."""
    from engine.actions.wiring import ensure_daily_rollup, requeue_stale_actions

    retryable: tuple[type[BaseException], ...] = (redis.exceptions.RedisError, *TRANSIENT_ERRORS)
    tasks: tuple[tuple[str, Callable[[], object]], ...] = (
        ("sweep", lambda: ensure_sweep(connection)),
        ("daily roll-up", lambda: ensure_daily_rollup(connection)),
        ("stale actions", requeue_stale_actions),
    )
    for name, task in tasks:
        try:
            task()
        except retryable:  # next maintenance round tries again
            log.exception("maintenance: could not enqueue the %s", name)


class CopilotWorker(Worker):
    """RQ's forking worker (``--fork``); its periodic maintenance also runs ``copilot_maintenance``."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        copilot_maintenance(self.connection)


class CopilotSimpleWorker(SimpleWorker):
    """Same, without forking: jobs run in the worker process (the default, see ``run_worker``)."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        copilot_maintenance(self.connection)


def make_worker(*, fork: bool = False, connection: redis.Redis | None = None, name: str | None = None) -> BaseWorker:
    """A worker on all Copilot queues; maintenance (abandoned-job cleanup + sweep) every sweep interval."""
    conn = connection or redis_connection()
    cls: type[BaseWorker] = CopilotWorker if fork else CopilotSimpleWorker
    return cls([get_queue(n, conn) for n in QUEUE_NAMES], connection=conn, name=name,
               maintenance_interval=SWEEP_INTERVAL_SECONDS)


def preload() -> None:
    """Import what jobs import lazily and warm per-process caches once, before the first job
    (with ``--fork``: in the parent, so each forked work horse inherits them)."""
    import engine.domain  # noqa: F401
    import engine.inactivity  # noqa: F401
    import engine.offline  # noqa: F401
    import engine.realtime  # noqa: F401
    import engine.triggers  # noqa: F401
    from engine.conversation import load_conversation
    from engine.db import get_engine
    from engine.runner import run_agent
    from engine.seed import DATA_DIR
    from engine.templates import TEMPLATES

    # Warm per-process caches (tokenizer, offline lexicons, compiled schemas, the SQLAlchemy engine
    # object without any connection) before forking: work horses inherit them instead of
    # rebuilding them for every job.
    get_engine()  # the engine object (no connection yet): horses share its compiled-SQL cache
    sample = next(iter(sorted((DATA_DIR / "conversations").glob("*.json"))), None)
    if sample is not None:
        try:
            conv = load_conversation(sample)
            for spec in TEMPLATES.values():
                run_agent(spec, conv, model="offline")
        except Exception:  # noqa: BLE001 - warm-up only; jobs report their own errors
            log.exception("worker warm-up failed (jobs will warm up on their own)")


def run_worker(burst: bool = False, *, fork: bool = False) -> int:
    """``copilot worker`` / ``python worker.py``: one RQ worker with the scheduler. Exit code 0.

    Non-forking by default (RQ's SimpleWorker): jobs run in the worker process, which keeps its
    warm caches, its pooled PostgreSQL and Redis connections and its agent spec cache from one job
    to the next. A fork per job (``fork=True``, ``--fork``) starts every job in a fresh work horse
    with no connections and cold caches: about 4x fewer events/s on the pipeline benchmark.
    Trade-off: no per-job process isolation, so a job that leaks memory or crashes the interpreter
    takes the worker with it. A crash still loses only the in-flight job: RQ's abandoned-job
    cleanup and the stale-event sweeper hand it back, and every step is idempotent (run keys,
    publish markers, action dedupe keys), so the retry creates nothing twice. Job timeouts still
    apply (SIGALRM in the worker process). Run it under a supervisor (honcho, systemd) that
    restarts it.

    Scale by running more processes (``honcho start -c worker=4``, or N x ``copilot worker``):
    they share the queues, and only one of them runs the scheduler at a time (RQ's lock)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    preload()
    worker = make_worker(fork=fork)
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    return 0
