"""Per-event cost of the offline pipeline, counted exactly: PostgreSQL round trips, statements and
transactions, Redis commands and round trips, per job kind.

The worker runs in this process (the same ``CopilotSimpleWorker`` as ``python worker.py``, in burst
mode, after ``engine.jobs.preload``), so the counters see every call it makes:
- PostgreSQL: libpq's protocol trace (``pgconn.trace``) of every pooled connection: each simple
  ``Query`` (BEGIN, COMMIT, the pool's pre-ping) and each ``Sync`` (an extended-protocol statement,
  or a pipeline's sync point) the client sends is one round trip; statements and
  transactions are counted with SQLAlchemy events (``before_cursor_execute``, ``begin``, ``commit``,
  ``rollback``; SAVEPOINTs are statements).
- Redis: client-side, every command sent (``Redis.execute_command`` and each pipeline's command
  stack, MULTI/EXEC included) and every round trip (one per command, one per pipeline). Client-side
  because ``INFO commandstats`` is server-wide and the server is shared.

Same bench database and Redis as ``bench.bench_pipeline`` (BENCH_WORKER_DATABASE_URL,
BENCH_WORKER_REDIS_URL; emptied first), same bench organisation (six templates, no debounce unless
``--debounce``) and the same synthetic CRM events (85% messages, 10% won/lost, 5% macro clicks;
``--lead`` makes every message an inbound lead message). Events are ingested (not counted), the
tables ANALYZEd, then the worker drains the queues while counting. The no-op RQ jobs of the
baseline are counted the same way.

Usage: python -m bench.pipeline_roundtrips [--events 300] [--lead] [--debounce]
"""

from __future__ import annotations

import argparse
import contextvars
import os
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis
from sqlalchemy import event as sa_event
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bench import worker_harness as h
from bench.bench_pipeline import TEMPLATES

_job: contextvars.ContextVar[str] = contextvars.ContextVar("job", default="worker loop")
KEYS = ("pg_round_trips", "statements", "transactions", "redis_commands", "redis_round_trips")


class Counts:
    """Counters per job function (``worker loop``: dequeue, maintenance, anything outside a job)."""

    def __init__(self) -> None:
        self.by_job: dict[str, Counter[str]] = defaultdict(Counter)
        self.jobs: Counter[str] = Counter()
        self.traces: dict[str, int] = {}  # trace file -> bytes already read
        self.cpu = 0.0  # worker CPU seconds (this process) of the last drain

    def add(self, key: str, n: int = 1) -> None:
        self.by_job[_job.get()][key] += n

    def reset(self) -> None:
        self.round_trips()
        self.by_job.clear()
        self.jobs.clear()

    def round_trips(self) -> int:
        """PostgreSQL round trips since the last call. libpq flushes its trace when it sends, so the
        client's messages are all there: each simple Query and each Sync is one round trip (the
        server answers it with one ReadyForQuery)."""
        n = 0
        for path, done in self.traces.items():
            with open(path, "rb") as f:
                f.seek(done)
                chunk = f.read()
            cut = chunk.rfind(b"\n") + 1  # whole lines only
            self.traces[path] = done + cut
            n += sum(1 for ln in chunk[:cut].splitlines()
                     if ln.startswith(b"F\t") and (b"\tQuery\t" in ln or ln.endswith(b"\tSync")))
        return n

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for c in self.by_job.values():
            out.update(c)
        return out


COUNTS = Counts()


def _install(engine: Engine, tracedir: str) -> None:
    import psycopg

    @sa_event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _rec: Any) -> None:
        fd, path = tempfile.mkstemp(dir=tracedir, suffix=".pqtrace")
        pgconn = dbapi_conn.pgconn
        pgconn.trace(fd)
        pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS | psycopg.pq.Trace.REGRESS_MODE)
        COUNTS.traces[path] = 0

    @sa_event.listens_for(engine, "before_cursor_execute")
    def _stmt(*_a: Any) -> None:
        COUNTS.add("statements")

    @sa_event.listens_for(engine, "begin")
    def _begin(*_a: Any) -> None:
        COUNTS.add("transactions")


def _patch_redis() -> None:
    from redis.client import Pipeline, Redis

    orig_exec = Redis.execute_command
    orig_pipe = Pipeline.execute
    orig_immediate = Pipeline.immediate_execute_command

    def execute_command(self: Any, *args: Any, **kw: Any) -> Any:
        if not isinstance(self, Pipeline):
            COUNTS.add("redis_commands")
            COUNTS.add("redis_round_trips")
        return orig_exec(self, *args, **kw)

    def immediate(self: Any, *args: Any, **kw: Any) -> Any:
        COUNTS.add("redis_commands")
        COUNTS.add("redis_round_trips")
        return orig_immediate(self, *args, **kw)

    def execute(self: Any, *args: Any, **kw: Any) -> Any:
        n = len(self.command_stack)
        if n:
            COUNTS.add("redis_commands", n + (2 if self.transaction else 0))
            COUNTS.add("redis_round_trips")
        return orig_pipe(self, *args, **kw)

    Redis.execute_command = execute_command  # type: ignore[method-assign]
    Pipeline.immediate_execute_command = immediate  # type: ignore[method-assign]
    Pipeline.execute = execute  # type: ignore[method-assign]


def _worker(conn: redis.Redis) -> Any:
    from engine.jobs import CopilotSimpleWorker, make_worker

    class CountingWorker(CopilotSimpleWorker):
        def perform_job(self, job: Any, queue: Any, *args: Any, **kw: Any) -> bool:
            COUNTS.by_job["worker loop"]["pg_round_trips"] += COUNTS.round_trips()
            name = job.func_name.rsplit(".", 1)[-1]
            token = _job.set(name)
            COUNTS.jobs[name] += 1
            try:
                return super().perform_job(job, queue, *args, **kw)
            finally:
                COUNTS.by_job[name]["pg_round_trips"] += COUNTS.round_trips()
                _job.reset(token)

    w = make_worker(connection=conn)
    w.__class__ = CountingWorker
    return w


def _drain(conn: redis.Redis) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    w = _worker(conn)
    w.work(burst=True, with_scheduler=False, logging_level="WARNING")
    elapsed = time.perf_counter() - started
    COUNTS.cpu = time.process_time() - cpu
    COUNTS.by_job["worker loop"]["pg_round_trips"] += COUNTS.round_trips()
    return elapsed


@contextmanager
def _phase() -> Iterator[None]:
    COUNTS.reset()
    yield


def _report(title: str, units: int, elapsed: float) -> dict[str, float]:
    total = COUNTS.total()
    print(f"\n{title}: {units} in {elapsed:.2f} s ({units / elapsed:.1f}/s, counters on), "
          f"worker CPU {COUNTS.cpu / units * 1000:.1f} ms per {'event' if 'event' in title else 'job'}")
    print(f"  {'per ' + ('event' if 'event' in title else 'job'):28}" + "".join(f"{k:>19}" for k in KEYS))
    print(f"  {'all':28}" + "".join(f"{total[k] / units:19.2f}" for k in KEYS))
    for name, c in sorted(COUNTS.by_job.items()):
        if not any(c[k] for k in KEYS):
            continue
        jobs = COUNTS.jobs.get(name, 0)
        label = f"{name} ({jobs} jobs)" if jobs else name
        print(f"  {label[:28]:28}" + "".join(f"{c[k] / units:19.2f}" for k in KEYS))
    return {**{k: total[k] / units for k in KEYS}, "cpu_ms": COUNTS.cpu / units * 1000}


def _lead_only(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for e in events:
        if e["type"] == "MESSAGE_SENT":
            e["type"] = "MESSAGE_RECEIVED"
            e["message"]["from"] = "lead"
    return events


def main(events: int = 300, *, lead: bool = False, debounce: bool = False,
         profile: str | None = None) -> dict[str, dict[str, float]]:
    h.use_bench_env()
    org_id = h.prepare(TEMPLATES, no_debounce=not debounce)
    from engine.db import get_engine
    from engine.jobs import preload
    from engine.queues import get_queue

    preload()
    tracedir = tempfile.mkdtemp(prefix="pqtrace-")
    engine = get_engine()
    engine.dispose()
    _install(engine, tracedir)
    _patch_redis()
    conn = redis.Redis.from_url(h.BENCH_REDIS)
    run = uuid.uuid4().hex[:6]

    # warm-up: caches, pooled connections (not counted)
    h.ingest(org_id, h.make_events(40, run=f"{run}w"))
    _drain(conn)
    q = get_queue("events", conn)
    for i in range(events):
        q.enqueue("engine.jobs.noop_job", str(i), result_ttl=0)
    with _phase():
        elapsed = _drain(conn)
    noop = _report("no-op RQ jobs (same worker)", events, elapsed)

    evs = h.make_events(events, run=run)
    if lead:
        evs = _lead_only(evs)
    h.ingest(org_id, evs)
    with engine.begin() as c:
        c.execute(text("ANALYZE"))
    with _phase():
        if profile:
            import cProfile

            prof = cProfile.Profile()
            elapsed = prof.runcall(_drain, conn)
            prof.dump_stats(profile)
        else:
            elapsed = _drain(conn)
    kind = "inbound lead messages" if lead else "events (85% messages, 10% won/lost, 5% macro)"
    pipe = _report(f"pipeline events: {kind}", events, elapsed)
    print(f"\nPostgreSQL pool pre-ping: {engine.pool._pre_ping}; "  # type: ignore[attr-defined]
          f"PostgreSQL round trips counted from libpq protocol traces in {tracedir}")
    engine.dispose()
    for path in COUNTS.traces:
        os.unlink(path)
    os.rmdir(tracedir)
    return {"noop": noop, "pipeline": pipe}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=300)
    ap.add_argument("--lead", action="store_true", help="every message is an inbound lead message")
    ap.add_argument("--debounce", action="store_true", help="keep the templates' debounce rules")
    ap.add_argument("--profile", metavar="FILE", help="also write a cProfile of the pipeline drain to FILE")
    a = ap.parse_args()
    main(a.events, lead=a.lead, debounce=a.debounce, profile=a.profile)
