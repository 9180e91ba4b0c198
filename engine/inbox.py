"""The event inbox: every accepted event is committed here before anyone answers 2xx.

``accept_event`` is the idempotent insert (dedupe on organisation + source + external id);
``ingest`` / ``ingest_many`` are the entry points of the API and of ``copilot events replay``: they
commit, and only then hand the new event ids to the worker queue. When the queue is unreachable
the events stay RECEIVED and the worker's sweeper (``engine.jobs.requeue_stale_events``) picks
them up later, so an acknowledged event is never lost.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.db import get_engine
from engine.models import Event, EventStatus
from engine.ordering import order_fields
from engine.queues import enqueue_event

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    event_id: uuid.UUID
    duplicate: bool
    rejected: bool = False  # stored FAILED (invalid item): never enqueued


@dataclass(frozen=True)
class IngestItem:
    """One event to store for one organisation."""

    organization_id: uuid.UUID
    source: str
    type: str
    external_id: str
    payload: dict[str, Any]
    error: str | None = None  # an invalid item kept for the record: stored FAILED with this reason


_EVENT = cast(Table, Event.__table__)


def insert_event(
    conn: Connection | Session, *, organization_id: uuid.UUID, source: str, type: str, external_id: str,
    payload: dict[str, Any], error: str | None = None,
) -> tuple[uuid.UUID, bool]:
    """The inbox INSERT ... ON CONFLICT DO NOTHING, at Core level. Returns ``(event id, duplicate)``.

    For a duplicate, the id is the one stored the first time. A concurrent insert of the same key
    makes this one wait for it, so the existing row is visible when we read it back. With ``error``
    the row is stored FAILED with that reason (an invalid item: recorded, never processed)."""
    key = (_EVENT.c.organization_id == organization_id) & (_EVENT.c.source == source) & (
        _EVENT.c.external_id == external_id)
    ticket_key, occurred_at = order_fields(source, type, payload)
    new_id = conn.execute(
        insert(_EVENT)
        .values(id=uuid.uuid4(), organization_id=organization_id, source=source, type=type,
                external_id=external_id, payload=payload, ticket_key=ticket_key, occurred_at=occurred_at,
                **({} if error is None else {"status": EventStatus.FAILED, "error": error[:4000],
                                             "processed_at": func.now()}))
        .on_conflict_do_nothing(index_elements=["organization_id", "source", "external_id"])
        .returning(_EVENT.c.id)
    ).scalar()
    if new_id is not None:
        return new_id, False
    return conn.execute(select(_EVENT.c.id).where(key)).scalar_one(), True


def accept_event(
    session: Session, *, organization_id: uuid.UUID, source: str, type: str, external_id: str,
    payload: dict[str, Any],
) -> tuple[Event, bool]:
    """Insert an inbox event unless (organization, source, external_id) exists. Flushes only.

    Returns ``(event, duplicate)``; for a duplicate, ``event`` is the row stored the first time."""
    event_id, duplicate = insert_event(session, organization_id=organization_id, source=source, type=type,
                                       external_id=external_id, payload=payload)
    event = session.get(Event, event_id)
    if event is None:  # pragma: no cover - just inserted or just read in this transaction
        raise RuntimeError(f"inbox event {event_id} vanished")
    return event, duplicate


class InboxBatch:
    """Events accepted inside one open inbox transaction (see ``inbox_transaction``).

    ``conn`` is a Core connection: the API's hot path needs no ORM objects (about 1 ms of CPU
    per request less than a Session on the benchmark machine)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.results: list[IngestResult] = []

    def accept(self, item: IngestItem) -> IngestResult:
        event_id, duplicate = insert_event(
            self.conn, organization_id=item.organization_id, source=item.source, type=item.type,
            external_id=item.external_id, payload=item.payload, error=item.error)
        result = IngestResult(event_id, duplicate, rejected=item.error is not None)
        self.results.append(result)
        return result


@contextmanager
def inbox_transaction() -> Iterator[InboxBatch]:
    """One transaction for accepting events; new ones are enqueued only after it commits.

    The caller may read in the same transaction first (the API looks up the organisation and
    checks the signature there: one pool checkout instead of two). An exception inside rolls
    everything back and enqueues nothing."""
    with get_engine().begin() as conn:
        batch = InboxBatch(conn)
        yield batch
    # Committed: from here on, failing to enqueue loses nothing (the sweeper re-enqueues).
    for r in batch.results:
        if not r.duplicate and not r.rejected:
            enqueue(r.event_id)


def ingest_many(items: Sequence[IngestItem]) -> list[IngestResult]:
    """Store several events in ONE transaction, then enqueue the new ones. Results follow ``items``."""
    with inbox_transaction() as batch:
        for it in items:
            batch.accept(it)
    return batch.results


def ingest(
    *, organization_id: uuid.UUID, source: str, type: str, external_id: str, payload: dict[str, Any]
) -> IngestResult:
    """Commit one event to the inbox (its own transaction), then enqueue it when new.

    The API and the replay CLI go through ``inbox_transaction`` / ``ingest_many`` like this does."""
    return ingest_many([IngestItem(organization_id, source, type, external_id, payload)])[0]


def enqueue(event_id: uuid.UUID) -> bool:
    """Hand an event to the worker queue. Never raises: on failure the event stays RECEIVED."""
    try:
        enqueue_event(event_id)
    except Exception as err:  # noqa: BLE001 - Redis down or similar: the sweeper will retry
        log.warning("event %s stored but not enqueued (%s: %s); the sweeper will re-enqueue it",
                    event_id, type(err).__name__, err)
        return False
    return True
