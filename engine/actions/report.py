"""Closed-loop read model for the Studio: action rows for display (the attribution gap is a shared
number: ``engine.metrics.attribution_gap``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.models import ActionLog


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
    request: dict[str, Any] | None = None  # what was sent (event_name, custom_data...)


def recent_actions(session: Session, *, organization_id: uuid.UUID, limit: int = 50) -> list[ActionView]:
    """The organisation's latest action rows (for the Meta settings page's activity list)."""
    rows = session.scalars(select(ActionLog).where(ActionLog.organization_id == organization_id)
                           .order_by(ActionLog.updated_at.desc()).limit(limit))
    return [ActionView(r.id, r.insight_id, r.kind, r.status.value, r.attempts, r.error,
                       bool((r.request or {}).get("http", {}).get("sandbox")), r.response, r.updated_at,
                       r.request)
            for r in rows]
