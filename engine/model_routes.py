"""Which provider, litellm id, key and output format a model name stands for (pure lookups).

``engine.gateway.resolve_model`` turns these answers into a ``ModelRoute``. Nothing here calls
a provider: litellm is only asked about its bundled model map and provider list.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Literal

import engine.config  # noqa: F401  (sets LITELLM_LOCAL_MODEL_COST_MAP before litellm is imported)

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


def litellm_module() -> Any:
    """litellm, imported on first use (several seconds): routing ``offline`` or a name whose provider
    has no key never needs it, so ``copilot run --model offline`` and the ingest process start fast."""
    import litellm

    return litellm


def missing_key_reason(env_var: str) -> str:
    """The note a run carries when a provider's key (or URL) is not configured."""
    return f"{env_var} não configurada: rodou no motor offline"


def known_providers() -> frozenset[str]:
    return frozenset(str(getattr(p, "value", p)) for p in litellm_module().provider_list)


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
    model_cost = litellm_module().model_cost
    if name in model_cost:
        provider = model_cost[name].get("litellm_provider")
        return str(provider) if provider else None
    return None


def missing_provider_env(litellm_model: str) -> list[str]:
    """Environment variables litellm says a provider without a Settings key still needs."""
    try:
        report = litellm_module().validate_environment(model=litellm_model)
    except Exception:  # unknown to litellm's checker: let the call itself report what is wrong
        return []
    return [str(k) for k in report.get("missing_keys", [])]


def output_format(litellm_model: str, *, openai_compatible: bool, compatible_json_schema: bool) -> OutputFormat:
    """Native JSON Schema output when the model supports it, else JSON mode (schema in the prompt)."""
    if openai_compatible:
        return "json_schema" if compatible_json_schema else "json_object"
    try:
        return "json_schema" if litellm_module().supports_response_schema(model=litellm_model) else "json_object"
    except Exception:  # not in litellm's map: JSON mode works everywhere
        return "json_object"


# ------------------------------------------------------------------------------ output limits, fallback
TOKENS_PER_FIELD = {"string": 300, "array": 300}  # generous answers per field; other types are short
TOKENS_OTHER_FIELD = 20
TOKENS_OVERHEAD = 128  # braces, keys, summary wrapper
MIN_MAX_TOKENS, MAX_MAX_TOKENS = 256, 4096


def default_max_tokens(json_schema: dict[str, Any]) -> int:
    """A completion limit sized from the output schema: enough for a full answer, never a runaway
    generation (a local server once kept generating 5,563 tokens for a request nobody waited for)."""
    props = json_schema.get("properties") or {}
    total = TOKENS_OVERHEAD
    for sub in props.values():
        kind = sub.get("type") if isinstance(sub, dict) else None
        if isinstance(sub, dict) and kind is None and sub.get("anyOf"):
            kind = next((o.get("type") for o in sub["anyOf"] if o.get("type") != "null"), None)
        total += TOKENS_PER_FIELD.get(str(kind), TOKENS_OTHER_FIELD)
    return max(MIN_MAX_TOKENS, min(MAX_MAX_TOKENS, total))


# Servers (by base URL, or provider/model) that refused ``response_format: json_schema`` in this
# process: they get JSON mode + the schema in the prompt from then on. Servers that accepted it once.
_REFUSED: set[str] = set()
_ACCEPTED: set[str] = set()
_memory_lock = threading.Lock()
FIRST_FAILURE_STATUSES = {400, 422, 500, 501}  # what llama.cpp & co. answer to an unknown response_format


def format_key(api_base: str | None, litellm_model: str | None) -> str:
    return (api_base or f"model:{litellm_model}").rstrip("/")


def json_schema_refused(key: str) -> bool:
    with _memory_lock:
        return key in _REFUSED


def remember_format(key: str, *, accepted: bool) -> None:
    with _memory_lock:
        (_ACCEPTED if accepted else _REFUSED).add(key)


def forget_formats() -> None:
    """Tests: start from a clean memory."""
    with _memory_lock:
        _REFUSED.clear()
        _ACCEPTED.clear()


def refuses_json_schema(error: BaseException, key: str, *, openai_compatible: bool) -> bool:
    """True when this failure means "this server does not do json_schema": a 4xx/5xx naming
    response_format / json_schema, or the first failure of an OpenAI-compatible server that never
    accepted it (llama.cpp answers a bare HTTP 500)."""
    status = getattr(error, "status_code", None)
    if not isinstance(status, int) or status < 400 or status in (401, 403, 404, 408, 429):
        return False
    text = str(error).lower()
    if isinstance(error, litellm_module().Timeout | litellm_module().APIConnectionError) or "connection error" in text:
        return False  # litellm reports an unreachable server as a 500: not a refusal of the format
    if "response_format" in text or "json_schema" in text or "response format" in text:
        return True
    with _memory_lock:
        accepted_before = key in _ACCEPTED
    return openai_compatible and not accepted_before and status in FIRST_FAILURE_STATUSES
