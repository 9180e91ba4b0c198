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
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.db import session_scope
from engine.models import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    event_id: uuid.UUID
    duplicate: bool


@dataclass(frozen=True)
class IngestItem:
    """One event to store for one organisation."""

    organization_id: uuid.UUID
    source: str
    type: str
    external_id: str
    payload: dict[str, Any]


def accept_event(
    session: Session, *, organization_id: uuid.UUID, source: str, type: str, external_id: str,
    payload: dict[str, Any],
) -> tuple[Event, bool]:
    """Insert an inbox event unless (organization, source, external_id) exists. Flushes only.

    Returns ``(event, duplicate)``; for a duplicate, ``event`` is the row stored the first time."""
    stmt = (
        insert(Event)
        .values(id=uuid.uuid4(), organization_id=organization_id, source=source, type=type,
                external_id=external_id, payload=payload)
        .on_conflict_do_nothing(index_elements=["organization_id", "source", "external_id"])
        .returning(Event)
    )
    event = session.scalars(stmt, execution_options={"populate_existing": True}).first()
    if event is not None:
        return event, False
    # Conflict: the concurrent or earlier insert is committed (or we waited for it), so it is visible.
    existing = session.scalars(
        select(Event).where(Event.organization_id == organization_id, Event.source == source,
                            Event.external_id == external_id)
    ).one()
    return existing, True


class InboxBatch:
    """Events accepted inside one open inbox transaction (see ``inbox_transaction``)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.results: list[IngestResult] = []

    def accept(self, item: IngestItem) -> IngestResult:
        event, duplicate = accept_event(
            self.session, organization_id=item.organization_id, source=item.source, type=item.type,
            external_id=item.external_id, payload=item.payload)
        result = IngestResult(event.id, duplicate)
        self.results.append(result)
        return result


@contextmanager
def inbox_transaction() -> Iterator[InboxBatch]:
    """One transaction for accepting events; new ones are enqueued only after it commits.

    The caller may read in the same transaction first (the API looks up the organisation and
    checks the signature there: one round trip to the pool instead of two). An exception inside
    rolls everything back and enqueues nothing."""
    with session_scope() as session:
        batch = InboxBatch(session)
        yield batch
    # Committed: from here on, failing to enqueue loses nothing (the sweeper re-enqueues).
    for r in batch.results:
        if not r.duplicate:
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
    """Commit one event to the inbox, then enqueue it when new. The API and the replay CLI use this."""
    return ingest_many([IngestItem(organization_id, source, type, external_id, payload)])[0]


def enqueue(event_id: uuid.UUID) -> bool:
    """Hand an event to the worker queue. Never raises: on failure the event stays RECEIVED."""
    try:
        from engine.jobs import enqueue_event
    except ImportError as err:  # the worker half is not installed in this checkout
        log.warning("event %s stored but not enqueued: engine.jobs unavailable (%s)", event_id, err)
        return False
    try:
        enqueue_event(event_id)
    except Exception as err:  # noqa: BLE001 - Redis down or similar: the sweeper will retry
        log.warning("event %s stored but not enqueued (%s: %s); the sweeper will re-enqueue it",
                    event_id, type(err).__name__, err)
        return False
    return True
