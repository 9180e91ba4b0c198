"""The one model boundary: payload + usage + engine out, one error type on failure.

INTERFACE (stable; other modules rely on it):
- ``resolve_model(name, settings) -> ModelRoute``  (raises ``UnknownModelError``)
- ``generate(agent, ctx, schema, *, model=None, settings=None) -> GatewayResult`` (raises ``GatewayError``)
- ``agenerate(...)``: the same, awaitable (the worker's model stage keeps many in flight)
- ``estimate_cost_per_1000_runs(model, prompt_tokens, completion_tokens) -> float | None``
The offline engine is used when the model is ``offline`` or its provider has no key configured.

Fast start: this module imports neither litellm nor instructor nor the offline engine. A run that
goes to a model imports ``engine.model_call`` (the litellm client) on first use; an offline run
imports ``engine.offline``. ``copilot run --model offline`` and the ingest process never load litellm.
"""

from __future__ import annotations

import time

from engine import model_routes, pricing
from engine.agents import AgentSpec
from engine.config import Settings, get_settings
from engine.context import ConversationContext
from engine.gateway_types import EngineName, GatewayError, GatewayResult, ModelRoute, UnknownModelError, Usage
from engine.model_routes import OFFLINE
from engine.prompt import build_messages
from engine.schema_compiler import CompiledSchema

__all__ = ["OFFLINE", "EngineName", "GatewayError", "GatewayResult", "ModelRoute", "UnknownModelError", "Usage",
           "agenerate", "build_messages", "estimate_cost_per_1000_runs", "generate", "resolve_model"]


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
    if provider in model_routes.PROVIDER_KEY_ENV:
        attr, env_var = model_routes.PROVIDER_KEY_ENV[provider]
        secret = getattr(settings, attr)
        if secret is None or not secret.get_secret_value():  # decided without asking litellm anything
            return ModelRoute(name, litellm_model, provider, offline_reason=model_routes.missing_key_reason(env_var))
        fmt = model_routes.output_format(litellm_model, openai_compatible=False, compatible_json_schema=False)
        return ModelRoute(name, litellm_model, provider, api_key=secret.get_secret_value(), output_format=fmt)
    # Other litellm providers read their own credentials; say which are missing instead of failing later.
    missing = model_routes.missing_provider_env(litellm_model)
    if missing:
        return ModelRoute(name, litellm_model, "litellm",
                          offline_reason=model_routes.missing_key_reason(", ".join(missing)))
    fmt = model_routes.output_format(litellm_model, openai_compatible=False, compatible_json_schema=False)
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
def _offline(agent: AgentSpec, ctx: ConversationContext, schema: CompiledSchema, route: ModelRoute,
             started: float) -> GatewayResult:
    from engine import offline

    validated = offline.analyse(agent, ctx, schema)  # validated there, citations checked on the conversation
    note = None if route.provider == "offline" else route.offline_reason
    return GatewayResult(payload=validated, engine="offline", model=OFFLINE, usage=Usage(),
                         latency_ms=_ms_since(started), note=note)


def _generation(agent: AgentSpec, schema: CompiledSchema) -> tuple[int, float]:
    return agent.max_tokens or model_routes.default_max_tokens(schema.json_schema), agent.temperature


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
        return _offline(agent, ctx, schema, route, started)
    from engine.model_call import generate_litellm

    return generate_litellm(route, build_messages(agent, ctx, schema), schema, settings, started,
                            _generation(agent, schema), seen=ctx.transcript.seen)


async def agenerate(
    agent: AgentSpec,
    ctx: ConversationContext,
    schema: CompiledSchema,
    *,
    model: str | None = None,
    settings: Settings | None = None,
) -> GatewayResult:
    """``generate`` on the async client (``litellm.acompletion``); the offline engine runs inline."""
    settings = settings or get_settings()
    route = resolve_model(model or agent.model, settings)
    started = time.perf_counter()
    if route.engine == "offline":
        return _offline(agent, ctx, schema, route, started)
    from engine.model_call import agenerate_litellm

    return await agenerate_litellm(route, build_messages(agent, ctx, schema), schema, settings, started,
                                   _generation(agent, schema), seen=ctx.transcript.seen)


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
