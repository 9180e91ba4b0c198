"""Job bodies, the stale-event sweeper and the worker. Every enqueue goes through ``engine.queues``.

Job functions take ids, open their own sessions and are idempotent, so RQ retries, duplicate
enqueues and the stale-event sweeper are all safe.

Event status: RECEIVED -> PROCESSING -> PROCESSED | FAILED (attempts counted, error text stored).
- Every attempt that raises records ``attempts + 1`` and its error in a fresh transaction (the
  attempt's own transaction was rolled back with it), so a failure is never invisible.
- Invalid input (``engine.errors.InvalidInput``: a poison event, a pydantic validation error, a
  missing record) ends FAILED with its message at once; the job itself succeeds, so the queue never
  blocks on it.
- Transient errors (DB or Redis connection) and unexpected errors re-raise: RQ retries with backoff
  (1 s, 5 s, 15 s); after that the sweeper re-enqueues the event each minute. The attempt that
  reaches ``MAX_EVENT_ATTEMPTS`` ends the event FAILED with its last error.
- ``kill -9`` mid-job: RQ's StartedJobRegistry cleanup (run by the sweeper and by the worker's
  maintenance) retries the abandoned job, or the sweeper re-enqueues the event; per-run
  idempotency keys and publish markers make the second pass create nothing twice.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import redis
from pydantic import ValidationError
from rq import SimpleWorker, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.worker.base import BaseWorker
from sqlalchemy import select, update

from engine import model_stage
from engine.actions.runner import execute_action
from engine.actions.wiring import after_event_applied, ensure_daily_rollup, requeue_stale_actions
from engine.db import session_scope
from engine.domain import PoisonEvent, apply_event
from engine.errors import InvalidInput
from engine.inactivity import check_inactivity, inactivity_minutes, schedule_check
from engine.models import Event, EventStatus, Organization, Ticket, TicketStatus
from engine.pipeline import TRANSIENT_ERRORS, Prepared, RunRequest, execute, fire_debounced, prepare
from engine.queues import (
    QUEUE_NAMES,
    enqueue_event,
    enqueue_publish,
    enqueue_sweep,
    event_job_id,
    get_queue,
    redis_connection,
)
from engine.realtime import publish_insight
from engine.rollup import run_rollup
from engine.triggers import match_agents

log = logging.getLogger(__name__)

STALE_AFTER_SECONDS = 60  # the sweeper re-enqueues RECEIVED/PROCESSING events older than this
SWEEP_INTERVAL_SECONDS = 60
MAX_EVENT_ATTEMPTS = 8
LIVE_STATUSES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
# Errors that retrying can never fix: the event ends FAILED at the first one.
PERMANENT_ERRORS: tuple[type[BaseException], ...] = (InvalidInput, ValidationError, ValueError, LookupError)


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
    except BaseException as err:
        if not isinstance(err, Exception):  # KeyboardInterrupt, SystemExit, RQ's job timeout: leave to RQ
            raise
        return _record_failure(eid, err, counted=bool(claimed))


def _record_failure(eid: uuid.UUID, err: Exception, *, counted: bool) -> str:
    """Record a failed attempt in a fresh transaction (the attempt's own one was rolled back).

    Invalid input ends the event FAILED at once (the job succeeds: nothing to retry). Any other error
    counts the attempt and re-raises for RQ's retry, unless it was the last allowed attempt, which
    ends the event FAILED with that error."""
    transient = isinstance(err, TRANSIENT_ERRORS)
    permanent = not transient and isinstance(err, PERMANENT_ERRORS)
    if not transient and not permanent:
        log.exception("event %s: attempt failed", eid)
    message = f"{'transient: ' if transient else ''}{type(err).__name__}: {err}"[:4000]
    try:
        with session_scope() as s:
            event = s.scalar(select(Event).where(Event.id == eid).with_for_update())
            if event is None or event.status not in (EventStatus.RECEIVED, EventStatus.PROCESSING):
                return event.status.value if event is not None else "missing"
            if not counted:  # the attempt's own increment was rolled back with it
                event.attempts += 1
            event.error = message
            if permanent or (not transient and event.attempts >= MAX_EVENT_ATTEMPTS):
                return _fail(event, message)
    except TRANSIENT_ERRORS:
        pass  # best effort: the database is away; RQ's retry or the sweeper comes back to it
    raise err


def _process_event(eid: uuid.UUID, claimed: list[bool]) -> str:
    """One transaction applies the event, matches agents, passes the Redis gates, records THROTTLED
    rows and loads the ticket's context; after its commit the models run and their outcomes are
    recorded and published (``engine.pipeline``); a last short transaction marks the event PROCESSED."""
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
    result = execute(conn, prepared, event_id=eid)
    # Closed loop: a returning lead leaves the retargeting audience; a lost ticket refreshes the roll-up.
    after_event_applied(conn, org_id, applied.ticket_id, applied.trigger)
    if result.handed_over:  # the model stage marks the event PROCESSED once its runs are recorded
        return EventStatus.PROCESSING.value
    with session_scope() as s:
        s.execute(update(Event).where(Event.id == eid, Event.status == EventStatus.PROCESSING)
                  .values(status=EventStatus.PROCESSED, processed_at=datetime.now(UTC), error=None))
    return EventStatus.PROCESSED.value


def publish_job(insight_id: str) -> list[str]:
    """Publish an insight (Redis pub/sub + Centrifugo when configured); raises to be retried."""
    return publish_insight(insight_id)


def debounced_job(args: dict[str, Any]) -> str | None:
    """A debounced match whose quiet period ended."""
    outcome = fire_debounced(redis_connection(), args)
    return None if outcome is None else outcome.status.value


def action_job(action_log_id: str) -> Any:
    """A Meta closed-loop action (``engine.actions.runner.execute_action``)."""
    return execute_action(uuid.UUID(action_log_id))


def inactivity_job(organization_id: str, ticket_id: str, expected_last_message_at: str) -> str:
    """A ticket's scheduled inactivity check (``engine.inactivity.check_inactivity``)."""
    return check_inactivity(organization_id, ticket_id, expected_last_message_at)


def rollup_job(organization_id: str, day: str | None = None) -> list[str]:
    """One organisation's campaign roll-up in its own transaction; then its new alerts are published."""
    with session_scope() as s:
        result = run_rollup(s, organization_id=uuid.UUID(organization_id),
                            day=date.fromisoformat(day) if day else None)
    for iid in result.alert_ids:
        enqueue_publish(iid)
    return [str(i) for i in result.alert_ids]


def daily_rollup_job(day: str | None = None) -> int:
    """All organisations' roll-up for yesterday (org-local): the daily maintenance job."""
    with session_scope() as s:
        org_ids = list(s.scalars(select(Organization.id)))
    for oid in org_ids:
        rollup_job(str(oid), day)
    return len(org_ids)


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
        if conn.exists(model_stage.inflight_key(eid)):
            continue  # its model calls are in flight in a live worker's model stage
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
    return enqueue_sweep(int(time.time() // SWEEP_INTERVAL_SECONDS), connection=connection)


# ------------------------------------------------------------------------------ worker
def copilot_maintenance(connection: redis.Redis) -> None:
    """Periodic work every worker does (each piece is deduplicated across workers)."""
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
    import engine.offline  # noqa: F401
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


def run_worker(burst: bool = False, *, fork: bool = False, verbose: bool = False) -> int:
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
    # Quiet by default: warnings and errors only (RQ logs every job at INFO, which buries the demo's
    # terminal); ``verbose`` (``--verbose``) shows everything.
    level = "INFO" if verbose else "WARNING"
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    preload()
    model_stage.enable(not fork)  # a forked work horse exits with its job: model calls stay inline there
    worker = make_worker(fork=fork)
    if not verbose:
        print(f"worker {worker.name} ready (quiet log: warnings and errors only; --verbose shows every job)",
              flush=True)
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level=level)
    finally:
        stage = model_stage.current()
        if stage is not None and stage.in_flight():
            log.warning("waiting for %d model calls in flight", stage.in_flight())
            stage.drain()
    return 0
