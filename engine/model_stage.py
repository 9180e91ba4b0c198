"""The model stage: one worker process keeps many model calls in flight.

The event job (and the inactivity and debounced jobs) hands its model-bound runs to this stage and
returns, so the RQ worker takes the next job while the calls wait on the network. The calls run as
asyncio tasks on one event loop per process (a daemon thread), ``litellm.acompletion`` underneath
(``engine.gateway.agenerate``), at most ``MODEL_CONCURRENCY`` at once (default 64). Each outcome is
recorded through the same idempotent path as an inline run (``engine.pipeline``'s finish step), in
a small pool of recorder threads, so database work never blocks the loop; then published and offered
to the auto-apply policy.

What stays true:
- Exactly once: every run keeps its idempotency key, so a retried or duplicated job that finds a run
  recorded does not run it again, and recording twice is impossible (unique key).
- Crash safety: the event stays PROCESSING until the stage has recorded all its runs; then the
  stage marks it PROCESSED. While its runs are in flight a Redis key (TTL = the longest a call can
  take) tells the sweeper to leave it alone. After a ``kill -9`` the key expires, the sweeper
  re-enqueues the event, and only the runs that were not recorded run again.
- Order per ticket: calls overlap, but a ticket's outcomes are recorded in the order they were
  handed over (each waits for its predecessor on the same ticket before recording). A task waits
  for its predecessor only after its own call, outside the concurrency limit: no deadlock.
- Offline runs never come here: they are CPU-bound and fast, and are recorded inline as before.
- Only worker processes enable the stage (``enable``); elsewhere every run is inline.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import Any

import redis

from engine.config import get_settings

log = logging.getLogger(__name__)
INFLIGHT_PREFIX = "copilot:inflight:event"
_VALIDATION_ATTEMPTS = 2  # the gateway's re-ask: a run may take two logical calls
RECORDERS = 4  # threads that record outcomes (database + publish), off the event loop


def inflight_key(event_id: uuid.UUID | str) -> str:
    return f"{INFLIGHT_PREFIX}:{event_id}"


def inflight_ttl_seconds() -> int:
    """The longest a handed-over run can take: every retry of both logical calls, plus a margin."""
    s = get_settings()
    return int(s.model_timeout_seconds * (s.model_max_retries + 1) * _VALIDATION_ATTEMPTS) + 30


@dataclass
class _EventState:
    left: int
    failed: bool = False


# (ticket id, the model call: a coroutine function or a plain callable, what to do with its outcome)
StageItem = tuple[Any, Callable[[], Any], Callable[[Any], None]]


class ModelStage:
    """A process' model calls in flight (see the module docstring)."""

    def __init__(self, concurrency: int) -> None:
        self.concurrency = concurrency
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name="model-loop", daemon=True)
        self._thread.start()
        self._limit = asyncio.run_coroutine_threadsafe(self._make_limit(concurrency), self.loop).result()
        self.recorder = ThreadPoolExecutor(max_workers=RECORDERS, thread_name_prefix="model-record")
        self._lock = threading.Lock()
        self._last_by_ticket: dict[Any, Future[Any]] = {}
        self._events: dict[uuid.UUID, _EventState] = {}
        self._futures: set[Future[Any]] = set()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    @staticmethod
    async def _make_limit(concurrency: int) -> asyncio.Semaphore:
        return asyncio.Semaphore(concurrency)

    def submit(self, conn: redis.Redis, items: list[StageItem], *, event_id: uuid.UUID | None) -> None:
        """Hand over runs: each item is (ticket id, the model call, what to do with its outcome).

        With ``event_id`` the event is marked PROCESSED once every item finished (``on_event_done``)."""
        if event_id is not None:
            conn.set(inflight_key(event_id), "1", ex=inflight_ttl_seconds())
            with self._lock:
                self._events[event_id] = _EventState(left=len(items))
        for ticket_id, call, finish in items:
            with self._lock:
                prev = self._last_by_ticket.get(ticket_id)
                fut = asyncio.run_coroutine_threadsafe(self._task(call, finish, prev, event_id, conn), self.loop)
                self._last_by_ticket[ticket_id] = fut
                self._futures.add(fut)
            fut.add_done_callback(partial(self._forget, ticket_id=ticket_id))

    def _forget(self, fut: Future[Any], ticket_id: Any) -> None:
        with self._lock:
            self._futures.discard(fut)
            if self._last_by_ticket.get(ticket_id) is fut:
                del self._last_by_ticket[ticket_id]

    async def _task(self, call: Callable[[], Any], finish: Callable[[Any], None], prev: Future[Any] | None,
                    event_id: uuid.UUID | None, conn: redis.Redis) -> None:
        loop = asyncio.get_running_loop()
        ok = False
        try:
            async with self._limit:  # overlaps with every other call in flight
                if inspect.iscoroutinefunction(call):
                    outcome = await call()
                else:  # a blocking call (e.g. a test's stand-in) waits in a thread, not on the loop
                    outcome = await loop.run_in_executor(None, call)
            if prev is not None:
                # Record after the previous run of this ticket (its own errors are its own).
                await asyncio.wait([asyncio.wrap_future(prev)])
            await loop.run_in_executor(self.recorder, finish, outcome)
            ok = True
        except Exception:  # noqa: BLE001 - the event stays PROCESSING; the sweeper retries it
            log.exception("model stage: a run of event %s could not be completed", event_id)
        finally:
            if event_id is not None:
                await loop.run_in_executor(self.recorder, self._event_step, event_id, ok, conn)

    def _event_step(self, event_id: uuid.UUID, ok: bool, conn: redis.Redis) -> None:
        with self._lock:
            state = self._events.get(event_id)
            if state is None:
                return
            state.left -= 1
            state.failed = state.failed or not ok
            if state.left > 0:
                return
            del self._events[event_id]
        try:
            if not state.failed:
                mark_processed(event_id)
            conn.delete(inflight_key(event_id))  # done, or failed: the sweeper may hand it back now
        except Exception:  # noqa: BLE001 - the in-flight key expires; the sweeper re-enqueues the event
            log.exception("model stage: could not close event %s", event_id)

    def drain(self, timeout: float | None = None) -> bool:
        """Wait for every run handed over so far. True when all finished within ``timeout``."""
        with self._lock:
            pending = set(self._futures)
        done, not_done = wait(pending, timeout=timeout)
        return not not_done

    def in_flight(self) -> int:
        with self._lock:
            return len(self._futures)


def mark_processed(event_id: uuid.UUID) -> None:
    """PROCESSING -> PROCESSED once every run of the event is recorded (no-op for any other status)."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    from engine.db import session_scope
    from engine.models import Event, EventStatus

    with session_scope() as s:
        s.execute(update(Event).where(Event.id == event_id, Event.status == EventStatus.PROCESSING)
                  .values(status=EventStatus.PROCESSED, processed_at=datetime.now(UTC), error=None))


_stage: tuple[int, ModelStage] | None = None
_enabled = False
_stage_lock = threading.Lock()


def enable(on: bool = True) -> None:
    """Hand model-bound runs to the stage in this process (the worker calls this at start-up)."""
    global _enabled
    _enabled = on and get_settings().model_concurrency > 0


def current() -> ModelStage | None:
    """This process' stage when enabled (created lazily: a forked child gets its own)."""
    global _stage
    if not _enabled:
        return None
    with _stage_lock:
        if _stage is None or _stage[0] != os.getpid():
            _stage = (os.getpid(), ModelStage(get_settings().model_concurrency))
        return _stage[1]
