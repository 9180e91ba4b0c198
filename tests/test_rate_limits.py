"""Provider limits shared by every worker (Redis, moving window) and the shared 429 back-off."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import redis

from engine.config import Settings
from engine.rate_limits import ProviderLimits, RateLimited, parse_retry_after, retry_after_of

ROOT = Path(__file__).resolve().parents[1]


def limits_with(table: dict, max_wait: float = 0.0) -> Settings:
    return Settings(model_rate_limits=table, model_rate_limit_max_wait_seconds=max_wait)


def test_retry_after_as_seconds_and_as_http_date() -> None:
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0 and parse_retry_after("0.4") == 0.4 and parse_retry_after(3) == 3.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after("Wed, 02 Dec 2026 11:00:00 GMT", now=now) == 0.0  # in the past: go now
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None

    class Resp:
        headers = {"retry-after": format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)}

    class Err(Exception):
        response = Resp()

    assert 18 <= (retry_after_of(Err()) or 0) <= 20


def test_requests_per_minute_are_shared_and_exact(redis_conn: redis.Redis) -> None:
    a = ProviderLimits(limits_with({"gpt-x": {"rpm": 5}}))
    b = ProviderLimits(limits_with({"gpt-x": {"rpm": 5}}))
    took = 0
    for limiter in (a, b) * 4:
        try:
            limiter.acquire("gpt-x")
            took += 1
        except RateLimited as err:
            assert err.wait_seconds > 0 and "limite" in err.user_message
    assert took == 5
    a.acquire("other-route")  # unlisted routes are not limited


def test_the_async_acquire_shares_the_same_windows(redis_conn: redis.Redis) -> None:
    """The model stage's calls (``aacquire``, on an event loop) and blocking calls take from one window."""
    import asyncio

    sync = ProviderLimits(limits_with({"gpt-x": {"rpm": 4}}))
    loop_side = ProviderLimits(limits_with({"gpt-x": {"rpm": 4}}))

    async def take(n: int) -> int:
        took = 0
        for _ in range(n):
            try:
                await loop_side.aacquire("gpt-x")
                took += 1
            except RateLimited:
                pass
        return took

    sync.acquire("gpt-x")
    assert asyncio.run(take(6)) == 3  # 4 per minute in all, whoever takes them
    with pytest.raises(RateLimited):
        sync.acquire("gpt-x")


def test_tokens_per_minute(redis_conn: redis.Redis) -> None:
    lim = ProviderLimits(limits_with({"gpt-x": {"rpm": 100, "tpm": 1000}}))
    lim.acquire("gpt-x", tokens=600)
    with pytest.raises(RateLimited):
        lim.acquire("gpt-x", tokens=600)
    lim.acquire("gpt-x", tokens=400)


def test_a_429_makes_every_worker_wait(redis_conn: redis.Redis) -> None:
    slept: list[float] = []
    first = ProviderLimits(limits_with({}))
    other = ProviderLimits(limits_with({}, max_wait=60), sleep=slept.append)
    assert first.note_429("gpt-x", 12.0) == 12.0
    assert first.note_429("gpt-x", None) == 0.0  # no Retry-After: nothing shared
    assert 11 < other.backoff_left("gpt-x") <= 12
    with pytest.raises(RateLimited):
        ProviderLimits(limits_with({}, max_wait=1)).acquire("gpt-x")
    redis_conn.delete("copilot:ratelimit:backoff:gpt-x")
    assert other.acquire("gpt-x") == 0.0 and slept == []


def test_redis_down_fails_open(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/0", model_rate_limits={"gpt-x": {"rpm": 1}})
    lim = ProviderLimits(settings)
    assert lim.acquire("gpt-x") == 0.0 and lim.note_429("gpt-x", 5) == 5


WORKER = """
import sys
from engine.config import Settings
from engine.rate_limits import ProviderLimits, RateLimited
lim = ProviderLimits(Settings(model_rate_limits={"shared-route": {"rpm": 30}}, model_rate_limit_max_wait_seconds=0))
ok = 0
for _ in range(40):
    try:
        lim.acquire("shared-route")
        ok += 1
    except RateLimited:
        pass
print(ok)
"""


def test_two_worker_processes_never_exceed_the_limit_together(redis_conn: redis.Redis) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    counts = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
        counts.append(int(out.strip()))
    assert sum(counts) == 30  # 80 attempts from two processes, exactly the shared 30 per minute admitted
