"""RQ worker entry point (queues publish, events, agents, actions + the scheduler).

    python worker.py            # work forever (jobs run in this process: RQ SimpleWorker)
    python worker.py --burst    # drain the queues and exit
    python worker.py --fork     # fork a work horse per job (RQ Worker): isolation, ~4x slower
    python worker.py --verbose  # log every job (default: warnings and errors only)

Same as ``copilot worker``. Scale by starting more processes (e.g. ``honcho start -c worker=4``).
Trade-offs of the two modes: ``engine.jobs.run_worker``.
"""

from __future__ import annotations

import argparse
import sys

from engine.jobs import run_worker


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Copilot 2.0 RQ worker")
    p.add_argument("--burst", action="store_true", help="drain the queues and exit")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--fork", action="store_true", help="fork a work horse per job (per-job process isolation)")
    mode.add_argument("--no-fork", action="store_true", help="run jobs in the worker process (the default)")
    p.add_argument("--verbose", action="store_true", help="log every job (default: warnings and errors only)")
    args = p.parse_args(argv)
    return run_worker(burst=args.burst, fork=args.fork, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
