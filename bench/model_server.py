"""A standalone OpenAI-compatible model server for load benchmarks (no real model, no network).

    python -m bench.model_server --port 8765 --delay-ms 800

Answers every ``POST /v1/chat/completions`` with a schema-valid JSON object derived from the
request's JSON Schema (``response_format`` or the system message): enums -> first value,
numbers -> minimum or 0, booleans false, strings "ok", arrays []. ``--delay-ms`` simulates model
latency without blocking other requests. Point the engine at it with
``OPENAI_COMPATIBLE_BASE_URL=http://127.0.0.1:8765/v1`` and model ``local/<anything>``.
It is the same app the tests use (``tests/openai_stub.py``), minus the scripted replies.
"""

from __future__ import annotations

import argparse

import uvicorn

from tests.openai_stub import StubState, create_app


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--delay-ms", type=int, default=0, help="simulated model latency per request")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    state = StubState(default_delay_s=args.delay_ms / 1000, record_requests=False)
    print(f"OpenAI-compatible stub on http://{args.host}:{args.port}/v1 (delay {args.delay_ms} ms)", flush=True)
    uvicorn.run(create_app(state), host=args.host, port=args.port, log_level=args.log_level, lifespan="off")


if __name__ == "__main__":
    main()
