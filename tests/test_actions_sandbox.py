"""The demo's Meta sandbox: a real process on 127.0.0.1 answering the runner's Purchase (labelled sandbox)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from loop_support import AUDITOR, GHOST, apply, make_insight, make_org, make_ticket, rows

from engine.actions.runner import execute_action
from engine.actions.sandbox import app
from engine.db import session_scope


def test_sandbox_refuses_what_meta_refuses() -> None:
    client = TestClient(app)
    old = {"event_name": "Purchase", "event_time": 1, "user_data": {"ctwa_clid": "x"}}
    r = client.post("/v25.0/ds/events", data={"data": '[{"event_name": "Lead", "event_time": 1}]'})
    assert r.status_code == 400 and r.json()["error"]["error_subcode"] == 2804066
    r = client.post("/v25.0/ds/events", json={"data": [old]})
    assert r.json()["error"]["error_subcode"] == 2804003
    r = client.post("/v25.0/aud/users", data={"payload": '{"schema": "PHONE_SHA256", "data": ["a"]}'})
    assert r.json()["num_received"] == 1 and r.json()["sandbox"] is True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_demo_purchase_through_the_sandbox_process(committed_db, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.config import get_settings

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "engine.actions.sandbox", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/docs", timeout=0.2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        monkeypatch.setenv("META_SANDBOX", "1")
        monkeypatch.setenv("META_SANDBOX_URL", f"http://127.0.0.1:{port}")
        get_settings.cache_clear()
        with session_scope() as s:
            org = make_org(s, keys=("capi_auditor", "ghosting_sentinel"), meta={})  # no real credentials
            t = make_ticket(s, org)
            [purchase] = apply(s, make_insight(s, org, "capi_auditor", t, AUDITOR))
            [add] = apply(s, make_insight(s, org, "ghosting_sentinel", t, GHOST))
        assert execute_action(purchase).status == "SENT"
        assert execute_action(add).status == "SENT"
        with session_scope() as s:
            sent = {r.kind: r for r in rows(s, org.id)}
            resp = sent["capi_event"].response
            assert resp["sandbox"] is True and resp["events_received"] == 1
            assert resp["fbtrace_id"].startswith("SANDBOX") and resp["test_event_code"] == "SANDBOX"
            assert sent["capi_event"].request["http"]["sandbox"] is True
            assert sent["audience_add"].response["num_received"] == 2  # both ninth-digit forms of the mobile
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        get_settings.cache_clear()
