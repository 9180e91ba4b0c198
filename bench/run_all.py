"""Run every benchmark module in bench/ that exists (make bench). Each prints its own table."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import time

MODULES = ("bench_startup", "bench_limits", "bench_offline", "eval_offline", "bench_tokens", "bench_runner",
           "bench_ingest", "bench_pipeline", "bench_model_bound", "bench_studio", "bench_gateway_fallback", "bench_eval",
           "scale_out")


def skip_reason(name: str) -> str | None:
    """Why a module cannot run here (None: it can). ``scale_out`` creates network namespaces: root + ip."""
    if name == "scale_out" and (os.geteuid() != 0 or shutil.which("ip") is None):
        return "needs root and iproute2 (network namespaces); run python -m bench.scale_out as root"
    return None


def main() -> int:
    failed = 0
    for name in MODULES:
        try:
            mod = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            continue
        print(f"\n=== {name} ===", flush=True)
        reason = skip_reason(name)
        if reason is not None:
            print(f"skipped: {reason}")
            continue
        started = time.perf_counter()
        try:
            mod.main()
        except Exception as err:  # noqa: BLE001 - keep going, report at the end
            failed += 1
            print(f"FAILED: {type(err).__name__}: {err}")
        print(f"({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
