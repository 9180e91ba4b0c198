"""A local stand-in for Meta's Graph API, for the demo (``COPILOT_META_SANDBOX=1``): SANDBOX, not Meta.

Run: ``python -m engine.actions.sandbox --port 8799``. It answers like Meta's documented shapes —
``/{dataset}/events`` -> ``{"events_received", "messages", "fbtrace_id"}``, ``/{audience}/users``
-> ``{"audience_id", "session_id", "num_received", ...}``, ``act_{id}/insights`` -> ``{"data": []}``
— refuses what Meta refuses (events older than 7 days, event names other than the five accepted
for business_messaging, missing ctwa_clid) with the Graph error envelope, labels every answer
``"sandbox": true`` and logs each request on stdout. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from engine.actions.binding import CAPI_EVENT_NAMES

log = logging.getLogger("meta-sandbox")
app = FastAPI(title="Meta Graph API — SANDBOX (Copilot demo)")
WINDOW_SECONDS = 7 * 24 * 3600


def _trace() -> str:
    return f"SANDBOX{uuid.uuid4().hex[:12]}"


def _error(status: int, message: str, *, code: int = 100, subcode: int | None = None,
           user_msg: str | None = None) -> JSONResponse:
    err: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": _trace(),
                           "sandbox": True}
    if subcode is not None:
        err["error_subcode"] = subcode
    if user_msg:
        err["error_user_msg"] = user_msg
    return JSONResponse({"error": err}, status_code=status)


async def _params(request: Request) -> dict[str, Any]:
    """Form or JSON body (POST) or query string (GET/DELETE), JSON-encoded values decoded."""
    raw: dict[str, Any] = dict(request.query_params)
    body = await request.body()
    if body:
        if "json" in (request.headers.get("content-type") or ""):
            raw.update(json.loads(body))
        else:
            from urllib.parse import parse_qsl

            raw.update(dict(parse_qsl(body.decode(), keep_blank_values=True)))
    out: dict[str, Any] = {}
    for k, v in raw.items():
        if isinstance(v, str) and v[:1] in "[{":
            try:
                v = json.loads(v)
            except ValueError:
                pass
        out[k] = v
    out.pop("access_token", None)
    return out


@app.post("/{version}/{dataset_id}/events")
async def events(version: str, dataset_id: str, request: Request) -> JSONResponse:
    params = await _params(request)
    data = params.get("data")
    log.info("SANDBOX CAPI %s %s: %s", version, dataset_id, json.dumps(params, ensure_ascii=False)[:2000])
    if not isinstance(data, list) or not data:
        return _error(400, "(#100) The parameter data is required")
    now = time.time()
    for ev in data:
        if ev.get("event_name") not in CAPI_EVENT_NAMES:
            return _error(400, "Invalid parameter", subcode=2804066,
                          user_msg=f"event_name {ev.get('event_name')!r} não é aceito para business_messaging")
        if int(ev.get("event_time") or 0) < now - WINDOW_SECONDS:
            return _error(400, "Invalid parameter", subcode=2804003,
                          user_msg="event_time mais antigo que 7 dias")
        if not (ev.get("user_data") or {}).get("ctwa_clid"):
            return _error(400, "Invalid parameter", subcode=2804087, user_msg="ctwa_clid ausente ou inválido")
    return JSONResponse({"events_received": len(data), "messages": [], "fbtrace_id": _trace(), "sandbox": True,
                         "test_event_code": params.get("test_event_code")})


@app.api_route("/{version}/{audience_id}/users", methods=["POST", "DELETE"])
async def users(version: str, audience_id: str, request: Request) -> JSONResponse:
    params = await _params(request)
    payload = params.get("payload") or {}
    rows = payload.get("data") or []
    log.info("SANDBOX AUDIENCE %s %s: %d rows", request.method, audience_id, len(rows))
    if payload.get("schema") not in ("PHONE_SHA256", ["PHONE_SHA256"]):
        return _error(400, "Invalid parameter", user_msg="schema deve ser PHONE_SHA256")
    if len(rows) > 10_000:
        return _error(400, "Too many rows", user_msg="no máximo 10.000 linhas por requisição")
    return JSONResponse({"audience_id": audience_id, "session_id": str(uuid.uuid4().int % 10**12),
                         "num_received": len(rows), "num_invalid_entries": 0, "invalid_entry_samples": {},
                         "sandbox": True})


@app.get("/{version}/{account_id}/insights")
async def insights(version: str, account_id: str) -> JSONResponse:
    log.info("SANDBOX INSIGHTS %s", account_id)
    return JSONResponse({"data": [], "sandbox": True})


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    parser = argparse.ArgumentParser(description="Meta Graph API sandbox (demo only)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
