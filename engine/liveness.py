"""Worker liveness: a dead worker's jobs are handed back in seconds, and its scheduler dies with it.

RQ notices a worker killed with ``kill -9`` only when the job's StartedJobRegistry entry expires
(the job timeout + 60 s for a non-forking worker) and a maintenance round runs: minutes. Here every
Copilot worker runs a ``Heartbeat`` thread that

- refreshes ``copilot:worker-alive:<name>`` every ``BEAT_SECONDS`` (expires after ``ALIVE_TTL_SECONDS``;
  ``copilot:worker-known:<name>`` says the worker is one of ours, so jobs started by other kinds of
  workers are never judged by this rule), and
- reclaims (``reclaim_dead``) the started jobs of Copilot workers whose alive key expired: their
  registry entry is expired at once and RQ's own abandoned-job cleanup retries them (or fails them
  when no retry is left; the stale-event sweeper then re-enqueues the event). One worker at a time
  does it (a short Redis lock).

The thread runs beside the job, so a worker busy with a long job still reclaims others' jobs.
``die_with_parent`` makes every process the worker forks (RQ's scheduler, ``--fork`` work horses)
receive SIGTERM when the worker dies: RQ's scheduler then stops and releases its lock instead of
holding it as an orphan.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import threading
from collections.abc import Iterable

import redis
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.queue import Queue
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from rq.utils import parse_composite_key

log = logging.getLogger(__name__)

BEAT_SECONDS = 3
ALIVE_TTL_SECONDS = 12  # a worker silent this long is dead (four missed beats)
KNOWN_TTL_SECONDS = 7 * 24 * 3600
ALIVE_PREFIX = "copilot:worker-alive:"
KNOWN_PREFIX = "copilot:worker-known:"
RECLAIM_LOCK = "copilot:reclaim-lock"
PR_SET_PDEATHSIG = 1


def beat(conn: redis.Redis, worker_name: str) -> None:
    with conn.pipeline() as p:
        p.set(ALIVE_PREFIX + worker_name, "1", ex=ALIVE_TTL_SECONDS)
        p.set(KNOWN_PREFIX + worker_name, "1", ex=KNOWN_TTL_SECONDS)
        p.execute()


def reclaim_dead(conn: redis.Redis, queues: Iterable[Queue]) -> list[str]:
    """Hand back the started jobs of dead Copilot workers (see module doc). Returns their job ids."""
    if not conn.set(RECLAIM_LOCK, "1", nx=True, ex=max(BEAT_SECONDS - 1, 1)):
        return []
    release_dead_scheduler_locks(conn)
    reclaimed: list[str] = []
    for queue in queues:
        registry = StartedJobRegistry(queue=queue)
        expired = False
        for member in conn.zrange(registry.key, 0, -1):
            raw = member.decode() if isinstance(member, bytes) else str(member)
            job_id, _ = parse_composite_key(raw) if ":" in raw else (raw, "")
            try:
                job = Job.fetch(job_id, connection=conn)
            except NoSuchJobError:
                continue
            name = job.worker_name
            if not name or job.get_status(refresh=False) != JobStatus.STARTED:
                continue
            if conn.exists(KNOWN_PREFIX + name) and not conn.exists(ALIVE_PREFIX + name):
                conn.zadd(registry.key, {raw: 1}, xx=True)  # expired now: RQ's cleanup takes it from here
                expired = True
                if job_id not in reclaimed:  # one job may have more than one execution entry
                    reclaimed.append(job_id)
        if expired:
            registry.cleanup(timestamp=1)
            _run_retries_now(conn, queue, reclaimed)
    if reclaimed:
        log.warning("reclaimed %d job(s) of dead workers: %s", len(reclaimed), ", ".join(reclaimed))
    return reclaimed


def _run_retries_now(conn: redis.Redis, queue: Queue, job_ids: list[str]) -> None:
    """RQ scheduled the retry (1 s interval): queue it at once, the worker is known dead."""
    scheduled = ScheduledJobRegistry(queue=queue)
    for job_id in job_ids:
        try:
            job = Job.fetch(job_id, connection=conn)
        except NoSuchJobError:
            continue
        if job.get_status(refresh=False) == JobStatus.SCHEDULED and job.origin == queue.name:
            scheduled.remove(job)
            queue.enqueue_job(job, at_front=True)  # ahead of the backlog: its ticket waits for it


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_scheduler_locks(conn: redis.Redis) -> list[str]:
    """Free the scheduler locks of RQ scheduler processes of this host that no longer exist (killed
    with their worker's whole process group): the lock would otherwise hold for a minute."""
    released: list[str] = []
    host = socket.gethostname()
    for key in conn.scan_iter("rq:scheduler-lock:*"):
        owner = conn.get(key)
        if owner is None:
            continue
        name = owner.decode() if isinstance(owner, bytes) else str(owner)
        info = {(k.decode() if isinstance(k, bytes) else str(k)): (v.decode() if isinstance(v, bytes) else str(v))
                for k, v in conn.hgetall(f"rq:scheduler:{name}").items()}
        hostname, pid = info.get("hostname", ""), info.get("pid", "0")
        if hostname == host and pid.isdigit() and int(pid) > 0 and not _pid_alive(int(pid)):
            conn.delete(key)
            released.append(key.decode() if isinstance(key, bytes) else str(key))
    if released:
        log.warning("released scheduler lock(s) of a dead scheduler: %s", ", ".join(released))
    return released


class Heartbeat(threading.Thread):
    """The worker's liveness beat and dead-worker reclaim loop (a daemon thread)."""

    def __init__(self, conn: redis.Redis, worker_name: str, queues: list[Queue]) -> None:
        super().__init__(name="copilot-heartbeat", daemon=True)
        self.conn, self.worker_name, self.queues = conn, worker_name, queues
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                beat(self.conn, self.worker_name)
                reclaim_dead(self.conn, self.queues)
            except redis.exceptions.RedisError as err:  # Redis away: the worker's own loop reconnects
                log.debug("heartbeat: %s", err)
            except Exception:  # noqa: BLE001 - never let the beat die on a surprise
                log.exception("heartbeat round failed")
            if self.stopped.wait(BEAT_SECONDS):
                return

    def stop(self) -> None:
        self.stopped.set()
        try:
            self.conn.delete(ALIVE_PREFIX + self.worker_name)
        except redis.exceptions.RedisError:
            pass


_parent: list[int] = []


def _remember_parent() -> None:
    _parent[:] = [os.getpid()]


def _set_death_signal() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the lock simply expires as before
        return
    if _parent and os.getppid() != _parent[0]:  # the parent died before prctl: go now
        os.kill(os.getpid(), signal.SIGTERM)


_installed: list[bool] = []


def die_with_parent() -> None:
    """Every child this process forks from now on gets SIGTERM when this process dies (Linux)."""
    if not _installed:
        os.register_at_fork(before=_remember_parent, after_in_child=_set_death_signal)
        _installed.append(True)
