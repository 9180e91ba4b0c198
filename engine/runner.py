"""Run an agent on a conversation: the one function the Studio's live test and the worker share.

- ``run_agent``: no writes (dry run / live test run / CLI).
- ``run_and_record``: the same run, then ``ai_run`` + ``ai_insight`` in the caller's transaction,
  idempotent per ``idempotency_key`` (the worker uses "<event id>:<agent id>").
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from engine import fact_guard, insight_cards
from engine.actions.capi import dedupe_key_for
from engine.agents import AgentSpec
from engine.citations import uncited
from engine.config import Settings, get_settings
from engine.context import DEFAULT_TOKEN_BUDGET, CampaignSpendFact, ConversationContext, build_context
from engine.conversation import Conversation, conversation_from_ticket
from engine.errors import NotFound
from engine.gateway import GatewayError, GatewayResult, Usage, agenerate, generate
from engine.models import (
    ActionLog,
    ActionLogStatus,
    AiInsight,
    AiRun,
    Campaign,
    CampaignSpend,
    Organization,
    RunStatus,
    Ticket,
)
from engine.org_settings import OrgSettings
from engine.schema_compiler import CompiledSchema


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced. ``created`` is False when an idempotent replay found the earlier run."""

    agent: AgentSpec
    status: RunStatus
    engine: str | None
    model: str | None
    payload: dict[str, Any] | None
    usage: Usage
    latency_ms: int
    prompt_tokens_budgeted: int = 0
    note: str | None = None
    error: str | None = None
    run_id: uuid.UUID | None = None
    insight_id: uuid.UUID | None = None
    created: bool = True
    detail: dict[str, Any] = field(default_factory=dict)
    refreshed: bool = False  # the run found its live card materially unchanged and refreshed it
    superseded: tuple[uuid.UUID, ...] = ()  # cards this run's new insight replaced
    # Live messages (``engine.realtime``) built when the rows were written: of the new or refreshed
    # insight, and of the replaced cards (publishing them needs no read).
    message: dict[str, Any] | None = None
    superseded_messages: tuple[dict[str, Any], ...] = ()

    @property
    def uncited(self) -> bool:
        """No citation survived the evidence check: the insight is "sem evidência"."""
        return uncited(self.payload)

    @property
    def summary(self) -> str | None:
        return None if self.payload is None else str(self.payload.get("summary", ""))

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``--json`` shape: agent, engine, model, payload, summary, usage (+ a few extras)."""
        return {
            "agent": self.agent.key,
            "engine": self.engine,
            "model": self.model,
            "payload": self.payload,
            "summary": self.summary,
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
                "cost_usd": round(self.usage.cost_usd, 8),
                "latency_ms": self.latency_ms,
            },
            "status": self.status.value,
            "note": self.note,
            "citations": (self.payload or {}).get("citations", []),
            "uncited": self.uncited,
            "overrides": self.detail.get("overrides", []),
        }


def run_agent(
    agent: AgentSpec,
    conversation: Conversation | ConversationContext,
    *,
    model: str | None = None,
    org_settings: OrgSettings | None = None,
    settings: Settings | None = None,
    spend_today: CampaignSpendFact | None = None,
) -> RunOutcome:
    """Run ``agent`` on a conversation without writing anything. Raises GatewayError on failure."""
    settings = settings or get_settings()
    ctx = conversation if isinstance(conversation, ConversationContext) else build_context(
        conversation, settings=org_settings, token_budget=settings.context_token_budget or DEFAULT_TOKEN_BUDGET,
        spend_today=spend_today)
    started = time.perf_counter()
    schema = agent.schema()
    result: GatewayResult = generate(agent, ctx, schema, model=model, settings=settings)
    return _succeeded(agent, ctx, schema, result, started)


async def arun_agent(agent: AgentSpec, ctx: ConversationContext, *, settings: Settings | None = None) -> RunOutcome:
    """``run_agent`` on the async model client (the worker's model stage). Raises GatewayError on failure."""
    started = time.perf_counter()
    schema = agent.schema()
    result = await agenerate(agent, ctx, schema, settings=settings or get_settings())
    return _succeeded(agent, ctx, schema, result, started)


def _succeeded(agent: AgentSpec, ctx: ConversationContext, schema: CompiledSchema, result: GatewayResult,
               started: float) -> RunOutcome:
    # Computed facts override the engine's claims; a closed ticket gets nothing actionable (fact_guard).
    payload, overrides = fact_guard.apply(agent, ctx, result.payload, schema.fields or agent.fields)
    detail: dict[str, Any] = {"attempts": result.attempts, "transcript_omitted": ctx.transcript.omitted}
    if overrides:
        detail["overrides"] = overrides
    if result.dropped_citations or uncited(payload):
        detail["evidence"] = {"uncited": uncited(payload), "dropped": list(result.dropped_citations)}
    return RunOutcome(
        agent=agent, status=RunStatus.SUCCEEDED, engine=result.engine, model=result.model,
        payload=payload, usage=result.usage, latency_ms=int((time.perf_counter() - started) * 1000),
        prompt_tokens_budgeted=ctx.transcript.tokens, note=result.note, detail=detail,
    )


def failed_outcome(agent: AgentSpec, err: Exception) -> RunOutcome:
    """The one definition of a failed run: a model that failed for good (``GatewayError``, after the
    gateway's retries) or an unexpected error while running the agent. Recorded, never raised."""
    if isinstance(err, GatewayError):
        return RunOutcome(
            agent=agent, status=RunStatus.FAILED, engine="litellm", model=err.model, payload=None,
            usage=err.usage, latency_ms=0, error=err.message,
            detail={"attempts": err.attempts, "last_raw_output": (err.last_raw_output or "")[:4000]},
        )
    return RunOutcome(agent=agent, status=RunStatus.FAILED, engine=None, model=agent.model, payload=None,
                      usage=Usage(), latency_ms=0, error=f"{type(err).__name__}: {err}")


def load_ticket_context(
    session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, now: datetime | None = None,
    settings: Settings | None = None,
) -> ConversationContext:
    """Context of a stored ticket: conversation, org settings and today's spend of its campaign."""
    settings = settings or get_settings()
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"organização {organization_id} não encontrada")
    org_settings = OrgSettings.load(org.settings)
    conv = conversation_from_ticket(session, organization_id=organization_id, ticket_id=ticket_id, now=now)
    # A ticket the session already holds (the event job keeps the one it applied) and that has no
    # campaign has no campaign spend: no query.
    held = session.identity_map.get(identity_key(Ticket, ticket_id))
    spend = None if isinstance(held, Ticket) and held.campaign_id is None and not inspect(held).expired \
        else campaign_spend_on(session, organization_id=organization_id, ticket_id=ticket_id, day=conv.reference_time)
    return build_context(conv, settings=org_settings, token_budget=settings.context_token_budget, spend_today=spend,
                         purchase_reported=purchase_reported(session, organization_id=organization_id,
                                                             ticket_id=ticket_id))


def purchase_reported(session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID) -> datetime | None:
    """The event time of the ticket's Purchase when it was sent to Meta or is queued to be (else None)."""
    row = session.execute(
        select(ActionLog.request, ActionLog.created_at)
        .where(ActionLog.organization_id == organization_id,
               ActionLog.dedupe_key == dedupe_key_for(ticket_id, "Purchase"),
               ActionLog.status.in_([ActionLogStatus.PENDING, ActionLogStatus.SENT]))
    ).first()
    if row is None:
        return None
    at = (row.request or {}).get("event_time")
    return datetime.fromisoformat(at) if at else row.created_at


def campaign_spend_on(
    session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, day: datetime
) -> CampaignSpendFact | None:
    """Spend of the ticket's campaign on the (org-local) day of ``day``, when known."""
    row = session.execute(
        select(Campaign.name, CampaignSpend.day, CampaignSpend.spend, CampaignSpend.currency)
        .join(Ticket, Ticket.campaign_id == Campaign.id)
        .join(CampaignSpend, CampaignSpend.campaign_id == Campaign.id)
        .where(Ticket.id == ticket_id, Ticket.organization_id == organization_id,
               CampaignSpend.organization_id == organization_id, CampaignSpend.day == day.date())
    ).first()
    if row is None:
        return None
    return CampaignSpendFact(campaign=row.name, day=row.day.isoformat(), spend=row.spend, currency=row.currency)


def find_existing_run(session: Session, *, organization_id: uuid.UUID, idempotency_key: str) -> AiRun | None:
    return session.scalar(
        select(AiRun).where(AiRun.organization_id == organization_id, AiRun.idempotency_key == idempotency_key)
    )


def insight_of_run(session: Session, run: AiRun) -> AiInsight | None:
    """The insight a run wrote, or the live card it refreshed."""
    refreshed = (run.detail or {}).get("refreshed_insight")
    if refreshed:
        return session.scalar(select(AiInsight).where(AiInsight.id == uuid.UUID(refreshed),
                                                      AiInsight.organization_id == run.organization_id))
    return session.scalar(select(AiInsight).where(AiInsight.run_id == run.id))


def _outcome_from_rows(agent: AgentSpec, run: AiRun, insight: AiInsight | None, created: bool) -> RunOutcome:
    return RunOutcome(
        agent=agent, status=run.status, engine=run.engine, model=run.model,
        payload=insight.payload if insight else None,
        usage=Usage(run.prompt_tokens, run.completion_tokens, float(run.cost_usd)),
        latency_ms=run.latency_ms or 0, error=run.error, run_id=run.id,
        insight_id=insight.id if insight else None, created=created, note=(run.detail or {}).get("note"),
    )


def record_outcome(
    session: Session,
    *,
    organization_id: uuid.UUID,
    outcome: RunOutcome,
    ticket_id: uuid.UUID | None,
    event_id: uuid.UUID | None = None,
    trigger_event: str | None = None,
    idempotency_key: str | None = None,
) -> RunOutcome:
    """Write ``ai_run`` (+ ``ai_insight`` on success) in the caller's transaction. Flushes, never commits.

    With an ``idempotency_key`` a second call returns the first run's rows (``created=False``)."""
    agent = outcome.agent
    if agent.id is None:
        raise ValueError("only stored agents can be recorded (agent.id is None)")
    run_id = uuid.uuid4()
    values: dict[str, Any] = dict(
        id=run_id, organization_id=organization_id, agent_id=agent.id, agent_version=agent.version,
        event_id=event_id, ticket_id=ticket_id, trigger_event=trigger_event, idempotency_key=idempotency_key,
        status=outcome.status, engine=outcome.engine, model=outcome.model,
        prompt_tokens=outcome.usage.prompt_tokens, completion_tokens=outcome.usage.completion_tokens,
        cost_usd=Decimal(str(round(outcome.usage.cost_usd, 6))), latency_ms=outcome.latency_ms,
        attempts=int(outcome.detail.get("attempts", 1)), error=outcome.error,
        detail={**outcome.detail, "note": outcome.note},
    )
    from engine.realtime import message_for  # lazily: the CLI's offline runs never publish

    insight_wanted = outcome.status is RunStatus.SUCCEEDED and outcome.payload is not None
    live = None
    if insight_wanted and ticket_id is not None:  # one live card per agent and ticket (engine.insight_cards)
        # Read (and locked) before the run is inserted, so a refresh is known when the run row is
        # written: no second write of its detail. A replay that finds its run recorded only took the lock.
        live = insight_cards.latest_live(session, organization_id=organization_id, agent_id=agent.id,
                                         ticket_id=ticket_id)
    same = (live is not None and outcome.payload is not None
            and insight_cards.materially_same(live.payload, outcome.payload, agent.fields))
    if same:
        assert live is not None
        values["detail"] = {**values["detail"], "refreshed_insight": str(live.id)}
    stmt = insert(AiRun).values(**values)
    if idempotency_key is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=["organization_id", "idempotency_key"])
    inserted = session.execute(stmt.returning(AiRun.id)).scalar_one_or_none()
    if inserted is None:  # an earlier attempt already recorded this (event, agent)
        assert idempotency_key is not None
        run = find_existing_run(session, organization_id=organization_id, idempotency_key=idempotency_key)
        assert run is not None
        return _outcome_from_rows(agent, run, insight_of_run(session, run), created=False)
    if not insight_wanted:
        return RunOutcome(**{**outcome.__dict__, "run_id": run_id, "insight_id": None, "created": True})
    assert outcome.payload is not None
    if same:
        assert live is not None
        insight_cards.refresh(session, live, run_id=run_id)
        return RunOutcome(**{**outcome.__dict__, "run_id": run_id, "insight_id": live.id, "created": True,
                             "refreshed": True, "message": message_for(live, agent_name=agent.name,
                                                                       agent_icon=agent.icon)})
    # A Core insert: the worker records one per run, and the ORM unit of work costs more than the row.
    # RETURNING the server defaults (created_at, action_status ...) builds its live message without a read.
    insight = session.scalars(insert(AiInsight).values(
        organization_id=organization_id, ticket_id=ticket_id, agent_id=agent.id, run_id=run_id,
        payload=outcome.payload, summary=str(outcome.payload.get("summary", ""))[:280],
        confidence=float(outcome.payload.get("confidence", 0.0)), engine=outcome.engine or "offline",
        delivery=agent.delivery, uncited=uncited(outcome.payload),
    ).returning(AiInsight)).one()
    insight_id = insight.id
    message = message_for(insight, agent_name=agent.name, agent_icon=agent.icon)
    superseded: list[uuid.UUID] = []
    superseded_messages: tuple[dict[str, Any], ...] = ()
    if live is not None and ticket_id is not None:
        superseded = insight_cards.supersede(session, organization_id=organization_id, agent_id=agent.id,
                                             ticket_id=ticket_id, new_id=insight_id)
        if live.id in superseded:  # its "replaced" update, from the row locked above (no read)
            old = message_for(live, agent_name=agent.name, agent_icon=agent.icon)
            old.update(type="insight.updated", superseded_by=str(insight_id))
            superseded_messages = (old,)
    return RunOutcome(**{**outcome.__dict__, "run_id": run_id, "insight_id": insight_id, "created": True,
                         "superseded": tuple(superseded), "message": message,
                         "superseded_messages": superseded_messages})


def run_and_record(
    session: Session,
    *,
    organization_id: uuid.UUID,
    agent: AgentSpec,
    ticket_id: uuid.UUID,
    event_id: uuid.UUID | None = None,
    trigger_event: str | None = None,
    idempotency_key: str | None = None,
    model: str | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> RunOutcome:
    """Run a stored agent on a stored ticket and record the run (and insight) in one transaction.

    A model failure is recorded as a FAILED run carrying the error (nothing is lost, nothing raised)."""
    if idempotency_key is not None:
        existing = find_existing_run(session, organization_id=organization_id, idempotency_key=idempotency_key)
        if existing is not None:
            return _outcome_from_rows(agent, existing, insight_of_run(session, existing), created=False)
    ctx = load_ticket_context(session, organization_id=organization_id, ticket_id=ticket_id, now=now,
                              settings=settings)
    try:
        outcome = run_agent(agent, ctx, model=model, settings=settings)
    except GatewayError as err:
        outcome = failed_outcome(agent, err)
    return record_outcome(session, organization_id=organization_id, outcome=outcome, ticket_id=ticket_id,
                          event_id=event_id, trigger_event=trigger_event, idempotency_key=idempotency_key)
