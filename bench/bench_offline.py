"""Throughput of the offline engine on data/conversations: conversations/s for all six templates, and per template.

Usage: ``.venv/bin/python -m bench.bench_offline [--data DIR] [--rounds N]``. Contexts are built once
(as the worker does per event); each timed round analyses every conversation with fresh contexts so
the per-context cache cannot carry results across rounds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from engine import offline
from engine.context import ConversationContext, build_context
from engine.conversation import Conversation, load_conversation
from engine.templates import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


def _contexts(convs: list[Conversation]) -> list[ConversationContext]:
    return [build_context(c) for c in convs]


def measure(convs: list[Conversation], keys: list[str], rounds: int) -> float:
    """Conversations per second for running ``keys`` templates on each conversation (median of rounds)."""
    schemas = {k: TEMPLATES[k].schema() for k in keys}
    rates = []
    for _ in range(rounds):
        ctxs = _contexts(convs)  # not timed: the context is the worker's job, not the engine's
        start = time.perf_counter()
        for ctx in ctxs:
            for k in keys:
                offline.analyse(TEMPLATES[k], ctx, schemas[k])
        rates.append(len(ctxs) / (time.perf_counter() - start))
    rates.sort()
    return rates[len(rates) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    files = sorted((args.data / "conversations").glob("*.json"))
    if not files:
        print(f"no conversations in {args.data / 'conversations'}")
        return 2
    convs = [load_conversation(p) for p in files]
    n_msgs = sum(len(c.messages) for c in convs)
    print(f"{len(convs)} conversations, {n_msgs} messages (max {max(len(c.messages) for c in convs)})")
    measure(convs, list(TEMPLATES), 1)  # warm-up: imports, regex and schema caches
    print(f"{'templates':22} {'conv/s':>9} {'ms/conv':>9}")
    all_rate = measure(convs, list(TEMPLATES), args.rounds)
    print(f"{'all six':22} {all_rate:9.0f} {1000 / all_rate:9.2f}")
    for key in TEMPLATES:
        rate = measure(convs, [key], args.rounds)
        print(f"{key:22} {rate:9.0f} {1000 / rate:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
