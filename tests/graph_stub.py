"""A local HTTP server standing in for Meta's Graph API (127.0.0.1 only).

It records every request (method, path, query, decoded form/JSON parameters) and answers with
scripted replies, or with Meta's documented success shapes by default:
- ``POST /{v}/{dataset}/events`` -> ``{"events_received": n, "messages": [], "fbtrace_id": ...}``
- ``POST|DELETE /{v}/{audience}/users`` -> ``{"audience_id", "session_id", "num_received",
  "num_invalid_entries": 0, "invalid_entry_samples": {}}``
- ``GET /{v}/act_{id}/insights`` -> the pages given to ``insights_pages`` (cursor paging).
Errors use the Graph envelope ``{"error": {"message","type","code","error_subcode","fbtrace_id"}}``.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def graph_error(message: str, *, code: int = 100, subcode: int | None = None, type_: str = "OAuthException",
                user_title: str | None = None, user_msg: str | None = None,
                fbtrace_id: str = "AStubTrace123") -> dict[str, Any]:
    """Meta's Graph error envelope."""
    err: dict[str, Any] = {"message": message, "type": type_, "code": code, "fbtrace_id": fbtrace_id}
    if subcode is not None:
        err["error_subcode"] = subcode
    if user_title:
        err["error_user_title"] = user_title
    if user_msg:
        err["error_user_msg"] = user_msg
    return {"error": err}


def _decode(value: str) -> Any:
    if value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, Any]
    params: dict[str, Any]  # form (or JSON) body for POST, query for GET/DELETE; JSON values decoded
    content_type: str


@dataclass
class Reply:
    status: int
    body: Any
    delay: float = 0.0


@dataclass
class GraphStub:
    requests: list[Recorded] = field(default_factory=list)
    _script: list[tuple[str, re.Pattern[str], Reply]] = field(default_factory=list)
    insights_pages: list[dict[str, Any]] = field(default_factory=list)
    # Front-end servers refuse long request lines (Meta's answer a 414 page). 0 = no limit.
    max_url: int = 16_384
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def respond(self, method: str, path_regex: str, status: int, body: Any, *, times: int = 1) -> None:
        """Queue ``times`` scripted replies for requests matching method + path regex (first match wins)."""
        for _ in range(times):
            self._script.append((method.upper(), re.compile(path_regex), Reply(status, body)))

    def _scripted(self, method: str, path: str) -> Reply | None:
        with self._lock:
            for i, (m, rx, reply) in enumerate(self._script):
                if m == method and rx.search(path):
                    del self._script[i]
                    return reply
        return None

    def _default(self, rec: Recorded) -> Reply:
        parts = rec.path.strip("/").split("/")
        if rec.method == "POST" and parts[-1] == "events":
            data = rec.params.get("data") or []
            return Reply(200, {"events_received": len(data), "messages": [], "fbtrace_id": "AStubOk"})
        if parts[-1] == "users" and rec.method in ("POST", "DELETE"):
            payload = rec.params.get("payload") or {}
            return Reply(200, {"audience_id": parts[-2], "session_id": "9778993", "num_received":
                               len(payload.get("data") or []), "num_invalid_entries": 0,
                               "invalid_entry_samples": {}})
        if rec.method == "GET" and parts[-1] == "insights":
            after = rec.query.get("after")
            idx = int(after) if after else 0
            if idx >= len(self.insights_pages):
                return Reply(200, {"data": []})
            page = dict(self.insights_pages[idx])
            if idx + 1 < len(self.insights_pages):
                page["paging"] = {"cursors": {"before": str(idx), "after": str(idx + 1)},
                                  "next": f"{self.url}{rec.path}?after={idx + 1}"}
            else:
                page["paging"] = {"cursors": {"before": str(idx), "after": str(idx)}}
            return Reply(200, page)
        return Reply(404, graph_error(f"Unknown path components: {rec.path}", code=2500))

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {k: _decode(v[0]) for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        ctype = handler.headers.get("Content-Type") or ""
        if raw and "json" in ctype:
            params = json.loads(raw)
        elif raw:
            params = {k: _decode(v[0]) for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
        else:
            params = {k: v for k, v in query.items() if k != "access_token"}
        rec = Recorded(handler.command, parts.path, query, params, ctype)
        with self._lock:
            self.requests.append(rec)
        if self.max_url and len(handler.path) > self.max_url:
            reply = Reply(414, "<html><body><h1>414 Request-URI Too Large</h1></body></html>")
        else:
            reply = self._scripted(handler.command, parts.path) or self._default(rec)
        text = isinstance(reply.body, str)  # e.g. a front-end's HTML error page (414)
        body = (reply.body if text else json.dumps(reply.body)).encode()
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "text/html" if text else "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def start(self) -> GraphStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                stub._handle(self)

            do_POST = do_GET  # noqa: N815
            do_DELETE = do_GET  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def of(self, method: str, suffix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.endswith(suffix)]
