"""A real OpenAI-compatible HTTP server for tests and benchmarks (``POST /v1/chat/completions``).

Runs uvicorn in a background thread on 127.0.0.1 and a free port. Each test scripts its replies
(a queue of ``Reply``: status, content, delay); every request body is recorded so tests can assert
on what the gateway actually sent. With an empty script the server answers a schema-valid object
derived from the JSON Schema in the request (``response_format`` or the system message), which is
what ``bench/model_server.py`` serves to a load benchmark.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

SCHEMA_MARKER = "Esquema JSON da resposta:"
TRANSCRIPT_LINE = re.compile(r"^\[#([^\]]+)\] (?:\[[^\]]*\] )?[^:\n]+: (?:\[\w+\] )?(.+)$", re.MULTILINE)


# ------------------------------------------------------------------------------ schema -> example
def example_from_schema(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """A value that validates against ``schema``: enums -> first value, numbers -> minimum or 0,
    booleans false, strings "ok", arrays [] (or ``minItems`` examples), objects -> every property."""
    root = root if root is not None else schema
    if "$ref" in schema:
        ref = schema["$ref"]
        target: Any = root
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        return example_from_schema(target, root)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [o for o in schema[key] if o.get("type") != "null"] or schema[key]
            return example_from_schema(options[0], root)
    if "allOf" in schema:
        return example_from_schema(schema["allOf"][0], root)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        return {name: example_from_schema(sub, root) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        count = int(schema.get("minItems", 0))
        return [example_from_schema(schema.get("items", {}), root) for _ in range(count)]
    if kind in ("number", "integer"):
        value = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        if "exclusiveMinimum" in schema and "minimum" not in schema:
            value += 1
        if "maximum" in schema and value > schema["maximum"]:
            value = schema["maximum"]
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return "ok"


def schema_from_request(body: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON Schema a request asks for: ``response_format.json_schema.schema``, else the first
    JSON object with ``properties`` in the system message."""
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        schema = (fmt.get("json_schema") or {}).get("schema")
        if isinstance(schema, dict):
            return schema
    decoder = json.JSONDecoder()
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") != "system" or not isinstance(content, str):
            continue
        start = content.find(SCHEMA_MARKER)
        text = content[start:] if start >= 0 else content
        for i, ch in enumerate(text):
            if ch != "{":
                continue
            try:
                obj, _ = decoder.raw_decode(text, i)
            except ValueError:
                continue
            if isinstance(obj, dict) and "properties" in obj:
                return obj
    return None


# ------------------------------------------------------------------------------ scripted replies
@dataclass
class Reply:
    """One scripted answer. ``content`` None -> a schema-valid object for the request."""

    content: str | None = None
    status: int = 200
    delay_s: float = 0.0
    prompt_tokens: int = 100
    completion_tokens: int = 20
    headers: dict[str, str] = field(default_factory=dict)
    # A scripted JSON object without "citations" gets a valid one (the last transcript line) when the
    # request's schema asks for it: tests about other fields need not spell out the evidence.
    auto_cite: bool = True

    @classmethod
    def json(cls, obj: Any, **kwargs: Any) -> Reply:
        return cls(content=json.dumps(obj, ensure_ascii=False), **kwargs)

    @classmethod
    def error(cls, status: int, **kwargs: Any) -> Reply:
        return cls(status=status, **kwargs)


ERROR_TYPES = {429: "rate_limit_error", 500: "server_error", 502: "server_error", 503: "server_error",
               400: "invalid_request_error", 401: "invalid_api_key", 404: "not_found_error"}


@dataclass
class StubState:
    script: deque[Reply] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    default_delay_s: float = 0.0
    stopping: bool = False  # delayed replies end early so the server can shut down cleanly
    record_requests: bool = True  # the benchmark server turns this off (memory under load)
    lock: threading.Lock = field(default_factory=threading.Lock)
    ids: itertools.count[int] = field(default_factory=itertools.count)

    def next_reply(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[Reply, int]:
        with self.lock:
            if self.record_requests:
                self.requests.append({"body": body, "headers": headers})
            reply = self.script.popleft() if self.script else Reply(delay_s=self.default_delay_s)
            return reply, next(self.ids)


def transcript_citation(body: dict[str, Any]) -> dict[str, str] | None:
    """A citation that passes the evidence check: the last ``[#id]`` line of the user message, quoted."""
    for message in reversed(body.get("messages", [])):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = TRANSCRIPT_LINE.findall(content)
            if found:
                mid, text = found[-1]
                return {"message_id": mid, "quote": text.strip()[:60].strip()}
    return None


def _with_citation(content: str, body: dict[str, Any]) -> str:
    try:
        obj = json.loads(content)
    except ValueError:
        return content
    schema = schema_from_request(body) or {}
    if not isinstance(obj, dict) or "citations" in obj or "citations" not in schema.get("properties", {}):
        return content
    cited = transcript_citation(body)
    return json.dumps({**obj, "citations": [cited]}, ensure_ascii=False) if cited else content


def completion_body(body: dict[str, Any], reply: Reply, n: int) -> dict[str, Any]:
    content = reply.content
    if content is None:
        schema = schema_from_request(body)
        content = json.dumps(example_from_schema(schema) if schema else {"ok": True}, ensure_ascii=False)
        if schema and "citations" in schema.get("properties", {}):
            obj = json.loads(content)
            obj.pop("citations", None)
            content = json.dumps(obj, ensure_ascii=False)
    if reply.status == 200 and reply.auto_cite:
        content = _with_citation(content, body)
    return {
        "id": f"chatcmpl-stub-{n}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "stub"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
                  "total_tokens": reply.prompt_tokens + reply.completion_tokens},
    }


def create_app(state: StubState) -> FastAPI:
    """The FastAPI app: ``POST /v1/chat/completions`` answering from ``state``'s script."""
    app = FastAPI(title="OpenAI-compatible stub")

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> JSONResponse:
        body = await request.json()
        reply, n = state.next_reply(body, dict(request.headers))
        deadline = time.monotonic() + reply.delay_s
        while not state.stopping and time.monotonic() < deadline:
            await asyncio.sleep(min(0.02, max(0.0, deadline - time.monotonic())))
        if reply.status != 200:
            error = {"message": reply.content or f"stub error {reply.status}",
                     "type": ERROR_TYPES.get(reply.status, "server_error"), "code": str(reply.status)}
            return JSONResponse({"error": error}, status_code=reply.status, headers=reply.headers)
        return JSONResponse(completion_body(body, reply, n), headers=reply.headers)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OpenAIStub:
    """The stub server in a background thread. ``with OpenAIStub() as stub: stub.base_url``."""

    def __init__(self, port: int | None = None, *, default_delay_s: float = 0.0) -> None:
        self.port = port or free_port()
        self.state = StubState(default_delay_s=default_delay_s)
        config = uvicorn.Config(create_app(self.state), host="127.0.0.1", port=self.port, log_level="warning",
                                timeout_graceful_shutdown=1, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="openai-stub", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Recorded request bodies, oldest first."""
        with self.state.lock:
            return [r["body"] for r in self.state.requests]

    def enqueue(self, *replies: Reply) -> None:
        with self.state.lock:
            self.state.script.extend(replies)

    def reset(self) -> None:
        with self.state.lock:
            self.state.script.clear()
            self.state.requests.clear()

    def start(self) -> OpenAIStub:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"OpenAI stub did not start on port {self.port}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.state.stopping = True
        self._server.should_exit = True
        self._thread.join(timeout=5)

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
