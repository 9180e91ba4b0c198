"""Shared limits and budgets under concurrency: 4 worker processes hammer one route's per-minute
request limit and one copilot's monthly budget at once; every admission is counted.

Usage: ``.venv/bin/python -m bench.bench_limits [--workers 4] [--rpm 300] [--budget 50]``
(uses REDIS_URL / DATABASE_URL; Redis keys live under a fresh route name and org id, so the run
does not disturb other data). Target: admitted == limit (±1 %) for both.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
import uuid
from decimal import Decimal


def _hammer_limits(route: str, rpm: int, tries: int, out: mp.Queue) -> None:
    from engine.config import Settings
    from engine.rate_limits import ProviderLimits, RateLimited

    lim = ProviderLimits(Settings(model_rate_limits={route: {"rpm": rpm}}, model_rate_limit_max_wait_seconds=0))
    ok = 0
    started = time.perf_counter()
    for _ in range(tries):
        try:
            lim.acquire(route)
            ok += 1
        except RateLimited:
            pass
    out.put((ok, tries / (time.perf_counter() - started)))


def _hammer_budget(org_id: str, agent_id: str, budget: float, tries: int, out: mp.Queue) -> None:
    from engine import budgets
    from engine.agents import AgentSpec
    from engine.db import session_scope
    from engine.models import Delivery
    from engine.org_settings import OrgSettings
    from engine.queues import redis_connection

    settings = OrgSettings(agent_budgets_brl={agent_id: budget})
    agent = AgentSpec(id=uuid.UUID(agent_id), name="bench", system_prompt="x", model="gpt-4o-mini",
                      delivery=Delivery.SELLER, fields=(), triggers=())
    ok = 0
    conn = redis_connection()
    for _ in range(tries):
        with session_scope() as s:
            d = budgets.reserve(conn, s, organization_id=uuid.UUID(org_id), agent=agent, settings=settings,
                                estimate=Decimal("0.37"))
        ok += d.allowed
    out.put((ok, 0.0))


def _run(target, args_for, workers: int) -> list[tuple[int, float]]:  # noqa: ANN001
    out: mp.Queue = mp.Queue()
    procs = [mp.Process(target=target, args=(*args_for, out)) for _ in range(workers)]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--rpm", type=int, default=300)
    ap.add_argument("--budget", type=float, default=50.0)
    args = ap.parse_args(argv)
    route = f"bench-{uuid.uuid4().hex[:8]}"
    res = _run(_hammer_limits, (route, args.rpm, args.rpm), args.workers)
    admitted = sum(r[0] for r in res)
    rate = sum(r[1] for r in res)
    print(f"requests/min limit {args.rpm}: {args.workers} processes tried {args.rpm * args.workers}, "
          f"admitted {admitted} ({(admitted - args.rpm) / args.rpm:+.2%}); {rate:,.0f} checks/s together")
    # Budget: the org id is random, so the counter starts from an empty month (no ai_run rows match it).
    org, agent = str(uuid.uuid4()), str(uuid.uuid4())
    tries = int(args.budget / 0.37) + 20
    res = _run(_hammer_budget, (org, agent, args.budget, tries), args.workers)
    admitted = sum(r[0] for r in res)
    expected = int(Decimal(str(args.budget)) / Decimal("0.37"))
    print(f"budget R$ {args.budget:.2f} at R$ 0,37 per run: {args.workers} processes tried {tries * args.workers}, "
          f"admitted {admitted} runs = R$ {admitted * 0.37:.2f} (limit allows {expected}; "
          f"{(admitted - expected) / expected:+.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
