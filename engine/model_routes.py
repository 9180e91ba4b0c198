"""Which provider, litellm id, key and output format a model name stands for (pure lookups).

``engine.gateway.resolve_model`` turns these answers into a ``ModelRoute``. Nothing here calls
a provider: litellm is only asked about its bundled model map and provider list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import engine.config  # noqa: F401  (sets LITELLM_LOCAL_MODEL_COST_MAP before litellm is imported)

# isort: split
import litellm

OFFLINE = "offline"
OutputFormat = Literal["json_schema", "json_object"]


@dataclass(frozen=True)
class Friendly:
    litellm_model: str
    provider: str  # key of PROVIDER_KEY_ENV


# The names the Studio offers; anything else is a litellm id or an OpenAI-compatible server.
FRIENDLY_MODELS: dict[str, Friendly] = {
    "gpt-4o-mini": Friendly("gpt-4o-mini", "openai"),
    "llama-3.3-70b": Friendly("groq/llama-3.3-70b-versatile", "groq"),
}
# Providers whose key lives in Settings (attribute name, environment variable).
PROVIDER_KEY_ENV: dict[str, tuple[str, str]] = {
    "openai": ("openai_api_key", "OPENAI_API_KEY"),
    "groq": ("groq_api_key", "GROQ_API_KEY"),
}
OPENAI_COMPATIBLE_PREFIXES = ("local/", "openai_compatible/")
OPENAI_COMPATIBLE_BASE_URL_ENV = "OPENAI_COMPATIBLE_BASE_URL"
LOCAL_DUMMY_API_KEY = "sk-local"  # OpenAI-compatible servers usually ignore the key, the client needs one

ACCEPTED_FORMS = (
    "use 'gpt-4o-mini', 'llama-3.3-70b' ou 'offline'; um id do litellm com o prefixo do provedor "
    "(ex.: 'openai/gpt-4o', 'groq/llama-3.1-8b-instant', 'anthropic/claude-3-5-haiku-latest'); "
    "ou 'local/<modelo>' (também 'openai_compatible/<modelo>') para um servidor compatível com OpenAI "
    "(Ollama, vLLM, llama.cpp) em OPENAI_COMPATIBLE_BASE_URL"
)


def missing_key_reason(env_var: str) -> str:
    """The note a run carries when a provider's key (or URL) is not configured."""
    return f"{env_var} não configurada: rodou no motor offline"


def known_providers() -> frozenset[str]:
    return frozenset(str(getattr(p, "value", p)) for p in litellm.provider_list)


def openai_compatible_model(name: str) -> str | None:
    """``local/<model>`` or ``openai_compatible/<model>`` -> ``<model>``; None for other names."""
    for prefix in OPENAI_COMPATIBLE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return None


def litellm_provider(name: str) -> str | None:
    """The litellm provider of a prefixed id or of a bare id in litellm's model map; None if unroutable."""
    prefix, sep, rest = name.partition("/")
    if sep and rest and prefix in known_providers():
        return prefix
    if name in litellm.model_cost:
        provider = litellm.model_cost[name].get("litellm_provider")
        return str(provider) if provider else None
    return None


def missing_provider_env(litellm_model: str) -> list[str]:
    """Environment variables litellm says a provider without a Settings key still needs."""
    try:
        report = litellm.validate_environment(model=litellm_model)
    except Exception:  # unknown to litellm's checker: let the call itself report what is wrong
        return []
    return [str(k) for k in report.get("missing_keys", [])]


def output_format(litellm_model: str, *, openai_compatible: bool, compatible_json_schema: bool) -> OutputFormat:
    """Native JSON Schema output when the model supports it, else JSON mode (schema in the prompt)."""
    if openai_compatible:
        return "json_schema" if compatible_json_schema else "json_object"
    try:
        return "json_schema" if litellm.supports_response_schema(model=litellm_model) else "json_object"
    except Exception:  # not in litellm's map: JSON mode works everywhere
        return "json_object"
