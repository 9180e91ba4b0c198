"""The one model boundary: payload + usage + engine out, one error type on failure.

INTERFACE (stable; other modules rely on it):
- ``resolve_model(name, settings) -> ModelRoute``  (raises ``UnknownModelError``)
- ``generate(agent, ctx, schema, *, model=None, settings=None) -> GatewayResult`` (raises ``GatewayError``)
The offline engine is used when the model is ``offline`` or its provider has no key configured.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from engine.agents import AgentSpec
from engine.config import Settings, get_settings
from engine.context import ConversationContext
from engine.schema_compiler import CompiledSchema

EngineName = Literal["offline", "litellm"]
OFFLINE = "offline"


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


class GatewayError(Exception):
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


def resolve_model(name: str, settings: Settings | None = None) -> ModelRoute:
    """Map a friendly or litellm model name to a route (placeholder: offline only until the gateway lands)."""
    settings = settings or get_settings()
    if name == OFFLINE:
        return ModelRoute(requested=name, litellm_model=None, provider="offline", offline_reason="modelo offline")
    return ModelRoute(requested=name, litellm_model=None, provider="offline",
                      offline_reason=f"{name}: roteamento litellm ainda não implementado")


def generate(
    agent: AgentSpec,
    ctx: ConversationContext,
    schema: CompiledSchema,
    *,
    model: str | None = None,
    settings: Settings | None = None,
) -> GatewayResult:
    """Run one structured-output call (or the offline engine) and return the validated payload."""
    from engine import offline

    route = resolve_model(model or agent.model, settings)
    started = time.perf_counter()
    payload = offline.analyse(agent, ctx, schema)
    validated = schema.validate(payload).model_dump(mode="json")
    return GatewayResult(payload=validated, engine="offline", model=OFFLINE, usage=Usage(),
                         latency_ms=int((time.perf_counter() - started) * 1000), note=route.offline_reason)
