"""The ingest API (FastAPI): WhatsApp Cloud API webhooks, CRM system events, health.

Run it with ``copilot api`` (uvicorn). OpenAPI docs at ``/docs``. Every accepted event is
committed to the inbox before the 2xx; processing happens in the worker.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine.config import get_settings
from engine.inbox import inbox_transaction
from engine.ingest.intake import org_credentials, submit_webhook, system_event_item
from engine.ingest.limits import BadJson, load_json
from engine.ingest.schemas import (
    ErrorResponse,
    EventAccepted,
    SystemEvent,
    WebhookAccepted,
    WebhookEnvelope,
    describe_validation_error,
)
from engine.ingest.signature import verify

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5  # 503 answers while PostgreSQL or Redis is down


class _NoQueryInAccessLog(logging.Filter):
    """Uvicorn's access log without query strings: Meta's handshake carries the verify token there."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


logging.getLogger("uvicorn.access").addFilter(_NoQueryInAccessLog())

DESCRIPTION = """
Entry point of the event pipeline. Every accepted event is **committed to the inbox before the
2xx** (nothing acknowledged is lost) and processed asynchronously by the worker.

* **Errors** are JSON: `{"error": {"code": "...", "message": "...", "field": "..."}}` —
  400 invalid JSON or schema (`field` names the problem: also NUL characters, lone surrogates,
  nesting deeper than 32, numbers longer than 40 characters, times before 2000 or more than a day
  ahead), 401 bad or missing signature, 413 body over 256 KB, 503 not configured or database /
  Redis down (with `Retry-After`: nothing was stored, retry).
* **WhatsApp deliveries are never refused for one bad item**: what cannot be stored as it is gets
  cleaned or clamped (NULs removed, out-of-range timestamps replaced by the receipt time, over-long
  profile names truncated, over-long referral ids dropped) and the stored item says so in
  `copilot_notes`.
* **Duplicates** (same event id, same WhatsApp message id, same status of the same message)
  answer 200 with `duplicate: true` and are not processed again.
"""

WEBHOOK_DOC = """
WhatsApp Cloud API webhook (Meta). The `X-Hub-Signature-256` header (`sha256=<hex>`, HMAC-SHA256 of
the **raw body** with the app secret `WHATSAPP_APP_SECRET`) is verified before the body is parsed.
Inbound messages of every type (text, media, interactive and button replies, reactions, ...) and
status notifications are stored as one inbox event each (dedupe per message id and per
`message id + status`). `metadata.phone_number_id` selects the organisation. **A number that no
organisation owns is answered 200 with `ignored`** (and logged): Meta retries non-200 answers for
days, and retrying cannot make an unknown number known.
"""

EVENTS_DOC = """
System event from the CRM. Headers: `X-Copilot-Org: <organisation slug>` and
`X-Copilot-Signature: sha256=<hex HMAC-SHA256 of the raw body with the organisation's events secret>`.
An unknown organisation gets the same 401 as a bad signature.

`type` is one of MESSAGE_SENT (seller/bot message), MESSAGE_RECEIVED (lead message; lets the CRM
feed conversations without WhatsApp), TICKET_WON, TICKET_LOST (`reason`), TICKET_MOVED (`ticket.stage`;
`ticket.status: OPEN` reopens), TICKET_ASSIGNED (`ticket.seller`), MACRO_BUTTON_CLICKED (`agent`:
template key or agent id — runs that agent on the ticket now). The first event of a ticket must be
a message and carry `contact.phone`; `ticket.attribution` is kept the first time it is seen.
`id` is unique per organisation: the same id again answers 200 `duplicate: true`. New events: 202.
"""

@asynccontextmanager
async def _lifespan(_: FastAPI) -> AsyncIterator[None]:
    yield


app = FastAPI(title="Copilot 2.0 — ingest API", version="1.0", description=DESCRIPTION, lifespan=_lifespan)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def _error(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if field:
        body["field"] = field
    return JSONResponse({"error": body}, status_code=status)


@app.exception_handler(ApiError)
async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
    return _error(exc.status, exc.code, exc.message, exc.field)


@app.exception_handler(StarletteHTTPException)
async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    return _error(exc.status_code, "http_error", str(exc.detail))


@app.exception_handler(OperationalError)
@app.exception_handler(InterfaceError)
@app.exception_handler(redis.exceptions.ConnectionError)
@app.exception_handler(redis.exceptions.TimeoutError)
async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
    """The database or Redis is away: nothing was acknowledged, the sender should retry."""
    log.warning("ingest refused while a dependency is down: %s", type(exc).__name__)
    response = _error(503, "unavailable", "a database or queue server is unavailable; retry later")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@app.exception_handler(Exception)
async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    """Anything else is a bug; the client still gets JSON (the traceback goes to the log, not to it)."""
    log.error("ingest request failed: %s", type(exc).__name__, exc_info=exc)
    return _error(500, "internal_error", "unexpected server error; it has been logged")


@app.exception_handler(RequestValidationError)
async def _request_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    return _error(400, "invalid_request", str(first["msg"]), ".".join(str(p) for p in first["loc"]) or None)


async def _read_body(request: Request) -> bytes:
    """The raw body, refused with 413 past ``max_body_bytes`` even without a Content-Length."""
    limit = get_settings().max_body_bytes
    too_big = ApiError(413, "body_too_large", f"request body is larger than {limit} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(body: bytes, model: type[BaseModel], *, lenient: bool = False) -> Any:
    """Parse and validate a body within what the database can store (``engine.ingest.limits``)."""
    try:
        data = load_json(body, lenient=lenient)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        where = f" at line {err.lineno}, column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
        raise ApiError(400, "invalid_json", f"body is not valid JSON{where}") from None
    except BadJson as err:
        raise ApiError(400, "invalid_json", err.reason, err.field) from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_schema", "body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        field, message = describe_validation_error(err)
        raise ApiError(400, "invalid_schema", message, field) from None


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Invalid JSON or schema (`field` names the problem)"},
    401: {"model": ErrorResponse, "description": "Bad or missing signature"},
    413: {"model": ErrorResponse, "description": "Body over 256 KB"},
}


# ------------------------------------------------------------------------------ WhatsApp
@app.get("/webhooks/whatsapp", response_class=PlainTextResponse, tags=["whatsapp"],
         summary="Meta verification handshake",
         responses={403: {"description": "Wrong mode or verify token"}})
def whatsapp_verify(
    mode: str = Query("", alias="hub.mode"),
    verify_token: str = Query("", alias="hub.verify_token"),
    challenge: str = Query("", alias="hub.challenge", max_length=1024),
) -> PlainTextResponse:
    """Answer Meta's subscription check: 200 with the raw challenge when the token matches."""
    expected = get_settings().whatsapp_verify_token
    ok = expected is not None and hmac.compare_digest(
        verify_token.encode(), expected.get_secret_value().encode())
    if mode != "subscribe" or not ok:
        return PlainTextResponse("forbidden", status_code=403)
    return PlainTextResponse(challenge)


@app.post("/webhooks/whatsapp", response_model=WebhookAccepted, tags=["whatsapp"],
          summary="WhatsApp Cloud API webhook", description=WEBHOOK_DOC,
          responses={**_ERRORS, 503: {"model": ErrorResponse, "description": "App secret not configured"}},
          openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/WebhookEnvelope"}}}}})
async def whatsapp_webhook(request: Request) -> WebhookAccepted:
    body = await _read_body(request)
    secret = get_settings().whatsapp_app_secret
    if secret is None:
        log.error("WhatsApp webhook refused: WHATSAPP_APP_SECRET is not set")
        raise ApiError(503, "not_configured", "WHATSAPP_APP_SECRET is not configured")
    header = request.headers.get("x-hub-signature-256")
    if not header:
        raise ApiError(401, "missing_signature", "X-Hub-Signature-256 header is missing")
    if not verify(secret.get_secret_value(), body, header):
        raise ApiError(401, "bad_signature", "X-Hub-Signature-256 does not match the body")
    envelope = _parse(body, WebhookEnvelope, lenient=True)
    outcome = await run_in_threadpool(submit_webhook, envelope)
    return WebhookAccepted(accepted=outcome.accepted, duplicates=outcome.duplicates, ignored=outcome.ignored,
                           errors=outcome.errors)


# ------------------------------------------------------------------------------ CRM events
def _accept_system_event(slug: str, signature: str, body: bytes) -> EventAccepted:
    # One transaction: organisation lookup, signature check, then the inbox insert and commit.
    with inbox_transaction() as batch:
        org = org_credentials(slug, batch.conn)
        # Same check, same answer for an unknown organisation and a wrong signature.
        if not verify(org.events_secret if org else None, body, signature) or org is None:
            raise ApiError(401, "bad_signature", "X-Copilot-Signature does not match (organisation or secret)")
        event: SystemEvent = _parse(body, SystemEvent)
        result = batch.accept(system_event_item(org.id, event))
    return EventAccepted(event_id=str(result.event_id), duplicate=result.duplicate)


@app.post("/v1/events", status_code=202, response_model=EventAccepted, tags=["events"],
          summary="CRM system event", description=EVENTS_DOC,
          responses={200: {"model": EventAccepted, "description": "Duplicate: already received"}, **_ERRORS},
          openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/SystemEvent"}}}},
              "parameters": [
                  {"name": "X-Copilot-Org", "in": "header", "required": True, "schema": {"type": "string"},
                   "description": "Organisation slug"},
                  {"name": "X-Copilot-Signature", "in": "header", "required": True,
                   "schema": {"type": "string"}, "description": "sha256=<hex HMAC-SHA256 of the raw body>"}]})
async def post_event(request: Request) -> JSONResponse:
    body = await _read_body(request)
    slug = request.headers.get("x-copilot-org")
    signature = request.headers.get("x-copilot-signature")
    if not slug or not signature:
        raise ApiError(401, "missing_signature", "X-Copilot-Org and X-Copilot-Signature headers are required")
    accepted = await run_in_threadpool(_accept_system_event, slug, signature, body)
    return JSONResponse(accepted.model_dump(), status_code=200 if accepted.duplicate else 202)


# ------------------------------------------------------------------------------ health
def _check_health() -> dict[str, str]:
    import redis
    from sqlalchemy import text

    from engine.db import get_engine

    out: dict[str, str] = {}
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        out["db"] = "ok"
    except Exception as err:  # noqa: BLE001 - reported, not raised
        out["db"] = f"error: {type(err).__name__}"
    try:
        client = redis.Redis.from_url(get_settings().redis_url, socket_timeout=2, socket_connect_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
        out["redis"] = "ok"
    except Exception as err:  # noqa: BLE001
        out["redis"] = f"error: {type(err).__name__}"
    return out


@app.get("/healthz", tags=["health"], summary="Database and Redis reachability",
         responses={503: {"description": "One of them is down"}})
async def healthz() -> JSONResponse:
    """`{"db": "ok", "redis": "ok"}`; 503 when one of them is not ok."""
    status = await run_in_threadpool(_check_health)
    return JSONResponse(status, status_code=200 if all(v == "ok" for v in status.values()) else 503)


# ------------------------------------------------------------------------------ OpenAPI
def _openapi() -> dict[str, Any]:
    """The generated schema plus the request bodies read from the raw stream (not by FastAPI)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (SystemEvent, WebhookEnvelope):
        js = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(js.pop("$defs", {}))
        components[model.__name__] = js
    app.openapi_schema = schema
    return schema


app.openapi = _openapi  # type: ignore[method-assign]
