"""Helpers shared by the worker tests (test_jobs, test_throttle, test_inactivity, test_worker_crash...).

Data is committed (the worker opens its own sessions), so tests using these helpers take the
``committed_db`` and ``redis_conn`` fixtures."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from rq import SimpleWorker

from engine.db import session_scope
from engine.inbox import accept_event
from engine.models import Organization
from engine.queues import QUEUE_NAMES, enqueue_event, get_queue
from engine.seed import get_or_create_org
from engine.templates import install_template

_counter = itertools.count(1)
T0 = datetime(2026, 8, 12, 14, 0, tzinfo=UTC)


def fake_analyse(agent: Any, ctx: Any, schema: Any) -> dict[str, Any]:
    """A schema-valid payload without the offline engine (used until/unless the real one is wanted)."""
    from openai_stub import example_from_schema

    data = example_from_schema(schema.json_schema)
    data["summary"] = f"{agent.name}: ok"
    data["confidence"] = 0.5
    last = ctx.conversation.messages[-1]
    data["citations"] = [{"message_id": last.id, "quote": last.text[:40] or "ok"}] if last.text.strip() else []
    return data


def make_org(*templates: str, slug: str | None = None, settings: dict[str, Any] | None = None) -> uuid.UUID:
    """A committed organisation with the given templates installed. Returns its id."""
    with session_scope() as s:
        org = get_or_create_org(s, slug=slug or f"org-{uuid.uuid4().hex[:8]}", name="Clínica Teste",
                                events_secret="s3cret")
        if settings:
            org.settings = settings
        for key in templates:
            install_template(s, organization_id=org.id, key=key)
        return org.id


def agent_id(org_id: uuid.UUID, key: str) -> uuid.UUID:
    from engine.agents import find_agent

    with session_scope() as s:
        spec = find_agent(s, organization_id=org_id, key_or_id=key)
        assert spec.id is not None
        return spec.id


def crm_event(org_id: uuid.UUID, kind: str, ticket: str, *, at: datetime | None = None, author: str = "lead",
              text: str = "Oi, quanto custa o botox?", agent: str | None = None, enqueue: bool = True,
              connection: redis.Redis | None = None) -> uuid.UUID:
    """Store a CRM system event in the inbox (committed) and, by default, enqueue it."""
    n = next(_counter)
    payload: dict[str, Any] = {"id": f"evt-{uuid.uuid4().hex[:10]}", "type": kind,
                               "occurred_at": (at or T0 + timedelta(minutes=n)).isoformat(),
                               "ticket": {"ref": ticket}}
    if kind in ("MESSAGE_RECEIVED", "MESSAGE_SENT"):
        payload["contact"] = {"phone": f"+55119{abs(hash(ticket)) % 10**8:08d}", "name": "Mariana"}
        payload["message"] = {"id": f"m-{uuid.uuid4().hex[:10]}", "from": author, "text": text}
    if agent:
        payload["agent"] = agent
    with session_scope() as s:
        event, _ = accept_event(s, organization_id=org_id, source="crm", type=kind,
                                external_id=payload["id"], payload=payload)
        eid = event.id
    if enqueue:
        enqueue_event(eid, connection=connection)
    return eid


def drain(conn: redis.Redis, *, scheduler: bool = True) -> bool:
    """Run every queued job in this process (RQ SimpleWorker, burst)."""
    w = SimpleWorker([get_queue(n, conn) for n in QUEUE_NAMES], connection=conn)
    return w.work(burst=True, with_scheduler=scheduler)


def org_of(s: Any, org_id: uuid.UUID) -> Organization:
    org = s.get(Organization, org_id)
    assert org is not None
    return org


WORKER_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
import engine.offline, worker_support
mode = {mode!r}
import engine.jobs
warming = []
_preload = engine.jobs.preload
def preload():  # the worker's warm-up runs agents too: keep it fast
    warming.append(1)
    _preload()
    warming.clear()
engine.jobs.preload = preload
def analyse(agent, ctx, schema):
    if mode.startswith('slow') and not warming:
        open({marker!r}, 'a').write('in-model\\n')
        time.sleep(float(mode.split(':')[1]))
    return worker_support.fake_analyse(agent, ctx, schema)
engine.offline.analyse = analyse
if mode.startswith('block-publish'):  # recorded, then stuck before the first (inline) publish
    import engine.pipeline
    def blocked(*a, **k):
        open({marker!r}, 'a').write('recorded\\n')
        time.sleep(60)
    engine.pipeline.publish_now = blocked
from engine.jobs import run_worker
sys.exit(run_worker(burst={burst!r}, fork={fork!r}))
"""


def worker_process(*, mode: str = "fake", burst: bool = True, fork: bool = True, marker: str = "/dev/null",
                   env: dict[str, str] | None = None) -> Any:
    """A real worker process (``run_worker``) with the model patched: fake, slow:<s>, block-publish."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tests = str(Path(__file__).parent)
    code = WORKER_SCRIPT.format(tests=tests, mode=mode, marker=marker, burst=burst, fork=fork)
    return subprocess.Popen([sys.executable, "-c", code], cwd=str(Path(tests).parent),
                            env={**os.environ, **(env or {})}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux /proc), children first found first."""
    import os

    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(proc: Any) -> None:
    """SIGKILL a worker process and everything it started. RQ's work horse calls setsid(), so killing the
    worker's process group alone leaves the horse running its job to the end (minutes after the suite)."""
    import os
    import signal

    victims = descendants(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)
