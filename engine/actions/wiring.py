"""The closed loop's entry points for the worker (each opens its own transaction and enqueues after
its commit, through ``engine.queues``):

- ``after_insight_recorded(org_id, insight_id)``: the auto-apply policy of a fresh insight
  (``engine.pipeline.execute``).
- ``after_event_applied(conn, org_id, ticket_id, trigger)``: the lead came back
  (NEW_MESSAGE_RECEIVED, TICKET_WON) -> audience removal; TICKET_LOST -> throttled roll-up
  (``engine.jobs.process_event`` runs it as ``lead_returned_in`` inside its apply transaction, then
  ``after_event_committed``).
- ``requeue_stale_actions()`` and ``ensure_daily_rollup(conn)``: the worker's maintenance.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from engine.actions import auto_apply, on_lead_returned
from engine.actions.runner import stale_pending_ids
from engine.db import session_scope
from engine.models import EventType
from engine.queues import enqueue_action, enqueue_daily_rollup, enqueue_publish
from engine.rollup import maybe_enqueue_rollup

log = logging.getLogger(__name__)
STALE_ACTION_SECONDS = 10 * 60


def _enqueue(ids: list[uuid.UUID]) -> None:
    for aid in ids:
        enqueue_action(aid)


def after_insight_recorded(organization_id: uuid.UUID, insight_id: uuid.UUID) -> list[uuid.UUID]:
    """Auto-apply a fresh insight when its binding's policy holds; enqueue the actions."""
    with session_scope() as s:
        ids = auto_apply(s, organization_id=organization_id, insight_id=insight_id)
    _enqueue(ids)
    if ids:
        enqueue_publish(insight_id, action_status="APPLIED")
    return ids


def after_event_applied(conn: Any, organization_id: uuid.UUID, ticket_id: uuid.UUID | None,
                        trigger: EventType | None) -> list[uuid.UUID]:
    """Lead came back -> audience removal; TICKET_LOST -> throttled roll-up."""
    ids: list[uuid.UUID] = []
    if _lead_returned(ticket_id, trigger):
        with session_scope() as s:
            ids = lead_returned_in(s, organization_id, ticket_id, trigger)
    return after_event_committed(conn, organization_id, trigger, ids)


def _lead_returned(ticket_id: uuid.UUID | None, trigger: EventType | None) -> bool:
    return ticket_id is not None and trigger in (EventType.NEW_MESSAGE_RECEIVED, EventType.TICKET_WON)


def lead_returned_in(s: Session, organization_id: uuid.UUID, ticket_id: uuid.UUID | None,
                     trigger: EventType | None) -> list[uuid.UUID]:
    """``after_event_applied``'s database part in the caller's transaction (the event job's apply
    transaction): the audience-removal actions to enqueue once it commits (``after_event_committed``)."""
    if ticket_id is None or not _lead_returned(ticket_id, trigger):
        return []
    return on_lead_returned(s, organization_id=organization_id, ticket_id=ticket_id)


def after_event_committed(conn: Any, organization_id: uuid.UUID, trigger: EventType | None,
                          action_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """``after_event_applied``'s part after the commit: enqueue the actions; TICKET_LOST -> roll-up.
    An action whose enqueue is lost stays PENDING: ``requeue_stale_actions`` enqueues it later."""
    _enqueue(action_ids)
    if trigger is EventType.TICKET_LOST:
        maybe_enqueue_rollup(conn, organization_id)
    return action_ids


def requeue_stale_actions(*, now: datetime | None = None) -> int:
    """Re-enqueue PENDING actions untouched for 10 minutes (their job was lost). Duplicates are no-ops."""
    with session_scope() as s:
        ids = stale_pending_ids(s, older_than=(now or datetime.now(UTC)) - timedelta(seconds=STALE_ACTION_SECONDS))
    _enqueue(ids)
    return len(ids)


def ensure_daily_rollup(conn: Any, *, now: datetime | None = None) -> bool:
    """Enqueue today's all-organisation roll-up once (unique job id per UTC day)."""
    return enqueue_daily_rollup((now or datetime.now(UTC)).date().isoformat(), connection=conn)
