"""The litellm client behind ``engine.gateway``: one structured-output call, sync or async.

Imported only when a run really goes to a model (``engine.gateway.generate``/``agenerate`` import it
lazily), so the offline engine, the CLI and the ingest process never load litellm or instructor.

How a call works: instructor (``from_litellm``) validates the answer against the compiled Pydantic
model and re-asks ONCE with the validation error; the transport it wraps owns the wire
(``response_format``, timeout, key, base URL) and retries transient failures (429, 5xx, connection
errors, timeouts) with tenacity's exponential backoff, after taking the route's shared rate limit
(``engine.rate_limits``). Every HTTP response passes through the transport, which sums tokens and
cost over all attempts. ``agenerate_litellm`` is the same call on ``litellm.acompletion``: the
worker's model stage keeps many of them in flight on one event loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import instructor
import litellm
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from engine import citations as evidence
from engine import model_routes, pricing
from engine.config import Settings
from engine.gateway_types import GatewayError, GatewayResult, ModelRoute, Usage
from engine.model_routes import OutputFormat
from engine.rate_limits import ProviderLimits, RateLimited, retry_after_of
from engine.schema_compiler import CompiledSchema

litellm.suppress_debug_info = True  # no "Give Feedback / Get Help" banners on errors
for _hook in ("callbacks", "success_callback", "failure_callback", "input_callback", "service_callback",
              "_async_success_callback", "_async_failure_callback", "_async_input_callback"):
    setattr(litellm, _hook, [])  # no logging integrations: nothing leaves the process but the call itself

log = logging.getLogger(__name__)
# instructor logs every failed attempt at ERROR; the GatewayError raised here carries the same facts.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

VALIDATION_ATTEMPTS = 2  # the first answer + one re-ask carrying the validation error
MAX_RETRY_AFTER_SECONDS = 30.0  # honour a provider's Retry-After up to this
Generation = tuple[int, float]  # max_tokens, temperature


@lru_cache(maxsize=512)
def _response_model(model: type[BaseModel]) -> type[BaseModel]:
    """instructor's wrapper of a compiled schema model, built once per model (instructor would
    otherwise create a new Pydantic class on every call: ~1 ms of CPU each)."""
    return instructor.openai_schema(model)


@dataclass
class _CallLog:
    """What the transport saw across every HTTP attempt of one ``generate`` call."""

    route: ModelRoute
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    price_known: bool = True
    last_raw_output: str | None = None
    format_used: str | None = None
    fell_back: bool = False  # the server refused json_schema: JSON mode + schema in the prompt

    def record(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion = int(getattr(usage, "completion_tokens", 0) or 0)
        cost = None
        if self.route.provider != "openai_compatible":  # a self-hosted server has no list price
            cost = pricing.response_cost(self.route.litellm_model or "", response, prompt, completion)
        self.price_known = self.price_known and cost is not None
        self.usage = self.usage + Usage(prompt, completion, cost or 0.0)
        choices = getattr(response, "choices", None) or []
        if choices:
            self.last_raw_output = getattr(choices[0].message, "content", None)


class _TransportFailure(Exception):
    """A litellm call that still failed after the transient-error retries."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _response_format(fmt: OutputFormat, schema: CompiledSchema) -> dict[str, Any]:
    if fmt == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": schema.model.__name__, "schema": schema.json_schema,
                                                       "strict": False}}
    return {"type": "json_object"}  # the schema is already in the system prompt (engine.prompt)


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, litellm.Timeout | litellm.APIConnectionError | RateLimited):
        return True
    status = getattr(error, "status_code", None)
    return isinstance(status, int) and (status == 429 or status >= 500)


def _retry_after(error: BaseException | None) -> float | None:
    """A provider's ``Retry-After`` (seconds or HTTP date), or the shared limit's own wait."""
    if isinstance(error, RateLimited):
        return error.wait_seconds
    return retry_after_of(error) if error is not None else None


def _backoff(settings: Settings) -> Callable[[RetryCallState], float]:
    # Settings has no backoff field yet; tests shorten it with a Settings subclass declaring one.
    base = settings.model_retry_backoff_seconds
    exponential = wait_exponential_jitter(initial=base, max=base * 16, jitter=base / 2)

    def wait(state: RetryCallState) -> float:
        delay = exponential(state)
        hinted = _retry_after(state.outcome.exception() if state.outcome else None)
        return max(delay, min(hinted, MAX_RETRY_AFTER_SECONDS)) if hinted else delay

    return wait


def _completion_args(route: ModelRoute, schema: CompiledSchema, settings: Settings, fmt: OutputFormat,
                     messages: list[dict[str, Any]], generation: Generation) -> dict[str, Any]:
    max_tokens, temperature = generation
    return dict(model=route.litellm_model, messages=messages, response_format=_response_format(fmt, schema),
                max_tokens=max_tokens, temperature=temperature,
                api_base=route.api_base, api_key=route.api_key, timeout=settings.model_timeout_seconds,
                max_retries=0, num_retries=0,  # tenacity is the only retry layer
                drop_params=True)  # a provider without response_format still gets the schema in the prompt


def _tokens_of(messages: list[dict[str, Any]]) -> int:
    return sum(len(str(m.get("content") or "")) for m in messages) // 3


def _first_format(route: ModelRoute, key: str) -> OutputFormat:
    fmt: OutputFormat = route.output_format
    return "json_object" if fmt == "json_schema" and model_routes.json_schema_refused(key) else fmt


def _fall_back(error: Exception, route: ModelRoute, key: str, calls: _CallLog) -> bool:
    """True when the server refused ``json_schema``: remember it and ask again in JSON mode."""
    if not model_routes.refuses_json_schema(error, key, openai_compatible=route.provider == "openai_compatible"):
        return False
    model_routes.remember_format(key, accepted=False)
    log.warning("modelo %s em %s recusou response_format json_schema (%s): modo JSON daqui em diante",
                route.litellm_model, key, _short(error, 120))
    calls.format_used = "json_object"
    calls.fell_back = True
    return True


def _before_sleep(route: ModelRoute) -> Callable[[RetryCallState], None]:
    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.warning("modelo %s: tentativa %d falhou (%s); nova tentativa", route.litellm_model,
                    state.attempt_number, type(error).__name__)
    return before_sleep


def _retry_policy(route: ModelRoute, settings: Settings) -> dict[str, Any]:
    return dict(stop=stop_after_attempt(settings.model_max_retries + 1), wait=_backoff(settings),
                retry=retry_if_exception(_is_transient), before_sleep=_before_sleep(route), reraise=True)


def _transport(route: ModelRoute, schema: CompiledSchema, settings: Settings, calls: _CallLog,
               generation: Generation) -> Callable[..., Any]:
    """The completion function instructor drives: one logical call, transient failures retried.

    A server that refuses ``json_schema`` (see ``model_routes.refuses_json_schema``) is asked again
    at once in JSON mode (the schema is in the prompt anyway) and remembered per base URL, so a
    local llama.cpp costs one failed request per process, not three retries per run."""
    key = model_routes.format_key(route.api_base, route.litellm_model)
    limits = ProviderLimits(settings)

    def send(messages: list[dict[str, Any]], fmt: OutputFormat) -> Any:
        # Shared per-route limits (requests and tokens per minute, and a 429 back-off) across workers.
        limits.acquire(route.requested, tokens=_tokens_of(messages))
        calls.attempts += 1
        try:
            response = litellm.completion(**_completion_args(route, schema, settings, fmt, messages, generation))
        except Exception as error:
            if getattr(error, "status_code", None) == 429:
                limits.note_429(route.requested, retry_after_of(error))
            raise
        calls.record(response)
        return response

    def call_once(messages: list[dict[str, Any]]) -> Any:
        fmt = _first_format(route, key)
        calls.format_used = fmt
        if fmt != "json_schema":
            return send(messages, fmt)
        try:
            response = send(messages, fmt)
        except Exception as error:
            if not _fall_back(error, route, key, calls):
                raise
            return send(messages, "json_object")
        model_routes.remember_format(key, accepted=True)
        return response

    def completion(**kwargs: Any) -> Any:
        # instructor's own response_format/model are replaced by the route's: the transport owns the wire.
        try:
            return Retrying(**_retry_policy(route, settings))(call_once, list(kwargs["messages"]))
        except Exception as error:
            raise _TransportFailure(error) from error

    return completion


def _atransport(route: ModelRoute, schema: CompiledSchema, settings: Settings, calls: _CallLog,
                generation: Generation) -> Callable[..., Awaitable[Any]]:
    """``_transport`` on ``litellm.acompletion``: the same wire, limits, retries and fallback."""
    key = model_routes.format_key(route.api_base, route.litellm_model)
    limits = ProviderLimits(settings)

    async def send(messages: list[dict[str, Any]], fmt: OutputFormat) -> Any:
        await limits.aacquire(route.requested, tokens=_tokens_of(messages))
        calls.attempts += 1
        try:
            response = await litellm.acompletion(**_completion_args(route, schema, settings, fmt, messages,
                                                                    generation))
        except Exception as error:
            if getattr(error, "status_code", None) == 429:
                limits.note_429(route.requested, retry_after_of(error))
            raise
        calls.record(response)
        return response

    async def call_once(messages: list[dict[str, Any]]) -> Any:
        fmt = _first_format(route, key)
        calls.format_used = fmt
        if fmt != "json_schema":
            return await send(messages, fmt)
        try:
            response = await send(messages, fmt)
        except Exception as error:
            if not _fall_back(error, route, key, calls):
                raise
            return await send(messages, "json_object")
        model_routes.remember_format(key, accepted=True)
        return response

    async def completion(**kwargs: Any) -> Any:
        try:
            return await AsyncRetrying(**_retry_policy(route, settings))(call_once, list(kwargs["messages"]))
        except Exception as error:
            raise _TransportFailure(error) from error

    return completion


def generate_litellm(route: ModelRoute, messages: list[dict[str, str]], schema: CompiledSchema, settings: Settings,
                     started: float, generation: Generation, *, seen: dict[str, str] | None = None) -> GatewayResult:
    """One validated structured-output call (blocking). Raises ``GatewayError``."""
    calls = _CallLog(route)
    client = instructor.from_litellm(_transport(route, schema, settings, calls, generation),
                                     mode=instructor.Mode.JSON_SCHEMA)
    try:
        # The evidence check runs inside instructor's validation (scope, not instructor's ``context``:
        # that would render the prompt, lead text included, as a Jinja template).
        with evidence.evidence_scope(evidence.EvidenceIndex(seen or {})):
            parsed = client.create(response_model=_response_model(schema.model), messages=messages,  # type: ignore[arg-type]
                                   max_retries=VALIDATION_ATTEMPTS - 1)
    except Exception as err:  # noqa: BLE001 - sorted out by _parsed_or_raise
        parsed, dropped = _salvage_or_raise(err, route, calls, schema, seen or {}, settings)
    else:
        dropped = ()
    return _result(route, calls, parsed, dropped, started)


async def agenerate_litellm(route: ModelRoute, messages: list[dict[str, str]], schema: CompiledSchema,
                            settings: Settings, started: float, generation: Generation, *,
                            seen: dict[str, str] | None = None) -> GatewayResult:
    """``generate_litellm`` on ``litellm.acompletion`` (the evidence scope is a context variable, so
    each task validates against its own conversation). Raises ``GatewayError``."""
    calls = _CallLog(route)
    client = instructor.from_litellm(_atransport(route, schema, settings, calls, generation),
                                     mode=instructor.Mode.JSON_SCHEMA, async_client=True)
    try:
        with evidence.evidence_scope(evidence.EvidenceIndex(seen or {})):
            parsed = await client.create(response_model=_response_model(schema.model), messages=messages,  # type: ignore[arg-type]
                                         max_retries=VALIDATION_ATTEMPTS - 1)
    except Exception as err:  # noqa: BLE001 - sorted out by _parsed_or_raise
        parsed, dropped = _salvage_or_raise(err, route, calls, schema, seen or {}, settings)
    else:
        dropped = ()
    return _result(route, calls, parsed, dropped, started)


def _model_name(route: ModelRoute) -> str:
    return route.requested if route.provider == "openai_compatible" else (route.litellm_model or route.requested)


def _salvage_or_raise(err: Exception, route: ModelRoute, calls: _CallLog, schema: CompiledSchema,
                      seen: dict[str, str], settings: Settings) -> tuple[Any, tuple[dict[str, Any], ...]]:
    model_name = _model_name(route)
    if isinstance(err, InstructorRetryException):
        salvaged = _without_bad_citations(err, calls, schema, seen)
        if salvaged is None:
            raise _gateway_error(err, calls, model_name, settings) from err
        return salvaged
    if isinstance(err, IncompleteOutputException):
        raise GatewayError("a resposta do modelo foi cortada (limite de tokens) antes de fechar o JSON",
                           model=model_name, attempts=calls.attempts, last_raw_output=calls.last_raw_output,
                           usage=calls.usage) from err
    if isinstance(err, _TransportFailure):  # defensive: instructor normally wraps it
        raise GatewayError(_describe_transport(err.error, calls.attempts, settings), model=model_name,
                           attempts=calls.attempts, last_raw_output=calls.last_raw_output, usage=calls.usage) from err
    raise err


def _result(route: ModelRoute, calls: _CallLog, parsed: Any, dropped: tuple[dict[str, Any], ...],
            started: float) -> GatewayResult:
    model_name = _model_name(route)
    payload = parsed.model_dump(mode="json")  # already validated against schema.model by instructor
    notes = [] if calls.price_known else [f"preço de {model_name} desconhecido: custo registrado como US$ 0"]
    if calls.fell_back:
        notes.append("o servidor recusou json_schema: modo JSON com o esquema no prompt")
    return GatewayResult(payload=payload, engine="litellm", model=model_name, usage=calls.usage,
                         latency_ms=int((time.perf_counter() - started) * 1000), attempts=calls.attempts,
                         note="; ".join(notes) or None, dropped_citations=dropped)


def _without_bad_citations(err: InstructorRetryException, calls: _CallLog, schema: CompiledSchema,
                           seen: dict[str, str]) -> tuple[Any, tuple[dict[str, Any], ...]] | None:
    """After the re-ask, an answer whose only fault is its evidence is kept with the bad citations
    dropped (the insight is then "sem evidência" if none is left). None: it had other faults."""
    cause = err.__cause__
    if not isinstance(cause, ValidationError) or not calls.last_raw_output:
        return None
    if any(e.get("type") != evidence.ERROR_TYPE for e in cause.errors()):
        return None
    raw = calls.last_raw_output.strip()
    if raw.startswith("```"):  # a fenced answer (instructor accepts those too)
        raw = raw.strip("`").removeprefix("json").strip()
    index = evidence.EvidenceIndex(seen, drop_invalid=True)
    try:
        parsed = schema.model.model_validate_json(raw, context={"evidence": index})
    except ValidationError:
        return None
    return parsed, tuple(index.dropped)


def _gateway_error(err: InstructorRetryException, calls: _CallLog, model: str, settings: Settings) -> GatewayError:
    cause = err.__cause__
    if isinstance(cause, _TransportFailure):
        message = _describe_transport(cause.error, calls.attempts, settings)
    elif isinstance(cause, ValidationError):
        kind = "JSON inválido" if _is_json_syntax_error(cause) else "JSON fora do esquema"
        message = f"o modelo devolveu {kind} duas vezes: {_summarize_validation(cause)}"
    else:
        message = f"falha ao obter a resposta do modelo: {type(cause or err).__name__}: {_short(cause or err)}"
    return GatewayError(message, model=model, attempts=calls.attempts, last_raw_output=calls.last_raw_output,
                        usage=calls.usage)


def _describe_transport(error: Exception, attempts: int, settings: Settings) -> str:
    status = getattr(error, "status_code", None)
    tries = f"após {attempts} tentativa{'s' if attempts != 1 else ''}"
    if isinstance(error, litellm.Timeout):
        return f"tempo esgotado após {settings.model_timeout_seconds:g} s ({attempts} tentativas)"
    if status == 429:
        return f"limite de requisições (429) {tries}"
    if isinstance(error, litellm.APIConnectionError) or "connection error" in str(error).lower():
        return f"falha de conexão com o provedor do modelo {tries}: {_short(error)}"
    if isinstance(status, int) and status >= 500:
        return f"erro no provedor do modelo ({status}) {tries}: {_short(error)}"
    if status in (401, 403):
        return f"o provedor recusou a chave de API ({status}): {_short(error)}"
    if isinstance(error, litellm.ContextWindowExceededError):
        return "a conversa excede a janela de contexto do modelo"
    if status == 404:
        return f"modelo não encontrado no provedor (404): {_short(error)}"
    if isinstance(status, int):
        return f"o provedor rejeitou a requisição ({status}): {_short(error)}"
    return f"falha ao chamar o modelo: {type(error).__name__}: {_short(error)}"


def _is_json_syntax_error(error: ValidationError) -> bool:
    return any(e.get("type") == "json_invalid" for e in error.errors())


def _summarize_validation(error: ValidationError, limit: int = 3) -> str:
    parts = []
    for e in error.errors()[:limit]:
        loc = ".".join(str(p) for p in e.get("loc", ()))
        parts.append(f"campo '{loc}': {e.get('msg')}" if loc else str(e.get("msg")))
    more = error.error_count() - limit
    return "; ".join(parts) + (f" (+{more} erros)" if more > 0 else "")


def _short(error: BaseException, limit: int = 200) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
