"""Monthly model budgets in R$, per organisation and per copilot.

- The source of truth is the recorded runs: ``ai_run.cost_usd`` of the organisation's current month
  (org-local), at ``OrgSettings.usd_brl_rate`` reais per dollar.
- Several workers call models at once, so a budget cannot be checked by reading the database alone.
  Each model-bound run reserves its estimated cost in Redis first (one Lua script: refuse when
  spent + reserved + estimate would pass the organisation's or the copilot's budget, else add the
  estimate to both counters atomically) and settles the difference once its real cost is known. A
  counter that is missing (a new month, a Redis restart) is seeded from the database. A worker killed
  between reserve and settle leaves its estimate counted: the error is on the safe side and ends with
  the month (the counters expire).
- A refused run is recorded SKIPPED with the rule, the budget and the spend; the director gets one
  alert per budget and month (an organisation-level insight, engine ``rules``, idempotent per key).
- Runs on the offline engine cost nothing and are never refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

import redis
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec
from engine.errors import InvalidInput, NotFound
from engine.locale_br import money
from engine.models import ActionStatus, AiAgent, AiInsight, AiRun, Delivery, Organization, RunStatus
from engine.org_settings import OrgSettings

PREFIX = "copilot:budget"
MICRO = 1_000_000  # counters hold micro-reais (integers: INCRBY is exact and atomic)
# Tokens assumed around the transcript for a run's estimate: system prompt + schema, and the answer.
ESTIMATE_OVERHEAD_PROMPT_TOKENS = 1500
ESTIMATE_COMPLETION_TOKENS = 400
Scope = Literal["organization", "agent"]

_RESERVE = """
-- KEYS[1] org counter, KEYS[2] agent counter; ARGV: estimate, org limit, agent limit (-1 = none),
-- org seed, agent seed, ttl seconds. Returns {1} when reserved, {0, 1|2, current} when refused.
local est = tonumber(ARGV[1])
for i = 1, 2 do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('SET', KEYS[i], ARGV[3 + i], 'EX', ARGV[6])
  end
end
for i = 1, 2 do
  local limit = tonumber(ARGV[1 + i])
  local current = tonumber(redis.call('GET', KEYS[i]))
  if limit >= 0 and (current >= limit or current + est > limit) then
    return {0, i, current}
  end
end
redis.call('INCRBY', KEYS[1], est)
redis.call('INCRBY', KEYS[2], est)
return {1}
"""


@dataclass(frozen=True)
class BudgetDecision:
    allowed: bool
    estimate_brl: Decimal = Decimal(0)
    scope: Scope | None = None
    limit_brl: Decimal | None = None
    spent_brl: Decimal | None = None

    def detail(self) -> dict[str, Any]:
        """The SKIPPED run's detail: which budget, its limit and what was spent (R$)."""
        return {"rule": "budget", "scope": self.scope, "limit_brl": str(self.limit_brl),
                "spent_brl": str(self.spent_brl), "estimate_brl": str(self.estimate_brl)}


def month_bounds(settings: OrgSettings, now: datetime | None = None) -> tuple[date, datetime, datetime]:
    """First day of the org-local month, and its start and end as aware datetimes."""
    tz = ZoneInfo(settings.timezone)
    local = (now or datetime.now(UTC)).astimezone(tz)
    first = local.date().replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, datetime(first.year, first.month, 1, tzinfo=tz), datetime(nxt.year, nxt.month, 1, tzinfo=tz)


def spent_brl(session: Session, *, organization_id: uuid.UUID, settings: OrgSettings,
              agent_id: uuid.UUID | None = None, now: datetime | None = None) -> Decimal:
    """Recorded model spend of this month in R$ (the organisation's, or one copilot's)."""
    _, start, end = month_bounds(settings, now)
    q = select(func.coalesce(func.sum(AiRun.cost_usd), 0)).where(
        AiRun.organization_id == organization_id, AiRun.created_at >= start, AiRun.created_at < end)
    if agent_id is not None:
        q = q.where(AiRun.agent_id == agent_id)
    usd = Decimal(str(session.scalar(q) or 0))
    return (usd * Decimal(str(settings.usd_brl_rate))).quantize(Decimal("0.01"))


def _limits(settings: OrgSettings, agent_id: uuid.UUID) -> tuple[Decimal | None, Decimal | None]:
    org = settings.monthly_budget_brl
    agent = settings.agent_budgets_brl.get(str(agent_id))
    cents = Decimal("0.01")
    return (Decimal(str(org)).quantize(cents) if org is not None else None,
            Decimal(str(agent)).quantize(cents) if agent is not None else None)


def estimate_brl(agent: AgentSpec, prompt_tokens: int, settings: OrgSettings) -> Decimal:
    """The expected cost of one run of ``agent`` on a transcript of ``prompt_tokens`` (0 when unknown)."""
    from engine.gateway import estimate_cost_per_1000_runs

    per_1000 = estimate_cost_per_1000_runs(agent.model, prompt_tokens + ESTIMATE_OVERHEAD_PROMPT_TOKENS,
                                           ESTIMATE_COMPLETION_TOKENS)
    if not per_1000:
        return Decimal(0)
    return (Decimal(str(per_1000)) / 1000 * Decimal(str(settings.usd_brl_rate))).quantize(Decimal("0.000001"))


def _keys(organization_id: uuid.UUID, agent_id: uuid.UUID, first: date) -> tuple[str, str]:
    month = first.strftime("%Y-%m")
    return f"{PREFIX}:{organization_id}:{month}", f"{PREFIX}:{organization_id}:{month}:{agent_id}"


def reserve(conn: redis.Redis, session: Session, *, organization_id: uuid.UUID, agent: AgentSpec,
            settings: OrgSettings, estimate: Decimal, now: datetime | None = None) -> BudgetDecision:
    """Reserve ``estimate`` R$ against the organisation's and the copilot's budgets (atomic)."""
    assert agent.id is not None
    org_limit, agent_limit = _limits(settings, agent.id)
    if org_limit is None and agent_limit is None:
        return BudgetDecision(True, estimate)
    first, _, end = month_bounds(settings, now)
    org_key, agent_key = _keys(organization_id, agent.id, first)
    seeds = []
    for key, aid in ((org_key, None), (agent_key, agent.id)):
        seeds.append(0 if conn.exists(key) else int(spent_brl(
            session, organization_id=organization_id, settings=settings, agent_id=aid, now=now) * MICRO))
    ttl = int((end - (now or datetime.now(UTC))).total_seconds()) + 3 * 24 * 3600
    as_micro = [int(x * MICRO) if x is not None else -1 for x in (org_limit, agent_limit)]
    result = conn.eval(_RESERVE, 2, org_key, agent_key, int(estimate * MICRO), *as_micro, *seeds, ttl)
    if int(result[0]) == 1:
        return BudgetDecision(True, estimate)
    which: Scope = "organization" if int(result[1]) == 1 else "agent"
    return BudgetDecision(False, estimate, which, org_limit if which == "organization" else agent_limit,
                          (Decimal(int(result[2])) / MICRO).quantize(Decimal("0.01")))


def settle(conn: redis.Redis, *, organization_id: uuid.UUID, agent_id: uuid.UUID, settings: OrgSettings,
           estimate: Decimal, actual_usd: float, now: datetime | None = None) -> None:
    """Replace a run's reserved estimate by its real cost on both counters (when they exist)."""
    delta = int((Decimal(str(actual_usd)) * Decimal(str(settings.usd_brl_rate)) - estimate) * MICRO)
    if delta == 0:
        return
    first, _, _ = month_bounds(settings, now)
    pipe = conn.pipeline(transaction=True)
    for key in _keys(organization_id, agent_id, first):
        pipe.eval("if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end "
                  "return 0", 1, key, delta)
    pipe.execute()


# ------------------------------------------------------------------------------ the director's alert
class BudgetAlert(BaseModel):
    """Payload of the once-a-month budget alert (engine ``rules``)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["budget_alert"] = "budget_alert"
    scope: Scope
    agentId: str | None  # noqa: N815 - payload keys are camelCase like every insight's
    month: str
    limitBrl: str  # noqa: N815
    spentBrl: str  # noqa: N815
    summary: str = Field(max_length=280)
    confidence: float = 1.0


def alert_once(session: Session, *, organization_id: uuid.UUID, agent: AgentSpec, decision: BudgetDecision,
               settings: OrgSettings, now: datetime | None = None) -> uuid.UUID | None:
    """Record the budget alert for this budget and month unless it exists. Returns the new insight id."""
    from engine.gateway import Usage
    from engine.runner import RunOutcome, record_outcome

    first, _, _ = month_bounds(settings, now)
    month = first.strftime("%m/%Y")
    limit = money(decision.limit_brl)
    if decision.scope == "organization":
        key = f"budget:organization:{first:%Y-%m}"
        text = (f"O orçamento mensal de modelos da organização ({limit}) foi atingido em {month}: "
                f"os copilotos com modelo pago ficam em pausa até o próximo mês ou até o orçamento subir.")
    else:
        key = f"budget:agent:{agent.id}:{first:%Y-%m}"
        text = (f"O copiloto {agent.name} atingiu o orçamento mensal de {limit} em {month}: "
                f"as próximas execuções ficam em pausa até o próximo mês ou até o orçamento subir.")
    payload = BudgetAlert(scope=decision.scope or "agent",
                          agentId=str(agent.id) if decision.scope == "agent" else None, month=f"{first:%Y-%m}",
                          limitBrl=str(decision.limit_brl), spentBrl=str(decision.spent_brl),
                          summary=text[:280]).model_dump()
    outcome = RunOutcome(agent=agent.model_copy(update={"delivery": Delivery.DIRECTOR}), status=RunStatus.SUCCEEDED,
                         engine="rules", model="rules", payload=payload, usage=Usage(), latency_ms=0,
                         note="alerta de orçamento (números do banco)", detail={"kind": "budget_alert", "attempts": 0})
    rec = record_outcome(session, organization_id=organization_id, outcome=outcome, ticket_id=None,
                         trigger_event="BUDGET", idempotency_key=key)
    return rec.insight_id if rec.created else None


# ------------------------------------------------------------------------------ what the Studio shows
@dataclass(frozen=True)
class CopilotSpend:
    agent_id: uuid.UUID
    name: str
    runs: int
    cost_brl: Decimal
    insights: int
    applied: int
    budget_brl: Decimal | None

    @property
    def per_insight_brl(self) -> Decimal | None:
        return (self.cost_brl / self.insights).quantize(Decimal("0.0001")) if self.insights else None

    @property
    def per_applied_brl(self) -> Decimal | None:
        return (self.cost_brl / self.applied).quantize(Decimal("0.0001")) if self.applied else None


def copilot_spend(session: Session, *, organization_id: uuid.UUID, since: datetime | None = None,
                  until: datetime | None = None, now: datetime | None = None) -> list[CopilotSpend]:
    """Per copilot: runs, model cost (R$), insights, applied insights and the monthly budget.

    Without ``since``/``until`` the period is the current org-local month (what the budgets count)."""
    org = session.get(Organization, organization_id)
    settings = OrgSettings.load(org.settings if org else None)
    if since is None or until is None:
        _, since, until = month_bounds(settings, now)
    rate = Decimal(str(settings.usd_brl_rate))
    runs = {r.agent_id: r for r in session.execute(
        select(AiRun.agent_id, func.count().label("n"), func.coalesce(func.sum(AiRun.cost_usd), 0).label("usd"))
        .where(AiRun.organization_id == organization_id, AiRun.created_at >= since, AiRun.created_at < until)
        .group_by(AiRun.agent_id))}
    ins = {r.agent_id: r for r in session.execute(
        select(AiInsight.agent_id, func.count().label("n"),
               func.count().filter(AiInsight.action_status == ActionStatus.APPLIED).label("applied"))
        .where(AiInsight.organization_id == organization_id, AiInsight.created_at >= since,
               AiInsight.created_at < until)
        .group_by(AiInsight.agent_id))}
    out = []
    for agent_id, name in session.execute(select(AiAgent.id, AiAgent.name).where(
            AiAgent.organization_id == organization_id).order_by(AiAgent.name)):
        r, i = runs.get(agent_id), ins.get(agent_id)
        budget = settings.agent_budgets_brl.get(str(agent_id))
        out.append(CopilotSpend(agent_id, name, int(r.n) if r else 0,
                                (Decimal(str(r.usd)) * rate).quantize(Decimal("0.01")) if r else Decimal("0.00"),
                                int(i.n) if i else 0, int(i.applied) if i else 0,
                                Decimal(str(budget)) if budget is not None else None))
    return out


@dataclass(frozen=True)
class OrgBudget:
    spent_brl: Decimal
    limit_brl: Decimal | None


def org_budget_status(session: Session, *, organization_id: uuid.UUID, now: datetime | None = None) -> OrgBudget:
    """This month's model spend of the organisation and its budget (R$)."""
    org = session.get(Organization, organization_id)
    settings = OrgSettings.load(org.settings if org else None)
    limit = settings.monthly_budget_brl
    return OrgBudget(spent_brl(session, organization_id=organization_id, settings=settings, now=now),
                     Decimal(str(limit)).quantize(Decimal("0.01")) if limit is not None else None)


def set_budget(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID | None,
               value_brl: float | None) -> OrgSettings:
    """Set (or clear with None) the organisation's or one copilot's monthly budget (strict write)."""
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"organização {organization_id} não encontrada")
    raw = OrgSettings.load(org.settings).model_dump(mode="json")
    if agent_id is None:
        raw["monthly_budget_brl"] = value_brl
    else:
        budgets = dict(raw.get("agent_budgets_brl") or {})
        if value_brl is None:
            budgets.pop(str(agent_id), None)
        else:
            budgets[str(agent_id)] = value_brl
        raw["agent_budgets_brl"] = budgets
    if value_brl is not None and (value_brl != value_brl or value_brl < 0):  # NaN or negative
        raise InvalidInput("Orçamento: informe um valor em reais maior ou igual a zero.")
    validated = OrgSettings.validate_for_write(raw)
    org.settings = validated.model_dump(mode="json")
    session.flush()
    return validated
