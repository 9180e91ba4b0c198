"""Ingest throughput: POST /v1/events on the real app vs a bare FastAPI endpoint, same server, same run.

Both apps run under uvicorn (1 process, same settings) on 127.0.0.1 and are driven by the same
bounded httpx load generator (fixed request count, fixed concurrency). The real app does the whole
accepted-event path: HMAC check, JSON schema, org lookup, inbox INSERT + COMMIT, enqueue to Redis.
The bare endpoint reads the body and answers a constant JSON: the baseline. Rounds alternate
between the two servers so that other load on the machine hits both alike. Besides req/s, the
server process' CPU per request is read from /proc: on a busy shared machine the rate ratio is
flattered by contention (the client and other processes slow both servers alike), while the CPU
ratio shows what a single-process server could reach on an otherwise idle machine.

Usage: python -m bench.bench_ingest [--requests 3000] [--concurrency 16]
Database and Redis: BENCH_DATABASE_URL (default .../copilot_bench, migrated here, never dropped) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/14). The bench organisation's events and the RQ
``events`` queue it filled are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI, Request

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_bench")
BENCH_REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
BENCH_SLUG = "bench-ingest"
BENCH_SECRET = "bench-ingest-secret"
TARGET_RATIO = 0.60
ROUNDS = 6
UVICORN_ARGS = ["--workers", "1", "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", "30"]

# ------------------------------------------------------------------------------ the baseline app
bare_app = FastAPI()


@bare_app.post("/v1/events")
async def bare_event(request: Request) -> dict[str, bool]:
    await request.body()
    return {"ok": True}


@bare_app.get("/healthz")
async def bare_health() -> dict[str, str]:
    return {"status": "ok"}


# ------------------------------------------------------------------------------ helpers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(app_path: str, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Run uvicorn serving ``app_path``; yield (base URL, pid); stop it (this process only) on exit."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", app_path, "--host", "127.0.0.1", "--port", str(port),
                             *UVICORN_ARGS], cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{app_path} did not start")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def make_bodies(n: int, run: str) -> list[tuple[bytes, dict[str, str]]]:
    """n distinct, signed MESSAGE_RECEIVED events (about 600 bytes each, like a real CRM event)."""
    from engine.ingest.signature import sign

    out = []
    for i in range(n):
        event = {"id": f"bench-{run}-{i}", "type": "MESSAGE_RECEIVED", "occurred_at": "2026-08-12T14:03:00-03:00",
                 "ticket": {"ref": f"bench-{i % 200}", "seller": "Ana", "value": 1290, "currency": "BRL",
                            "attribution": {"utm_source": "instagram", "utm_campaign": "Agosto_Botox",
                                            "ctwa_clid": "Aff-ZDI0JHJxiGFzNKhL_Y5sB-KV9pQmZUtdRkCJ5U6Cl5PS0EK"}},
                 "contact": {"phone": f"+55119{i % 200:08d}", "name": "Mariana Lopes"},
                 "message": {"id": f"bench-{run}-{i}:m", "from": "lead",
                             "text": "Oi! Vi o anúncio do botox no insta, ainda tá naquele valor? Tem horário sábado?"}}
        body = json.dumps(event, ensure_ascii=False).encode()
        out.append((body, {"content-type": "application/json", "x-copilot-org": BENCH_SLUG,
                           "x-copilot-signature": sign(BENCH_SECRET, body)}))
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(base: str, requests: list[tuple[bytes, dict[str, str]]], concurrency: int) -> Sample:
    """Send every request once with ``concurrency`` in flight; return rate and latency percentiles."""
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[tuple[bytes, dict[str, str]]] = asyncio.Queue()
    for r in requests:
        queue.put_nowait(r)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                body, headers = queue.get_nowait()
                t0 = time.perf_counter()
                resp = await client.post("/v1/events", content=body, headers=headers)
                latencies.append(time.perf_counter() - t0)
                if resp.status_code not in (200, 202):
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Sample(elapsed, errors, latencies, 0.0)


@dataclass
class Sample:
    elapsed: float  # seconds under load
    errors: int  # non-2xx answers
    latencies: list[float]  # seconds, one per request
    server_cpu: float  # CPU seconds the server process spent during the round

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed


def merge(rounds: list[Sample]) -> dict[str, float]:
    """Overall rate (requests / total time under load) and latency percentiles over all rounds."""
    latencies = [x for r in rounds for x in r.latencies]
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / sum(r.elapsed for r in rounds), "p50_ms": q[49] * 1000,
            "p99_ms": q[98] * 1000, "errors": sum(r.errors for r in rounds),
            "cpu_ms": sum(r.server_cpu for r in rounds) / len(latencies) * 1000}


def prepare_database() -> uuid.UUID:
    from engine.db import session_scope
    from engine.migrate import ensure_database, upgrade
    from engine.seed import get_or_create_org

    ensure_database(BENCH_DB)
    upgrade(BENCH_DB)
    with session_scope() as s:
        org = get_or_create_org(s, slug=BENCH_SLUG, name="Bench ingest", events_secret=BENCH_SECRET)
        org.events_secret = BENCH_SECRET
        return org.id


def cleanup(org_id: uuid.UUID) -> None:
    import redis
    from rq import Queue
    from sqlalchemy import delete

    from engine.db import session_scope
    from engine.models import Contact, Event

    with session_scope() as s:
        s.execute(delete(Event).where(Event.organization_id == org_id))
        s.execute(delete(Contact).where(Contact.organization_id == org_id))
    Queue("events", connection=redis.Redis.from_url(BENCH_REDIS)).empty()


def micro_costs(sample: bytes) -> dict[str, float]:
    """Per-request CPU of the pure-Python steps, in microseconds (to see whether signing dominates)."""
    from engine.ingest.schemas import SystemEvent
    from engine.ingest.signature import sign, verify

    header = sign(BENCH_SECRET, sample)
    n = 5000
    t0 = time.perf_counter()
    for _ in range(n):
        verify(BENCH_SECRET, sample, header)
    t1 = time.perf_counter()
    for _ in range(n):
        SystemEvent.model_validate(json.loads(sample)).model_dump(mode="json", by_alias=True, exclude_none=True)
    t2 = time.perf_counter()
    return {"hmac_verify_us": (t1 - t0) / n * 1e6, "json_schema_us": (t2 - t1) / n * 1e6}


def main(requests: int = 3000, concurrency: int = 16) -> dict[str, float]:
    from engine.config import get_settings

    os.environ["DATABASE_URL"] = BENCH_DB
    os.environ["REDIS_URL"] = BENCH_REDIS
    get_settings.cache_clear()
    org_id = prepare_database()
    env = {"DATABASE_URL": BENCH_DB, "REDIS_URL": BENCH_REDIS}
    run = uuid.uuid4().hex[:8]
    names = {"bare": "bare FastAPI endpoint", "ingest": "ingest POST /v1/events"}
    per_round = max(1, requests // ROUNDS)
    samples: dict[str, list[Sample]] = {k: [] for k in names}
    try:
        # Both servers up at once, rounds alternated: load from other processes on this machine
        # hits both sides alike instead of skewing whichever ran second.
        with server("bench.bench_ingest:bare_app", env) as bare_srv, server("engine.ingest.app:app", env) as app_srv:
            urls = {"bare": bare_srv, "ingest": app_srv}
            for url, _ in urls.values():  # warm-up: imports, pools, caches
                asyncio.run(drive(url, make_bodies(300, f"{run}w"), concurrency))
            for rnd in range(ROUNDS):
                bodies = make_bodies(per_round, f"{run}r{rnd}")
                for key, (url, pid) in urls.items():
                    before = cpu_seconds(pid)
                    sample = asyncio.run(drive(url, bodies, concurrency))
                    sample.server_cpu = cpu_seconds(pid) - before
                    samples[key].append(sample)
    finally:
        cleanup(org_id)
    results = {names[k]: merge(v) for k, v in samples.items()}
    round_ratios = [i.rps / b.rps for b, i in zip(samples["bare"], samples["ingest"], strict=True)]
    load = make_bodies(1, run)
    costs = micro_costs(load[0][0])
    print(f"{per_round * ROUNDS} requests per endpoint in {ROUNDS} alternating rounds, concurrency {concurrency}, "
          f"uvicorn 1 process, 127.0.0.1, {os.cpu_count()} CPUs")
    print(f"{'endpoint':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'server CPU ms/req':>18}")
    for name, r in results.items():
        print(f"{name:26} {r['rps']:8.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {int(r['errors']):7d} "
              f"{r['cpu_ms']:18.2f}")
    bare, real = results["bare FastAPI endpoint"], results["ingest POST /v1/events"]
    ratio = real["rps"] / bare["rps"]
    print("per-round ratios: " + ", ".join(f"{x:.0%}" for x in round_ratios))
    verdict = "meets" if ratio >= TARGET_RATIO else "below"
    print(f"ratio ingest/bare: {ratio:.0%} ({verdict} the {TARGET_RATIO:.0%} target)")
    # Less sensitive to other load on the machine: what one server core can do, per endpoint.
    print(f"server CPU per request, bare/ingest: {bare['cpu_ms'] / real['cpu_ms']:.0%} "
          f"(the rate ratio a CPU-bound single-process server would reach)")
    per_request_us = 1e6 / real["rps"]
    print(f"per-request CPU: HMAC verify {costs['hmac_verify_us']:.1f} µs, "
          f"JSON + schema {costs['json_schema_us']:.1f} µs "
          f"(of {per_request_us:.0f} µs per request at this rate: signing "
          f"{'dominates' if costs['hmac_verify_us'] > per_request_us / 2 else 'does not dominate'})")
    return {"ratio": ratio, "ingest_rps": real["rps"], "bare_rps": bare["rps"], "ingest_p99_ms": real["p99_ms"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    a = parser.parse_args()
    main(a.requests, a.concurrency)
