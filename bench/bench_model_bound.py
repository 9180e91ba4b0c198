"""Model-bound benchmark: agent runs/s when every model call takes 800 ms.

A local OpenAI-compatible server (``python -m bench.model_server --delay-ms 800``) stands in for
the provider; the bench org's agents use model ``local/bench`` through it (real gateway, litellm,
instructor, validation). TICKET_WON events are replayed (three agents each: icp_mapper,
qa_auditor, capi_auditor). The event job hands the three runs to the worker's model stage
(``engine.model_stage``: asyncio tasks on ``litellm.acompletion``, MODEL_CONCURRENCY in flight) and
takes the next job. Measured in one run:
1. runs/s, peak RSS and CPU ms per run of each worker process (``--workers 1,2``);
2. the inline baseline (MODEL_CONCURRENCY=0: each job waits for its calls, as before the stage);
3. a bare ``litellm.acompletion`` client (own process, 64 in flight, same server): calls/s and CPU ms
   per call — the ratio "worker CPU per run / bare CPU per call" is the overhead of the whole
   pipeline (event job, prompt, validation, recording, publishing) and does not depend on load;
4. ``--paced-rate R``: TICKET_WON events paced at R/s; p50/p95 from ingest (event.received_at) to
   each insight published on the org channel.

Usage: python -m bench.bench_model_bound [--events 667] [--workers 1] [--delay-ms 800]
       [--paced-rate 10 --paced-events 200 --paced-workers 1] [--no-baseline] [--fork]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from typing import Any

import redis

from bench import worker_harness as h

TEMPLATES = ("icp_mapper", "qa_auditor", "capi_auditor")
PORT = 8765


def _won_events(n: int, run: str) -> list[dict]:  # type: ignore[type-arg]
    msgs = h.make_events(n, run=run, tickets=n, mix=(1.0, 0.0, 0.0))  # one opening message per ticket
    won = [{"id": f"{run}-won{i}", "type": "TICKET_WON", "occurred_at": m["occurred_at"],
            "ticket": {"ref": m["ticket"]["ref"]}} for i, m in enumerate(msgs)]
    return msgs + won


def _count_runs(org_id: uuid.UUID) -> int:
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import AiRun

    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(AiRun).where(
            AiRun.organization_id == org_id, AiRun.trigger_event == "TICKET_WON")) or 0


def _open_tickets(conn: redis.Redis, org_id: uuid.UUID, events: int, run: str) -> tuple[list[dict], int]:  # type: ignore[type-arg]
    """Ingest one opening message per ticket and wait for them; the TICKET_WON events still to send
    follow them in the list. Returns the list and the TICKET_WON runs recorded so far."""
    batch = _won_events(events, run)
    h.ingest(org_id, batch[:events])  # the opening messages (no agent on messages here)
    while not h.idle(conn, ("events", "publish")):
        time.sleep(0.05)
    return batch, _count_runs(org_id)


def _measure(org_id: uuid.UUID, env: dict[str, str], n_workers: int, events: int,
             fork: bool) -> dict[str, Any]:
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import AiRun, RunStatus

    conn = redis.Redis.from_url(h.BENCH_REDIS)
    run = uuid.uuid4().hex[:6]
    with h.workers(n_workers, env, fork=fork) as procs:
        batch, before = _open_tickets(conn, org_id, events, run)
        cpu0 = [h.cpu_seconds(p.pid) for p in procs]
        started = time.perf_counter()
        h.ingest(org_id, batch[events:])
        peak = [0.0] * n_workers
        expected = before + events * len(TEMPLATES)
        after, last_progress = before, time.perf_counter()
        # The queues empty before the model stage has finished: wait for the runs themselves.
        while after < expected and time.perf_counter() - last_progress < 60:
            peak = [max(a, h.rss_mb(p.pid)) for a, p in zip(peak, procs, strict=True)]
            time.sleep(0.1)
            now_count = _count_runs(org_id)  # every recorded run counts as progress (failed ones are reported)
            if now_count > after:
                after, last_progress = now_count, time.perf_counter()
        elapsed = time.perf_counter() - started
        cpu = sum(h.cpu_seconds(p.pid) for p in procs) - sum(cpu0)
        with session_scope() as s:
            failed = s.scalar(select(func.count()).select_from(AiRun).where(
                AiRun.organization_id == org_id, AiRun.trigger_event == "TICKET_WON",
                AiRun.status != RunStatus.SUCCEEDED)) or 0
        if failed:
            print(f"  ({failed} runs not SUCCEEDED so far in this org)")
    runs = int(after - before)
    return {"rate": runs / elapsed, "rss": peak, "runs": runs, "cpu_ms_per_run": cpu * 1000 / max(runs, 1)}


def _paced(org_id: uuid.UUID, env: dict[str, str], n_workers: int, events: int, rate: float,
           fork: bool) -> list[float]:
    """TICKET_WON events paced at ``rate``/s: ingest -> insight published, per insight (ms)."""
    conn = redis.Redis.from_url(h.BENCH_REDIS)
    run = uuid.uuid4().hex[:6]
    with h.workers(n_workers, env, fork=fork):
        batch, before = _open_tickets(conn, org_id, events, run)
        probe = h.Probe(org_id)
        t0 = time.perf_counter()
        for i, e in enumerate(batch[events:]):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            h.ingest(org_id, [e])
        expected, last, last_progress = before + events * len(TEMPLATES), before, time.perf_counter()
        while last < expected and time.perf_counter() - last_progress < 60:
            time.sleep(0.2)
            now_count = _count_runs(org_id)
            if now_count > last:
                last, last_progress = now_count, time.perf_counter()
        time.sleep(0.5)
        probe.stop()
    # capi_auditor also runs (debounced) on the opening messages: only the paced events are measured.
    return probe.latencies_ms("TICKET_WON")


async def _bare(n: int, concurrency: int) -> tuple[float, float]:
    import asyncio

    import litellm

    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            await litellm.acompletion(model="openai/bench", api_base=f"http://127.0.0.1:{PORT}/v1", api_key="bench",
                                      messages=[{"role": "user", "content": f"ping {i}"}], max_retries=0)

    await one(-1)  # the client's first call sets up its session: not timed
    started, cpu0 = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one(i) for i in range(n)))
    return n / (time.perf_counter() - started), (time.process_time() - cpu0) * 1000 / n


def bare_litellm(n: int, concurrency: int) -> tuple[float, float, float]:
    """Calls/s, CPU ms per call and peak RSS of a bare ``litellm.acompletion`` client (own process)."""
    code = ("import asyncio, resource, sys; sys.path.insert(0, '.'); from bench.bench_model_bound import _bare; "
            f"r, c = asyncio.run(_bare({n}, {concurrency})); "
            "print(r, c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], cwd=h.ROOT, capture_output=True, text=True, timeout=900)
    rate, cpu, rss = out.stdout.split()[-3:]
    return float(rate), float(cpu), float(rss)


def main(events: int = 667, worker_counts: tuple[int, ...] = (1,), delay_ms: int = 800,
         fork: bool = False, inline_baseline: bool = True, paced_rate: float = 0.0, paced_events: int = 200,
         paced_workers: int = 1) -> dict[str, float]:
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
        print(f"{'workers':>8} {'runs':>6} {'runs/s':>8} {'CPU ms/run':>11}  setup; RSS per worker (MB, peak)")
        concurrency = env.get("MODEL_CONCURRENCY", "64")
        for n in worker_counts:
            m = _measure(org_id, env, n, events, fork)
            print(f"{n:8d} {m['runs']:6d} {m['rate']:8.2f} {m['cpu_ms_per_run']:11.1f}  model stage "
                  f"(MODEL_CONCURRENCY={concurrency}); " + ", ".join(f"{r:.0f}" for r in m["rss"]))
            results[f"runs_per_s_{n}"] = m["rate"]
            results[f"cpu_ms_per_run_{n}"] = m["cpu_ms_per_run"]
            results[f"rss_mb_{n}"] = max(m["rss"])
        if inline_baseline:  # the same run without the model stage: each job waits for its calls
            base_events = max(6, events // 20)
            m0 = _measure(org_id, {**env, "MODEL_CONCURRENCY": "0"}, 1, base_events, fork)
            print(f"{1:8d} {m0['runs']:6d} {m0['rate']:8.2f} {m0['cpu_ms_per_run']:11.1f}  inline "
                  "(MODEL_CONCURRENCY=0, before); " + ", ".join(f"{r:.0f}" for r in m0["rss"]))
            results["runs_per_s_inline"] = m0["rate"]
        calls = events * len(TEMPLATES)
        bare, bare_cpu, bare_rss = bare_litellm(calls, 64)
        results.update(bare_calls_per_s=bare, bare_cpu_ms=bare_cpu)
        print(f"bare litellm.acompletion, 64 in flight, {calls} calls: {bare:.2f} calls/s, "
              f"{bare_cpu:.1f} CPU ms/call, {bare_rss:.0f} MB RSS")
        one = results.get("runs_per_s_1")
        if one:
            print(f"one worker process vs bare client: {one / bare:.2f}x the rate, "
                  f"{results['cpu_ms_per_run_1'] / bare_cpu:.2f}x the CPU per call"
                  + (f"; vs inline: {one / results['runs_per_s_inline']:.1f}x" if "runs_per_s_inline" in results
                     else ""))
        if paced_rate:
            lat = _paced(org_id, env, paced_workers, paced_events, paced_rate, fork)
            results.update(paced_p50_ms=h.pct(lat, 0.5), paced_p95_ms=h.pct(lat, 0.95))
            print(f"paced {paced_events} TICKET_WON at {paced_rate:g}/s ({paced_rate * len(TEMPLATES):g} runs/s), "
                  f"{paced_workers} worker(s): {len(lat)} insights, ingest->published p50 "
                  f"{results['paced_p50_ms']:.0f} ms, p95 {results['paced_p95_ms']:.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=667, help="TICKET_WON events (x3 runs; 667 = 2,001 runs)")
    ap.add_argument("--workers", default="1", help="worker process counts to measure, e.g. 1,2")
    ap.add_argument("--delay-ms", type=int, default=800)
    ap.add_argument("--fork", action="store_true", help="workers fork a work horse per job (RQ Worker)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the inline (MODEL_CONCURRENCY=0) run")
    ap.add_argument("--paced-rate", type=float, default=0.0, help="also pace TICKET_WON events at this rate")
    ap.add_argument("--paced-events", type=int, default=200)
    ap.add_argument("--paced-workers", type=int, default=1)
    a = ap.parse_args()
    main(a.events, tuple(int(x) for x in a.workers.split(",")), a.delay_ms, fork=a.fork,
         inline_baseline=not a.no_baseline, paced_rate=a.paced_rate, paced_events=a.paced_events,
         paced_workers=a.paced_workers)
