"""From matched agents to recorded runs: throttle/debounce gate, concurrent agent runs, persist, publish.

The event job, the debounced delayed job and the inactivity check all end here with a list of
``RunRequest``. Every request carries an idempotency key (one ``ai_run`` per key, enforced by the
database), so any of those jobs can be retried, or re-run after a ``kill -9``, without creating a
second run, insight or publish.

Concurrency: the agents matched by one event run in a small thread pool inside the job (each in
its own DB sessions; the model call happens outside any open transaction), so a slow model does
not hold back the other agents of the event. Why threads and not one RQ job per (event, agent):
the event stays the unit of status, retry and crash recovery (PROCESSED means every matching agent
is recorded; the stale-event sweeper covers everything), model calls are I/O bound, and one worker
process serves several calls at once instead of one process per concurrent call.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import redis
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError

from engine.agents import AgentNotFoundError, AgentSpec, load_agent
from engine.db import session_scope
from engine.gateway import GatewayError, Usage
from engine.models import AiInsight, EventType, RunStatus
from engine.runner import RunOutcome, find_existing_run, load_ticket_context, record_outcome, run_agent
from engine.throttle import (
    check_window,
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


def _cheap_outcome(agent: AgentSpec, status: RunStatus, detail: dict[str, Any]) -> RunOutcome:
    return RunOutcome(agent=agent, status=status, engine=None, model=None, payload=None, usage=Usage(),
                      latency_ms=0, detail={**detail, "attempts": 0})


def record_cheap(req: RunRequest, status: RunStatus, detail: dict[str, Any]) -> RunOutcome:
    """Record a THROTTLED or SKIPPED match (no model call) so the savings can be shown."""
    with session_scope() as s:
        return record_outcome(s, organization_id=req.organization_id,
                              outcome=_cheap_outcome(req.agent, status, detail), ticket_id=req.ticket_id,
                              event_id=req.event_id, trigger_event=req.event_type.value,
                              idempotency_key=req.idempotency_key)


def _already_recorded(req: RunRequest) -> RunOutcome | None:
    """The stored run of this request (a retry or a duplicate job), or None."""
    with session_scope() as s:
        run = find_existing_run(s, organization_id=req.organization_id, idempotency_key=req.idempotency_key)
        if run is None:
            return None
        insight_id = s.scalar(select(AiInsight.id).where(AiInsight.run_id == run.id,
                                                         AiInsight.organization_id == req.organization_id))
        return RunOutcome(agent=req.agent, status=run.status, engine=run.engine, model=run.model, payload=None,
                          usage=Usage(run.prompt_tokens, run.completion_tokens, float(run.cost_usd)),
                          latency_ms=run.latency_ms or 0, error=run.error, run_id=run.id,
                          insight_id=insight_id, created=False)


def run_one(req: RunRequest) -> RunOutcome:
    """Run one admitted request: load (session 1), call the model (no session), record (session 2),
    then hand the insight to the publish job. Idempotent per ``req.idempotency_key``."""
    from engine.jobs import enqueue_publish

    outcome = _already_recorded(req)
    if outcome is None:
        try:
            with session_scope() as s:
                ctx = load_ticket_context(s, organization_id=req.organization_id, ticket_id=req.ticket_id)
            fresh = run_agent(req.agent, ctx)
        except TRANSIENT_ERRORS:
            raise
        except GatewayError as err:  # the gateway already retried: a failed run, not a failed job
            fresh = RunOutcome(agent=req.agent, status=RunStatus.FAILED, engine="litellm", model=err.model,
                               payload=None, usage=err.usage, latency_ms=0, error=err.message,
                               detail={"attempts": err.attempts,
                                       "last_raw_output": (err.last_raw_output or "")[:4000]})
        except Exception as err:  # noqa: BLE001 - this agent's run fails visibly; the others go on
            log.exception("agent %s failed on ticket %s", req.agent.id, req.ticket_id)
            fresh = RunOutcome(agent=req.agent, status=RunStatus.FAILED, engine=None, model=req.agent.model,
                               payload=None, usage=Usage(), latency_ms=0, error=f"{type(err).__name__}: {err}")
        with session_scope() as s:
            outcome = record_outcome(s, organization_id=req.organization_id, outcome=fresh,
                                     ticket_id=req.ticket_id, event_id=req.event_id,
                                     trigger_event=req.event_type.value, idempotency_key=req.idempotency_key)
    if outcome.insight_id is not None:
        enqueue_publish(outcome.insight_id)  # after the commit; deduped, so safe on a retry too
        # Closed loop: the agent's auto-apply policy. Idempotent (only a SUGGESTION can be applied, actions
        # dedupe on their key), so a retried job that finds the insight already recorded is safe to repeat.
        from engine.actions.wiring import after_insight_recorded

        after_insight_recorded(req.organization_id, outcome.insight_id)
    return outcome


def run_concurrently(reqs: list[RunRequest]) -> list[RunOutcome]:
    """Run admitted requests in parallel threads; re-raise the first transient error after all ended."""
    if not reqs:
        return []
    if len(reqs) == 1:
        return [run_one(reqs[0])]
    with ThreadPoolExecutor(max_workers=min(len(reqs), MAX_PARALLEL_AGENTS),
                            thread_name_prefix="agent") as pool:
        futures = [pool.submit(run_one, r) for r in reqs]
    outcomes: list[RunOutcome] = []
    first_error: BaseException | None = None
    for f in futures:
        err = f.exception()
        if err is None:
            outcomes.append(f.result())
        elif first_error is None:
            first_error = err
    if first_error is not None:
        raise first_error
    return outcomes


def _window(conn: redis.Redis, req: RunRequest) -> RunOutcome | None:
    """None when admitted, else the recorded THROTTLED run."""
    scope = resolve_scope(req.rules, organization_id=req.organization_id, ticket_id=req.ticket_id,
                          contact_id=req.contact_id)
    key = window_key(req.organization_id, req.agent.id or uuid.UUID(int=0), req.event_type.value, scope)
    decision = check_window(conn, key=key, rules=req.rules, member=req.idempotency_key)
    if decision.admitted:
        return None
    return record_cheap(req, RunStatus.THROTTLED, decision.detail(req.rules, scope))


def dispatch(conn: redis.Redis, reqs: list[RunRequest]) -> DispatchResult:
    """Gate every request (debounce, then maxRuns) and run the admitted ones concurrently."""
    from engine.jobs import enqueue_debounced

    result = DispatchResult()
    admitted: list[RunRequest] = []
    # No "already recorded?" pre-check here: every step is idempotent per request (the window counts
    # the idempotency key once, the debounce swap and delayed job are keyed by it, and recording uses
    # ON CONFLICT DO NOTHING), and run_one checks before calling a model. A retry is therefore safe.
    for req in reqs:
        if req.rules.debounce_seconds:
            scope = resolve_scope(req.rules, organization_id=req.organization_id, ticket_id=req.ticket_id,
                                  contact_id=req.contact_id)
            key = debounce_key(req.organization_id, req.agent.id or uuid.UUID(int=0), req.event_type.value, scope)
            debounce_swap(conn, key=key, request_id=req.idempotency_key,
                          debounce_seconds=req.rules.debounce_seconds)
            enqueue_debounced(req.to_args(), delay=timedelta(seconds=req.rules.debounce_seconds))
            result.debounced.append(req.idempotency_key)
            continue
        throttled = _window(conn, req)
        if throttled is not None:
            result.outcomes.append(throttled)
        else:
            admitted.append(req)
    result.outcomes.extend(run_concurrently(admitted))
    return result


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
    if _already_recorded(req) is not None:
        return run_one(req)
    if not agent.is_active or trigger is None:
        return record_cheap(req, RunStatus.SKIPPED, {"rule": "agent_inactive_or_trigger_removed"})
    if req.rules.debounce_seconds:
        scope = resolve_scope(req.rules, organization_id=org_id, ticket_id=req.ticket_id, contact_id=req.contact_id)
        key = debounce_key(org_id, agent.id or uuid.UUID(int=0), event_type.value, scope)
        if not claim_debounce(conn, key=key, request_id=req.idempotency_key,
                              debounce_seconds=req.rules.debounce_seconds):
            return record_cheap(req, RunStatus.SKIPPED, {
                "rule": "debounceSeconds", "debounceSeconds": req.rules.debounce_seconds,
                "scope": scope.kind, "scope_id": str(scope.id), "superseded": True})
    throttled = _window(conn, req)
    return throttled if throttled is not None else run_one(req)
