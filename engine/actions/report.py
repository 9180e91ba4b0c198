"""Closed-loop read models for the Studio: the attribution gap and action rows for display."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from engine.models import ActionLog, ActionLogStatus, AiInsight, Ticket, TicketStatus


@dataclass(frozen=True)
class AttributionGap:
    """Purchases detected in chat vs Purchase events sent to Meta vs tickets WON (distinct tickets)."""

    detected: int
    sent: int
    won: int
    by_day: list[dict[str, Any]]  # {"day", "detected", "sent", "won"}


def attribution_gap(session: Session, *, organization_id: uuid.UUID, since: date, until: date,
                    tz: str = "America/Sao_Paulo") -> AttributionGap:
    """The gap the CAPI auditor closes, per (org-local) day in [since, until]."""
    def day_of(col: Any) -> Any:
        return cast(func.timezone(tz, col), Date)

    series: dict[date, dict[str, int]] = {}

    def add(rows: Any, key: str) -> int:
        total = 0
        for day, n in rows:
            series.setdefault(day, {"detected": 0, "sent": 0, "won": 0})[key] = n
            total += n
        return total

    d_ins = day_of(AiInsight.created_at)
    detected = add(session.execute(
        select(d_ins, func.count(func.distinct(AiInsight.ticket_id))).where(
            AiInsight.organization_id == organization_id, AiInsight.ticket_id.is_not(None),
            AiInsight.payload["purchaseConfirmed"].astext == "true", d_ins.between(since, until)).group_by(d_ins)),
        "detected")
    d_act = day_of(ActionLog.updated_at)
    sent = add(session.execute(
        select(d_act, func.count(func.distinct(ActionLog.ticket_id))).where(
            ActionLog.organization_id == organization_id, ActionLog.kind == "capi_event",
            ActionLog.request["event_name"].astext == "Purchase", ActionLog.status == ActionLogStatus.SENT,
            d_act.between(since, until)).group_by(d_act)), "sent")
    d_won = day_of(Ticket.closed_at)
    won = add(session.execute(
        select(d_won, func.count()).where(Ticket.organization_id == organization_id,
                                          Ticket.status == TicketStatus.WON, d_won.between(since, until))
        .group_by(d_won)), "won")
    by_day = [{"day": d, **v} for d, v in sorted(series.items())]
    return AttributionGap(detected, sent, won, by_day)


@dataclass(frozen=True)
class ActionView:
    id: uuid.UUID
    insight_id: uuid.UUID | None
    kind: str
    status: str
    attempts: int
    error: str | None
    sandbox: bool
    response: dict[str, Any] | None
    updated_at: datetime


def recent_actions(session: Session, *, organization_id: uuid.UUID, limit: int = 50) -> list[ActionView]:
    """The organisation's latest action rows (for the Meta settings page's activity list)."""
    rows = session.scalars(select(ActionLog).where(ActionLog.organization_id == organization_id)
                           .order_by(ActionLog.updated_at.desc()).limit(limit))
    return [ActionView(r.id, r.insight_id, r.kind, r.status.value, r.attempts, r.error,
                       bool((r.request or {}).get("http", {}).get("sandbox")), r.response, r.updated_at)
            for r in rows]
