"""The ingest API over HTTP (FastAPI TestClient -> the real app -> the real PostgreSQL / Redis).

No worker runs: enqueued events are read back from the real (test) events queue, and the "worker" step
of the end-to-end tests is ``apply_event`` on the stored inbox rows, as the job does it.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from engine.config import get_settings
from engine.db import session_scope
from engine.domain import AppliedEvent, apply_event
from engine.ingest.signature import sign
from engine.models import (
    Contact,
    Event,
    EventStatus,
    EventType,
    Message,
    Organization,
    Ticket,
    WhatsappNumber,
)
from engine.queues import EVENTS, get_queue

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "verify-me-please"
PHONE_ID = "106540352242922"
WAMID_IN = "wamid.HBgNNTUxMTk5OTk5MDAwMBUCABIYFjNBQ0RF"
WAMID_OUT = "wamid.HBgNNTUxNjk5MjMxODIyMhUCABEYEjgx"


@pytest.fixture
def enqueued(redis_conn: redis.Redis) -> Callable[[], list[uuid.UUID]]:
    """The event ids on the real events queue, in queue order (read when called)."""
    def read() -> list[uuid.UUID]:
        return [uuid.UUID(j.removeprefix("event_")) for j in get_queue(EVENTS, redis_conn).job_ids]
    return read


@pytest.fixture
def orgs(committed_db: Engine) -> tuple[Organization, Organization]:
    """Org A (owns the Meta example number) and org B, committed so the app's own sessions see them."""
    with session_scope() as s:
        a = Organization(slug="org-a", name="A", events_secret="secret-a")
        b = Organization(slug="org-b", name="B", events_secret="secret-b")
        s.add_all([a, b])
        s.flush()
        s.add(WhatsappNumber(organization_id=a.id, phone_number_id=PHONE_ID))
    return a, b


@pytest.fixture
def client(orgs: object, enqueued: Callable[[], list[uuid.UUID]], monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("WHATSAPP_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN)
    get_settings.cache_clear()
    from engine.ingest.app import app

    with TestClient(app) as c:
        yield c
    get_settings.cache_clear()


def post_webhook(client: TestClient, body: bytes, signature: str | None = "auto") -> Any:
    headers = {"content-type": "application/json"}
    if signature == "auto":
        signature = sign(APP_SECRET, body)
    if signature is not None:
        headers["x-hub-signature-256"] = signature
    return client.post("/webhooks/whatsapp", content=body, headers=headers)


def post_event(client: TestClient, event: dict[str, Any] | bytes, *, org: str = "org-a",
               secret: str = "secret-a", signature: str | None = "auto") -> Any:
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    headers = {"content-type": "application/json", "x-copilot-org": org}
    if signature == "auto":
        signature = sign(secret, body)
    if signature is not None:
        headers["x-copilot-signature"] = signature
    return client.post("/v1/events", content=body, headers=headers)


def message_event(eid: str = "evt-1", **over: Any) -> dict[str, Any]:
    event = {"id": eid, "type": "MESSAGE_RECEIVED", "occurred_at": "2026-08-12T14:03:00-03:00",
             "ticket": {"ref": "T-1", "seller": "Ana", "attribution": {"utm_campaign": "Agosto_Botox"}},
             "contact": {"phone": "+5511999990000", "name": "Mariana"},
             "message": {"id": f"{eid}:m", "from": "lead", "text": "Oi, quanto custa o botox?"}}
    event.update(over)
    return event


def events_count() -> int:
    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(Event)) or 0


def run_worker_step() -> list[AppliedEvent]:
    """What the worker's job does with each RECEIVED inbox row (minus agents): apply_event."""
    with session_scope() as s:
        rows = s.scalars(select(Event).where(Event.status == EventStatus.RECEIVED)
                         .order_by(Event.received_at, Event.external_id)).all()
        out = [apply_event(s, e) for e in rows]
        for e in rows:
            e.status = EventStatus.PROCESSED
        return out


# ------------------------------------------------------------------------------ health, docs
def test_healthz_ok_and_503_when_redis_is_down(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"db": "ok", "redis": "ok"}
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    get_settings.cache_clear()
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json()["db"] == "ok" and r.json()["redis"].startswith("error")


def test_openapi_documents_the_event_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/v1/events"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SystemEvent"}
    assert "MACRO_BUTTON_CLICKED" in json.dumps(spec["components"]["schemas"]["SystemEventType"])
    assert client.get("/docs").status_code == 200


# ------------------------------------------------------------------------------ WhatsApp
def test_handshake(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    ok = client.get("/webhooks/whatsapp", params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                                                   "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.text == "1158201444" and ok.headers["content-type"].startswith("text/plain")
    for params in ({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
                   {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"}, {}):
        assert client.get("/webhooks/whatsapp", params=params).status_code == 403
    monkeypatch.delenv("WHATSAPP_VERIFY_TOKEN")
    get_settings.cache_clear()
    assert client.get("/webhooks/whatsapp", params={"hub.mode": "subscribe", "hub.verify_token": "",
                                                    "hub.challenge": "1"}).status_code == 403


def test_webhook_signature_good_bad_missing(client: TestClient) -> None:
    body = (FIXTURES / "meta_message_referral.json").read_bytes()
    missing = post_webhook(client, body, signature=None)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "missing_signature"
    bad = post_webhook(client, body, signature=sign("another-secret", body))
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "bad_signature"
    # Signed over the exact bytes: the same JSON re-serialised is a different body.
    reformatted = json.dumps(json.loads(body), indent=2).encode()
    assert post_webhook(client, reformatted, signature=sign(APP_SECRET, body)).status_code == 401
    assert events_count() == 0
    good = post_webhook(client, body)
    assert good.status_code == 200 and good.json() == {"accepted": 1, "duplicates": 0, "ignored": [], "errors": []}


def test_meta_message_with_referral_ends_as_rows(client: TestClient, orgs: tuple[Organization, Organization],
                                                 enqueued: Callable[[], list[uuid.UUID]]) -> None:
    r = post_webhook(client, (FIXTURES / "meta_message_referral.json").read_bytes())
    assert r.status_code == 200
    with session_scope() as s:
        ev = s.scalars(select(Event)).one()
        assert (ev.organization_id, ev.source, ev.type, ev.external_id, ev.status) == (
            orgs[0].id, "whatsapp", "MESSAGE_RECEIVED", WAMID_IN, EventStatus.RECEIVED)
    assert enqueued() == [ev.id]
    (applied,) = run_worker_step()
    assert applied.trigger is EventType.NEW_MESSAGE_RECEIVED
    assert applied.message_at == datetime.fromtimestamp(1750857384, tz=UTC)
    with session_scope() as s:
        contact = s.scalars(select(Contact)).one()
        ticket = s.scalars(select(Ticket)).one()
        message = s.scalars(select(Message)).one()
        assert (contact.organization_id, contact.phone, contact.name) == (orgs[0].id, "5511999990000", "Ana Silva")
        assert ticket.id == applied.ticket_id and ticket.contact_id == contact.id and ticket.status.value == "OPEN"
        assert ticket.ctwa_clid == "Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4"
        assert ticket.ad_id == "120226305854810726"
        assert ticket.attribution_extra["headline"] == "Chat with us"
        assert ticket.attribution_extra["source_url"] == "https://fb.me/3cr4Wqqkv"
        assert (message.direction, message.author, message.type, message.body, message.external_id) == (
            "INBOUND", "lead", "text", "Hi, I saw your ad", WAMID_IN)


def test_meta_failed_status_on_outbound_message(client: TestClient) -> None:
    sent = message_event("evt-out", type="MESSAGE_SENT", contact={"phone": "5511999990000"},
                         message={"id": WAMID_OUT, "from": "seller", "text": "Oi! Ainda tem interesse?"})
    assert post_event(client, sent).status_code == 202
    run_worker_step()
    r = post_webhook(client, (FIXTURES / "meta_status_failed.json").read_bytes())
    assert r.status_code == 200 and r.json()["accepted"] == 1
    (applied,) = run_worker_step()
    assert applied.trigger is None and applied.detail["moved"] is True
    delivered_late = json.loads((FIXTURES / "meta_status_failed.json").read_text())
    status = delivered_late["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["status"] = "delivered"
    del status["errors"]
    assert post_webhook(client, json.dumps(delivered_late).encode()).json()["accepted"] == 1
    (late,) = run_worker_step()
    assert late.detail["moved"] is False
    with session_scope() as s:
        m = s.scalars(select(Message).where(Message.external_id == WAMID_OUT)).one()
        assert m.direction == "OUTBOUND" and m.delivery_status == "failed"
        assert m.delivery_error is not None and m.delivery_error["errors"][0]["code"] == 131047
        assert {e.external_id for e in s.scalars(select(Event).where(Event.source == "whatsapp"))} == {
            f"{WAMID_OUT}:failed", f"{WAMID_OUT}:delivered"}


def test_webhook_duplicate_delivery(client: TestClient, enqueued: Callable[[], list[uuid.UUID]]) -> None:
    body = (FIXTURES / "meta_message_referral.json").read_bytes()
    assert post_webhook(client, body).json() == {"accepted": 1, "duplicates": 0, "ignored": [], "errors": []}
    assert post_webhook(client, body).json() == {"accepted": 0, "duplicates": 1, "ignored": [], "errors": []}
    assert events_count() == 1 and len(enqueued()) == 1


def test_webhook_with_several_items_stores_one_event_each(client: TestClient) -> None:
    envelope = json.loads((FIXTURES / "meta_message_referral.json").read_text())
    value = envelope["entry"][0]["changes"][0]["value"]
    second = {**value["messages"][0], "id": "wamid.second", "type": "image", "image": {"id": "m1"}}
    del second["referral"], second["text"]
    value["messages"].append(second)
    value["statuses"] = [{"id": "wamid.x", "status": "read", "timestamp": "1750857400", "recipient_id": "5511"}]
    envelope["entry"][0]["changes"].append({"field": "account_update", "value": {"event": "VERIFIED"}})
    r = post_webhook(client, json.dumps(envelope).encode())
    assert r.status_code == 200 and r.json()["accepted"] == 3
    with session_scope() as s:
        assert sorted(s.scalars(select(Event.external_id))) == sorted([WAMID_IN, "wamid.second", "wamid.x:read"])


def test_unknown_number_is_ignored_and_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    body = (FIXTURES / "meta_message_referral.json").read_text().replace(PHONE_ID, "999000111").encode()
    with caplog.at_level(logging.WARNING, logger="engine.ingest.intake"):
        r = post_webhook(client, body)
    assert r.status_code == 200 and r.json() == {"accepted": 0, "duplicates": 0,
                                                 "ignored": ["phone_number_id 999000111: unknown"], "errors": []}
    assert "999000111" in caplog.text and events_count() == 0


def test_webhook_bad_json_and_schema(client: TestClient) -> None:
    r = post_webhook(client, b'{"object": "whatsapp_business_account", ')
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
    r = post_webhook(client, json.dumps({"object": "page", "entry": []}).encode())
    assert r.status_code == 400 and r.json()["error"]["field"] == "object"


def test_webhook_refused_when_app_secret_missing(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WHATSAPP_APP_SECRET")
    get_settings.cache_clear()
    body = (FIXTURES / "meta_message_referral.json").read_bytes()
    assert post_webhook(client, body, signature=sign("", body)).status_code == 503


# ------------------------------------------------------------------------------ system events
def test_event_signature_good_bad_missing(client: TestClient) -> None:
    body = json.dumps(message_event()).encode()
    missing = post_event(client, body, signature=None)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "missing_signature"
    no_org = client.post("/v1/events", content=body, headers={"x-copilot-signature": sign("secret-a", body)})
    assert no_org.status_code == 401
    bad = post_event(client, body, secret="secret-b")
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "bad_signature"
    unknown_org = post_event(client, body, org="no-such-org", secret="secret-a")
    assert unknown_org.status_code == 401 and unknown_org.json() == bad.json()  # does not leak which
    assert events_count() == 0
    good = post_event(client, body)
    assert good.status_code == 202 and good.json()["duplicate"] is False
    uuid.UUID(good.json()["event_id"])


def test_event_duplicate_delivery(client: TestClient, enqueued: Callable[[], list[uuid.UUID]]) -> None:
    first = post_event(client, message_event())
    again = post_event(client, message_event())
    assert first.status_code == 202 and again.status_code == 200
    assert again.json() == {"event_id": first.json()["event_id"], "duplicate": True}
    assert events_count() == 1 and enqueued() == [uuid.UUID(first.json()["event_id"])]
    run_worker_step()
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 1


SCHEMA_CASES: list[tuple[dict[str, Any], str, str]] = [
    ({**message_event(), "ticket": {"seller": "Ana"}}, "ticket.ref", "Field required"),
    ({**message_event(), "type": "TICKET_CLOSED"}, "type", "MESSAGE_SENT"),
    ({**message_event(), "occurred_at": "2026-08-12T14:03:00"}, "occurred_at", "timezone"),
    ({**message_event(), "message": None}, "message", "required for MESSAGE_RECEIVED"),
    ({**message_event(), "type": "MESSAGE_SENT"}, "message", "from must be 'seller' or 'bot'"),
    ({**message_event(), "type": "MACRO_BUTTON_CLICKED", "message": None}, "agent", "required"),
    ({**message_event(), "contact": {"phone": "12"}}, "contact.phone", "8 to 15 digits"),
    ({**message_event(), "ocurred_at": "typo"}, "ocurred_at", "Extra inputs are not permitted"),
    ({**message_event(), "ticket": {"ref": "T-1", "value": -5}}, "ticket.value", "greater than or equal to 0"),
]


def test_event_schema_errors_name_the_field(client: TestClient) -> None:
    # One test (not parametrized): each committed_db setup truncates every table.
    for event, field, fragment in SCHEMA_CASES:
        r = post_event(client, event)
        assert r.status_code == 400, r.text
        err = r.json()["error"]
        assert (err["code"], err["field"]) == ("invalid_schema", field) and fragment in err["message"], err
    assert events_count() == 0


def test_event_invalid_json(client: TestClient) -> None:
    r = post_event(client, b'{"id": "x",')
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json" and "line 1" in r.json()["error"][
        "message"]
    r = post_event(client, b"[1, 2]")
    assert r.status_code == 400 and r.json()["error"]["message"] == "body must be a JSON object"


def test_body_over_limit_is_413_with_or_without_content_length(client: TestClient) -> None:
    big = b'{"id": "' + b"x" * (256 * 1024) + b'"}'
    assert post_event(client, big).status_code == 413

    def chunks() -> Iterator[bytes]:  # streamed: no Content-Length header at all
        for i in range(0, len(big), 16 * 1024):
            yield big[i:i + 16 * 1024]

    r = client.post("/v1/events", content=chunks(), headers={"x-copilot-org": "org-a",
                                                             "x-copilot-signature": sign("secret-a", big)})
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"
    assert post_webhook(client, big).status_code == 413
    assert events_count() == 0


def test_tenancy_signed_for_a_cannot_touch_b(client: TestClient, orgs: tuple[Organization, Organization]) -> None:
    a, b = orgs
    assert post_event(client, message_event("e-a")).status_code == 202
    assert post_event(client, message_event("e-b"), org="org-b", secret="secret-b").status_code == 202
    # A's secret with B's slug: refused, B's ticket T-1 untouched.
    won = {"id": "won-1", "type": "TICKET_WON", "occurred_at": "2026-08-12T18:00:00-03:00", "ticket": {"ref": "T-1"}}
    assert post_event(client, won, org="org-b", secret="secret-a").status_code == 401
    assert post_event(client, won).status_code == 202  # A wins its own T-1
    run_worker_step()
    with session_scope() as s:
        tickets = {t.organization_id: t for t in s.scalars(select(Ticket))}
        assert tickets[a.id].status.value == "WON" and tickets[b.id].status.value == "OPEN"
    # The same event id in two organisations is two events (ids are unique per organisation).
    assert post_event(client, won, org="org-b", secret="secret-b").json()["duplicate"] is False


def test_accepted_even_when_the_queue_is_down(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    def enqueue_to_dead_redis(event_id: uuid.UUID, *, connection: redis.Redis | None = None) -> None:
        redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5).ping()

    import engine.inbox

    monkeypatch.setattr(engine.inbox, "enqueue_event", enqueue_to_dead_redis)
    with caplog.at_level(logging.WARNING, logger="engine.inbox"):
        r = post_event(client, message_event())
    assert r.status_code == 202 and "sweeper will re-enqueue" in caplog.text
    with session_scope() as s:
        assert s.scalars(select(Event)).one().status is EventStatus.RECEIVED


# ------------------------------------------------------------------------------ what the database can store
def test_event_bodies_the_database_cannot_store_are_400_naming_the_problem(client: TestClient) -> None:
    nul = json.dumps(message_event("n1", message={"id": "m", "from": "lead", "text": "oi\u0000"})).encode()
    surrogate = json.dumps(message_event("s1")).replace("Oi, quanto", "Oi \\ud800 quanto").encode()
    deep_attr: Any = "x"
    for _ in range(40):
        deep_attr = {"k": deep_attr}
    cases: list[tuple[bytes, str, str | None]] = [
        (nul, "NUL character", "message.text"),
        (surrogate, "lone UTF-16 surrogate", "message.text"),
        (json.dumps(message_event("d1", ticket={"ref": "T-1", "attribution": {"x": deep_attr}})).encode(),
         "nested deeper than 32", "ticket.attribution.x.k.k.k"),
        (b"[" * 100_000 + b"]" * 100_000, "nested deeper than 32", None),
        (json.dumps(message_event("v1")).replace('"ref": "T-1"', '"ref": "T-1", "value": ' + "9" * 5000).encode(),
         "number with 5000 characters", "ticket.value"),
        (json.dumps(message_event("t1", occurred_at="0001-01-01T00:00:00+00:00")).encode(), "before 2000", "occurred_at"),
        (json.dumps(message_event("t2", occurred_at="9999-12-31T23:59:59-03:00")).encode(), "in the future", "occurred_at"),
        (json.dumps(message_event("l1", contact={"phone": "+5511999990000", "name": "x" * 201})).encode(),
         "at most 200 characters", "contact.name"),
        (json.dumps(message_event("l2", ticket={"ref": "T" * 129})).encode(), "at most 128 characters", "ticket.ref"),
    ]
    for body, fragment, field in cases:
        r = post_event(client, body)
        assert r.status_code == 400 and r.headers["content-type"] == "application/json", (fragment, r.text)
        err = r.json()["error"]
        assert fragment in err["message"] and (err.get("field") or "").startswith(field or ""), (fragment, err)
        assert (field is None) is ("field" not in err), err
    assert events_count() == 0


def test_one_bad_whatsapp_item_never_refuses_the_batch(client: TestClient, orgs: tuple[Organization, Organization]) -> None:
    envelope = json.loads((FIXTURES / "meta_message_referral.json").read_text())
    value = envelope["entry"][0]["changes"][0]["value"]
    good = value["messages"][0]
    value["contacts"][0]["profile"]["name"] = "N" * 300
    good["referral"]["ctwa_clid"] = "c" * 300
    nul = {**good, "id": "wamid.nul", "text": {"body": "oi\u0000 tudo bem"}}
    del nul["referral"]
    future = {**nul, "id": "wamid.future", "timestamp": "999999999999", "text": {"body": "oi"}}
    broken = {"from": "5511999990000", "timestamp": "1750857390", "type": "text"}  # no id
    value["messages"] += [nul, future, broken]
    body = json.dumps(envelope).encode()
    r = post_webhook(client, body)
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 3 and len(r.json()["errors"]) == 1, r.json()  # the item without an id
    with session_scope() as s:
        events = {e.external_id: e for e in s.scalars(select(Event))}
    notes = events["wamid.nul"].payload["message"]["copilot_notes"]
    assert events["wamid.nul"].payload["message"]["text"]["body"] == "oi tudo bem" and "NUL" in notes[0]
    assert "replaced by the receipt time (was 999999999999)" in events["wamid.future"].payload["message"]["copilot_notes"][0]
    first = events[WAMID_IN].payload
    assert "ctwa_clid" not in first["message"]["referral"] and "dropped" in first["message"]["copilot_notes"][0]
    run_worker_step()  # the worker can store every accepted item
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 3
        assert s.scalar(select(Contact.name)) == "N" * 200
    assert post_webhook(client, body).json()["duplicates"] == 3  # redelivery: nothing twice


def test_database_outage_is_503_json_with_retry_after(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere")
    get_settings.cache_clear()
    r = post_event(client, message_event())
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.json()["error"]["code"] == "unavailable"
    r = post_webhook(client, (FIXTURES / "meta_message_referral.json").read_bytes())
    assert r.status_code == 503 and r.headers["retry-after"] == "5"


def test_access_log_drops_the_handshake_query_string() -> None:
    import engine.ingest.app as api

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/webhooks/whatsapp?hub.verify_token=s3cr3t&hub.mode=x",
                                "1.1", 200), None)
    assert any(f.filter(record) for f in logging.getLogger("uvicorn.access").filters
               if isinstance(f, api._NoQueryInAccessLog))
    assert "s3cr3t" not in record.getMessage() and "/webhooks/whatsapp" in record.getMessage()
