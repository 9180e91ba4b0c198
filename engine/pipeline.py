"""From matched agents to recorded runs: throttle/debounce gate, agent runs, persist, publish.

The event job, the debounced delayed job and the inactivity check all end here with a list of
``RunRequest``. Every request carries an idempotency key (one ``ai_run`` per key, enforced by the
database), so any of those jobs can be retried, or re-run after a ``kill -9``, without creating a
second run, insight or publish.

Two phases, so the event job needs few round trips (see ``bench/bench_pipeline.py``):
- ``prepare`` runs inside the caller's open transaction (the event job's, which also applied the
  event): the Redis gates for all requests (one pipelined round trip for the windows), the
  THROTTLED rows, the already-recorded runs of a retry (one query) and the ticket's context, loaded
  once and shared by every admitted agent.
- ``record_offline_in`` (the event job) runs the offline-engine requests in that same transaction
  and records them there: an offline event costs one transaction.
- ``execute`` runs after that commit: the model calls (no transaction open; several agents in a
  small per-process thread pool, so a slow model does not hold back the other agents of the
  event), then every outcome recorded in one transaction, then each insight published inline
  (``engine.realtime.publish_now``; the publish job is only the retry path) and offered to the
  auto-apply policy.
Why threads and not one RQ job per (event, agent): the event stays the unit of status, retry and
crash recovery (PROCESSED means every matching agent is recorded; the stale-event sweeper covers
everything), model calls are I/O bound, and one worker process serves several calls at once.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import redis
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from engine import budgets, fact_guard, model_stage, timers
from engine.actions.binding import auto_apply_policy, binding_for
from engine.actions.wiring import after_insight_recorded
from engine.agents import AgentNotFoundError, AgentSpec, load_agent
from engine.context import ConversationContext
from engine.db import session_scope
from engine.gateway import GatewayError, Usage, resolve_model
from engine.models import AiInsight, AiRun, EventType, RunStatus
from engine.org_settings import OrgSettings
from engine.queues import enqueue_debounced, enqueue_publish
from engine.realtime import message_for, publish_now
from engine.runner import (
    RunOutcome,
    arun_agent,
    failed_outcome,
    load_ticket_context,
    record_outcome,
    run_agent,
)
from engine.throttle import (
    check_windows,
    claim_debounce,
    debounce_key,
    debounce_swap,
    resolve_scope,
    window_key,
)
from engine.throttle_rules import ThrottleRules

log = logging.getLogger(__name__)

# Errors worth retrying the whole job for (the infrastructure, not the event, is at fault).
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError, InterfaceError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError,
)
MAX_PARALLEL_AGENTS = 8


@dataclass(frozen=True)
class RunRequest:
    """One agent to run for one trigger, with everything needed to gate, run and record it."""

    organization_id: uuid.UUID
    agent: AgentSpec
    event_type: EventType
    rules: ThrottleRules
    ticket_id: uuid.UUID
    contact_id: uuid.UUID | None
    event_id: uuid.UUID | None
    idempotency_key: str

    def to_args(self) -> dict[str, Any]:
        """JSON-safe form for a delayed RQ job (the agent is re-read when the job fires)."""
        return {"organization_id": str(self.organization_id), "agent_id": str(self.agent.id),
                "event_type": self.event_type.value, "ticket_id": str(self.ticket_id),
                "contact_id": str(self.contact_id) if self.contact_id else None,
                "event_id": str(self.event_id) if self.event_id else None,
                "idempotency_key": self.idempotency_key}


@dataclass
class DispatchResult:
    outcomes: list[RunOutcome] = field(default_factory=list)
    debounced: list[str] = field(default_factory=list)
    handed_over: int = 0  # model-bound runs finishing in the model stage
    auto_applied: int = 0  # actions created by the auto-apply policy of its insights


@dataclass
class Prepared:
    """What ``prepare`` decided inside the caller's transaction; ``execute`` finishes it after commit."""

    to_run: list[RunRequest] = field(default_factory=list)
    done: list[tuple[RunRequest, RunOutcome]] = field(default_factory=list)  # THROTTLED, or found recorded
    contexts: dict[uuid.UUID, ConversationContext] = field(default_factory=dict)  # per ticket
    debounced: list[str] = field(default_factory=list)
    reserved: dict[str, Decimal] = field(default_factory=dict)  # budget estimate per idempotency key
    recorded: list[tuple[RunRequest, RunOutcome]] = field(default_factory=list)  # by ``record_offline_in``
    messages: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)  # their new insights' messages


def _cheap_outcome(agent: AgentSpec, status: RunStatus, detail: dict[str, Any]) -> RunOutcome:
    return RunOutcome(agent=agent, status=status, engine=None, model=None, payload=None, usage=Usage(),
                      latency_ms=0, detail={**detail, "attempts": 0})


def _record_cheap_in(s: Session, req: RunRequest, status: RunStatus, detail: dict[str, Any]) -> RunOutcome:
    return record_outcome(s, organization_id=req.organization_id, outcome=_cheap_outcome(req.agent, status, detail),
                          ticket_id=req.ticket_id, event_id=req.event_id, trigger_event=req.event_type.value,
                          idempotency_key=req.idempotency_key)


def _recorded(s: Session, reqs: list[RunRequest]) -> dict[str, RunOutcome]:
    """Stored runs of these requests (a retry or a duplicate job), by idempotency key: one query."""
    if not reqs:
        return {}
    by_key = {r.idempotency_key: r for r in reqs}
    org_id = reqs[0].organization_id
    rows = s.execute(
        select(AiRun, AiInsight.id)
        .outerjoin(AiInsight, (AiInsight.run_id == AiRun.id) & (AiInsight.organization_id == org_id))
        .where(AiRun.organization_id == org_id, AiRun.idempotency_key.in_(list(by_key)))
    ).all()
    out: dict[str, RunOutcome] = {}
    for run, insight_id in rows:
        key = str(run.idempotency_key)
        req = by_key[key]
        out[key] = RunOutcome(
            agent=req.agent, status=run.status, engine=run.engine, model=run.model, payload=None,
            usage=Usage(run.prompt_tokens, run.completion_tokens, float(run.cost_usd)),
            latency_ms=run.latency_ms or 0, error=run.error, run_id=run.id, insight_id=insight_id, created=False)
    return out


def _scope_key(req: RunRequest, prefix: str) -> tuple[Any, str]:
    scope = resolve_scope(req.rules, organization_id=req.organization_id, ticket_id=req.ticket_id,
                          contact_id=req.contact_id)
    make = debounce_key if prefix == "debounce" else window_key
    return scope, make(req.organization_id, req.agent.id or uuid.UUID(int=0), req.event_type.value, scope)


def prepare(conn: redis.Redis, s: Session, reqs: list[RunRequest], *, debounce: bool = True,
            window: bool = True, fresh: bool = False) -> Prepared:
    """Phase 1, in the caller's transaction ``s`` (flushes, never commits): gate, record THROTTLED
    rows, find runs already recorded, load each ticket's context once for what remains to run.

    ``debounce=False`` / ``window=False`` skip that gate (a debounced job already claimed its turn).
    ``fresh=True`` promises no request can have been recorded yet (the event's first attempt), which
    saves the lookup; a wrong promise costs only a wasted model call (recording is idempotent)."""
    p = Prepared()
    candidates: list[RunRequest] = []
    for req in reqs:
        if debounce and req.rules.debounce_seconds:
            _, key = _scope_key(req, "debounce")
            debounce_swap(conn, key=key, request_id=req.idempotency_key, debounce_seconds=req.rules.debounce_seconds)
            delay = timedelta(seconds=req.rules.debounce_seconds)
            # Durable: recorded in this transaction, re-created from it if Redis loses the job (engine.timers).
            timers.record_debounce(s, req.to_args(), debounce_key=key, due_at=datetime.now(UTC) + delay)
            enqueue_debounced(req.to_args(), delay=delay, connection=conn)
            p.debounced.append(req.idempotency_key)
        else:
            candidates.append(req)
    admitted = candidates
    if window and candidates:
        keyed = [(req, *_scope_key(req, "window")) for req in candidates]
        decisions = check_windows(conn, [(key, req.rules, req.idempotency_key) for req, _, key in keyed])
        admitted = []
        for (req, scope, _), decision in zip(keyed, decisions, strict=True):
            if decision.admitted:
                admitted.append(req)
            else:
                p.done.append((req, _record_cheap_in(s, req, RunStatus.THROTTLED,
                                                     decision.detail(req.rules, scope))))
    existing = {} if fresh else _recorded(s, admitted)
    for req in admitted:
        if req.idempotency_key in existing:
            p.done.append((req, existing[req.idempotency_key]))
            continue
        if req.ticket_id not in p.contexts:
            p.contexts[req.ticket_id] = load_ticket_context(s, organization_id=req.organization_id,
                                                            ticket_id=req.ticket_id)
        ctx = p.contexts[req.ticket_id]
        skip = skip_reason(req, ctx)
        if skip is not None:
            p.done.append((req, _record_cheap_in(s, req, RunStatus.SKIPPED, skip)))
            continue
        refused = _over_budget(conn, s, req, ctx, p)
        if refused is not None:
            p.done.append((req, refused))
            continue
        p.to_run.append(req)
    return p


def _over_budget(conn: redis.Redis, s: Session, req: RunRequest, ctx: ConversationContext,
                 p: Prepared) -> RunOutcome | None:
    """Reserve a model-bound run's estimated cost against the monthly budgets (``engine.budgets``);
    a refused run is recorded SKIPPED (and the director alerted once). Offline runs cost nothing."""
    settings = ctx.settings
    if settings.monthly_budget_brl is None and str(req.agent.id) not in settings.agent_budgets_brl:
        return None
    try:
        if resolve_model(req.agent.model).engine == "offline":
            return None
    except GatewayError:  # an unknown model fails its own run; nothing to budget
        return None
    estimate = budgets.estimate_brl(req.agent, ctx.transcript.tokens, settings)
    decision = budgets.reserve(conn, s, organization_id=req.organization_id, agent=req.agent,
                               settings=settings, estimate=estimate)
    if decision.allowed:
        p.reserved[req.idempotency_key] = estimate
        return None
    budgets.alert_once(s, organization_id=req.organization_id, agent=req.agent, decision=decision, settings=settings)
    return _record_cheap_in(s, req, RunStatus.SKIPPED, decision.detail())


def skip_reason(req: RunRequest, ctx: ConversationContext) -> dict[str, Any] | None:
    """Why an admitted match must not run on this ticket now (recorded SKIPPED), or None.

    An agent whose purpose needs an open ticket does not run on a WON/LOST one; an agent bound to the
    ticket's Purchase does not run once that Purchase went to Meta (it would re-detect it as new)."""
    status = fact_guard.closed_status(ctx)
    if status is not None and (req.rules.open_ticket_only or fact_guard.needs_open_ticket(req.agent)):
        return {"rule": "openTicketOnly", "ticket_status": status}
    if ctx.purchase_reported is not None and purchase_bound(req.agent):
        return {"rule": "purchaseAlreadySent", "event_time": ctx.purchase_reported.isoformat()}
    return None


def purchase_bound(agent: AgentSpec) -> bool:
    """The agent's action sends the ticket's CAPI Purchase."""
    try:
        binding = binding_for(agent.action_binding, agent.template_key)
    except ValueError:
        return False
    return binding is not None and binding.kind == "capi_event" and (binding.event_name or "Purchase") == "Purchase"


# ------------------------------------------------------------------------------ phase 2
_pool: tuple[int, ThreadPoolExecutor] | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    """This process' agent thread pool (created lazily: a forked child never inherits live threads)."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(max_workers=MAX_PARALLEL_AGENTS, thread_name_prefix="agent"))
        return _pool[1]


def _run_model(req: RunRequest, ctx: ConversationContext) -> RunOutcome:
    """The model call of one request; a failure becomes a FAILED outcome, never an exception."""
    try:
        return run_agent(req.agent, ctx)
    except TRANSIENT_ERRORS:
        raise
    except Exception as err:  # noqa: BLE001 - this agent's run fails visibly; the others go on
        return _failed(req, err)


async def _arun_model(req: RunRequest, ctx: ConversationContext) -> RunOutcome:
    """``_run_model`` on the async client: the model stage's call for one request."""
    try:
        return await arun_agent(req.agent, ctx)
    except TRANSIENT_ERRORS:
        raise
    except Exception as err:  # noqa: BLE001 - this agent's run fails visibly; the others go on
        return _failed(req, err)


def _failed(req: RunRequest, err: Exception) -> RunOutcome:
    """A request's FAILED outcome; an error that is not the model's own is also logged with its trace."""
    if not isinstance(err, GatewayError):
        log.exception("agent %s failed on ticket %s", req.agent.id, req.ticket_id)
    return failed_outcome(req.agent, err)


def _run_models(p: Prepared, reqs: list[RunRequest]) -> list[RunOutcome]:
    """Run these requests' models; in parallel threads when there are several (I/O-bound providers)."""
    if len(reqs) == 1:
        req = reqs[0]
        return [_run_model(req, p.contexts[req.ticket_id])]
    futures: list[Future[RunOutcome]] = [_executor().submit(_run_model, r, p.contexts[r.ticket_id])
                                         for r in reqs]
    return [f.result() for f in futures]


def _may_auto_apply(outcome: RunOutcome, org: OrgSettings | None) -> bool:
    """False only when the agent's binding certainly will not auto-apply this payload: the same
    decision ``engine.actions.auto_apply`` makes (``auto_apply_policy``), without its transaction.
    True when unsure."""
    if org is None or outcome.payload is None:
        return True
    try:
        binding = binding_for(outcome.agent.action_binding, outcome.agent.template_key)
    except ValueError:
        return True  # let auto_apply report it
    return auto_apply_policy(binding, org, outcome.payload) is not None


def model_bound(agent: AgentSpec) -> bool:
    """The agent's runs call a model over the network (not the offline engine)."""
    try:
        return resolve_model(agent.model).engine != "offline"
    except GatewayError:  # an unknown model fails inline, with its message
        return False


def record_offline_in(s: Session, conn: redis.Redis, p: Prepared) -> None:
    """Run the offline-engine requests and record them in the caller's open transaction ``s`` (the
    event job's: one transaction applies the event and records its offline runs). The offline engine
    is local CPU work of a few milliseconds, so it runs under the ticket's lock, which also keeps
    the ticket's insights in apply order. Model-bound requests stay in ``p.to_run`` for ``execute``
    (no transaction is held open across a network call). Flushes, never commits."""
    offline = [r for r in p.to_run if not model_bound(r.agent)]
    if not offline:
        return
    p.to_run = [r for r in p.to_run if r not in offline]
    recorded = [_record(s, conn, p, req, outcome)
                for req, outcome in zip(offline, _run_models(p, offline), strict=True)]
    p.recorded.extend(recorded)
    p.messages.update(_messages_of_new(s, recorded))


def execute(conn: redis.Redis, p: Prepared, *, event_id: uuid.UUID | None = None) -> DispatchResult:
    """Phase 2, after the caller's commit: run the models, record (one transaction), publish, auto-apply.

    In a worker process with the model stage on (``engine.model_stage``), model-bound runs are handed
    over and finish there; ``handed_over`` counts them, and with ``event_id`` the stage marks that
    event PROCESSED once they are all recorded. Offline runs are always recorded here."""
    stage = model_stage.current()
    staged = [r for r in p.to_run if stage is not None and model_bound(r.agent)]
    inline = [r for r in p.to_run if r not in staged]
    if staged:
        assert stage is not None
        stage.submit(conn, [(r.ticket_id, partial(_arun_model, r, p.contexts[r.ticket_id]),
                             partial(_finish_staged, conn, p, r)) for r in staged], event_id=event_id)
    pairs = list(p.done) + p.recorded
    messages = dict(p.messages)
    if inline:
        fresh = _run_models(p, inline)
        with session_scope() as s:
            recorded = [_record(s, conn, p, req, outcome) for req, outcome in zip(inline, fresh, strict=True)]
            messages.update(_messages_of_new(s, recorded))
        pairs.extend(recorded)
    applied = _after(conn, p, pairs, messages)
    return DispatchResult(outcomes=[o for _, o in pairs], debounced=list(p.debounced), handed_over=len(staged),
                          auto_applied=applied)


def _record(s: Session, conn: redis.Redis, p: Prepared, req: RunRequest,
            outcome: RunOutcome) -> tuple[RunRequest, RunOutcome]:
    """Record one outcome (idempotent per key) and settle its budget reservation."""
    rec = record_outcome(s, organization_id=req.organization_id, outcome=outcome, ticket_id=req.ticket_id,
                         event_id=req.event_id, trigger_event=req.event_type.value,
                         idempotency_key=req.idempotency_key)
    if req.idempotency_key in p.reserved and req.agent.id is not None:
        budgets.settle(conn, organization_id=req.organization_id, agent_id=req.agent.id,
                       settings=p.contexts[req.ticket_id].settings,
                       estimate=p.reserved[req.idempotency_key], actual_usd=outcome.usage.cost_usd)
    return req, rec


def _messages_of_new(s: Session, recorded: list[tuple[RunRequest, RunOutcome]]) -> dict[uuid.UUID, dict[str, Any]]:
    """One read for the server defaults (created_at, action_status) of every new insight."""
    messages = {rec.insight_id: rec.message for _, rec in recorded
                if rec.insight_id and rec.created and rec.message is not None}
    new = {rec.insight_id: req for req, rec in recorded
           if rec.insight_id and rec.created and rec.insight_id not in messages}
    if not new:
        return messages
    org_id = recorded[0][0].organization_id
    for insight in s.scalars(select(AiInsight).where(AiInsight.id.in_(list(new)), AiInsight.organization_id == org_id)):
        agent = new[insight.id].agent
        messages[insight.id] = message_for(insight, agent_name=agent.name, agent_icon=agent.icon)
    return messages


def _after(conn: redis.Redis, p: Prepared, pairs: list[tuple[RunRequest, RunOutcome]],
           messages: dict[uuid.UUID, dict[str, Any]]) -> int:
    """Publish each insight and offer it to the agent's auto-apply policy. Returns the actions created."""
    applied = 0
    for req, outcome in pairs:
        built = {m["insight_id"]: m for m in outcome.superseded_messages}
        for old in outcome.superseded:  # the replaced card leaves the feeds (insight.updated, superseded_by)
            if str(old) in built:
                publish_now(conn, built[str(old)])  # falls back to the publish job when it cannot finish
            else:
                enqueue_publish(old, connection=conn)
        if outcome.insight_id is None:
            continue
        message = messages.get(outcome.insight_id)
        if message is not None:
            publish_now(conn, message)
        else:  # recorded by an earlier attempt: the job publishes its current state (markers dedupe)
            enqueue_publish(outcome.insight_id, connection=conn)
        # Closed loop: the agent's auto-apply policy. Idempotent (only a SUGGESTION can be applied, actions
        # dedupe on their key), so a retried job that finds the insight already recorded is safe to repeat.
        if outcome.refreshed:
            continue  # the card was already offered to the policy when it was created
        ctx = p.contexts.get(req.ticket_id) if outcome.created else None
        if _may_auto_apply(outcome, ctx.settings if ctx else None):
            applied += len(after_insight_recorded(req.organization_id, outcome.insight_id))
    return applied


def _finish_staged(conn: redis.Redis, p: Prepared, req: RunRequest, outcome: RunOutcome) -> None:
    """The model stage's last step for one run: record, publish, auto-apply (as ``execute`` does)."""
    with session_scope() as s:
        pair = _record(s, conn, p, req, outcome)
        messages = _messages_of_new(s, [pair])
    _after(conn, p, [pair], messages)


def fire_debounced(conn: redis.Redis, args: dict[str, Any]) -> RunOutcome | None:
    """The delayed job of a debounced match: run it if it is still the latest of its burst, else
    record it SKIPPED (superseded). Then the maxRuns window applies as for any run."""
    org_id = uuid.UUID(args["organization_id"])
    with session_scope() as s:
        try:
            agent = load_agent(s, organization_id=org_id, agent_id=uuid.UUID(args["agent_id"]))
        except AgentNotFoundError:
            return None
        event_type = EventType(args["event_type"])
        trigger = next((t for t in agent.triggers if t.event_type is event_type), None)
        req = RunRequest(
            organization_id=org_id, agent=agent, event_type=event_type,
            rules=trigger.throttle_rules if trigger else ThrottleRules(), ticket_id=uuid.UUID(args["ticket_id"]),
            contact_id=uuid.UUID(args["contact_id"]) if args.get("contact_id") else None,
            event_id=uuid.UUID(args["event_id"]) if args.get("event_id") else None,
            idempotency_key=args["idempotency_key"],
        )
        existing = _recorded(s, [req]).get(req.idempotency_key)
        if existing is None and (not agent.is_active or trigger is None):
            return _record_cheap_in(s, req, RunStatus.SKIPPED, {"rule": "agent_inactive_or_trigger_removed"})
        if existing is None and req.rules.debounce_seconds:
            scope, key = _scope_key(req, "debounce")
            if not claim_debounce(conn, key=key, request_id=req.idempotency_key,
                                  debounce_seconds=req.rules.debounce_seconds):
                return _record_cheap_in(s, req, RunStatus.SKIPPED, {
                    "rule": "debounceSeconds", "debounceSeconds": req.rules.debounce_seconds,
                    "scope": scope.kind, "scope_id": str(scope.id), "superseded": True})
        # Then maxRuns, as for any run (a run found recorded is not gated again: it only gets published).
        p = prepare(conn, s, [req], debounce=False, window=existing is None)
    return execute(conn, p).outcomes[0]
