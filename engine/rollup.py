"""Traffic Feedback roll-up: per campaign and day — spend, conversations, lost share per lossReason —
and an organisation-level alert insight for traffic managers when one reason dominates.

Numbers come from SQL (spend from ``campaign_spend``, conversations = tickets opened that day,
lost = tickets closed LOST that day, reason = the latest insight on the ticket carrying a
``lossReason``, i.e. the traffic_feedback agent). The share is over the lost conversations that
have a reason (an unanalysed loss is not evidence either way). The sentence is a fixed pt-BR
template below; every number in it comes from the stats. Alerts are recorded through the runs'
recording path (``engine.runner.record_outcome``) with their own payload schema (``CampaignAlert``)
and engine label ``rules``: neither a model nor the offline text analyser wrote them.

Alert: ``ticket_id`` NULL, delivery TRAFFIC, agent = the org's traffic_feedback agent, written once
per (campaign, day, reason) thanks to the run's idempotency key ``rollup:<campaign>:<day>:<reason>``.

``OrgSettings.alert_window_days`` (default 1) widens what one day's alert looks at to the N days
ending on it (spend summed over the same days): a small clinic rarely loses five conversations of
one campaign on a single day, yet a week of them is the signal a traffic manager needs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Date, cast, func, literal_column, select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec, load_agent
from engine.errors import NotFound
from engine.gateway import Usage
from engine.locale_br import money, percent
from engine.models import (
    AiAgent,
    AiInsight,
    Campaign,
    CampaignSpend,
    Delivery,
    Organization,
    RunStatus,
    Ticket,
    TicketStatus,
)
from engine.org_settings import OrgSettings
from engine.queues import enqueue_rollup
from engine.runner import RunOutcome, record_outcome
from engine.tickets import org_timezone

UNKNOWN = "UNKNOWN"
THROTTLE_SECONDS = 600  # at most one TICKET_LOST-triggered roll-up per organisation per 10 minutes
REASON_PHRASES = {
    "PRICE": "reclamaram do preço", "RECOVERY_TIME": "se preocuparam com o tempo de recuperação",
    "FEAR_PAIN": "tiveram medo de dor ou de efeitos colaterais", "TRUST": "desconfiaram da clínica",
    "COMPETITOR": "compararam com a concorrência", "SCHEDULE": "não encontraram horário",
    "RESULTS_DOUBT": "duvidaram do resultado", "PAYMENT_METHOD": "esbarraram na forma de pagamento",
    "OTHER": "citaram outros motivos", "NONE": "não apresentaram objeção", "NO_RESPONSE": "pararam de responder",
}
ADVICE = {"PRICE": "O público pode estar desqualificado para o ticket da clínica.",
          "NO_RESPONSE": "Revise a promessa do anúncio e a velocidade do primeiro atendimento."}


@dataclass
class CampaignDayStat:
    campaign_id: uuid.UUID
    campaign: str
    day: date
    spend: Decimal | None = None
    currency: str = "BRL"
    conversations: int = 0
    lost: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # includes UNKNOWN for unanalysed losses
    window_days: int = 1  # the stat covers the window_days days ending on ``day``

    @property
    def lost_analysed(self) -> int:
        return sum(n for r, n in self.reasons.items() if r != UNKNOWN)

    @property
    def top_reason(self) -> str | None:
        known = {r: n for r, n in self.reasons.items() if r != UNKNOWN}
        return max(sorted(known), key=lambda r: known[r]) if known else None

    @property
    def top_share(self) -> float:
        top = self.top_reason
        return self.reasons[top] / self.lost_analysed if top else 0.0


@dataclass
class RollupResult:
    stats: list[CampaignDayStat]
    alerts: list[str] = field(default_factory=list)  # summaries of the alerts written now
    alert_ids: list[uuid.UUID] = field(default_factory=list)


def _local_day(column: Any, tz: str) -> Any:
    return cast(func.timezone(tz, column), Date)


def campaign_day_stats(session: Session, *, organization_id: uuid.UUID, since: date, until: date,
                       tz: str | None = None) -> list[CampaignDayStat]:
    """Per campaign and (org-local) day in [since, until]: spend, conversations, lost by reason.

    ``tz`` defaults to the organisation's timezone."""
    tz = tz or org_timezone(session, organization_id).key
    stats: dict[tuple[uuid.UUID, date], CampaignDayStat] = {}
    names = dict(session.execute(select(Campaign.id, Campaign.name).where(
        Campaign.organization_id == organization_id)).tuples().all())

    def stat(cid: uuid.UUID, day: date) -> CampaignDayStat:
        key = (cid, day)
        if key not in stats:
            stats[key] = CampaignDayStat(campaign_id=cid, campaign=names.get(cid, "?"), day=day)
        return stats[key]

    for cid, day, spend, currency in session.execute(
            select(CampaignSpend.campaign_id, CampaignSpend.day, CampaignSpend.spend, CampaignSpend.currency)
            .where(CampaignSpend.organization_id == organization_id, CampaignSpend.day.between(since, until))):
        s = stat(cid, day)
        s.spend, s.currency = spend, currency
    opened = _local_day(Ticket.opened_at, tz)
    for cid, day, n in session.execute(
            select(Ticket.campaign_id, opened, func.count()).where(
                Ticket.organization_id == organization_id, Ticket.campaign_id.is_not(None),
                opened.between(since, until)).group_by(Ticket.campaign_id, opened)):
        stat(cid, day).conversations = n
    # Latest reason per lost ticket (any insight whose payload carries lossReason).
    reason = (select(AiInsight.ticket_id, AiInsight.payload["lossReason"].astext.label("reason"))
              .where(AiInsight.organization_id == organization_id, AiInsight.ticket_id.is_not(None),
                     AiInsight.payload.has_key("lossReason"))
              .distinct(AiInsight.ticket_id).order_by(AiInsight.ticket_id, AiInsight.created_at.desc())
              .subquery())
    closed = _local_day(Ticket.closed_at, tz)
    why_col = func.coalesce(reason.c.reason, literal_column(f"'{UNKNOWN}'"))  # one expression for GROUP BY
    for cid, day, why, n in session.execute(
            select(Ticket.campaign_id, closed, why_col, func.count())
            .outerjoin(reason, reason.c.ticket_id == Ticket.id)
            .where(Ticket.organization_id == organization_id, Ticket.campaign_id.is_not(None),
                   Ticket.status == TicketStatus.LOST, closed.between(since, until))
            .group_by(Ticket.campaign_id, closed, why_col)):
        s = stat(cid, day)
        s.reasons[why] = s.reasons.get(why, 0) + n
        s.lost += n
    return sorted(stats.values(), key=lambda s: (s.day, s.campaign))


def window_stats(session: Session, *, organization_id: uuid.UUID, day: date, window_days: int,
                 tz: str | None = None) -> list[CampaignDayStat]:
    """Per campaign: the daily stats of the ``window_days`` days ending on ``day``, summed."""
    daily = campaign_day_stats(session, organization_id=organization_id,
                               since=day - timedelta(days=window_days - 1), until=day, tz=tz)
    merged: dict[uuid.UUID, CampaignDayStat] = {}
    for s in daily:
        m = merged.setdefault(s.campaign_id, CampaignDayStat(campaign_id=s.campaign_id, campaign=s.campaign,
                                                             day=day, window_days=window_days))
        if s.spend is not None:
            m.spend = (m.spend or Decimal(0)) + s.spend
            m.currency = s.currency
        m.conversations += s.conversations
        m.lost += s.lost
        for reason, n in s.reasons.items():
            m.reasons[reason] = m.reasons.get(reason, 0) + n
    return sorted(merged.values(), key=lambda s: s.campaign)


def _when(day: date, today: date) -> str:
    if day == today:
        return "hoje"
    if day == today - timedelta(days=1):
        return "ontem"
    return f"em {day.strftime('%d/%m')}"


def alert_sentence(stat: CampaignDayStat, today: date) -> str:
    """The offline engine's phrasing; every number comes from ``stat``."""
    reason = stat.top_reason or "OTHER"
    pct = percent(stat.top_share)
    of = f"({stat.reasons.get(reason, 0)} de {stat.lost_analysed})"
    phrase = REASON_PHRASES.get(reason, "citaram o mesmo motivo")
    when = _when(stat.day, today) if stat.window_days == 1 else (
        f"nos {stat.window_days} dias até {stat.day.strftime('%d/%m')}")
    if stat.spend is not None:
        text = (f"A campanha {stat.campaign} gastou {money(stat.spend, stat.currency)} {when}, mas {pct} das "
                f"conversas perdidas {of} {phrase}.")
    else:
        text = f"A campanha {stat.campaign} perdeu {stat.lost} conversas {when}: {pct} {of} {phrase}."
    advice = ADVICE.get(reason)
    if advice and len(text) + len(advice) < 279:
        text = f"{text} {advice}"
    return text[:280]


def _traffic_agent(session: Session, organization_id: uuid.UUID) -> AiAgent | None:
    return session.scalar(select(AiAgent).where(AiAgent.organization_id == organization_id,
                                                AiAgent.template_key == "traffic_feedback")
                          .order_by(AiAgent.is_active.desc(), AiAgent.created_at).limit(1))


class SourceCitation(BaseModel):
    """Where one number of an alert comes from (an organisation-level insight cites data, not messages)."""

    model_config = ConfigDict(extra="forbid")

    source: Literal["campaign_spend", "conversations", "lost_conversations"]
    campaign: str
    days: list[str]  # ISO dates the number covers
    count: int | None = None
    value: str | None = None  # spend, as stored
    currency: str | None = None
    reason: str | None = None  # lost_conversations: the dominant reason, ``count`` of ``of``
    of: int | None = None


def alert_citations(stat: CampaignDayStat) -> list[SourceCitation]:
    """The sources of the alert's numbers: spend, conversations, lost conversations by reason."""
    days = [(stat.day - timedelta(days=i)).isoformat() for i in reversed(range(stat.window_days))]
    out = []
    if stat.spend is not None:
        out.append(SourceCitation(source="campaign_spend", campaign=stat.campaign, days=days, value=str(stat.spend),
                                  currency=stat.currency))
    out.append(SourceCitation(source="conversations", campaign=stat.campaign, days=days, count=stat.conversations))
    reason = stat.top_reason
    out.append(SourceCitation(source="lost_conversations", campaign=stat.campaign, days=days,
                              count=stat.reasons.get(reason, 0) if reason else 0, reason=reason,
                              of=stat.lost_analysed))
    return out


class CampaignAlert(BaseModel):
    """The payload schema of a roll-up alert (engine ``rules``: numbers from SQL, a fixed phrasing)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["campaign_alert"] = "campaign_alert"
    campaign: str
    campaignId: str  # noqa: N815 - payload keys are camelCase like every insight's
    day: str
    windowDays: int = Field(ge=1)  # noqa: N815
    spend: str | None
    currency: str | None
    conversations: int = Field(ge=0)
    lost: int = Field(ge=0)
    lostAnalysed: int = Field(ge=0)  # noqa: N815
    dominantReason: str | None  # noqa: N815
    share: float = Field(ge=0, le=1)
    reasonCounts: dict[str, int]  # noqa: N815
    threshold: dict[str, float]
    summary: str = Field(max_length=280)
    confidence: float = Field(ge=0, le=1)
    citations: list[SourceCitation] = Field(default_factory=list)  # the numbers' sources


ALERT_ENGINE = "rules"


def _write_alert(session: Session, org_id: uuid.UUID, agent: AgentSpec, stat: CampaignDayStat, today: date,
                 settings: OrgSettings) -> uuid.UUID | None:
    """Record the alert through the runs' recording path (``record_outcome``), once per key."""
    reason = stat.top_reason
    key = f"rollup:{stat.campaign_id}:{stat.day.isoformat()}:{reason}"
    if stat.window_days > 1:
        key += f":w{stat.window_days}"
    summary = alert_sentence(stat, today)
    payload = CampaignAlert(
        campaign=stat.campaign, campaignId=str(stat.campaign_id), day=stat.day.isoformat(),
        windowDays=stat.window_days, spend=str(stat.spend) if stat.spend is not None else None,
        currency=stat.currency, conversations=stat.conversations, lost=stat.lost,
        lostAnalysed=stat.lost_analysed, dominantReason=reason, share=round(stat.top_share, 4),
        reasonCounts=dict(sorted(stat.reasons.items())),
        threshold={"minLost": settings.alert_min_lost, "share": settings.alert_reason_share},
        # Every number is counted from the database; the sentence is a fixed template: nothing is guessed.
        summary=summary, confidence=1.0, citations=alert_citations(stat),
    ).model_dump()
    outcome = RunOutcome(
        agent=agent.model_copy(update={"delivery": Delivery.TRAFFIC}), status=RunStatus.SUCCEEDED,
        engine=ALERT_ENGINE, model=ALERT_ENGINE, payload=payload, usage=Usage(), latency_ms=0,
        note="números do banco; frase de modelo fixo (regras)", detail={"kind": "campaign_rollup", "attempts": 0})
    rec = record_outcome(session, organization_id=org_id, outcome=outcome, ticket_id=None,
                         trigger_event="ROLLUP", idempotency_key=key)
    return rec.insight_id if rec.created else None


def run_rollup(session: Session, *, organization_id: uuid.UUID, day: date | None = None,
               now: datetime | None = None) -> RollupResult:
    """Compute the stats for ``day`` (default: yesterday and today, org-local) and write new alerts."""
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"organização {organization_id} não encontrada")
    settings = OrgSettings.load(org.settings)
    today = (now or datetime.now(UTC)).astimezone(ZoneInfo(settings.timezone)).date()
    since, until = (day, day) if day else (today - timedelta(days=1), today)
    if settings.alert_window_days == 1:
        stats = campaign_day_stats(session, organization_id=organization_id, since=since, until=until,
                                   tz=settings.timezone)
    else:
        stats = [s for d in range((until - since).days + 1)
                 for s in window_stats(session, organization_id=organization_id, day=since + timedelta(days=d),
                                       window_days=settings.alert_window_days, tz=settings.timezone)]
    result = RollupResult(stats=stats)
    row = _traffic_agent(session, organization_id)
    agent = load_agent(session, organization_id=organization_id, agent_id=row.id) if row is not None else None
    for stat in stats:
        if stat.lost_analysed < settings.alert_min_lost or stat.top_share < settings.alert_reason_share:
            continue
        if agent is None:
            result.alerts.append(f"(sem agente traffic_feedback instalado) {alert_sentence(stat, today)}")
            continue
        insight_id = _write_alert(session, organization_id, agent, stat, today, settings)
        if insight_id is not None:
            result.alert_ids.append(insight_id)
            result.alerts.append(alert_sentence(stat, today))
    return result


def alerts(session: Session, *, organization_id: uuid.UUID, limit: int = 50) -> list[AiInsight]:
    """The organisation's campaign alerts (newest first)."""
    return list(session.scalars(select(AiInsight).where(
        AiInsight.organization_id == organization_id, AiInsight.ticket_id.is_(None),
        AiInsight.payload["kind"].astext == "campaign_alert").order_by(AiInsight.created_at.desc()).limit(limit)))


# ------------------------------------------------------------------------------ scheduling
def maybe_enqueue_rollup(conn: Any, organization_id: uuid.UUID, *, now: datetime | None = None) -> bool:
    """After a TICKET_LOST: at most one roll-up per organisation per 10 minutes (Redis SET NX).

    The job runs at the end of the current 10-minute window, so losses later in the window are
    included too (trailing edge). Returns True when a job was scheduled."""
    ts = (now or datetime.now(UTC)).timestamp()
    bucket = int(ts // THROTTLE_SECONDS)
    if not conn.set(f"rollup:throttle:{organization_id}:{bucket}", "1", nx=True, ex=THROTTLE_SECONDS * 2):
        return False
    delay = timedelta(seconds=(bucket + 1) * THROTTLE_SECONDS - ts + 5)
    enqueue_rollup(conn, organization_id, bucket=bucket, delay=delay)
    return True
