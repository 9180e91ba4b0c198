"""The gateway against a REAL llama.cpp OpenAI-compatible server (not the stub).

Skipped, with the reason printed (``-ra``), unless both are available on this machine:
- the server: ``LLAMA_CPP_SERVER`` (path to ``llama-server``), else ``llama-server`` on PATH, else the
  ``llama_cpp.server`` module of llama-cpp-python;
- a GGUF model file: ``LLAMA_CPP_MODEL`` (weights are never downloaded by the tests).
What it checks: the first structured-output call succeeds whether or not that server build accepts
``response_format: json_schema`` (older builds answer HTTP 500, which the gateway turns into JSON mode
at once and remembers), ``max_tokens`` bounds the generation, and the payload validates.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openai_stub import free_port
from test_gateway import CONVERSATION, GatewaySettings

from engine.context import build_context
from engine.conversation import parse_conversation
from engine.gateway import generate
from engine.model_routes import forget_formats
from engine.templates import TEMPLATES

pytestmark = pytest.mark.slow


def _server_command(port: int, model: Path) -> list[str] | None:
    binary = os.environ.get("LLAMA_CPP_SERVER") or shutil.which("llama-server")
    if binary:
        return [binary, "-m", str(model), "--host", "127.0.0.1", "--port", str(port), "-c", "4096"]
    if importlib.util.find_spec("llama_cpp") is not None:
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                "--port", str(port), "--n_ctx", "4096"]
    return None


@pytest.fixture(scope="module")
def llama_cpp() -> Iterator[str]:
    raw = os.environ.get("LLAMA_CPP_MODEL")
    model = Path(raw) if raw else None
    port = free_port()
    command = _server_command(port, model or Path("model.gguf"))
    if command is None:
        pytest.skip("llama.cpp server not installed (set LLAMA_CPP_SERVER, put llama-server on PATH or "
                    "install llama-cpp-python[server]); weights are never downloaded by the tests")
    if model is None or not model.is_file():
        pytest.skip("no GGUF model: set LLAMA_CPP_MODEL to a local .gguf file (not downloaded by the tests)")
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/v1/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"llama.cpp server exited with {proc.returncode}: {' '.join(command)}")
            time.sleep(0.5)
        else:
            pytest.fail("llama.cpp server did not start within 180 s")
        yield f"{base}/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_structured_output_against_a_real_llama_cpp_server(llama_cpp: str) -> None:
    forget_formats()
    agent = TEMPLATES["closing_coach"].model_copy(update={"max_tokens": 512})
    schema = agent.schema()
    ctx = build_context(parse_conversation(copy.deepcopy(CONVERSATION)))
    settings = GatewaySettings(openai_compatible_base_url=llama_cpp, model_timeout_seconds=300, model_max_retries=1)
    result = generate(agent, ctx, schema, model="local/model", settings=settings)
    assert result.engine == "litellm"
    assert schema.validate(result.payload)
    assert result.usage.completion_tokens <= 512
    print(f"\nllama.cpp: {result.latency_ms} ms, {result.attempts} call(s), "
          f"{result.usage.completion_tokens} completion tokens, note={result.note!r}")
