"""Model-bound benchmark: agent runs/s when every model call takes 800 ms.

A local OpenAI-compatible server (``python -m bench.model_server --delay-ms 800``) stands in for
the provider; the bench org's agents use model ``local/bench`` through it (real gateway, litellm,
instructor, validation). TICKET_WON events are replayed (three agents each: icp_mapper,
qa_auditor, capi_auditor, run concurrently inside the event job). Measured for 1 worker process
(the default setup) and for 4, with each worker's RSS (worker + work horse).

Scaling: throughput ~ processes x agents-per-event / model latency. Add processes
(``honcho start -c worker=4`` or N x ``copilot worker``); each one serves one event at a time and
that event's agents in parallel threads.

Usage: python -m bench.bench_model_bound [--events 24] [--workers 1,4] [--delay-ms 800] [--fork]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid

import redis

from bench import worker_harness as h

TEMPLATES = ("icp_mapper", "qa_auditor", "capi_auditor")
PORT = 8765


def _won_events(n: int, run: str) -> list[dict]:  # type: ignore[type-arg]
    msgs = h.make_events(n, run=run, tickets=n, mix=(1.0, 0.0, 0.0))  # one opening message per ticket
    won = [{"id": f"{run}-won{i}", "type": "TICKET_WON", "occurred_at": m["occurred_at"],
            "ticket": {"ref": m["ticket"]["ref"]}} for i, m in enumerate(msgs)]
    return msgs + won


def _measure(org_id: uuid.UUID, env: dict[str, str], n_workers: int, events: int,
             fork: bool) -> tuple[float, list[float], int]:
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import AiRun, RunStatus

    conn = redis.Redis.from_url(h.BENCH_REDIS)
    run = uuid.uuid4().hex[:6]
    with h.workers(n_workers, env, fork=fork) as procs:
        batch = _won_events(events, run)
        h.ingest(org_id, batch[:events])  # the opening messages (no agent on messages here)
        while not h.idle(conn, ("events", "publish")):
            time.sleep(0.05)
        with session_scope() as s:
            before = s.scalar(select(func.count()).select_from(AiRun).where(
                AiRun.organization_id == org_id, AiRun.trigger_event == "TICKET_WON")) or 0
        started = time.perf_counter()
        h.ingest(org_id, batch[events:])
        peak = [0.0] * n_workers
        expected = before + events * len(TEMPLATES)
        after, last_progress = before, time.perf_counter()
        # The queues empty before the model stage has finished: wait for the runs themselves.
        while after < expected and time.perf_counter() - last_progress < 60:
            peak = [max(a, h.rss_mb(p.pid)) for a, p in zip(peak, procs, strict=True)]
            time.sleep(0.1)
            with session_scope() as s:  # every recorded run counts as progress (failed ones are reported)
                now_count = s.scalar(select(func.count()).select_from(AiRun).where(
                    AiRun.organization_id == org_id, AiRun.trigger_event == "TICKET_WON")) or 0
            if now_count > after:
                after, last_progress = now_count, time.perf_counter()
        elapsed = time.perf_counter() - started
        with session_scope() as s:
            failed = s.scalar(select(func.count()).select_from(AiRun).where(
                AiRun.organization_id == org_id, AiRun.trigger_event == "TICKET_WON",
                AiRun.status != RunStatus.SUCCEEDED)) or 0
        if failed:
            print(f"  ({failed} runs not SUCCEEDED so far in this org)")
    runs = int(after - before)
    return runs / elapsed, peak, runs


async def _bare(n: int, concurrency: int) -> float:
    import asyncio

    import litellm

    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            await litellm.acompletion(model="openai/bench", api_base=f"http://127.0.0.1:{PORT}/v1", api_key="bench",
                                      messages=[{"role": "user", "content": f"ping {i}"}], max_retries=0)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(n)))
    return n / (time.perf_counter() - started)


def bare_litellm(n: int, concurrency: int) -> tuple[float, float]:
    """Calls/s and peak RSS of a bare ``litellm.acompletion`` client (own process), same server."""
    code = ("import asyncio, resource, sys; sys.path.insert(0, '.'); from bench.bench_model_bound import _bare; "
            f"r = asyncio.run(_bare({n}, {concurrency})); "
            "print(r, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], cwd=h.ROOT, capture_output=True, text=True, timeout=600)
    rate, rss = out.stdout.split()[-2:]
    return float(rate), float(rss)


def main(events: int = 24, worker_counts: tuple[int, ...] = (1, 4), delay_ms: int = 800,
         fork: bool = False, inline_baseline: bool = True) -> dict[str, float]:
    env = h.use_bench_env({"OPENAI_COMPATIBLE_BASE_URL": f"http://127.0.0.1:{PORT}/v1",
                           "OPENAI_COMPATIBLE_API_KEY": "bench"})
    server = subprocess.Popen([sys.executable, "-m", "bench.model_server", "--port", str(PORT),
                               "--delay-ms", str(delay_ms)], cwd=h.ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    results: dict[str, float] = {}
    try:
        org_id = h.prepare(TEMPLATES, model="local/bench")
        print(f"model latency {delay_ms} ms; {events} TICKET_WON events x {len(TEMPLATES)} agents; "
              f"{os.cpu_count()} CPUs; {'RQ forking Worker (--fork)' if fork else 'RQ SimpleWorker (default)'}")
        print(f"{'workers':>8} {'runs':>6} {'runs/s':>8} {'ideal':>8}  RSS per worker (MB, peak)")
        for n in worker_counts:
            rate, rss, runs = _measure(org_id, env, n, events, fork)
            print(f"{n:8d} {runs:6d} {rate:8.2f}   model stage (MODEL_CONCURRENCY="
                  f"{env.get('MODEL_CONCURRENCY', '64')})  " + ", ".join(f"{r:.0f}" for r in rss))
            results[f"runs_per_s_{n}"] = rate
        if inline_baseline:  # the same run without the model stage: each job waits for its calls
            base_events = max(6, events // 10)
            rate0, rss0, runs0 = _measure(org_id, {**env, "MODEL_CONCURRENCY": "0"}, 1, base_events, fork)
            print(f"{1:8d} {runs0:6d} {rate0:8.2f}   inline (MODEL_CONCURRENCY=0, before)  "
                  + ", ".join(f"{r:.0f}" for r in rss0))
            results["runs_per_s_inline"] = rate0
        calls = events * len(TEMPLATES)
        bare, bare_rss = bare_litellm(calls, 64)
        print(f"bare litellm.acompletion, 64 in flight, {calls} calls: {bare:.2f} calls/s, {bare_rss:.0f} MB RSS")
        one = results.get("runs_per_s_1")
        if one:
            print(f"one worker process vs bare client: {one / bare:.2f}x; vs inline: "
                  f"{one / results.get('runs_per_s_inline', one):.1f}x")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=24)
    ap.add_argument("--workers", default="1,4")
    ap.add_argument("--delay-ms", type=int, default=800)
    ap.add_argument("--fork", action="store_true", help="workers fork a work horse per job (RQ Worker)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the inline (MODEL_CONCURRENCY=0) run")
    a = ap.parse_args()
    main(a.events, tuple(int(x) for x in a.workers.split(",")), a.delay_ms, fork=a.fork,
         inline_baseline=not a.no_baseline)
