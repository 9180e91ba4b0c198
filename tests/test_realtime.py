"""Live publishing: Redis pub/sub subscriber, publish dedupe, and the Centrifugo HTTP API via cent."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select, update
from worker_support import crm_event, drain, fake_analyse, make_org

import engine.offline
from engine import realtime
from engine.config import Settings, get_settings
from engine.db import session_scope
from engine.models import ActionStatus, AiInsight

SCHEMA_KEYS = {"type", "insight_id", "organization_id", "ticket_id", "agent_id", "agent_name", "agent_icon",
               "delivery", "engine", "summary", "payload", "action_status", "created_at", "citations", "uncited", "refreshed_at", "superseded_by"}
API_KEY = "test-centrifugo-key"


def _message(**over: Any) -> dict[str, Any]:
    base = {"type": "insight.created", "insight_id": str(uuid.uuid4()), "organization_id": str(uuid.uuid4()),
            "ticket_id": str(uuid.uuid4()), "agent_id": str(uuid.uuid4()), "agent_name": "Coach",
            "agent_icon": "🎯", "delivery": "SELLER", "engine": "offline", "summary": "Dica",
            "payload": {"tip": "x"}, "action_status": "SUGGESTION", "created_at": "2026-08-12T14:00:00+00:00"}
    return {**base, **over}


def test_subscriber_receives_the_published_insight_on_org_and_ticket_channels(committed_db, redis_conn,
                                                                             monkeypatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)
    org = make_org("icp_mapper")
    crm_event(org, "MESSAGE_RECEIVED", "T-9", connection=redis_conn)
    drain(redis_conn)
    with session_scope() as s:
        from engine.models import Ticket

        ticket_id = s.scalar(select(Ticket.id).where(Ticket.organization_id == org))
    sub = redis_conn.pubsub()
    sub.subscribe(realtime.org_channel(org), realtime.ticket_channel(ticket_id))
    for _ in range(2):
        sub.get_message(timeout=1)
    crm_event(org, "TICKET_WON", "T-9", connection=redis_conn)
    drain(redis_conn)
    got = [m for m in iter(lambda: sub.get_message(timeout=1), None) if m["type"] == "message"]
    assert sorted(m["channel"].decode() for m in got) == sorted(
        [realtime.org_channel(org), realtime.ticket_channel(ticket_id)])
    msg = json.loads(got[0]["data"])
    assert set(msg) == SCHEMA_KEYS
    assert msg["type"] == "insight.created" and msg["organization_id"] == str(org)
    assert msg["ticket_id"] == str(ticket_id) and msg["action_status"] == "SUGGESTION"
    assert msg["agent_name"] == "Mapeador de ICP" or msg["agent_name"]
    assert msg["summary"] and isinstance(msg["payload"], dict) and msg["delivery"] == "DIRECTOR"

    # a retry publishes nothing twice; a status change is a new "insight.updated" message
    iid = msg["insight_id"]
    assert realtime.publish_insight(iid, connection=redis_conn) == []
    with session_scope() as s:
        s.execute(update(AiInsight).where(AiInsight.id == uuid.UUID(iid)).values(
            action_status=ActionStatus.APPLIED, actioned_at=AiInsight.created_at))
    assert realtime.publish_insight(iid, connection=redis_conn) == ["redis"]
    upd = [json.loads(m["data"]) for m in iter(lambda: sub.get_message(timeout=1), None) if m["type"] == "message"]
    assert [(u["type"], u["action_status"]) for u in upd] == [("insight.updated", "APPLIED")] * 2


def test_failed_publish_releases_the_marker_so_the_retry_publishes(redis_conn, monkeypatch) -> None:
    msg = _message()
    calls = {"n": 0}

    def flaky(conn, message):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("boom")
        return 1

    monkeypatch.setattr(realtime, "publish_redis", flaky)
    with pytest.raises(ConnectionError):
        realtime.publish_message(redis_conn, msg, settings=Settings())
    assert realtime.publish_message(redis_conn, msg, settings=Settings()) == ["redis"]
    assert realtime.publish_message(redis_conn, msg, settings=Settings()) == []
    assert calls["n"] == 2


def test_concurrent_publisher_in_flight_makes_the_retry_wait(redis_conn) -> None:
    msg = _message()
    redis_conn.set(realtime.marker_key(msg["insight_id"], "SUGGESTION", "redis"), "inflight", ex=30)
    with pytest.raises(realtime.PublishInFlight):
        realtime.publish_message(redis_conn, msg, settings=Settings())


# ------------------------------------------------------------------------------ Centrifugo
class _Centrifugo:
    """A local HTTP server that checks requests exactly as the Centrifugo HTTP API documents them:
    POST <api>/publish, header X-API-Key, JSON body {"channel", "data", "idempotency_key"}."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.mode = "ok"
        state = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                state.requests.append({"path": self.path, "key": self.headers.get("X-API-Key"),
                                       "ctype": self.headers.get("Content-Type"), "body": body})
                if self.headers.get("X-API-Key") != API_KEY or state.mode == "401":
                    self.send_response(401)
                    self.end_headers()
                    return
                if self.path != "/api/publish" or set(body) - {"channel", "data", "idempotency_key"}:
                    reply: dict[str, Any] = {"error": {"code": 107, "message": "bad request"}}
                elif state.mode == "api-error":
                    reply = {"error": {"code": 102, "message": "unknown channel"}}
                else:
                    reply = {"result": {"offset": len(state.requests), "epoch": "e1"}}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def centrifugo() -> Iterator[_Centrifugo]:
    c = _Centrifugo()
    yield c
    c.server.shutdown()


def _settings(c: _Centrifugo, key: str = API_KEY) -> Settings:
    return Settings(centrifugo_api_url=c.url, centrifugo_api_key=SecretStr(key))


def test_centrifugo_publish_request_is_exactly_the_documented_one(centrifugo, redis_conn) -> None:
    msg = _message()
    assert realtime.publish_message(redis_conn, msg, settings=_settings(centrifugo)) == ["redis", "centrifugo"]
    assert [r["path"] for r in centrifugo.requests] == ["/api/publish", "/api/publish"]
    assert {r["key"] for r in centrifugo.requests} == {API_KEY}
    assert all(r["ctype"] == "application/json" for r in centrifugo.requests)
    assert [r["body"] for r in centrifugo.requests] == [
        {"channel": f"copilot:org_{msg['organization_id']}", "data": msg, "idempotency_key": msg["insight_id"]},
        {"channel": f"copilot:ticket_{msg['ticket_id']}", "data": msg, "idempotency_key": msg["insight_id"]},
    ]
    # a retry sends nothing again
    assert realtime.publish_message(redis_conn, msg, settings=_settings(centrifugo)) == []
    assert len(centrifugo.requests) == 2


@pytest.mark.parametrize("mode", ["api-error", "401"])
def test_centrifugo_errors_raise_and_are_retried(centrifugo, redis_conn, mode) -> None:
    msg = _message(ticket_id=None)
    centrifugo.mode = mode
    with pytest.raises(realtime.PublishError, match="Unauthorized|unknown channel"):
        realtime.publish_message(redis_conn, msg, settings=_settings(centrifugo))
    # Redis pub/sub already went out and is not repeated; Centrifugo is retried and succeeds
    centrifugo.mode = "ok"
    assert realtime.publish_message(redis_conn, msg, settings=_settings(centrifugo)) == ["centrifugo"]
    assert centrifugo.requests[-1]["body"]["channel"] == f"copilot:org_{msg['organization_id']}"


def test_centrifugo_is_used_only_when_url_and_key_are_set(centrifugo) -> None:
    assert realtime.centrifugo_client(Settings()) is None
    assert realtime.centrifugo_client(Settings(centrifugo_api_url=centrifugo.url)) is None
    assert realtime.centrifugo_client(_settings(centrifugo)) is not None
    assert get_settings().centrifugo_api_url is None  # tests never inherit a real one


def test_update_uses_its_own_idempotency_key() -> None:
    created, applied = _message(), _message(type="insight.updated", action_status="APPLIED")
    assert realtime.centrifugo_idempotency_key(created) == created["insight_id"]
    assert realtime.centrifugo_idempotency_key(applied) == f"{applied['insight_id']}:APPLIED"


def test_inline_publish_falls_back_to_the_publish_job(redis_conn, monkeypatch) -> None:
    from engine import queues

    monkeypatch.setattr(realtime, "_centrifugo_backoff_until", 0.0)
    msg = _message()
    assert realtime.publish_now(redis_conn, msg, settings=Settings()) is True  # published inline
    assert queues.get_queue(queues.PUBLISH, redis_conn).count == 0
    held = _message()  # another publisher holds the marker: the job finishes it later
    redis_conn.set(realtime.marker_key(held["insight_id"], "SUGGESTION", "redis"), "inflight", ex=30)
    assert realtime.publish_now(redis_conn, held, settings=Settings()) is False
    assert queues.get_queue(queues.PUBLISH, redis_conn).job_ids == [f"publish_{held['insight_id']}"]


def test_centrifugo_failure_backs_off_inline_and_leaves_it_to_the_job(centrifugo, redis_conn, monkeypatch) -> None:
    from engine import queues

    monkeypatch.setattr(realtime, "_centrifugo_backoff_until", 0.0)
    centrifugo.mode = "api-error"
    first, second = _message(ticket_id=None), _message(ticket_id=None)
    assert realtime.publish_now(redis_conn, first, settings=_settings(centrifugo)) is False
    calls = len(centrifugo.requests)
    # backing off: the next inline publish does Redis only and does not wait on Centrifugo at all
    assert realtime.publish_now(redis_conn, second, settings=_settings(centrifugo)) is False
    assert len(centrifugo.requests) == calls
    assert redis_conn.get(realtime.marker_key(second["insight_id"], "SUGGESTION", "redis")) == b"done"
    assert sorted(queues.get_queue(queues.PUBLISH, redis_conn).job_ids) == sorted(
        f"publish_{m['insight_id']}" for m in (first, second))
