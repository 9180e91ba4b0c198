"""Prompt tokens per run per template on the demo dataset (median, p95): the context budget must hold.

Counts the exact messages the gateway would send (system + user) with the same tokenizer as the
context budget (cl100k_base). Usage: python -m bench.bench_tokens
"""

from __future__ import annotations

import statistics
from pathlib import Path

from engine.context import build_context, count_tokens
from engine.conversation import load_conversation
from engine.prompt import build_messages
from engine.templates import TEMPLATES

DATA = Path(__file__).resolve().parents[1] / "data" / "conversations"


def p95(values: list[int]) -> float:
    s = sorted(values)
    return float(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))])


def main() -> None:
    convs = [load_conversation(p) for p in sorted(DATA.glob("*.json"))]
    ctxs = [build_context(c) for c in convs]
    print(f"{len(convs)} conversations; transcript budget 3000 tokens")
    transcript = [c.transcript.tokens for c in ctxs]
    print(f"transcript tokens: median {statistics.median(transcript):.0f}, p95 {p95(transcript):.0f}, "
          f"max {max(transcript)}; conversations with omitted messages: {sum(c.transcript.omitted > 0 for c in ctxs)}")
    print(f"{'template':20} {'median':>8} {'p95':>8} {'max':>8}")
    for key, agent in TEMPLATES.items():
        schema = agent.schema()
        tokens = [sum(count_tokens(m["content"]) for m in build_messages(agent, ctx, schema)) for ctx in ctxs]
        print(f"{key:20} {statistics.median(tokens):8.0f} {p95(tokens):8.0f} {max(tokens):8d}")


if __name__ == "__main__":
    main()
