"""What the model boundary hands out: usage, routes, results and the one error type.

Kept apart from ``engine.gateway`` (routing) and ``engine.model_call`` (the litellm client) so that
importing a result type never loads the model client: ``copilot run`` with the offline engine and
the ingest process start without litellm or instructor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from engine import citations as evidence
from engine.errors import CopilotError
from engine.model_routes import OutputFormat

EngineName = Literal["offline", "litellm"]


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
