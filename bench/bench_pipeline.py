"""Pipeline benchmark: replayed CRM events through the real worker with the offline engine.

Same run, same worker process (``python worker.py``: RQ's SimpleWorker + scheduler; ``--fork``:
RQ's forking Worker):
1. baseline: N no-op RQ jobs on the ``events`` queue -> jobs/s;
2. pipeline: N events (85% messages, 10% won/lost, 5% macro clicks) ingested through the inbox
   (store + commit + enqueue) and processed end to end (apply, triggers, throttle, offline engine,
   record, publish) -> events/s; target >= 50% of the no-op rate;
3. latency: events paced at 20/s while a subscriber on the org channel stamps each published
   insight -> p50/p95 from ingest (event.received_at) to published; target p95 < 500 ms.
Debounce is removed from the bench org's triggers (it delays runs by 20-30 s by design).

Usage: python -m bench.bench_pipeline [--events 5000] [--rate 20] [--paced 300] [--workers 1] [--fork]
"""

from __future__ import annotations

import argparse
import time
import uuid

import redis

from bench import worker_harness as h

TEMPLATES = ("traffic_feedback", "closing_coach", "icp_mapper", "ghosting_sentinel", "capi_auditor", "qa_auditor")
QUEUES = ("publish", "events", "agents")


def _wait_idle(conn: redis.Redis, org_id: uuid.UUID, timeout: float = 3600) -> None:
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import Event, EventStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if h.idle(conn, QUEUES):
            with session_scope() as s:
                pending = s.scalar(select(func.count()).select_from(Event).where(
                    Event.organization_id == org_id, Event.status.in_([EventStatus.RECEIVED, EventStatus.PROCESSING])))
            if not pending:
                return
        time.sleep(0.05)
    raise TimeoutError("pipeline did not drain")


def noop_rate(conn: redis.Redis, n: int) -> float:
    from rq import Queue

    q = Queue("events", connection=conn)
    started = time.perf_counter()
    with conn.pipeline() as pipe:
        for i in range(n):
            q.enqueue("engine.jobs.noop_job", str(i), result_ttl=0, pipeline=pipe)
        pipe.execute()
    while not h.idle(conn, ("events",)):
        time.sleep(0.02)
    return n / (time.perf_counter() - started)


def pipeline_rate(conn: redis.Redis, org_id: uuid.UUID, n: int, run: str) -> float:
    events = h.make_events(n, run=run)
    started = time.perf_counter()
    h.ingest(org_id, events)
    _wait_idle(conn, org_id)
    return n / (time.perf_counter() - started)


def paced_latency(conn: redis.Redis, org_id: uuid.UUID, n: int, rate: float, run: str) -> list[float]:
    probe = h.Probe(org_id)
    events = h.make_events(n, run=run)
    t0 = time.perf_counter()
    for i, e in enumerate(events):
        delay = t0 + i / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        h.ingest(org_id, [e])
    _wait_idle(conn, org_id)
    time.sleep(0.3)
    probe.stop()
    return probe.latencies_ms()


def main(events: int = 5000, rate: float = 20.0, paced: int = 300, n_workers: int = 1,
         fork: bool = False) -> dict[str, float]:
    env = h.use_bench_env()
    org_id = h.prepare(TEMPLATES)
    conn = redis.Redis.from_url(h.BENCH_REDIS)
    run = uuid.uuid4().hex[:6]
    with h.workers(n_workers, env, fork=fork) as procs:
        noop_rate(conn, 200)  # warm-up
        pipeline_rate(conn, org_id, 100, f"{run}w")
        # alternate halves so machine load hits both sides alike
        half = events // 2
        noop1 = noop_rate(conn, half)
        pipe1 = pipeline_rate(conn, org_id, half, f"{run}a")
        noop2 = noop_rate(conn, half)
        pipe2 = pipeline_rate(conn, org_id, events - half, f"{run}b")
        lat = paced_latency(conn, org_id, paced, rate, f"{run}p")
        rss = [h.rss_mb(p.pid) for p in procs]
    noop = 2 / (1 / noop1 + 1 / noop2)
    pipe = 2 / (1 / pipe1 + 1 / pipe2)
    ratio = pipe / noop
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import AiInsight, AiRun

    with session_scope() as s:
        runs = dict(s.execute(select(AiRun.status, func.count()).where(AiRun.organization_id == org_id)
                              .group_by(AiRun.status)).all())
        insights = s.scalar(select(func.count()).select_from(AiInsight).where(AiInsight.organization_id == org_id))
    import os

    print(f"{events} events (85% messages, 10% won/lost, 5% macro), {n_workers} worker process(es) "
          f"({'RQ forking Worker, --fork' if fork else 'RQ SimpleWorker, the default'}), offline engine, {os.cpu_count()} CPUs")
    print(f"{'':34} {'rate/s':>8}")
    print(f"{'no-op RQ job (same worker)':34} {noop:8.1f}   (halves {noop1:.1f}, {noop2:.1f})")
    print(f"{'pipeline event -> published':34} {pipe:8.1f}   (halves {pipe1:.1f}, {pipe2:.1f})")
    print(f"ratio pipeline/no-op: {ratio:.0%} ({'meets' if ratio >= 0.5 else 'below'} the 50% target)")
    print(f"runs: {', '.join(f'{k.value} {v}' for k, v in runs.items())}; insights {insights}")
    p50, p95 = h.pct(lat, 0.5), h.pct(lat, 0.95)
    print(f"paced {paced} events at {rate:.0f}/s: {len(lat)} insights, ingest->published p50 {p50:.0f} ms, "
          f"p95 {p95:.0f} ms ({'meets' if p95 < 500 else 'above'} the 500 ms target)")
    print("worker RSS (MB, incl. work horse): " + ", ".join(f"{r:.0f}" for r in rss))
    return {"noop_rate": noop, "pipeline_rate": pipe, "ratio": ratio, "p50_ms": p50, "p95_ms": p95}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--paced", type=int, default=300)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--fork", action="store_true", help="workers fork a work horse per job (RQ Worker)")
    a = ap.parse_args()
    main(a.events, a.rate, a.paced, a.workers, fork=a.fork)
