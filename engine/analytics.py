"""Análises: aggregated tables for the Studio's charts, computed in PostgreSQL.

Each function aggregates in SQL (never loads the insight rows into Python) and returns a small
pandas DataFrame with fixed columns, empty when there is no data. All take an organisation and an
inclusive local date range (the organisation's timezone).

Definitions
- Conversations of a campaign: tickets *opened* in the range with that campaign (a cohort).
- Lost conversations: those tickets with status LOST. Their reason is ``lossReason`` of the
  ticket's latest ``traffic_feedback`` insight, or ``NAO_ANALISADA`` when it has none.
- Spend: ``campaign_spend`` days in the range. Cost per conversation = spend / conversations; the
  spend lost to a reason = cost per conversation x conversations lost for that reason, so
  "R$ por conversa perdida" by reason = spend lost to it / conversations lost to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.tickets import custom_plans, day_bounds, org_timezone

UNANALYSED = "NAO_ANALISADA"
NO_CAMPAIGN = "(sem campanha)"

LOSS_COLUMNS = ["campaign", "reason", "lost", "conversations", "spend", "cost_per_conversation", "spend_lost"]
REASON_COLUMNS = ["reason", "lost", "spend_lost", "cost_per_lost"]
CAMPAIGN_COLUMNS = ["campaign", "conversations", "lost", "lost_rate", "spend", "cost_per_conversation"]
QA_COLUMNS = ["day", "seller", "audits", "avg_score"]
GHOSTING_COLUMNS = ["bucket", "risk_from", "risk_to", "insights"]
OPS_COLUMNS = ["agent", "runs", "succeeded", "failed", "throttled", "skipped", "tokens", "cost_usd",
               "p95_latency_ms"]


def _params(session: Session, organization_id: uuid.UUID, date_from: date, date_to: date) -> dict[str, Any]:
    custom_plans(session)
    tz = org_timezone(session, organization_id)
    start, end = day_bounds(tz, date_from, date_to)
    return {"org": organization_id, "start": start, "end": end, "d0": date_from, "d1": date_to, "tz": tz.key}


def _frame(session: Session, sql: str, params: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    rows = session.execute(text(sql), params).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=columns)


# Tickets opened in range with their campaign label, plus the latest traffic_feedback reason.
_COHORT = """
WITH cohort AS (
    SELECT t.id, t.status, t.campaign_id,
           COALESCE(c.name, t.utm_campaign, :no_campaign) AS campaign
    FROM ticket t LEFT JOIN campaign c ON c.id = t.campaign_id AND c.organization_id = :org
    WHERE t.organization_id = :org AND t.opened_at >= :start AND t.opened_at < :end
),
reason AS (
    SELECT DISTINCT ON (i.ticket_id) i.ticket_id, i.payload->>'lossReason' AS reason
    FROM ai_insight i JOIN ai_agent a ON a.id = i.agent_id AND a.organization_id = :org
    WHERE i.organization_id = :org AND a.template_key = 'traffic_feedback'
      AND i.ticket_id IN (SELECT id FROM cohort WHERE status = 'LOST')
      AND i.payload ? 'lossReason'
    ORDER BY i.ticket_id, i.created_at DESC
),
spend AS (
    SELECT c.name AS campaign, SUM(s.spend) AS spend
    FROM campaign_spend s JOIN campaign c ON c.id = s.campaign_id
    WHERE s.organization_id = :org AND s.day BETWEEN :d0 AND :d1
    GROUP BY c.name
),
per_campaign AS (
    SELECT campaign, COUNT(*) AS conversations, COUNT(*) FILTER (WHERE status = 'LOST') AS lost
    FROM cohort GROUP BY campaign
)
"""


def lost_by_reason(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """Lost conversations per campaign and reason, with the campaign's spend and the R$ lost to each reason."""
    sql = _COHORT + """
    SELECT co.campaign, COALESCE(r.reason, :unanalysed) AS reason, COUNT(*) AS lost,
           pc.conversations, COALESCE(sp.spend, 0) AS spend,
           COALESCE(sp.spend, 0) / pc.conversations AS cost_per_conversation,
           COALESCE(sp.spend, 0) / pc.conversations * COUNT(*) AS spend_lost
    FROM cohort co
    LEFT JOIN reason r ON r.ticket_id = co.id
    JOIN per_campaign pc ON pc.campaign = co.campaign
    LEFT JOIN spend sp ON sp.campaign = co.campaign
    WHERE co.status = 'LOST'
    GROUP BY co.campaign, COALESCE(r.reason, :unanalysed), pc.conversations, sp.spend
    ORDER BY co.campaign, lost DESC, reason
    """
    params = _params(session, organization_id, date_from, date_to) | {
        "no_campaign": NO_CAMPAIGN, "unanalysed": UNANALYSED}
    df = _frame(session, sql, params, LOSS_COLUMNS)
    return _money(df, ["spend", "cost_per_conversation", "spend_lost"])


def cost_per_lost_by_reason(loss: pd.DataFrame) -> pd.DataFrame:
    """R$ per lost conversation by reason, from ``lost_by_reason`` (already aggregated, a few rows)."""
    if loss.empty:
        return pd.DataFrame(columns=REASON_COLUMNS)
    out = loss.groupby("reason", as_index=False).agg(lost=("lost", "sum"), spend_lost=("spend_lost", "sum"))
    out["cost_per_lost"] = (out["spend_lost"] / out["lost"]).round(2)
    out["spend_lost"] = out["spend_lost"].round(2)
    return out.sort_values(["spend_lost", "reason"], ascending=[False, True]).reset_index(drop=True)[REASON_COLUMNS]


def lost_rate_vs_spend(session: Session, *, organization_id: uuid.UUID, date_from: date,
                       date_to: date) -> pd.DataFrame:
    """Per campaign: conversations, lost, lost rate (0..1), spend and cost per conversation.

    Campaigns with spend but no conversation in the range are included (their money bought nothing)."""
    sql = _COHORT + """
    SELECT COALESCE(pc.campaign, sp.campaign) AS campaign,
           COALESCE(pc.conversations, 0) AS conversations, COALESCE(pc.lost, 0) AS lost,
           CASE WHEN pc.conversations > 0 THEN pc.lost::numeric / pc.conversations ELSE 0 END AS lost_rate,
           COALESCE(sp.spend, 0) AS spend,
           CASE WHEN pc.conversations > 0 THEN COALESCE(sp.spend, 0) / pc.conversations END
               AS cost_per_conversation
    FROM per_campaign pc FULL OUTER JOIN spend sp ON sp.campaign = pc.campaign
    ORDER BY spend DESC, campaign
    """
    params = _params(session, organization_id, date_from, date_to) | {"no_campaign": NO_CAMPAIGN}
    df = _frame(session, sql, params, CAMPAIGN_COLUMNS)
    df["lost_rate"] = pd.to_numeric(df["lost_rate"], errors="coerce").astype(float).round(4)
    return _money(df, ["spend", "cost_per_conversation"])


def qa_scores(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """QA ``overallScore`` per seller per (local) day, from ``qa_auditor`` insights."""
    sql = """
    SELECT (i.created_at AT TIME ZONE :tz)::date AS day, COALESCE(u.name, '(sem vendedor)') AS seller,
           COUNT(*) AS audits, ROUND(AVG((i.payload->>'overallScore')::numeric), 1) AS avg_score
    FROM ai_insight i
    JOIN ai_agent a ON a.id = i.agent_id AND a.organization_id = :org
    JOIN ticket t ON t.id = i.ticket_id AND t.organization_id = :org
    LEFT JOIN app_user u ON u.id = t.seller_id
    WHERE i.organization_id = :org AND a.template_key = 'qa_auditor'
      AND i.created_at >= :start AND i.created_at < :end
      AND jsonb_typeof(i.payload->'overallScore') = 'number'
    GROUP BY 1, 2 ORDER BY 1, 2
    """
    df = _frame(session, sql, _params(session, organization_id, date_from, date_to), QA_COLUMNS)
    df["avg_score"] = pd.to_numeric(df["avg_score"]).astype(float)
    df["day"] = pd.to_datetime(df["day"])
    return df


def ghosting_histogram(session: Session, *, organization_id: uuid.UUID, date_from: date,
                       date_to: date) -> pd.DataFrame:
    """``ghostingRisk`` distribution in ten 10-point buckets (0-10 ... 90-100), all buckets present."""
    sql = """
    WITH b AS (
        SELECT LEAST(width_bucket((i.payload->>'ghostingRisk')::numeric, 0, 100, 10), 10) AS bucket
        FROM ai_insight i JOIN ai_agent a ON a.id = i.agent_id AND a.organization_id = :org
        WHERE i.organization_id = :org AND a.template_key = 'ghosting_sentinel'
          AND i.created_at >= :start AND i.created_at < :end
          AND jsonb_typeof(i.payload->'ghostingRisk') = 'number'
    )
    SELECT g AS bucket, (g - 1) * 10 AS risk_from, g * 10 AS risk_to, COUNT(b.bucket) AS insights
    FROM generate_series(1, 10) AS g LEFT JOIN b ON b.bucket = g
    GROUP BY g ORDER BY g
    """
    df = _frame(session, sql, _params(session, organization_id, date_from, date_to), GHOSTING_COLUMNS)
    df["bucket"] = [f"{int(a)}–{int(b)}" for a, b in zip(df["risk_from"], df["risk_to"], strict=True)]
    return df


def agent_ops(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """The copilots' own numbers per agent: runs, failures, throttled (= calls saved), tokens,
    cost (USD) and p95 latency of the runs that called a model."""
    sql = """
    SELECT a.icon || ' ' || a.name AS agent, COUNT(r.id) AS runs,
           COUNT(r.id) FILTER (WHERE r.status = 'SUCCEEDED') AS succeeded,
           COUNT(r.id) FILTER (WHERE r.status = 'FAILED') AS failed,
           COUNT(r.id) FILTER (WHERE r.status = 'THROTTLED') AS throttled,
           COUNT(r.id) FILTER (WHERE r.status = 'SKIPPED') AS skipped,
           COALESCE(SUM(r.prompt_tokens + r.completion_tokens), 0) AS tokens,
           COALESCE(SUM(r.cost_usd), 0) AS cost_usd,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY r.latency_ms)
               FILTER (WHERE r.status IN ('SUCCEEDED', 'FAILED')) AS p95_latency_ms
    FROM ai_run r JOIN ai_agent a ON a.id = r.agent_id AND a.organization_id = :org
    WHERE r.organization_id = :org AND r.created_at >= :start AND r.created_at < :end
    GROUP BY a.id, a.icon, a.name
    ORDER BY runs DESC, agent
    """
    df = _frame(session, sql, _params(session, organization_id, date_from, date_to), OPS_COLUMNS)
    df["cost_usd"] = pd.to_numeric(df["cost_usd"]).astype(float).round(6)
    df["p95_latency_ms"] = pd.to_numeric(df["p95_latency_ms"]).astype(float).round(0)
    return df


@dataclass(frozen=True)
class AnalyticsReport:
    """Every table of the Análises page for one organisation and date range."""

    date_from: date
    date_to: date
    loss: pd.DataFrame
    loss_by_reason: pd.DataFrame
    campaigns: pd.DataFrame
    qa: pd.DataFrame
    ghosting: pd.DataFrame
    ops: pd.DataFrame

    @property
    def empty(self) -> bool:
        return (self.loss.empty and self.campaigns.empty and self.qa.empty and self.ops.empty
                and int(self.ghosting["insights"].sum()) == 0)


def report(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> AnalyticsReport:
    """All Análises tables in one call (one session, six aggregate queries)."""
    if date_to < date_from:
        raise InvalidInput("A data final precisa ser igual ou posterior à data inicial.")
    kw: dict[str, Any] = {"organization_id": organization_id, "date_from": date_from, "date_to": date_to}
    loss = lost_by_reason(session, **kw)
    return AnalyticsReport(
        date_from=date_from, date_to=date_to, loss=loss, loss_by_reason=cost_per_lost_by_reason(loss),
        campaigns=lost_rate_vs_spend(session, **kw), qa=qa_scores(session, **kw),
        ghosting=ghosting_histogram(session, **kw), ops=agent_ops(session, **kw),
    )


def data_window(session: Session, *, organization_id: uuid.UUID, days: int = 30,
                today: date | None = None) -> tuple[date, date]:
    """A default date range: the ``days`` local days ending at the organisation's latest activity
    (a ticket opened, an insight or a run), or ending today when there is none yet."""
    tz = org_timezone(session, organization_id)
    latest = session.execute(text("""
        SELECT GREATEST(
            (SELECT MAX(opened_at) FROM ticket WHERE organization_id = :org),
            (SELECT MAX(created_at) FROM ai_insight WHERE organization_id = :org),
            (SELECT MAX(created_at) FROM ai_run WHERE organization_id = :org))
    """), {"org": organization_id}).scalar()
    end = latest.astimezone(tz).date() if isinstance(latest, datetime) else (today or datetime.now(tz).date())
    return end - timedelta(days=days - 1), end


def _money(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    for c in cols:
        df[c] = pd.to_numeric(df[c]).astype(float).round(2)
    return df


def period_bounds(session: Session, *, organization_id: uuid.UUID, date_from: date,
                  date_to: date) -> tuple[datetime, datetime]:
    """Inclusive org-local dates -> the half-open [start, end) instants the report filters on."""
    start, end = day_bounds(org_timezone(session, organization_id), date_from, date_to)
    assert start is not None and end is not None
    return start, end
