"""The one model boundary: payload + usage + engine out, one error type on failure.

INTERFACE (stable; other modules rely on it):
- ``resolve_model(name, settings) -> ModelRoute``  (raises ``UnknownModelError``)
- ``generate(agent, ctx, schema, *, model=None, settings=None) -> GatewayResult`` (raises ``GatewayError``)
- ``estimate_cost_per_1000_runs(model, prompt_tokens, completion_tokens) -> float | None``
The offline engine is used when the model is ``offline`` or its provider has no key configured.

How a litellm call works: instructor (``from_litellm``) validates the answer against the compiled
Pydantic model and re-asks ONCE with the validation error; the transport it wraps owns the wire
(``response_format``, timeout, key, base URL) and retries transient failures (429, 5xx, connection
errors, timeouts) with tenacity's exponential backoff. Every HTTP response passes through the
transport, which sums tokens and cost over all attempts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import instructor
import litellm
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from engine import citations as evidence
from engine import model_routes, pricing
from engine.agents import AgentSpec
from engine.config import Settings, get_settings
from engine.context import ConversationContext
from engine.errors import CopilotError
from engine.model_routes import OFFLINE, OutputFormat
from engine.prompt import build_messages
from engine.rate_limits import ProviderLimits, RateLimited, retry_after_of
from engine.schema_compiler import CompiledSchema

litellm.suppress_debug_info = True  # no "Give Feedback / Get Help" banners on errors
for _hook in ("callbacks", "success_callback", "failure_callback", "input_callback", "service_callback",
              "_async_success_callback", "_async_failure_callback", "_async_input_callback"):
    setattr(litellm, _hook, [])  # no logging integrations: nothing leaves the process but the call itself

log = logging.getLogger(__name__)
# instructor logs every failed attempt at ERROR; the GatewayError raised here carries the same facts.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

EngineName = Literal["offline", "litellm"]
VALIDATION_ATTEMPTS = 2  # the first answer + one re-ask carrying the validation error
MAX_RETRY_AFTER_SECONDS = 30.0  # honour a provider's Retry-After up to this


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens,
                     self.cost_usd + other.cost_usd)


@dataclass(frozen=True)
class ModelRoute:
    """Where a model name leads. ``offline_reason`` set => the offline engine runs instead."""

    requested: str
    litellm_model: str | None
    provider: str  # openai | groq | openai_compatible | litellm | offline
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    offline_reason: str | None = None
    output_format: OutputFormat = "json_object"  # json_schema: native structured output

    @property
    def engine(self) -> EngineName:
        return "offline" if self.offline_reason is not None else "litellm"


@dataclass(frozen=True)
class GatewayResult:
    payload: dict[str, Any]  # validated against the compiled schema (includes summary, confidence)
    engine: EngineName
    model: str  # the model actually used ("offline" for the offline engine)
    usage: Usage
    latency_ms: int
    attempts: int = 1
    note: str | None = None  # e.g. why the offline engine ran instead of the requested model
    # Citations removed after the re-ask still failed the evidence check ({message_id, quote, error}).
    dropped_citations: tuple[dict[str, Any], ...] = ()

    @property
    def uncited(self) -> bool:
        """The insight is "sem evidência": no citation survived the check."""
        return evidence.uncited(self.payload)


class GatewayError(CopilotError):
    """A model call failed for good. Carries context for the run record and the Studio."""

    def __init__(self, message: str, *, model: str, attempts: int = 0, last_raw_output: str | None = None,
                 usage: Usage | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.model = model
        self.attempts = attempts
        self.last_raw_output = last_raw_output
        self.usage = usage or Usage()


class UnknownModelError(GatewayError):
    """The model name is not something the gateway can route."""


# ------------------------------------------------------------------------------ routing
def resolve_model(name: str, settings: Settings | None = None) -> ModelRoute:
    """Map a friendly name, a litellm id or ``local/<model>`` to a route.

    A provider without a configured key (or an OpenAI-compatible server without a base URL)
    routes to the offline engine with ``offline_reason`` naming the missing variable.
    Raises ``UnknownModelError`` for names the gateway cannot route.
    """
    settings = settings or get_settings()
    name = (name or "").strip()
    if name == OFFLINE:
        return ModelRoute(requested=name, litellm_model=None, provider="offline", offline_reason="modelo offline")

    local_model = model_routes.openai_compatible_model(name)
    if local_model is not None:
        litellm_model = f"openai/{local_model}"
        if not settings.openai_compatible_base_url:
            return ModelRoute(name, litellm_model, "openai_compatible", offline_reason=model_routes.missing_key_reason(
                model_routes.OPENAI_COMPATIBLE_BASE_URL_ENV))
        key = settings.openai_compatible_api_key
        # Settings has no switch yet; old servers without json_schema support can be served JSON mode.
        json_schema = settings.openai_compatible_json_schema
        return ModelRoute(name, litellm_model, "openai_compatible", api_base=settings.openai_compatible_base_url,
                          api_key=key.get_secret_value() if key else model_routes.LOCAL_DUMMY_API_KEY,
                          output_format=model_routes.output_format(litellm_model, openai_compatible=True,
                                                                   compatible_json_schema=json_schema))

    friendly = model_routes.FRIENDLY_MODELS.get(name)
    if friendly is not None:
        litellm_model, provider = friendly.litellm_model, friendly.provider
    else:
        found = model_routes.litellm_provider(name)
        if found is None:
            raise UnknownModelError(f"modelo desconhecido: '{name}'. Formas aceitas: {model_routes.ACCEPTED_FORMS}",
                                    model=name)
        litellm_model, provider = name, found
    fmt = model_routes.output_format(litellm_model, openai_compatible=False, compatible_json_schema=False)

    if provider in model_routes.PROVIDER_KEY_ENV:
        attr, env_var = model_routes.PROVIDER_KEY_ENV[provider]
        secret = getattr(settings, attr)
        if secret is None or not secret.get_secret_value():
            return ModelRoute(name, litellm_model, provider, offline_reason=model_routes.missing_key_reason(env_var))
        return ModelRoute(name, litellm_model, provider, api_key=secret.get_secret_value(), output_format=fmt)
    # Other litellm providers read their own credentials; say which are missing instead of failing later.
    missing = model_routes.missing_provider_env(litellm_model)
    if missing:
        return ModelRoute(name, litellm_model, "litellm",
                          offline_reason=model_routes.missing_key_reason(", ".join(missing)))
    return ModelRoute(name, litellm_model, "litellm", output_format=fmt)


def estimate_cost_per_1000_runs(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """USD for 1000 runs of the given token counts (for the Studio's model picker).

    0.0 for the offline engine; None when the price is unknown (OpenAI-compatible servers,
    models litellm does not price) or the name is not routable.
    """
    name = model.strip()
    if name == OFFLINE:
        return 0.0
    if model_routes.openai_compatible_model(name) is not None:
        return None
    friendly = model_routes.FRIENDLY_MODELS.get(name)
    litellm_model = friendly.litellm_model if friendly else name
    if friendly is None and model_routes.litellm_provider(name) is None:
        return None
    return pricing.estimate_cost_per_1000_runs(litellm_model, prompt_tokens, completion_tokens)


# ------------------------------------------------------------------------------ generation
def generate(
    agent: AgentSpec,
    ctx: ConversationContext,
    schema: CompiledSchema,
    *,
    model: str | None = None,
    settings: Settings | None = None,
) -> GatewayResult:
    """Run one structured-output call (or the offline engine) and return the validated payload.

    Raises ``GatewayError`` (``UnknownModelError`` for an unroutable name) with a pt-BR message.
    """
    settings = settings or get_settings()
    route = resolve_model(model or agent.model, settings)
    started = time.perf_counter()
    if route.engine == "offline":
        from engine import offline

        validated = offline.analyse(agent, ctx, schema)  # validated there, citations checked on the conversation
        note = None if route.provider == "offline" else route.offline_reason
        return GatewayResult(payload=validated, engine="offline", model=OFFLINE, usage=Usage(),
                             latency_ms=_ms_since(started), note=note)
    generation = (agent.max_tokens or model_routes.default_max_tokens(schema.json_schema), agent.temperature)
    return _generate_litellm(route, build_messages(agent, ctx, schema), schema, settings, started, generation,
                             seen=ctx.transcript.seen)


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


def _transport(route: ModelRoute, schema: CompiledSchema, settings: Settings, calls: _CallLog,
               generation: tuple[int, float]) -> Callable[..., Any]:
    """The completion function instructor drives: one logical call, transient failures retried.

    A server that refuses ``json_schema`` (see ``model_routes.refuses_json_schema``) is asked again
    at once in JSON mode (the schema is in the prompt anyway) and remembered per base URL, so a
    local llama.cpp costs one failed request per process, not three retries per run."""
    key = model_routes.format_key(route.api_base, route.litellm_model)
    max_tokens, temperature = generation
    limits = ProviderLimits(settings)

    def send(messages: list[dict[str, Any]], fmt: OutputFormat) -> Any:
        # Shared per-route limits (requests and tokens per minute, and a 429 back-off) across workers.
        limits.acquire(route.requested, tokens=sum(len(str(m.get("content") or "")) for m in messages) // 3)
        calls.attempts += 1
        try:
            response = litellm.completion(
                model=route.litellm_model, messages=messages, response_format=_response_format(fmt, schema),
                max_tokens=max_tokens, temperature=temperature,
                api_base=route.api_base, api_key=route.api_key, timeout=settings.model_timeout_seconds,
                max_retries=0, num_retries=0,  # tenacity below is the only retry layer
                drop_params=True,  # a provider without response_format still gets the schema in the prompt
            )
        except Exception as error:
            if getattr(error, "status_code", None) == 429:
                limits.note_429(route.requested, retry_after_of(error))
            raise
        calls.record(response)
        return response

    def call_once(messages: list[dict[str, Any]]) -> Any:
        fmt: OutputFormat = route.output_format
        if fmt == "json_schema" and model_routes.json_schema_refused(key):
            fmt = "json_object"
        if fmt != "json_schema":
            calls.format_used = fmt
            return send(messages, fmt)
        try:
            response = send(messages, fmt)
        except Exception as error:
            if not model_routes.refuses_json_schema(error, key, openai_compatible=route.provider == "openai_compatible"):
                raise
            model_routes.remember_format(key, accepted=False)
            log.warning("modelo %s em %s recusou response_format json_schema (%s): modo JSON daqui em diante",
                        route.litellm_model, key, _short(error, 120))
            calls.format_used = "json_object"
            calls.fell_back = True
            return send(messages, "json_object")
        model_routes.remember_format(key, accepted=True)
        calls.format_used = fmt
        return response

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.warning("modelo %s: tentativa %d falhou (%s); nova tentativa", route.litellm_model,
                    state.attempt_number, type(error).__name__)

    def completion(**kwargs: Any) -> Any:
        # instructor's own response_format/model are replaced by the route's: the transport owns the wire.
        retrying = Retrying(stop=stop_after_attempt(settings.model_max_retries + 1), wait=_backoff(settings),
                            retry=retry_if_exception(_is_transient), before_sleep=before_sleep, reraise=True)
        try:
            return retrying(call_once, list(kwargs["messages"]))
        except Exception as error:
            raise _TransportFailure(error) from error

    return completion


def _generate_litellm(route: ModelRoute, messages: list[dict[str, str]], schema: CompiledSchema, settings: Settings,
                      started: float, generation: tuple[int, float], *,
                      seen: dict[str, str] | None = None) -> GatewayResult:
    calls = _CallLog(route)
    model_name = route.requested if route.provider == "openai_compatible" else (route.litellm_model or route.requested)
    client = instructor.from_litellm(_transport(route, schema, settings, calls, generation),
                                     mode=instructor.Mode.JSON_SCHEMA)
    dropped: tuple[dict[str, Any], ...] = ()
    try:
        # The evidence check runs inside instructor's validation (scope, not instructor's ``context``:
        # that would render the prompt, lead text included, as a Jinja template).
        with evidence.evidence_scope(evidence.EvidenceIndex(seen or {})):
            parsed = client.create(response_model=schema.model, messages=messages,  # type: ignore[arg-type]
                                   max_retries=VALIDATION_ATTEMPTS - 1)
    except InstructorRetryException as err:
        salvaged = _without_bad_citations(err, calls, schema, seen or {})
        if salvaged is None:
            raise _gateway_error(err, calls, model_name, settings) from err
        parsed, dropped = salvaged
    except IncompleteOutputException as err:
        raise GatewayError("a resposta do modelo foi cortada (limite de tokens) antes de fechar o JSON",
                           model=model_name, attempts=calls.attempts, last_raw_output=calls.last_raw_output,
                           usage=calls.usage) from err
    except _TransportFailure as err:  # defensive: instructor normally wraps it
        raise GatewayError(_describe_transport(err.error, calls.attempts, settings), model=model_name,
                           attempts=calls.attempts, last_raw_output=calls.last_raw_output, usage=calls.usage) from err
    payload = parsed.model_dump(mode="json")  # already validated against schema.model by instructor
    notes = [] if calls.price_known else [f"preço de {model_name} desconhecido: custo registrado como US$ 0"]
    if calls.fell_back:
        notes.append("o servidor recusou json_schema: modo JSON com o esquema no prompt")
    note = "; ".join(notes) or None
    return GatewayResult(payload=payload, engine="litellm", model=model_name, usage=calls.usage,
                         latency_ms=_ms_since(started), attempts=calls.attempts, note=note, dropped_citations=dropped)


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


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
