"""Throughput of the offline engine on data/conversations: conversations/s for all six templates, and per template.

Usage: ``.venv/bin/python -m bench.bench_offline [--data DIR] [--rounds N] [--semantic]``. Contexts are
built once (as the worker does per event); each timed round analyses every conversation with fresh
contexts so the per-context cache cannot carry results across rounds. ``--semantic`` also measures
the engine with the (default-off) semantic layer switched on, in the same run: the message-vector
cache is cleared before every round, so each round pays the full embedding cost (cold), and the
process's peak memory (RSS) is reported before and after the encoder is loaded.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from engine import offline
from engine.context import ConversationContext, build_context
from engine.conversation import Conversation, load_conversation
from engine.offline import semantic
from engine.templates import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


def _contexts(convs: list[Conversation]) -> list[ConversationContext]:
    return [build_context(c) for c in convs]


def measure(convs: list[Conversation], keys: list[str], rounds: int) -> float:
    """Conversations per second for running ``keys`` templates on each conversation (median of rounds).

    Timed in process CPU seconds: on a shared machine wall-clock time mostly measures the neighbours;
    CPU time of this single-threaded process is what one core delivers.
    """
    schemas = {k: TEMPLATES[k].schema() for k in keys}
    rates = []
    for _ in range(rounds):
        ctxs = _contexts(convs)  # not timed: the context is the worker's job, not the engine's
        semantic.clear_cache()  # cold: the semantic layer (when on) embeds every message again
        start = time.process_time()
        for ctx in ctxs:
            for k in keys:
                offline.analyse(TEMPLATES[k], ctx, schemas[k])
        rates.append(len(ctxs) / max(1e-9, time.process_time() - start))
    rates.sort()
    return rates[len(rates) // 2]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--semantic", action="store_true", help="also measure with the semantic layer on")
    args = parser.parse_args(argv)
    files = sorted((args.data / "conversations").glob("*.json"))
    if not files:
        print(f"no conversations in {args.data / 'conversations'}")
        return 2
    os.environ["COPILOT_OFFLINE_SEMANTIC"] = "0"
    convs = [load_conversation(p) for p in files]
    n_msgs = sum(len(c.messages) for c in convs)
    print(f"{len(convs)} conversations, {n_msgs} messages (max {max(len(c.messages) for c in convs)})")
    measure(convs, list(TEMPLATES), 1)  # warm-up: imports, regex and schema caches
    print(f"{'templates':22} {'conv/s':>9} {'ms/conv':>9}   (one core, CPU time)")
    all_rate = measure(convs, list(TEMPLATES), args.rounds)
    print(f"{'all six':22} {all_rate:9.0f} {1000 / all_rate:9.2f}")
    for key in TEMPLATES:
        rate = measure(convs, [key], args.rounds)
        print(f"{key:22} {rate:9.0f} {1000 / rate:9.2f}")
    if args.semantic:
        before = _rss_mb()
        os.environ["COPILOT_OFFLINE_SEMANTIC"] = "1"
        start = time.perf_counter()
        if not semantic.enabled():
            print("semantic layer unavailable (pip install .[semantic])")
            return 1
        load_s = time.perf_counter() - start
        measure(convs, list(TEMPLATES), 1)
        sem_rate = measure(convs, list(TEMPLATES), args.rounds)
        print(f"{'all six + semantic':22} {sem_rate:9.0f} {1000 / sem_rate:9.2f}  "
              f"({sem_rate / all_rate:.2f}x the rules alone, cold embeddings)")
        print(f"encoder load {load_s:.1f}s; peak RSS {before:.0f} MB before, {_rss_mb():.0f} MB with it loaded")
        os.environ["COPILOT_OFFLINE_SEMANTIC"] = "0"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
