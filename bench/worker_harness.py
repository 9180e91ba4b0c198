"""Shared harness of the worker benchmarks: bench database/Redis, a bench organisation, real worker
processes (``python worker.py``), synthetic CRM events, a pub/sub latency probe and RSS readings.

Database and Redis: BENCH_WORKER_DATABASE_URL (default .../copilot_bench_worker, created and
migrated here) and BENCH_WORKER_REDIS_URL (default redis://127.0.0.1:6379/7, flushed per run).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import redis

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = os.environ.get("BENCH_WORKER_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_bench_worker")
BENCH_REDIS = os.environ.get("BENCH_WORKER_REDIS_URL", "redis://127.0.0.1:6379/7")


def use_bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Point this process (and the workers it starts) at the bench database and Redis."""
    from engine.config import get_settings

    env = {"DATABASE_URL": BENCH_DB, "REDIS_URL": BENCH_REDIS, **(extra or {})}
    os.environ.update(env)
    get_settings.cache_clear()
    return env


def prepare(templates: tuple[str, ...], *, model: str | None = None, no_debounce: bool = True) -> uuid.UUID:
    """Migrate the bench DB, empty it, flush bench Redis, create the bench org with ``templates``."""
    from sqlalchemy import select, text, update

    from engine.db import get_engine, session_scope
    from engine.migrate import ensure_database, upgrade
    from engine.models import AiAgent, AiTrigger, Base
    from engine.seed import get_or_create_org
    from engine.templates import install_template

    ensure_database(BENCH_DB)
    upgrade(BENCH_DB)
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with get_engine().begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    redis.Redis.from_url(BENCH_REDIS).flushdb()
    with session_scope() as s:
        org = get_or_create_org(s, slug="bench-worker", name="Bench", events_secret="bench")
        for key in templates:
            install_template(s, organization_id=org.id, key=key)
        if model:
            s.execute(update(AiAgent).where(AiAgent.organization_id == org.id).values(model=model))
        if no_debounce:  # debounce delays runs by design (20-30 s); measured here: the pipeline itself
            for t in s.scalars(select(AiTrigger).where(AiTrigger.organization_id == org.id)):
                rules = {k: v for k, v in (t.throttle_rules or {}).items() if k != "debounceSeconds"}
                s.execute(update(AiTrigger).where(AiTrigger.id == t.id).values(throttle_rules=rules))
        return org.id


# ------------------------------------------------------------------------------ events
def _texts() -> list[str]:
    out: list[str] = []
    for p in sorted((ROOT / "data" / "conversations").glob("*.json")):
        out += [m["text"] for m in json.loads(p.read_text(encoding="utf-8"))["messages"] if m.get("text")]
    return out or ["Oi, quanto custa?"]


def make_events(n: int, *, run: str, tickets: int | None = None, mix: tuple[float, float, float] = (0.85, 0.10, 0.05),
                seed: int = 7) -> list[dict[str, Any]]:
    """``n`` CRM events over ``tickets`` tickets: messages / won-or-lost / macro clicks per ``mix``.
    Timestamps are "now", so no inactivity check comes due during a benchmark."""
    rnd = random.Random(seed)
    texts = _texts()
    tickets = tickets or max(1, n // 20)
    now = datetime.now(UTC)
    out: list[dict[str, Any]] = []
    for i in range(n):
        t = i % tickets
        ref = f"{run}-T{t}"
        r = rnd.random()
        base: dict[str, Any] = {"id": f"{run}-e{i}", "occurred_at": (now + timedelta(milliseconds=i)).isoformat(),
                                "ticket": {"ref": ref}}
        if i < tickets or r < mix[0]:  # the first event of each ticket opens it with a message
            author = "lead" if rnd.random() < 0.6 else "seller"
            kind = "MESSAGE_RECEIVED" if author == "lead" else "MESSAGE_SENT"
            base.update(type=kind, contact={"phone": f"+5511{9000000 + t:08d}", "name": f"Lead {t}"},
                        message={"id": f"{run}-m{i}", "from": author, "text": rnd.choice(texts)})
        elif r < mix[0] + mix[1]:
            base["type"] = rnd.choice(["TICKET_WON", "TICKET_LOST"])
        else:
            base.update(type="MACRO_BUTTON_CLICKED", agent="capi_auditor")
        out.append(base)
    return out


def ingest(org_id: uuid.UUID, events: list[dict[str, Any]], chunk: int = 250) -> None:
    """Through the real inbox path (store + commit + enqueue), in chunks."""
    from engine.inbox import IngestItem, ingest_many

    for i in range(0, len(events), chunk):
        ingest_many([IngestItem(org_id, "crm", e["type"], e["id"], e) for e in events[i:i + chunk]])


# ------------------------------------------------------------------------------ workers
@contextmanager
def workers(n: int, env: dict[str, str], *, fork: bool = False) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``n`` real ``python worker.py`` processes (``--fork``: RQ's forking Worker, else the default
    SimpleWorker); waits until all are registered with RQ."""
    from rq import Worker

    args = [sys.executable, "worker.py"] + (["--fork"] if fork else [])
    procs = [subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env}, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(n)]
    conn = redis.Redis.from_url(BENCH_REDIS)
    try:
        deadline = time.monotonic() + 180
        while len(Worker.all(connection=conn)) < n:
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError("workers did not start")
            time.sleep(0.2)
        yield procs
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)


def process_tree(pid: int) -> list[int]:
    """A process and its children (work horse, scheduler)."""
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    return pids


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (work horse, scheduler), in MB."""
    total = 0
    for p in process_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (every thread) and its children, from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def idle(conn: redis.Redis, queues: tuple[str, ...]) -> bool:
    from rq import Queue

    for name in queues:
        q = Queue(name, connection=conn)
        # scheduled jobs are not waited for: inactivity checks are due hours later
        if q.count or q.started_job_registry.count:
            return False
    return True


# ------------------------------------------------------------------------------ latency probe
class Probe:
    """Subscribes to the org channel and stamps each published insight with its arrival time."""

    def __init__(self, org_id: uuid.UUID) -> None:
        from engine.realtime import org_channel

        self.arrivals: dict[str, float] = {}
        self._conn = redis.Redis.from_url(BENCH_REDIS)
        self._sub = self._conn.pubsub()
        self._sub.subscribe(org_channel(org_id))
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            m = self._sub.get_message(timeout=0.2)
            if m and m["type"] == "message":
                self.arrivals.setdefault(json.loads(m["data"])["insight_id"], time.time())

    def stop(self) -> None:
        self._stop = True
        self._thread.join(timeout=2)

    def latencies_ms(self, event_type: str | None = None) -> list[float]:
        """Ingest (event.received_at, stored by the inbox) -> insight published, per insight
        (only the insights of ``event_type`` events when given)."""
        from sqlalchemy import select

        from engine.db import session_scope
        from engine.models import AiInsight, AiRun, Event

        ids = [uuid.UUID(i) for i in self.arrivals]
        out: list[float] = []
        with session_scope() as s:
            rows = s.execute(select(AiInsight.id, Event.received_at).join(AiRun, AiRun.id == AiInsight.run_id)
                             .join(Event, Event.id == AiRun.event_id).where(
                                 AiInsight.id.in_(ids), *([Event.type == event_type] if event_type else []))).all()
        for iid, received in rows:
            out.append((self.arrivals[str(iid)] - received.timestamp()) * 1000)
        return out


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
