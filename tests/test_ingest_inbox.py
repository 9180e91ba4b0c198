"""The inbox: dedupe, commit-before-enqueue, concurrent duplicate deliveries (real PostgreSQL)."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from engine.db import session_scope
from engine.inbox import IngestResult, accept_event, ingest
from engine.ingest.signature import sign, verify
from engine.models import Event, EventStatus, Organization
from engine.queues import EVENTS, event_job_id, get_queue


def test_signature_roundtrip_and_rejections() -> None:
    body = b'{"a": 1}'
    header = sign("k", body)
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert verify("k", body, header) and verify("k", body, header.upper().replace("SHA256=", "sha256="))
    assert not verify("k", body + b" ", header)
    assert not verify("other", body, header)
    assert not verify("k", body, None) and not verify("k", body, "") and not verify("k", body, "sha256=ñ")
    assert not verify(None, body, sign("", body))  # no secret configured: never valid


def test_accept_event_dedupes_per_org_and_source(session: Session, org: Organization) -> None:
    kw = {"organization_id": org.id, "type": "TICKET_WON", "payload": {"x": 1}}
    first, dup = accept_event(session, source="crm", external_id="evt-1", **kw)  # type: ignore[arg-type]
    assert not dup and first.status is EventStatus.RECEIVED and first.attempts == 0
    again, dup = accept_event(session, source="crm", external_id="evt-1", **kw)  # type: ignore[arg-type]
    assert dup and again.id == first.id
    other_source, dup = accept_event(session, source="whatsapp", external_id="evt-1", **kw)  # type: ignore[arg-type]
    assert not dup and other_source.id != first.id


@pytest.fixture
def committed_org(committed_db: Engine) -> Organization:
    with session_scope() as s:
        o = Organization(slug="inbox-org", name="Inbox", events_secret="x")
        s.add(o)
    return o


def test_ingest_commits_before_enqueueing(committed_org: Organization, monkeypatch: pytest.MonkeyPatch,
                                          redis_conn: redis.Redis) -> None:
    import engine.inbox

    seen: list[str] = []
    real_enqueue = engine.inbox.enqueue_event

    def spy(event_id: uuid.UUID, *, connection: object = None) -> bool:
        # A fresh connection (as the worker has) must already see the committed row.
        with session_scope() as s:
            seen.append(s.scalars(select(Event.external_id).where(Event.id == event_id)).one())
        return real_enqueue(event_id)

    monkeypatch.setattr(engine.inbox, "enqueue_event", spy)
    kw = {"organization_id": committed_org.id, "source": "crm", "type": "TICKET_WON", "payload": {}}
    first = ingest(external_id="evt-9", **kw)  # type: ignore[arg-type]
    assert ingest(external_id="evt-9", **kw) == IngestResult(first.event_id, True)  # type: ignore[arg-type]
    assert seen == ["evt-9"]  # enqueued once, after the commit
    assert get_queue(EVENTS, redis_conn).job_ids == [event_job_id(first.event_id)]


def test_ingest_with_redis_down_still_commits(committed_org: Organization, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.config import get_settings
    from engine.queues import _connection_for

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    get_settings.cache_clear()
    _connection_for.cache_clear()
    try:
        result = ingest(organization_id=committed_org.id, source="crm", type="TICKET_WON", external_id="e",
                        payload={})
    finally:
        get_settings.cache_clear()
        _connection_for.cache_clear()
    with session_scope() as s:
        event = s.get(Event, result.event_id)
        assert event is not None and event.status is EventStatus.RECEIVED  # the sweeper enqueues it later


def test_concurrent_duplicate_deliveries_store_one_row(committed_org: Organization,
                                                       redis_conn: redis.Redis) -> None:
    results: list[IngestResult] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        results.append(ingest(organization_id=committed_org.id, source="whatsapp", type="MESSAGE_RECEIVED",
                              external_id="wamid.same", payload={}))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.duplicate for r in results) == [False] + [True] * 7
    assert len({r.event_id for r in results}) == 1
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 1
