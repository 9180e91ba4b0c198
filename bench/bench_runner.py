"""run_and_record end to end with persistence, offline engine: runs/s and p50/p95 latency.

Baseline in the same run: the dry run (run_agent, no DB) on the same tickets, so the ratio shows
what persistence costs. Uses its own database (copilot_bench). Usage: python -m bench.bench_runner
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from pathlib import Path

BENCH_DB = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_bench")
os.environ["DATABASE_URL"] = BENCH_DB

from sqlalchemy import text  # noqa: E402

from engine.agents import list_agents  # noqa: E402
from engine.conversation import load_conversation  # noqa: E402
from engine.db import get_engine, session_scope  # noqa: E402
from engine.migrate import ensure_database, upgrade  # noqa: E402
from engine.runner import load_ticket_context, run_agent, run_and_record  # noqa: E402
from engine.seed import import_conversation, seed_demo  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "conversations"


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def main(rounds: int = 4) -> None:
    ensure_database(BENCH_DB)
    with get_engine().begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(BENCH_DB)
    with session_scope() as s:
        org = seed_demo(s)
        tickets = [import_conversation(s, org=org, conv=load_conversation(p)).id for p in sorted(DATA.glob("*.json"))]
        agents = list_agents(s, organization_id=org.id)
        org_id = org.id
    pairs = [(t, a) for _ in range(rounds) for t in tickets for a in agents]

    dry: list[float] = []
    with session_scope() as s:
        convs = {t: load_ticket_context(s, organization_id=org_id, ticket_id=t).conversation for t in tickets}
    t0 = time.perf_counter()
    for t, a in pairs:
        s0 = time.perf_counter()
        run_agent(a, convs[t], model="offline")  # builds the context (facts, tokenised transcript) each time
        dry.append((time.perf_counter() - s0) * 1000)
    dry_total = time.perf_counter() - t0

    lat: list[float] = []
    t0 = time.perf_counter()
    for t, a in pairs:
        s0 = time.perf_counter()
        with session_scope() as s:  # one transaction per run, as the worker does
            run_and_record(s, organization_id=org_id, agent=a, ticket_id=t, model="offline",
                           idempotency_key=f"bench:{uuid.uuid4()}")
        lat.append((time.perf_counter() - s0) * 1000)
    total = time.perf_counter() - t0

    n = len(pairs)
    print(f"{n} runs ({len(tickets)} tickets x {len(agents)} agents x {rounds} rounds), offline engine")
    print(f"dry run (no DB, same conversations): {n / dry_total:8.1f} runs/s  p50 {statistics.median(dry):6.2f} ms  "
          f"p95 {pct(dry, 0.95):6.2f} ms")
    print(f"run_and_record (load+run+persist): {n / total:8.1f} runs/s  p50 {statistics.median(lat):6.2f} ms  "
          f"p95 {pct(lat, 0.95):6.2f} ms")
    print(f"ratio persisted/dry throughput: {(n / total) / (n / dry_total):.2f}")


if __name__ == "__main__":
    main()
