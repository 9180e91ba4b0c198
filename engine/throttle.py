"""Redis enforcement of ``ThrottleRules`` (ARCHITECTURE section 5): max runs per window and debounce.

Both are atomic in Redis, so two workers racing on the same scope never both run past the limit:

- ``maxRuns`` per ``windowSeconds``: a sliding-window log (sorted set, one member per run request,
  scored by Redis' own clock) checked and extended inside one Lua script. The member is the run's
  idempotency key, so a retried job that was already admitted is admitted again instead of being
  counted twice (or wrongly throttled by its own first attempt).
- ``debounceSeconds``: "run once after the burst is quiet". Every match stores itself as the latest
  request of its (agent, scope) with ``SET ... GET`` (atomic swap); the caller schedules a delayed
  job and drops the request it superseded. When a delayed job fires, ``claim_debounce`` admits it
  only if it is still the latest (compare-and-set in Lua), so a burst yields exactly one run.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import redis

from engine.throttle_rules import ThrottleRules

KEY_PREFIX = "copilot:throttle"
DEBOUNCE_PREFIX = "copilot:debounce"
FIRED_MARK = "fired:"

# KEYS[1] = window zset; ARGV = now_ms ("" = Redis clock), window_ms, max_runs, member.
# Returns {admitted (0/1), runs in window, ms until the oldest run leaves the window}.
_WINDOW_LUA = """
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local window = tonumber(ARGV[2])
local max_runs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  return {1, redis.call('ZCARD', KEYS[1]), 0}
end
local n = redis.call('ZCARD', KEYS[1])
if n >= max_runs then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, n, math.max(0, tonumber(oldest[2]) + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, n + 1, 0}
"""

# KEYS[1] = debounce key; ARGV[1] = request id, ARGV[2] = ttl ms. Admit when the key still holds
# the request (or already marks it fired: a retry of an admitted run); mark it fired.
_CLAIM_LUA = """
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] or cur == 'fired:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'fired:' .. ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""


@dataclass(frozen=True)
class Scope:
    """The scope a rule counts in: its kind and the id of the ticket, contact or organisation."""

    kind: str
    id: uuid.UUID


@dataclass(frozen=True)
class WindowDecision:
    admitted: bool
    runs_in_window: int
    retry_after_ms: int

    def detail(self, rules: ThrottleRules, scope: Scope) -> dict[str, Any]:
        """What an ``ai_run`` row with status THROTTLED says about the rule that stopped it."""
        return {"rule": "maxRuns", "maxRuns": rules.max_runs, "windowSeconds": rules.window_seconds,
                "scope": scope.kind, "scope_id": str(scope.id), "runs_in_window": self.runs_in_window,
                "retry_after_seconds": round(self.retry_after_ms / 1000, 1)}


def resolve_scope(rules: ThrottleRules, *, organization_id: uuid.UUID, ticket_id: uuid.UUID | None,
                  contact_id: uuid.UUID | None) -> Scope:
    """The scope id for ``rules.scope``; falls back to the organisation when the event has no ticket."""
    if rules.scope == "ticket" and ticket_id is not None:
        return Scope("ticket", ticket_id)
    if rules.scope == "contact" and contact_id is not None:
        return Scope("contact", contact_id)
    return Scope("organization", organization_id)


def window_key(organization_id: uuid.UUID, agent_id: uuid.UUID, trigger: str, scope: Scope) -> str:
    return f"{KEY_PREFIX}:{organization_id}:{agent_id}:{trigger}:{scope.kind}:{scope.id}"


def debounce_key(organization_id: uuid.UUID, agent_id: uuid.UUID, trigger: str, scope: Scope) -> str:
    return f"{DEBOUNCE_PREFIX}:{organization_id}:{agent_id}:{trigger}:{scope.kind}:{scope.id}"


def check_window(conn: redis.Redis, *, key: str, rules: ThrottleRules, member: str,
                 now_ms: int | None = None) -> WindowDecision:
    """Admit ``member`` if fewer than ``maxRuns`` were admitted in the last ``windowSeconds`` (atomic).

    Rules without ``maxRuns`` always admit. ``now_ms`` overrides Redis' clock (tests only)."""
    if rules.max_runs is None or rules.window_seconds is None:
        return WindowDecision(True, 0, 0)
    raw = conn.eval(_WINDOW_LUA, 1, key, "" if now_ms is None else str(now_ms),
                    str(rules.window_seconds * 1000), str(rules.max_runs), member)
    admitted, n, retry_ms = (int(x) for x in raw)
    return WindowDecision(bool(admitted), n, retry_ms)


def window_state(conn: redis.Redis, *, key: str, rules: ThrottleRules) -> WindowDecision:
    """Would one more run be admitted now? Read-only (admits nothing): for buttons that say
    "limite atingido até HH:MM" before anyone clicks. ``retry_after_ms`` is 0 when admitted."""
    if rules.max_runs is None or rules.window_seconds is None:
        return WindowDecision(True, 0, 0)
    seconds, micros = (int(x) for x in conn.time())
    now_ms = seconds * 1000 + micros // 1000
    window_ms = rules.window_seconds * 1000
    recent = conn.zrangebyscore(key, now_ms - window_ms + 1, "+inf", withscores=True)
    if len(recent) < rules.max_runs:
        return WindowDecision(True, len(recent), 0)
    oldest = int(recent[len(recent) - rules.max_runs][1])  # the run whose expiry frees a slot
    return WindowDecision(False, len(recent), max(0, oldest + window_ms - now_ms))


def check_windows(conn: redis.Redis, items: list[tuple[str, ThrottleRules, str]]) -> list[WindowDecision]:
    """``check_window`` for several ``(key, rules, member)`` at once: one Redis round trip (a pipeline
    of the same atomic script, no MULTI needed since each script is atomic on its own)."""
    out: list[WindowDecision | None] = [None] * len(items)
    pipe = conn.pipeline(transaction=False)
    pending: list[int] = []
    for i, (key, rules, member) in enumerate(items):
        if rules.max_runs is None or rules.window_seconds is None:
            out[i] = WindowDecision(True, 0, 0)
            continue
        pipe.eval(_WINDOW_LUA, 1, key, "", str(rules.window_seconds * 1000), str(rules.max_runs), member)
        pending.append(i)
    if pending:
        for i, raw in zip(pending, pipe.execute(), strict=True):
            admitted, n, retry_ms = (int(x) for x in raw)
            out[i] = WindowDecision(bool(admitted), n, retry_ms)
    return [d for d in out if d is not None]


def debounce_swap(conn: redis.Redis, *, key: str, request_id: str, debounce_seconds: int) -> str | None:
    """Make ``request_id`` the latest request of the burst. Returns the pending request it superseded
    (None when there was none, or the previous one already fired)."""
    ttl_ms = (debounce_seconds + 3600) * 1000  # outlives the delayed job even if the scheduler lags
    old = conn.set(key, request_id, px=ttl_ms, get=True)
    if old is None:
        return None
    old_id = old.decode() if isinstance(old, bytes) else str(old)
    if old_id == request_id or old_id.startswith(FIRED_MARK):
        return None
    return old_id


def claim_debounce(conn: redis.Redis, *, key: str, request_id: str, debounce_seconds: int) -> bool:
    """When a delayed run fires: True if it is still the latest request of its burst (idempotent)."""
    ttl_ms = (debounce_seconds + 3600) * 1000
    return bool(conn.eval(_CLAIM_LUA, 1, key, request_id, str(ttl_ms)))
