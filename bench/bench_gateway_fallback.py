"""A local server that refuses ``response_format: json_schema`` (as llama.cpp's answers HTTP 500).

Measured in one run, same stub process, same agent and conversation:
- baseline: a server that accepts json_schema (one request per run);
- first run against the refusing server: the refusal, then JSON mode at once (two requests, no backoff);
- later runs against it: JSON mode straight away (remembered per base URL: one request).
Before the fallback, the same refusal was retried as a transient 5xx (3 retries with exponential
backoff, ~25 s measured on a real server) and every run failed.

Usage: python -m bench.bench_gateway_fallback [--runs 30]
"""

from __future__ import annotations

import argparse
import copy
import logging
import statistics
import time

from engine.config import Settings
from engine.context import build_context
from engine.conversation import parse_conversation
from engine.gateway import generate
from engine.model_routes import forget_formats
from engine.templates import TEMPLATES
from tests.openai_stub import OpenAIStub, Reply

CONVERSATION = {
    "id": "bench-fallback", "now": "2026-08-12T18:00:00-03:00",
    "messages": [
        {"from": "lead", "text": "Oi, quanto custa o botox?", "at": "2026-08-12T14:03:00-03:00"},
        {"from": "seller", "text": "Oi! O botox sai por R$ 1.200.", "at": "2026-08-12T14:09:00-03:00"},
        {"from": "lead", "text": "Achei caro, vou pensar.", "at": "2026-08-12T14:15:00-03:00"},
    ],
}


def _ms(f: object) -> float:
    t0 = time.perf_counter()
    f()  # type: ignore[operator]
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    logging.getLogger("engine.gateway").setLevel(logging.ERROR)  # the fallback warning, once per server
    agent = TEMPLATES["closing_coach"]
    schema = agent.schema()
    ctx = build_context(parse_conversation(copy.deepcopy(CONVERSATION)))
    with OpenAIStub() as ok, OpenAIStub() as refusing:
        def run(server: OpenAIStub) -> None:
            settings = Settings(openai_compatible_base_url=server.base_url, model_timeout_seconds=10)
            generate(agent, ctx, schema, model="local/bench", settings=settings)

        forget_formats()
        run(ok)  # warm-up (imports, connection pool)
        baseline = [_ms(lambda: run(ok)) for _ in range(args.runs)]
        firsts: list[float] = []
        for _ in range(5):
            forget_formats()
            refusing.reset()
            refusing.enqueue(Reply.error(500, content="Internal Server Error"))
            firsts.append(_ms(lambda: run(refusing)))
        later = [_ms(lambda: run(refusing)) for _ in range(args.runs)]
    b = statistics.median(baseline)
    print("| case | median ms | ratio to baseline | requests per run |")
    print("|---|---|---|---|")
    print(f"| server accepts json_schema (baseline) | {b:.1f} | 1.00 | 1 |")
    print(f"| first run, server refuses json_schema | {statistics.median(firsts):.1f} | "
          f"{statistics.median(firsts) / b:.2f} | 2 |")
    print(f"| later runs (remembered: JSON mode) | {statistics.median(later):.1f} | "
          f"{statistics.median(later) / b:.2f} | 1 |")


if __name__ == "__main__":
    main()
