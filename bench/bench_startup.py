"""Process start-up: wall time and peak RSS of a fresh interpreter that loads one entry point.

Usage: ``.venv/bin/python -m bench.bench_startup [--runs N]``. Each row starts a new process (so
imports are cold in Python's sense; the OS file cache is warm after the first run) and reports the
median of N runs. The ingest API must not load the worker, litellm or the offline engine; the
``worker`` row is the baseline measured in the same run (everything loaded), so read the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import resource, sys, time
t = time.perf_counter()
{body}
print(f"{{time.perf_counter() - t:.3f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}}")
"""
ENTRY_POINTS = {
    "ingest API (app + lifespan)": (
        "import engine.ingest.app\nfrom fastapi.testclient import TestClient\n"
        "with TestClient(engine.ingest.app.app):\n    pass"),
    "CLI (parse only)": "import engine.cli",
    "copilot run --model offline (in-process)": (
        "import contextlib, io, engine.cli\nwith contextlib.redirect_stdout(io.StringIO()):\n"
        "    engine.cli.main(['run', '--agent', 'closing_coach', '--conversation', "
        "'data/conversations/conv-001.json', '--model', 'offline', '--json'])"),
    "worker (jobs + engine, baseline)": "import engine.jobs\nimport engine.offline\nimport engine.model_call",
}
# The whole command as a user types it (interpreter start-up included), wall time of the process.
COMMANDS = {
    "copilot run --model offline (process)": ["-m", "engine.cli", "run", "--agent", "closing_coach", "--conversation",
                                               "data/conversations/conv-001.json", "--model", "offline", "--json"],
}


def measure(body: str, runs: int) -> tuple[float, float]:
    times, rss = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], cwd=ROOT, capture_output=True,
                             text=True, check=True, timeout=300)
        t, m = out.stdout.split()[-2:]
        times.append(float(t))
        rss.append(float(m))
    return statistics.median(times), statistics.median(rss)


def measure_command(args: list[str], runs: int) -> tuple[float, float]:
    times, rss = [], []
    for _ in range(runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, *args], cwd=ROOT, capture_output=True,
                             text=True, check=True, timeout=300)
        t, m = out.stderr.split()[-2:]
        times.append(float(t))
        rss.append(float(m) / 1024)
    return statistics.median(times), statistics.median(rss)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    rows = {name: measure(body, args.runs) for name, body in ENTRY_POINTS.items()}
    rows.update({name: measure_command(cmd, args.runs) for name, cmd in COMMANDS.items()})
    base_t, base_m = rows["worker (jobs + engine, baseline)"]
    print(f"{'entry point':40} {'start s':>8} {'peak RSS MB':>12} {'vs worker':>10}")
    for name, (t, m) in rows.items():
        print(f"{name:40} {t:8.2f} {m:12.0f} {t / base_t:9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
