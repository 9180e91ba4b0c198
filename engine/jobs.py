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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import redis
from psycopg import sql as psql
from pydantic import ValidationError
from rq import SimpleWorker, Worker
from rq.registry import StartedJobRegistry
from rq.worker.base import BaseWorker
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine import model_stage, timers
from engine.actions.runner import execute_action
from engine.actions.wiring import (
    after_event_applied,
    after_event_committed,
    ensure_daily_rollup,
    lead_returned_in,
    requeue_stale_actions,
)
from engine.db import get_engine, session_scope
from engine.domain import AppliedEvent, NotReady, PoisonEvent, apply_event
from engine.errors import InvalidInput
from engine.inactivity import check_inactivity, inactivity_minutes, job_id_for, record_check, schedule_check
from engine.liveness import Heartbeat, die_with_parent
from engine.models import Event, EventStatus, EventType, Organization, Ticket, TicketStatus
from engine.ordering import (
    MAX_WAIT,
    defer_delay,
    earlier_pending,
    lock_ticket,
    may_wait,
    order_fields,
    waiting_successors,
)
from engine.pipeline import (
    TRANSIENT_ERRORS,
    Prepared,
    RunRequest,
    execute,
    fire_debounced,
    prepare,
    record_offline_in,
)
from engine.queues import (
    QUEUE_NAMES,
    debounce_job_id,
    enqueue_event,
    enqueue_event_retry,
    enqueue_publish,
    enqueue_sweep,
    event_job_live,
    expedite_event_retry,
    get_queue,
    redis_connection,
)
from engine.realtime import publish_insight
from engine.rollup import run_rollup
from engine.triggers import match_agents

log = logging.getLogger(__name__)

STALE_AFTER_SECONDS = 60  # the sweeper re-enqueues RECEIVED/PROCESSING events older than this
SWEEP_INTERVAL_SECONDS = 60
MAINTENANCE_INTERVAL_SECONDS = 10  # RQ registry cleanup, scheduler lock, sweep enqueue, timer restore
MAX_EVENT_ATTEMPTS = 8
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


def process_event(event_id: str, turn: int | None = None) -> str:
    """The event job: apply to domain state, schedule the inactivity check, match, gate, run, record.

    ``turn`` is set by the retry of a deferred event (``engine.ordering``): a retry whose turn has
    passed (the event was deferred again meanwhile) does nothing."""
    eid = uuid.UUID(event_id)
    claimed: list[bool] = []
    try:
        return _process_event(eid, claimed, turn)
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


def _defer(event: Event, now: datetime, *, parked: bool, reason: str) -> tuple[int, timedelta]:
    """Leave the event RECEIVED for a later try (``engine.ordering``); returns (turn, delay)."""
    event.status = EventStatus.RECEIVED
    event.deferrals += 1
    event.parked = parked
    delay = defer_delay(event.deferrals)
    event.next_attempt_at = now + delay
    event.error = f"deferred: {reason}"[:4000]
    return event.deferrals, delay


@dataclass
class _Applied:
    """What the apply transaction hands to the steps after its commit."""

    org_id: uuid.UUID
    outcome: str | None = None  # set when the job ends right after the commit (FAILED, IGNORED, ...)
    deferred: tuple[int, timedelta] | None = None
    applied: AppliedEvent | None = None
    inactivity: tuple[datetime, int] | None = None
    prepared: Prepared = field(default_factory=Prepared)
    successors: list[tuple[uuid.UUID, int]] = field(default_factory=list)
    actions: list[uuid.UUID] = field(default_factory=list)  # closed-loop actions to enqueue after the commit


def _applied_before(event: Event) -> AppliedEvent:
    """What the committed first apply of ``event`` derived (``event.applied_result``, recorded when it
    derived a trigger); without it the apply derived nothing to run."""
    done = event.applied_result or {}
    return AppliedEvent(
        ticket_id=uuid.UUID(done["ticket_id"]) if done.get("ticket_id") else None,
        trigger=EventType(done["trigger"]) if done.get("trigger") else None, message_at=None,
        agent_id=uuid.UUID(done["agent_id"]) if done.get("agent_id") else None)


def _apply_in(s: Session, conn: redis.Redis, event: Event, turn: int | None) -> _Applied:
    """The apply transaction's body: ticket lock, readiness, apply, match, gate, prepare."""
    org_id = event.organization_id
    out = _Applied(org_id)
    if event.status not in (EventStatus.RECEIVED, EventStatus.PROCESSING):
        out.outcome = event.status.value  # already done: a duplicate job or a late retry
        return out
    if turn is not None and turn != event.deferrals:
        out.outcome = "stale"  # deferred again (or taken over by the sweeper) since this retry was queued
        return out
    if event.attempts >= MAX_EVENT_ATTEMPTS:
        out.outcome = _fail(event, f"desistiu após {event.attempts} tentativas; último erro: {event.error}")
        return out
    now = datetime.now(UTC)
    if event.ticket_key is None and event.occurred_at is None:  # stored before ordering existed
        event.ticket_key, event.occurred_at = order_fields(event.source, event.type, event.payload)
    if event.ticket_key is not None:
        lock_ticket(s, org_id, event.ticket_key)
        if event.applied_at is None and may_wait(event, now):
            blocker = earlier_pending(s, event)
            if blocker is not None:
                out.deferred = _defer(event, now, parked=False, reason=f"waiting for earlier event {blocker}")
                return out
    event.status = EventStatus.PROCESSING
    event.attempts += 1
    # Stamped after the ticket lock was granted: the real apply order. Set before the apply so that
    # one UPDATE (flushed by the savepoint) carries it with the status; undone if the apply fails.
    first_apply = event.applied_at is None
    if first_apply:
        event.applied_at, event.parked, event.next_attempt_at = datetime.now(UTC), False, None
    try:
        if first_apply:
            with s.begin_nested():
                applied = apply_event(s, event)
        else:
            # Applied and committed by an earlier attempt (killed before its runs were recorded): the
            # ticket may have moved on since, so never apply again (an old WON would undo a later
            # LOST) and run what that attempt derived, not what the ticket says now.
            applied = _applied_before(event)
    except NotReady as err:
        if first_apply:
            event.applied_at = None
        if not may_wait(event, now):
            out.outcome = _fail(event, f"{err} (waited {MAX_WAIT} for it)")
            return out
        event.attempts -= 1  # waiting for a prerequisite is not a failed attempt
        out.deferred = _defer(event, now, parked=True, reason=str(err))
        return out
    except PoisonEvent as err:
        if first_apply:
            event.applied_at = None
        out.outcome = _fail(event, str(err))
        return out
    out.successors = waiting_successors(s, event)
    out.applied = applied
    if event.status is EventStatus.IGNORED:
        out.outcome = event.status.value
        return out
    # Held so the session's (weak) identity map keeps it: the inactivity delay and the context
    # loader then get the organisation without querying it again.
    org = s.get(Organization, org_id)  # noqa: F841
    ticket = applied.ticket
    if ticket is None and applied.ticket_id is not None:
        ticket = s.get(Ticket, applied.ticket_id)
    if ticket is not None and ticket.organization_id == org_id:
        if applied.message_at is not None and ticket.status is TicketStatus.OPEN and ticket.last_message_at:
            out.inactivity = (ticket.last_message_at, inactivity_minutes(s, org_id))
            record_check(s, organization_id=org_id, ticket_id=ticket.id, last_message_at=out.inactivity[0],
                         minutes=out.inactivity[1])
        if applied.trigger is not None:
            reqs = [RunRequest(organization_id=org_id, agent=m.agent, event_type=m.event_type, rules=m.rules,
                               ticket_id=ticket.id, contact_id=ticket.contact_id, event_id=event.id,
                               idempotency_key=f"{event.id}:{m.agent.id}")
                    for m in match_agents(s, organization_id=org_id, event_type=applied.trigger,
                                          agent_id=applied.agent_id)]
            # attempts == 1: no earlier attempt got past this commit, so nothing can be recorded yet
            out.prepared = prepare(conn, s, reqs, fresh=event.attempts == 1)
            record_offline_in(s, conn, out.prepared)  # same transaction: see _process_event
            if first_apply:  # what a retry runs (and publishes) if this job dies after the commit
                event.applied_result = {"ticket_id": str(ticket.id), "trigger": applied.trigger.value,
                                        "agent_id": str(applied.agent_id) if applied.agent_id else None}
        out.actions = lead_returned_in(s, org_id, ticket.id, applied.trigger)
    return out


def _process_event(eid: uuid.UUID, claimed: list[bool], turn: int | None = None) -> str:
    """One transaction takes the ticket's lock, applies the event (or defers it when it is not ready,
    see ``engine.ordering``), matches agents, passes the Redis gates, records THROTTLED rows, loads
    the ticket's context, runs the offline-engine agents and records their runs and insights, and
    finds the closed-loop actions of a returning lead. After its commit: the inactivity check is
    scheduled, model-bound agents run and are recorded (``engine.pipeline.execute``), insights are
    published and offered to auto-apply, actions enqueued; then one round trip marks the event
    PROCESSED (``_mark_processed``). A crash before that mark leaves the event PROCESSING: the
    sweeper runs it again, and the second pass finds its runs recorded (idempotency keys)."""
    conn = redis_connection()
    with session_scope() as s:
        event = s.scalar(select(Event).where(Event.id == eid).with_for_update())
        if event is None:
            return "missing"
        out = _apply_in(s, conn, event, turn)
    if out.deferred is not None:
        try:
            enqueue_event_retry(eid, out.deferred[0], delay=out.deferred[1], connection=conn)
        except redis.exceptions.RedisError:  # next_attempt_at is recorded: the sweeper comes back to it
            log.warning("event %s deferred but its retry could not be scheduled", eid)
        return "deferred"
    for sid, sturn in out.successors:  # apply what is ready: the ticket just moved on
        try:
            expedite_event_retry(sid, sturn, connection=conn)
        except redis.exceptions.RedisError:
            break  # their scheduled retries (or the sweeper) still come
    if out.outcome is not None:
        return out.outcome
    claimed.append(True)
    applied = out.applied
    assert applied is not None
    if out.inactivity is not None and applied.ticket_id is not None:
        schedule_check(conn, organization_id=out.org_id, ticket_id=applied.ticket_id,
                       last_message_at=out.inactivity[0], minutes=out.inactivity[1])
    result = execute(conn, out.prepared, event_id=eid)
    # Closed loop: a returning lead leaves the retargeting audience; a lost ticket refreshes the roll-up.
    after_event_committed(conn, out.org_id, applied.trigger, out.actions)
    if result.auto_applied:  # this event's own insights may have just added the returning lead
        after_event_applied(conn, out.org_id, applied.ticket_id, applied.trigger)
    if result.handed_over:  # the model stage marks the event PROCESSED once its runs are recorded
        return EventStatus.PROCESSING.value
    _mark_processed(eid)
    return EventStatus.PROCESSED.value


def _mark_processed(eid: uuid.UUID) -> None:
    """PROCESSING -> PROCESSED in one round trip (one simple-protocol query holding its own short
    transaction), with ``synchronous_commit`` off for it: this mark only saves work. If a PostgreSQL
    crash loses it, the event is PROCESSING again and the sweeper re-runs it, which records and
    publishes nothing twice; everything the event produced was committed durably before."""
    stmt = psql.SQL(
        "BEGIN; SET LOCAL synchronous_commit TO OFF; "
        "UPDATE event SET status = 'PROCESSED', processed_at = {at}, error = NULL "
        "WHERE id = {id} AND status = 'PROCESSING'; COMMIT"
    ).format(at=psql.Literal(datetime.now(UTC)), id=psql.Literal(eid))
    raw = get_engine().raw_connection()
    try:
        pg = raw.driver_connection
        assert isinstance(pg, psycopg.Connection)
        pg.autocommit = True  # no implicit BEGIN round trip: the query carries its own transaction
        try:
            pg.execute(stmt)
        finally:
            if not pg.closed:
                pg.autocommit = False
    except BaseException:
        raw.invalidate()  # a half-done query leaves the connection in an unknown state
        raise
    finally:
        raw.close()


def publish_job(insight_id: str) -> list[str]:
    """Publish an insight (Redis pub/sub + Centrifugo when configured); raises to be retried."""
    return publish_insight(insight_id)


def debounced_job(args: dict[str, Any]) -> str | None:
    """A debounced match whose quiet period ended."""
    outcome = fire_debounced(redis_connection(), args)
    timers.finish(debounce_job_id(args["idempotency_key"]))
    return None if outcome is None else outcome.status.value


def action_job(action_log_id: str) -> Any:
    """A Meta closed-loop action (``engine.actions.runner.execute_action``)."""
    return execute_action(uuid.UUID(action_log_id))


def inactivity_job(organization_id: str, ticket_id: str, expected_last_message_at: str) -> str:
    """A ticket's scheduled inactivity check (``engine.inactivity.check_inactivity``)."""
    result = check_inactivity(organization_id, ticket_id, expected_last_message_at)
    timers.finish(job_id_for(uuid.UUID(ticket_id), datetime.fromisoformat(expected_last_message_at)))
    return result


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
        rows = s.execute(
            select(Event.id, Event.deferrals).where(
                Event.status.in_([EventStatus.RECEIVED, EventStatus.PROCESSING]),
                func.coalesce(Event.next_attempt_at, Event.received_at) < cutoff,
            ).order_by(Event.received_at).limit(limit)).all()
    requeued = 0
    for eid, turn in rows:
        if conn.exists(model_stage.inflight_key(eid)):
            continue  # its model calls are in flight in a live worker's model stage
        if event_job_live(eid, turn, connection=conn):
            continue
        enqueue_event(eid, connection=conn, front=True)  # ahead of the backlog: its ticket waits for it
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
        ("timers", lambda: timers.restore(connection)),
    )
    for name, task in tasks:
        try:
            task()
        except retryable:  # next maintenance round tries again
            log.exception("maintenance: could not enqueue the %s", name)


class _CopilotBehaviour(BaseWorker):
    """What both worker classes add to RQ's: ``copilot_maintenance`` in the periodic maintenance, and
    a heartbeat thread that reclaims dead workers' jobs (``engine.liveness``)."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        copilot_maintenance(self.connection)

    def work(self, *args: Any, **kwargs: Any) -> bool:
        beat = Heartbeat(self.connection, self.name, self.queues)
        beat.start()
        try:
            return super().work(*args, **kwargs)
        finally:
            beat.stop()


class CopilotWorker(_CopilotBehaviour, Worker):
    """RQ's forking worker (``--fork``) with the Copilot maintenance and heartbeat."""


class CopilotSimpleWorker(_CopilotBehaviour, SimpleWorker):
    """Same, without forking: jobs run in the worker process (the default, see ``run_worker``)."""


def make_worker(*, fork: bool = False, connection: redis.Redis | None = None, name: str | None = None) -> BaseWorker:
    """A worker on all Copilot queues; maintenance (abandoned-job cleanup + sweep) every sweep interval."""
    conn = connection or redis_connection()
    cls: type[BaseWorker] = CopilotWorker if fork else CopilotSimpleWorker
    return cls([get_queue(n, conn) for n in QUEUE_NAMES], connection=conn, name=name,
               maintenance_interval=MAINTENANCE_INTERVAL_SECONDS)


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
    die_with_parent()  # the scheduler process (and --fork horses) never outlive this worker
    delay = 1.0
    if not verbose:
        print("worker ready (quiet log: warnings and errors only; --verbose shows every job)", flush=True)
    try:
        while True:
            started = time.monotonic()
            worker = make_worker(fork=fork)
            try:
                worker.work(burst=burst, with_scheduler=True, logging_level=level)
            except redis.exceptions.RedisError as err:  # RQ's loop gave up on Redis (registration, teardown)
                log.warning("worker stopped: %s", err)
            # SIGTERM/SIGINT: RQ records the request date (an idle worker stops without setting
            # _stop_requested); only a loop that ended without one is restarted.
            if burst or worker._stop_requested or getattr(worker, "_shutdown_requested_date", None):
                return 0
            # RQ's loop quits on a lost Redis connection: reconnect with backoff instead of exiting.
            delay = 1.0 if time.monotonic() - started > 60 else min(delay * 2, 30.0)
            log.warning("worker loop ended (Redis unreachable?); starting again in %.0f s", delay)
            time.sleep(delay)
    finally:
        stage = model_stage.current()
        if stage is not None and stage.in_flight():
            log.warning("waiting for %d model calls in flight", stage.in_flight())
            stage.drain()
