"""What a model call costs, in US dollars.

litellm's bundled price map (read locally: ``LITELLM_LOCAL_MODEL_COST_MAP``) comes first; a small
table covers the friendly models when that map does not know them. Anything else has an unknown
price: callers record 0 and say so, they never guess.
"""

from __future__ import annotations

from typing import Any

import engine.config  # noqa: F401  (sets LITELLM_LOCAL_MODEL_COST_MAP before litellm is imported)
from engine.model_routes import litellm_module

PER_MILLION = 1_000_000
# USD per 1M tokens (input, output), from the providers' public price pages.
PRICE_TABLE_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "openai/gpt-4o-mini": (0.15, 0.60),
    "groq/llama-3.3-70b-versatile": (0.59, 0.79),
}


def _table_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    prices = PRICE_TABLE_PER_MILLION.get(model)
    if prices is None:
        return None
    return (prompt_tokens * prices[0] + completion_tokens * prices[1]) / PER_MILLION


def token_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """Cost of a token count for a litellm model id, or None when the price is unknown."""
    try:
        prompt_cost, completion_cost = litellm_module().cost_per_token(
            model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
        )
        return float(prompt_cost + completion_cost)
    except Exception:  # litellm raises several types for "not mapped"; the table decides next
        return _table_cost(model, prompt_tokens, completion_tokens)


def response_cost(model: str, response: Any, prompt_tokens: int, completion_tokens: int) -> float | None:
    """Cost of one completion response (``litellm.completion_cost``), else the table, else None.

    Only the route's model is priced: ``completion_cost`` would otherwise fall back to whatever
    model name the server put in the response (an OpenAI-compatible server can say anything).
    """
    if _litellm_knows(model):
        try:
            return float(litellm_module().completion_cost(completion_response=response, model=model))
        except Exception:  # e.g. a response without usage: price the counted tokens instead
            return token_cost(model, prompt_tokens, completion_tokens)
    return _table_cost(model, prompt_tokens, completion_tokens)


def _litellm_knows(model: str) -> bool:
    try:
        litellm_module().cost_per_token(model=model, prompt_tokens=1, completion_tokens=1)
    except Exception:  # litellm raises several types for "not mapped"
        return False
    return True


def estimate_cost_per_1000_runs(litellm_model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """USD for 1000 runs of ``prompt_tokens`` in / ``completion_tokens`` out; None when unknown."""
    one = token_cost(litellm_model, prompt_tokens, completion_tokens)
    return None if one is None else one * 1000
