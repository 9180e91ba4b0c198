"""Business numbers shown on more than one Studio page (Análises, Campanhas): one definition each.

Date basis: every number here is about the conversations (tickets) *opened* in an inclusive range
of local days in the organisation's timezone -- a cohort. What happened to them later (lost, won,
a purchase detected, a Purchase sent to Meta) is counted for that cohort whenever it happened,
so a number never depends on when the copilots ran (the demo analyses August's conversations in
December) and the same range gives the same figure on every page. Spend is the
``campaign_spend`` days in the same range.

Each function aggregates in SQL (never loads insight rows into Python), is scoped to one
organisation and returns a small DataFrame with fixed columns (empty when there is no data) or a
frozen dataclass.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.locale_br import UNANALYSED
from engine.models import Organization
from engine.org_settings import OrgSettings
from engine.tickets import custom_plans, day_bounds, org_timezone

NO_CAMPAIGN = "(sem campanha)"
BASIS = "conversas abertas no período (data de abertura do ticket, fuso da organização)"

LOSS_COLUMNS = ["campaign", "reason", "lost", "conversations", "spend", "cost_per_conversation", "spend_lost",
                "cost_per_lost"]
REASON_COLUMNS = ["reason", "lost", "spend_lost", "cost_per_lost"]
CAMPAIGN_COLUMNS = ["campaign", "conversations", "lost", "lost_rate", "spend", "cost_per_conversation"]
GAP_COLUMNS = ["day", "detected", "sent", "won"]


def range_params(session: Session, organization_id: uuid.UUID, date_from: date, date_to: date) -> dict[str, Any]:
    """SQL parameters of an organisation and inclusive local date range: ``org``, ``start``/``end``
    (half-open instants), ``d0``/``d1`` (the dates) and ``tz`` (the organisation's timezone name)."""
    if date_to < date_from:
        raise InvalidInput("A data final precisa ser igual ou posterior à data inicial.")
    custom_plans(session)
    tz = org_timezone(session, organization_id)
    start, end = day_bounds(tz, date_from, date_to)
    return {"org": organization_id, "start": start, "end": end, "d0": date_from, "d1": date_to, "tz": tz.key}


def _frame(session: Session, sql: str, params: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    rows = session.execute(text(sql), params).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=columns)


def _money(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    for c in cols:
        df[c] = pd.to_numeric(df[c]).astype(float).round(2)
    return df


# The cohort (tickets opened in range, with their campaign label), the latest traffic_feedback
# reason of each lost one, the spend of the range per campaign, and per-campaign counts.
COHORT_SQL = """
WITH cohort AS (
    SELECT t.id, t.status, COALESCE(c.name, t.utm_campaign, :no_campaign) AS campaign
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
    FROM campaign_spend s JOIN campaign c ON c.id = s.campaign_id AND c.organization_id = :org
    WHERE s.organization_id = :org AND s.day BETWEEN :d0 AND :d1
    GROUP BY c.name
),
per_campaign AS (
    SELECT campaign, COUNT(*) AS conversations, COUNT(*) FILTER (WHERE status = 'LOST') AS lost
    FROM cohort GROUP BY campaign
)
"""


def loss_costs(session: Session, *, organization_id: uuid.UUID, date_from: date, date_to: date) -> pd.DataFrame:
    """Lost conversations per campaign and reason, and what they cost ("R$ por conversa perdida").

    Definition (TEMPLATES.md traffic_feedback: spend per campaign over its conversations, lost share
    by ``lossReason``): the campaign's spend in the range bought its conversations opened in the
    range, so one conversation cost ``spend / conversations``. A lost conversation wasted what it
    cost; the spend lost to a reason is ``spend / conversations x lost for that reason``, and
    "R$ por conversa perdida" is ``spend lost / lost`` (= the campaign's cost per conversation).
    The alternative ``spend / lost`` would charge the won conversations' cost to the lost ones, and
    its per-reason figures would not add up to the spend lost. A lost conversation without a
    traffic_feedback insight counts as ``NAO_ANALISADA``.

    Columns: ``LOSS_COLUMNS`` (money rounded to centavos)."""
    sql = COHORT_SQL + """
    SELECT co.campaign, COALESCE(r.reason, :unanalysed) AS reason, COUNT(*) AS lost,
           pc.conversations, COALESCE(sp.spend, 0) AS spend,
           COALESCE(sp.spend, 0) / pc.conversations AS cost_per_conversation,
           COALESCE(sp.spend, 0) / pc.conversations * COUNT(*) AS spend_lost,
           COALESCE(sp.spend, 0) / pc.conversations AS cost_per_lost
    FROM cohort co
    LEFT JOIN reason r ON r.ticket_id = co.id
    JOIN per_campaign pc ON pc.campaign = co.campaign
    LEFT JOIN spend sp ON sp.campaign = co.campaign
    WHERE co.status = 'LOST'
    GROUP BY co.campaign, COALESCE(r.reason, :unanalysed), pc.conversations, sp.spend
    ORDER BY co.campaign, lost DESC, reason
    """
    params = range_params(session, organization_id, date_from, date_to) | {
        "no_campaign": NO_CAMPAIGN, "unanalysed": UNANALYSED}
    df = _frame(session, sql, params, LOSS_COLUMNS)
    df["lost"] = df["lost"].astype(int)
    df["conversations"] = df["conversations"].astype(int)
    return _money(df, ["spend", "cost_per_conversation", "spend_lost", "cost_per_lost"])


def loss_costs_by_reason(loss: pd.DataFrame) -> pd.DataFrame:
    """``loss_costs`` summed over campaigns: per reason, lost, spend lost and R$ per lost conversation
    (= spend lost / lost, the same definition)."""
    if loss.empty:
        return pd.DataFrame(columns=REASON_COLUMNS)
    out = loss.groupby("reason", as_index=False).agg(lost=("lost", "sum"), spend_lost=("spend_lost", "sum"))
    out["cost_per_lost"] = (out["spend_lost"] / out["lost"]).round(2)
    out["spend_lost"] = out["spend_lost"].round(2)
    return out.sort_values(["spend_lost", "reason"], ascending=[False, True]).reset_index(drop=True)[REASON_COLUMNS]


def campaign_summary(session: Session, *, organization_id: uuid.UUID, date_from: date,
                     date_to: date) -> pd.DataFrame:
    """Per campaign: conversations, lost, lost rate (0..1), spend and cost per conversation.

    Campaigns with spend but no conversation in the range are included (their money bought nothing)."""
    sql = COHORT_SQL + """
    SELECT COALESCE(pc.campaign, sp.campaign) AS campaign,
           COALESCE(pc.conversations, 0) AS conversations, COALESCE(pc.lost, 0) AS lost,
           CASE WHEN pc.conversations > 0 THEN pc.lost::numeric / pc.conversations ELSE 0 END AS lost_rate,
           COALESCE(sp.spend, 0) AS spend,
           CASE WHEN pc.conversations > 0 THEN COALESCE(sp.spend, 0) / pc.conversations END
               AS cost_per_conversation
    FROM per_campaign pc FULL OUTER JOIN spend sp ON sp.campaign = pc.campaign
    ORDER BY spend DESC, campaign
    """
    params = range_params(session, organization_id, date_from, date_to) | {"no_campaign": NO_CAMPAIGN}
    df = _frame(session, sql, params, CAMPAIGN_COLUMNS)
    df["lost_rate"] = pd.to_numeric(df["lost_rate"], errors="coerce").astype(float).round(4)
    return _money(df, ["spend", "cost_per_conversation"])


@dataclass(frozen=True)
class AttributionGap:
    """Of the conversations opened in the range: how many had a purchase detected in the chat (a
    ``purchaseConfirmed`` insight), a Purchase event SENT to Meta, and a WON status (distinct tickets)."""

    detected: int
    sent: int
    won: int
    by_day: pd.DataFrame  # GAP_COLUMNS, per local day of opening


def attribution_gap(session: Session, *, organization_id: uuid.UUID, date_from: date,
                    date_to: date) -> AttributionGap:
    """The gap the CAPI auditor closes, on the cohort basis (see the module docstring)."""
    sql = """
    WITH cohort AS (
        SELECT t.id, t.status, (t.opened_at AT TIME ZONE :tz)::date AS day
        FROM ticket t WHERE t.organization_id = :org AND t.opened_at >= :start AND t.opened_at < :end
    ),
    detected AS (
        SELECT DISTINCT i.ticket_id FROM ai_insight i
        WHERE i.organization_id = :org AND i.ticket_id IN (SELECT id FROM cohort)
          AND i.payload->>'purchaseConfirmed' = 'true'
    ),
    sent AS (
        SELECT DISTINCT l.ticket_id FROM action_log l
        WHERE l.organization_id = :org AND l.ticket_id IN (SELECT id FROM cohort) AND l.kind = 'capi_event'
          AND l.request->>'event_name' = 'Purchase' AND l.status = 'SENT'
    )
    SELECT co.day, COUNT(d.ticket_id) AS detected, COUNT(s.ticket_id) AS sent,
           COUNT(*) FILTER (WHERE co.status = 'WON') AS won
    FROM cohort co LEFT JOIN detected d ON d.ticket_id = co.id LEFT JOIN sent s ON s.ticket_id = co.id
    GROUP BY co.day
    HAVING COUNT(d.ticket_id) + COUNT(s.ticket_id) + COUNT(*) FILTER (WHERE co.status = 'WON') > 0
    ORDER BY co.day
    """
    df = _frame(session, sql, range_params(session, organization_id, date_from, date_to), GAP_COLUMNS)
    for c in ("detected", "sent", "won"):
        df[c] = df[c].astype(int)
    df["day"] = pd.to_datetime(df["day"])
    return AttributionGap(int(df["detected"].sum()), int(df["sent"].sum()), int(df["won"].sum()), df)


def usd_brl_rate(session: Session, organization_id: uuid.UUID) -> float:
    """The organisation's exchange rate (R$ per US$ 1, ``OrgSettings.usd_brl_rate``) for showing
    model costs, which providers bill in US$, in R$."""
    raw = session.scalar(select(Organization.settings).where(Organization.id == organization_id))
    return OrgSettings.load(raw).usd_brl_rate


def data_window(session: Session, *, organization_id: uuid.UUID, days: int = 30,
                today: date | None = None) -> tuple[date, date]:
    """The default date range of the Studio's number pages: the ``days`` local days ending on the
    latest day that has data on this basis (a conversation opened or a day of spend), so a page
    opens on the organisation's data even when it is older than a month; ending today (local)
    when there is none yet."""
    tz = org_timezone(session, organization_id)
    row = session.execute(text("""
        SELECT (SELECT MAX(opened_at) FROM ticket WHERE organization_id = :org),
               (SELECT MAX(day) FROM campaign_spend WHERE organization_id = :org)
    """), {"org": organization_id}).one()
    candidates = [d for d in (row[0].astimezone(tz).date() if isinstance(row[0], datetime) else None, row[1])
                  if d is not None]
    end = max(candidates) if candidates else (today or datetime.now(tz).date())
    return end - timedelta(days=days - 1), end
