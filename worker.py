"""RQ worker entry point (queues publish, events, agents, actions + the scheduler).

    python worker.py            # work forever
    python worker.py --burst    # drain the queues and exit
    python worker.py --no-fork  # run jobs in this process (no fork per job)

Same as ``copilot worker``. Scale by starting more processes (e.g. ``honcho start -c worker=4``).
"""

from __future__ import annotations

import argparse
import sys

from engine.jobs import run_worker


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Copilot 2.0 RQ worker")
    p.add_argument("--burst", action="store_true", help="drain the queues and exit")
    p.add_argument("--no-fork", action="store_true", help="run jobs in the worker process (SimpleWorker)")
    args = p.parse_args(argv)
    return run_worker(burst=args.burst, fork=not args.no_fork)


if __name__ == "__main__":
    sys.exit(main())
