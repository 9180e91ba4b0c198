"""Per-ticket event ordering: which events belong to one ticket, which one may be applied now, and
how long an event that is not ready yet waits.

- Every inbox event gets a **ticket key** when it is stored (``order_fields``): ``crm:<ticket ref>``
  for CRM events, ``wa:<sender digits>`` for WhatsApp messages (the contact's open ticket); statuses
  have none (their own rule, "delivery states move forward only", makes order irrelevant).
- The event job takes a transaction-level advisory lock on ``(organisation, ticket key)``
  (``lock_ticket``) before it applies anything, so events of one ticket are applied one at a time
  whatever the number of workers; other tickets never wait for it.
- An event is **ready** when no earlier event of its ticket (``occurred_at``, then arrival) is still
  pending and unapplied (``earlier_pending``). Events parked for a missing prerequisite (their ticket
  does not exist yet) do not hold back later ones: a later event may be the one that opens it.
- An event that is not ready is **deferred**: it stays RECEIVED, ``deferrals`` counts the waits,
  ``parked`` says it waits for a prerequisite (not for an earlier event) and ``next_attempt_at`` says
  when it is tried again (``defer_delay``: 1, 2, 4 ... 30 s). When an event is applied, the deferred
  events of its ticket are tried at once ("apply what is ready"). Waiting is bounded by
  ``MAX_WAIT`` after arrival: then an event held back by an earlier one is applied anyway, and one
  whose ticket still does not exist ends FAILED with the reason.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.orm import Session

from engine.models import Event, EventStatus
from engine.phones import normalise_phone

MAX_WAIT = timedelta(minutes=10)  # after arrival; then the event stops waiting (see module doc)
MAX_DEFER_SECONDS = 30
PENDING = (EventStatus.RECEIVED, EventStatus.PROCESSING)


def may_wait(event: Event, now: datetime) -> bool:
    """True while ``event`` may still be deferred (less than ``MAX_WAIT`` since it arrived)."""
    return now - event.received_at < MAX_WAIT


def defer_delay(deferrals: int) -> timedelta:
    """Wait before the ``deferrals``-th retry of an event that is not ready (1 s, 2 s, 4 s ... 30 s)."""
    return timedelta(seconds=min(2 ** max(deferrals - 1, 0), MAX_DEFER_SECONDS))


def _parse_time(raw: Any) -> datetime | None:
    if isinstance(raw, int | str) and str(raw).isdigit():
        try:
            return datetime.fromtimestamp(int(raw), tz=UTC)
        except (OverflowError, ValueError, OSError):
            return None
    if isinstance(raw, str):
        try:
            at = datetime.fromisoformat(raw)
        except ValueError:
            return None
        return at if at.tzinfo is not None else None
    return None


def order_fields(source: str, type_: str, payload: dict[str, Any]) -> tuple[str | None, datetime | None]:
    """(ticket key, occurred_at) of an inbox event, read from its payload; (None, None) when it has
    no ticket to order within. Pure: the inbox calls it on insert, the worker on older rows."""
    if source == "crm":
        ticket = payload.get("ticket")
        ref = ticket.get("ref") if isinstance(ticket, dict) else None
        if not isinstance(ref, str) or not ref:
            return None, None
        return f"crm:{ref}"[:300], _parse_time(payload.get("occurred_at"))
    if source == "whatsapp" and type_ == "MESSAGE_RECEIVED":
        msg = payload.get("message")
        if not isinstance(msg, dict):
            return None, None
        digits = normalise_phone(str(msg.get("from") or ""))
        return (f"wa:{digits}"[:300] if digits else None), _parse_time(msg.get("timestamp"))
    return None, None


def lock_ticket(session: Session, organization_id: uuid.UUID, ticket_key: str) -> None:
    """Serialise the application of one ticket's events (released when the transaction ends)."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
                    {"k": f"{organization_id}|{ticket_key}"})


def earlier_pending(session: Session, event: Event) -> uuid.UUID | None:
    """The earliest event of the same ticket that comes before ``event`` and is still waiting to be
    applied (not parked for a missing prerequisite), or None when ``event`` is ready."""
    if event.ticket_key is None or event.occurred_at is None:
        return None
    mine = (event.occurred_at, event.received_at, event.id)
    return session.scalar(
        select(Event.id)
        .where(Event.organization_id == event.organization_id, Event.ticket_key == event.ticket_key,
               Event.status.in_(PENDING), Event.applied_at.is_(None), Event.parked.is_(False),
               Event.occurred_at.is_not(None), Event.id != event.id,
               tuple_(Event.occurred_at, Event.received_at, Event.id) < tuple_(*mine))
        .order_by(Event.occurred_at, Event.received_at, Event.id)
        .limit(1)
    )


def waiting_successors(session: Session, event: Event, *, limit: int = 20) -> list[tuple[uuid.UUID, int]]:
    """Deferred events of the same ticket (id, deferrals), earliest first: once ``event`` is applied
    they may be ready, so the worker tries them now instead of after their backoff."""
    if event.ticket_key is None:
        return []
    rows = session.execute(
        select(Event.id, Event.deferrals)
        .where(Event.organization_id == event.organization_id, Event.ticket_key == event.ticket_key,
               Event.status == EventStatus.RECEIVED, Event.deferrals > 0, Event.id != event.id)
        .order_by(func.coalesce(Event.occurred_at, Event.received_at), Event.received_at)
        .limit(limit)
    ).all()
    return [(r[0], r[1]) for r in rows]
