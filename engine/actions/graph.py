"""The Graph API client for one organisation, built on the facebook-business SDK.

The SDK is used without ``FacebookAdsApi.init``: ``init`` sets a process-wide default API (wrong
with one token per organisation) and enables the SDK's crash reporter, which posts tracebacks to
Meta. Instead each call gets its own ``FacebookSession`` whose ``GRAPH`` base URL comes from
settings (``meta_graph_base_url``, or the local sandbox when ``meta_sandbox`` is on), so tests and
the demo talk to a stand-in on 127.0.0.1 through the very same code path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests
from facebook_business.api import FacebookAdsApi, FacebookResponse, _top_level_param_json_encode
from facebook_business.exceptions import FacebookRequestError
from facebook_business.session import FacebookSession

from engine.config import Settings, get_settings
from engine.errors import CopilotError
from engine.org_settings import MetaSettings
from engine.vault import unseal

SANDBOX_TOKEN = "sandbox-token"
SANDBOX_DATASET = "sandbox-dataset"
SANDBOX_AUDIENCE = "sandbox-audience"
SANDBOX_TEST_CODE = "SANDBOX"
SANDBOX_WABA = "sandbox-waba"
# Graph error codes Meta documents as temporary (rate limits, service hiccups): retry with backoff.
TRANSIENT_CODES = {1, 2, 4, 17, 32, 341, 368, 613, 80004}
# HTTP answers that no retry can fix, with the pt-BR reason shown when Meta sends no message.
PERMANENT_HTTP = {
    400: "requisição recusada pela Meta (HTTP 400)",
    413: "requisição grande demais para a Meta (HTTP 413): reduza o lote",
    414: "URL longa demais (HTTP 414): o lote não cabe na URL; reduza o lote",
}


class GraphError(CopilotError):
    """A Graph call failed. ``transient`` says whether a retry may succeed; ``to_json`` is what we store."""

    def __init__(self, message: str, *, transient: bool, http_status: int | None = None, code: int | None = None,
                 subcode: int | None = None, fbtrace_id: str | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.http_status = http_status
        self.code = code
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id
        self.body = body

    def to_json(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "code": self.code, "error_subcode": self.subcode,
                          "fbtrace_id": self.fbtrace_id, "http_status": self.http_status,
                          "transient": self.transient}, "body": self.body}

    def describe(self) -> str:
        """One pt-BR line for the console: Meta's message with its code/subcode."""
        codes = "/".join(str(c) for c in (self.code, self.subcode) if c is not None)
        return f"Meta: {self.message}" + (f" (código {codes})" if codes else "")


@dataclass(frozen=True)
class GraphTarget:
    """Where and as whom to call the Graph API for one organisation."""

    base_url: str
    api_version: str
    access_token: str
    sandbox: bool
    timeout: float = 20.0


def graph_target(meta: MetaSettings, settings: Settings | None = None) -> GraphTarget | None:
    """The org's target; None when no token is configured (and not in sandbox mode)."""
    settings = settings or get_settings()
    if settings.meta_sandbox:
        return GraphTarget(base_url=settings.meta_sandbox_url.rstrip("/"), api_version=settings.meta_api_version,
                           access_token=unseal(meta.access_token) or SANDBOX_TOKEN, sandbox=True)
    token = unseal(meta.access_token)  # stored Fernet-encrypted when SECRETS_KEY is set (engine.vault)
    if not token:
        return None
    return GraphTarget(base_url=settings.meta_graph_base_url.rstrip("/"), api_version=settings.meta_api_version,
                       access_token=token, sandbox=False)


def api_for(target: GraphTarget) -> FacebookAdsApi:
    """A per-call SDK API object pointed at ``target.base_url`` (no global state, no crash reporter)."""
    session = FacebookSession(access_token=target.access_token, timeout=target.timeout)
    session.GRAPH = target.base_url  # instance attribute shadows the class constant
    return FacebookAdsApi(session, api_version=target.api_version)


def _from_sdk_error(err: FacebookRequestError) -> GraphError:
    status = err.http_status()
    body = err.body()
    if isinstance(body, str | bytes):
        try:
            body = json.loads(body)
        except ValueError:
            body = {"raw": body[:2000] if isinstance(body, str) else body[:2000].decode(errors="replace")}
    code = err.api_error_code()
    payload = body.get("error", {}) if isinstance(body, dict) else {}
    transient = (status is not None and (status >= 500 or status == 429)) or code in TRANSIENT_CODES \
        or bool(payload.get("is_transient"))
    if status in (413, 414) or (status == 400 and code not in TRANSIENT_CODES and not payload.get("is_transient")):
        transient = False  # the request itself is wrong (Meta's rate limits come as 400 + a transient code)
    message = err.api_error_message() or payload.get("message") or PERMANENT_HTTP.get(status or 0) or f"HTTP {status}"
    user_msg = payload.get("error_user_msg")
    if user_msg and user_msg not in message:
        message = f"{message} — {user_msg}"
    return GraphError(message, transient=transient, http_status=status, code=code,
                      subcode=err.api_error_subcode(), fbtrace_id=payload.get("fbtrace_id"), body=body)


@contextmanager
def sdk_errors() -> Iterator[None]:
    """Turn the SDK's exceptions (and network errors) into GraphError inside the block."""
    try:
        yield
    except FacebookRequestError as err:
        raise _from_sdk_error(err) from None
    except requests.RequestException as err:
        raise GraphError(f"falha de rede ao falar com a Meta: {type(err).__name__}", transient=True) from None


def _body_call(api: FacebookAdsApi, target: GraphTarget, method: str, path: tuple[str, ...],
               params: dict[str, Any]) -> FacebookResponse:
    """POST or DELETE with every parameter, the access token included, in the form body.

    The SDK puts the token in the query string of every request and a DELETE's whole payload there
    too: a 10,000-hash removal becomes a ~730 KB URL that servers refuse (414). Meta documents
    ``DELETE /{audience}/users`` with a form body (``curl -X DELETE -F payload=... -F access_token=...``)."""
    url = "/".join((target.base_url, target.api_version, *map(str, path)))
    data = _top_level_param_json_encode({**params, "access_token": target.access_token})
    headers = dict(FacebookAdsApi.HTTP_DEFAULT_HEADERS)
    session = api._session
    session.requests.params.pop("access_token", None)  # never in the URL
    response = session.requests.request(method, url, data=data, headers=headers, timeout=session.timeout)
    fb_response = FacebookResponse(body=response.text, headers=response.headers, http_status=response.status_code,
                                   call={"method": method, "path": url, "params": {}, "headers": headers, "files": {}})
    if fb_response.is_failure() or response.status_code >= 400:
        # The SDK reads any non-empty JSON body without "error" as success, whatever the status.
        raise FacebookRequestError("Call was not successful", fb_response._call, response.status_code,
                                   response.headers, response.text)
    return fb_response


def call(target: GraphTarget, method: str, path: tuple[str, ...], params: dict[str, Any]) -> dict[str, Any]:
    """One Graph call; returns the JSON body or raises GraphError (network errors are transient).

    POST and DELETE carry their parameters and the access token in the body (see ``_body_call``)."""
    api = api_for(target)
    with sdk_errors():
        if method in ("POST", "DELETE"):
            response = _body_call(api, target, method, path, params)
        else:
            response = api.call(method, path, params=params)
            if response.status() >= 400:  # e.g. an HTML 414 page, which the SDK reads as success
                raise _from_sdk_error(FacebookRequestError("Call was not successful", {}, response.status(),
                                                           response.headers(), response.body()))
    body = response.json()
    if not isinstance(body, dict):
        raise GraphError("resposta da Meta não é um objeto JSON", transient=True, body=body)
    return body
