"""Provider limits shared by every worker process: requests and tokens per minute per model route,
and one back-off for everyone after a 429.

- Limits come from ``MODEL_RATE_LIMITS`` (JSON: ``{"<model or route>": {"rpm": 500, "tpm": 200000}}``;
  the key is the agent's model name as the gateway receives it, e.g. ``gpt-4o-mini`` or
  ``local/llama3``). Routes without an entry are not limited here.
- Counting is a moving window in Redis (the ``limits`` library: atomic Lua, shared across processes),
  so N workers together never exceed the limit. A call that would exceed it waits for the window to
  free up (bounded by ``MODEL_RATE_LIMIT_MAX_WAIT_SECONDS``), then raises ``RateLimited``: the model
  call fails like a 429 would and the gateway's transient-error retry handles it.
- A 429 from a provider sets one back-off key per route, honouring ``Retry-After`` (seconds or an
  HTTP date): every worker waits it out instead of hammering the provider at once.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import redis
from limits import RateLimitItemPerMinute
from limits.errors import StorageError
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from engine.config import Settings, get_settings
from engine.errors import CopilotError

log = logging.getLogger(__name__)
BACKOFF_PREFIX = "copilot:ratelimit:backoff"
MAX_BACKOFF_SECONDS = 300.0


class RateLimited(CopilotError):
    """The route's shared limit (or a provider's 429 back-off) did not free up in time."""

    def __init__(self, route: str, wait_seconds: float) -> None:
        super().__init__(f"limite de requisições do modelo {route}: aguarde {wait_seconds:.0f} s",
                         user_message=f"O modelo {route} atingiu o limite de uso por minuto; tente de novo em "
                                      f"{max(1, round(wait_seconds))} s.")
        self.route = route
        self.wait_seconds = wait_seconds


def parse_retry_after(value: str | float | int | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP date. None if unusable."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return max(0.0, float(value))
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retry_after_of(error: BaseException) -> float | None:
    """The ``Retry-After`` of a provider error (litellm/openai exceptions carry the HTTP response)."""
    response = getattr(error, "response", None)
    headers: Mapping[str, Any] | None = getattr(response, "headers", None)
    if headers is None:
        headers = getattr(error, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after") or headers.get("Retry-After")
    ms = headers.get("retry-after-ms")
    if value is None and ms is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except (TypeError, ValueError):
            return None
    return parse_retry_after(value)


@lru_cache(maxsize=4)
def _limiter(url: str) -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(RedisStorage(url))


@lru_cache(maxsize=4)
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


BACKOFF_READ_SECONDS = 0.25
# (redis url, route) -> (when read, monotonic; back-off deadline, clock): the async path's view.
_BACKOFF_SEEN: dict[tuple[str, str], tuple[float, float]] = {}


class ProviderLimits:
    """The shared limits of one process' settings (cheap to build; state lives in Redis)."""

    def __init__(self, settings: Settings | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time) -> None:
        self.settings = settings or get_settings()
        self.table = self.settings.model_rate_limits
        self.sleep, self.clock = sleep, clock

    def _conn(self) -> redis.Redis:
        return _redis(self.settings.redis_url)

    def note_429(self, route: str, retry_after: float | None) -> float:
        """Make every worker wait the provider's ``Retry-After`` (at most 5 min) before calling ``route``.

        Without a ``Retry-After`` nothing is shared: each caller's own exponential back-off applies."""
        if retry_after is None:
            return 0.0
        wait = min(MAX_BACKOFF_SECONDS, retry_after)
        _BACKOFF_SEEN[(self.settings.redis_url, route)] = (time.monotonic(), self.clock() + wait)
        try:
            self._share_backoff(route, wait)
        except redis.exceptions.RedisError:
            log.warning("could not share the 429 back-off of %s (Redis unreachable)", route)
        return wait

    def _share_backoff(self, route: str, wait: float) -> None:
        if wait > 0:
            until_ms = int((self.clock() + wait) * 1000)
            key = f"{BACKOFF_PREFIX}:{route}"
            # Keep the later deadline when several workers report 429s at once.
            current = self._conn().get(key)
            if current is None or int(current) < until_ms:
                self._conn().set(key, until_ms, px=int(wait * 1000) + 1000)

    def backoff_left(self, route: str) -> float:
        try:
            raw = self._conn().get(f"{BACKOFF_PREFIX}:{route}")
        except redis.exceptions.RedisError:
            return 0.0  # no shared state reachable: the provider's own 429 still reaches the retry loop
        return max(0.0, int(raw) / 1000 - self.clock()) if raw is not None else 0.0

    def _backoff_left_cached(self, route: str) -> float:
        now = time.monotonic()
        seen = _BACKOFF_SEEN.get((self.settings.redis_url, route))
        if seen is not None and now - seen[0] < BACKOFF_READ_SECONDS:
            return max(0.0, seen[1] - self.clock())
        left = self.backoff_left(route)
        _BACKOFF_SEEN[(self.settings.redis_url, route)] = (now, self.clock() + left)
        return left

    def acquire(self, route: str, tokens: int = 0) -> float:
        """Take one request (and ``tokens`` tokens) of ``route``'s per-minute budget, waiting when the
        window is full or a 429 back-off is running. Returns the seconds waited; raises RateLimited
        when the wait would exceed ``model_rate_limit_max_wait_seconds``."""
        max_wait = self.settings.model_rate_limit_max_wait_seconds
        waited = 0.0
        while True:
            wait = self.backoff_left(route)
            if wait <= 0:
                wait = self._try_take(route, tokens)
                if wait <= 0:
                    return waited
            if waited + wait > max_wait:
                raise RateLimited(route, wait)
            self.sleep(wait)
            waited += wait

    async def aacquire(self, route: str, tokens: int = 0) -> float:
        """``acquire`` for an event loop: the same shared windows, waiting with ``asyncio.sleep``.

        The shared 429 back-off is read at most every ``BACKOFF_READ_SECONDS`` per route and process
        (one blocking Redis read per call would stall every call in flight on the loop); the
        request/token windows, when the route has any, are taken in a thread."""
        max_wait = self.settings.model_rate_limit_max_wait_seconds
        waited = 0.0
        while True:
            wait = self._backoff_left_cached(route)
            if wait <= 0:
                wait = await asyncio.to_thread(self._try_take, route, tokens) if self.table.get(route) else 0.0
                if wait <= 0:
                    return waited
            if waited + wait > max_wait:
                raise RateLimited(route, wait)
            await asyncio.sleep(wait)
            waited += wait

    def _try_take(self, route: str, tokens: int) -> float:
        """0 when taken, else seconds until the fullest window frees up (nothing is taken then)."""
        spec = self.table.get(route)
        if not spec:
            return 0.0
        try:
            return self._take(route, spec, tokens)
        except (redis.exceptions.RedisError, StorageError):
            log.warning("shared limits of %s unavailable (Redis unreachable): calling without them", route)
            return 0.0

    def _take(self, route: str, spec: dict[str, int], tokens: int) -> float:
        limiter = _limiter(self.settings.redis_url)
        rpm = RateLimitItemPerMinute(int(spec["rpm"])) if spec.get("rpm") else None
        tpm = RateLimitItemPerMinute(int(spec["tpm"])) if spec.get("tpm") and tokens > 0 else None
        if rpm is not None and not limiter.test(rpm, route, "requests"):
            return max(0.05, limiter.get_window_stats(rpm, route, "requests").reset_time - self.clock())
        if tpm is not None:
            cost = min(tokens, int(spec["tpm"]))
            if not limiter.hit(tpm, route, "tokens", cost=cost):
                return max(0.05, limiter.get_window_stats(tpm, route, "tokens").reset_time - self.clock())
        if rpm is not None and not limiter.hit(rpm, route, "requests"):
            return max(0.05, limiter.get_window_stats(rpm, route, "requests").reset_time - self.clock())
        return 0.0
