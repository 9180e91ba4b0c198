"""Análises: the tables behind the Studio's charts, computed in PostgreSQL.

Each function aggregates in SQL (never loads the insight rows into Python) and returns a small
pandas DataFrame with fixed columns, empty when there is no data. All take an organisation and an
inclusive local date range (the organisation's timezone).

Date basis, one per chart (the page states it on each): the conversation charts (losses, campaigns,
QA, ghosting) count the conversations *opened* in the range, whenever the copilot analysed them
(``engine.metrics``, shared with the Campanhas page); the copilots' own numbers count the *runs*
made in their own range (``run_window``: the copilots may run months after the conversations).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.orm import Session

from engine import metrics
from engine.errors import InvalidInput
from engine.tickets import day_bounds, org_timezone

QA_COLUMNS = ["day", "seller", "audits", "avg_score"]
GHOSTING_COLUMNS = ["bucket", "risk_from", "risk_to", "insights"]
OPS_COLUMNS = ["agent", "runs", "succeeded", "failed", "throttled", "skipped", "tokens", "cost_usd",
               "p95_latency_ms"]


def _frame(session: Session, sql: str, params: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    rows = session.execute(text(sql), params).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=columns)


def qa_scores(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """QA ``overallScore`` per seller per local day the audited conversation was opened, from
    ``qa_auditor`` insights (the latest audit of each conversation)."""
    sql = """
    WITH audit AS (
        SELECT DISTINCT ON (i.ticket_id) i.ticket_id, (i.payload->>'overallScore')::numeric AS score
        FROM ai_insight i JOIN ai_agent a ON a.id = i.agent_id AND a.organization_id = :org
        JOIN ticket t ON t.id = i.ticket_id AND t.organization_id = :org
        WHERE i.organization_id = :org AND a.template_key = 'qa_auditor'
          AND t.opened_at >= :start AND t.opened_at < :end
          AND jsonb_typeof(i.payload->'overallScore') = 'number'
        ORDER BY i.ticket_id, i.created_at DESC
    )
    SELECT (t.opened_at AT TIME ZONE :tz)::date AS day, COALESCE(u.name, '(sem vendedor)') AS seller,
           COUNT(*) AS audits, ROUND(AVG(au.score), 1) AS avg_score
    FROM audit au JOIN ticket t ON t.id = au.ticket_id AND t.organization_id = :org
    LEFT JOIN app_user u ON u.id = t.seller_id
    GROUP BY 1, 2 ORDER BY 1, 2
    """
    df = _frame(session, sql, metrics.range_params(session, organization_id, date_from, date_to), QA_COLUMNS)
    df["avg_score"] = pd.to_numeric(df["avg_score"]).astype(float)
    df["audits"] = df["audits"].astype(int)
    df["day"] = pd.to_datetime(df["day"])
    return df


def ghosting_histogram(session: Session, *, organization_id: uuid.UUID, date_from: date,
                       date_to: date) -> pd.DataFrame:
    """``ghostingRisk`` distribution in ten 10-point buckets (0-10 ... 90-100), all buckets present:
    every ``ghosting_sentinel`` analysis of the conversations opened in the range."""
    sql = """
    WITH b AS (
        SELECT LEAST(width_bucket((i.payload->>'ghostingRisk')::numeric, 0, 100, 10), 10) AS bucket
        FROM ai_insight i JOIN ai_agent a ON a.id = i.agent_id AND a.organization_id = :org
        JOIN ticket t ON t.id = i.ticket_id AND t.organization_id = :org
        WHERE i.organization_id = :org AND a.template_key = 'ghosting_sentinel'
          AND t.opened_at >= :start AND t.opened_at < :end
          AND jsonb_typeof(i.payload->'ghostingRisk') = 'number'
    )
    SELECT g AS bucket, (g - 1) * 10 AS risk_from, g * 10 AS risk_to, COUNT(b.bucket) AS insights
    FROM generate_series(1, 10) AS g LEFT JOIN b ON b.bucket = g
    GROUP BY g ORDER BY g
    """
    df = _frame(session, sql, metrics.range_params(session, organization_id, date_from, date_to), GHOSTING_COLUMNS)
    df["bucket"] = [f"{int(a)}–{int(b)}" for a, b in zip(df["risk_from"], df["risk_to"], strict=True)]
    return df


def agent_ops(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """The copilots' own numbers per agent over the runs *made* in the range: runs, failures,
    throttled (= calls saved), tokens, cost (USD, as the providers bill) and p95 latency of the
    runs that called a model."""
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
    df = _frame(session, sql, metrics.range_params(session, organization_id, date_from, date_to), OPS_COLUMNS)
    df["cost_usd"] = pd.to_numeric(df["cost_usd"]).astype(float).round(6)
    df["p95_latency_ms"] = pd.to_numeric(df["p95_latency_ms"]).astype(float).round(0)
    return df


@dataclass(frozen=True)
class AnalyticsReport:
    """The conversation tables of the Análises page for one organisation and date range (the
    copilots' own numbers have their own range and basis: ``agent_ops`` / ``run_window``)."""

    date_from: date
    date_to: date
    loss: pd.DataFrame
    loss_by_reason: pd.DataFrame
    campaigns: pd.DataFrame
    qa: pd.DataFrame
    ghosting: pd.DataFrame

    @property
    def empty(self) -> bool:
        return (self.loss.empty and self.campaigns.empty and self.qa.empty
                and int(self.ghosting["insights"].sum()) == 0)


def report(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> AnalyticsReport:
    """The conversation tables in one call (one session, five aggregate queries)."""
    if date_to < date_from:
        raise InvalidInput("A data final precisa ser igual ou posterior à data inicial.")
    kw: dict[str, Any] = {"organization_id": organization_id, "date_from": date_from, "date_to": date_to}
    loss = metrics.loss_costs(session, **kw)
    return AnalyticsReport(
        date_from=date_from, date_to=date_to, loss=loss, loss_by_reason=metrics.loss_costs_by_reason(loss),
        campaigns=metrics.campaign_summary(session, **kw), qa=qa_scores(session, **kw),
        ghosting=ghosting_histogram(session, **kw),
    )


def run_window(session: Session, *, organization_id: uuid.UUID, days: int = 30,
               today: date | None = None) -> tuple[date, date]:
    """The default range of the copilots' own numbers: the ``days`` local days ending on the day of
    the organisation's latest run (the copilots may run long after the conversations they read);
    ending today when there is no run yet."""
    tz = org_timezone(session, organization_id)
    latest = session.execute(text("SELECT MAX(created_at) FROM ai_run WHERE organization_id = :org"),
                             {"org": organization_id}).scalar()
    end = latest.astimezone(tz).date() if isinstance(latest, datetime) else (today or datetime.now(tz).date())
    return end - timedelta(days=days - 1), end


def period_bounds(session: Session, *, organization_id: uuid.UUID, date_from: date,
                  date_to: date) -> tuple[datetime, datetime]:
    """Inclusive org-local dates -> the half-open [start, end) instants the report filters on."""
    start, end = day_bounds(org_timezone(session, organization_id), date_from, date_to)
    assert start is not None and end is not None
    return start, end
