"""Evaluation benchmark: a 100-case labelled set evaluated end to end (read cases, run_agent, score, store).

1. Offline: ``engine.evaluation.evaluate`` with the offline engine on 100 cases (target < 10 s); baseline =
   the bare ``run_agent`` loop on the same 100 conversations in the same run (the evaluation's overhead
   is the ratio).
2. Model-bound: the same set with a model override pointing at a local OpenAI-compatible server that
   answers every call after 800 ms (``bench/model_server.py``); target < 15 s for 100 cases. Baseline =
   calls one at a time (measured on 3 calls, extrapolated to 100): the ratio is what the bounded
   concurrency (``EVAL_CONCURRENCY``, default 16) buys.

Database: BENCH_EVAL_DATABASE_URL (default .../copilot_bench_eval, created and migrated here).
Usage: python -m bench.bench_eval [--cases 100] [--delay-ms 800] [--agent qa_auditor]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = os.environ.get("BENCH_EVAL_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_bench_eval")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _set_files(n: int) -> dict[str, bytes]:
    """``n`` cases from data/ and data/heldout (repeated with new ids), labels converted to agent keys."""
    from engine.conversation import load_conversation
    from engine.labels_import import convert_legacy

    sources = []
    for folder in (ROOT / "data", ROOT / "data" / "heldout"):
        flat = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        for ref, row in sorted(flat.items()):
            sources.append((load_conversation(folder / "conversations" / f"{ref}.json"), row))
    files: dict[str, bytes] = {}
    labels: dict[str, object] = {}
    for i in range(n):
        conv, row = sources[i % len(sources)]
        cid = f"bench-{i:03d}"
        data = conv.model_dump(mode="json", by_alias=True)
        data["id"] = cid
        files[f"conversations/{cid}.json"] = json.dumps(data).encode()
        labels[cid] = convert_legacy({cid: row}, {cid: conv.ticket.status})[cid]
    files["labels_by_agent.json"] = json.dumps(labels).encode()
    return files


def _prepare(n: int) -> tuple[uuid.UUID, uuid.UUID]:
    from sqlalchemy import text

    from engine.db import session_scope
    from engine.labels import import_files
    from engine.migrate import ensure_database, upgrade
    from engine.seed import get_or_create_org
    from engine.templates import TEMPLATE_KEYS, install_template

    ensure_database(BENCH_DB)
    upgrade(BENCH_DB)
    with session_scope() as s:
        org = get_or_create_org(s, slug=f"bench-eval-{uuid.uuid4().hex[:6]}", name="Bench eval")
        for key in TEMPLATE_KEYS:
            install_template(s, organization_id=org.id, key=key)
        report = import_files(s, organization_id=org.id, files=_set_files(n), name="bench-100")
        assert not report.errors, report.errors[:3]
        org_id, set_id = org.id, report.set_id
    with session_scope() as s:  # autovacuum is off: give the planner statistics
        s.execute(text("ANALYZE label_case"))
    return org_id, set_id


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--delay-ms", type=int, default=800)
    parser.add_argument("--agent", default="qa_auditor", help="template key (qa_auditor labels every case)")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = BENCH_DB
    from engine.config import get_settings

    get_settings.cache_clear()
    from engine.agents import find_agent
    from engine.db import session_scope
    from engine.evaluation import evaluate, load_cases
    from engine.runner import run_agent

    org_id, set_id = _prepare(args.cases)
    with session_scope() as s:
        agent = find_agent(s, organization_id=org_id, key_or_id=args.agent)
        cases = load_cases(s, organization_id=org_id, set_id=set_id, key=agent.key)

    for c in cases[:10]:  # warm-up: imports and caches, so the baseline is not charged for them
        run_agent(agent, c.conversation, model="offline")  # type: ignore[arg-type]
    started = time.perf_counter()
    for c in cases:
        assert c.conversation is not None
        run_agent(agent, c.conversation, model="offline")
    bare = time.perf_counter() - started
    started = time.perf_counter()
    offline = evaluate(organization_id=org_id, agent=agent, set_id=set_id, model="offline")
    offline_s = time.perf_counter() - started

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "bench.model_server", "--port", str(port),
                               "--delay-ms", str(args.delay_ms)], cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("model server did not start")
            time.sleep(0.2)
        os.environ["OPENAI_COMPATIBLE_BASE_URL"] = f"http://127.0.0.1:{port}/v1"
        get_settings.cache_clear()
        run_agent(agent, cases[0].conversation, model="local/bench")  # type: ignore[arg-type]  # warm-up (imports)
        started = time.perf_counter()
        for c in cases[:3]:
            run_agent(agent, c.conversation, model="local/bench")  # type: ignore[arg-type]
        serial_per_call = (time.perf_counter() - started) / 3
        started = time.perf_counter()
        bound = evaluate(organization_id=org_id, agent=agent, set_id=set_id, model="local/bench")
        bound_s = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)

    n = offline.cases
    serial_est = serial_per_call * n
    print(f"{'evaluation (' + agent.key + ', ' + str(n) + ' cases)':44} {'seconds':>8} {'target':>8} {'ratio':>22}")
    print("-" * 86)
    print(f"{'bare run_agent loop (offline, baseline)':44} {bare:8.2f} {'':>8} {'1.00x':>22}")
    print(f"{'evaluate, offline (read+run+score+store)':44} {offline_s:8.2f} {'< 10':>8} "
          f"{offline_s / bare:20.2f}x")
    print(f"{'one call at a time (3 measured, x' + str(n) + ')':44} {serial_est:8.2f} {'':>8} {'1.00x':>22}")
    print(f"{f'evaluate, model {args.delay_ms} ms/call (concurrent)':44} {bound_s:8.2f} {'< 15':>8} "
          f"{serial_est / bound_s:19.1f}x faster")
    print(f"model-bound: schema valid {bound.metrics['schema_valid_rate']:.0%}, engines {bound.metrics['engines']}, "
          f"p50/p95 {bound.metrics['latency_ms']['p50']}/{bound.metrics['latency_ms']['p95']} ms, "
          f"concurrency {get_settings().eval_concurrency}")
    ok = offline_s < 10 and bound_s < 15
    print("targets met" if ok else "TARGET MISSED")


if __name__ == "__main__":
    main()
