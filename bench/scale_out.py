"""Scale-out benchmark: worker "hosts" in separate network namespaces, one killed mid-stream.

Shown, not claimed (issue 14, part 4). Needs root and ``ip`` (iproute2); not part of ``make bench``
unless run as root (``bench.run_all`` skips it otherwise).

Setup (all torn down on exit, Ctrl-C or error):
- Its own PostgreSQL cluster (``bench.faults.Postgres``: initdb + pg_ctl on a spare port) and its own
  Redis on a spare port, both listening on 127.0.0.1 *and* on the root side of every veth pair
  (10.77.N.1). Chosen over a TCP relay to the shared 127.0.0.1:5432/6379 servers: no relay process
  on the data path (a Python relay would cost CPU per PostgreSQL round trip and Redis command on a
  2-core machine and distort the numbers), and the shared servers are left alone.
- ``--hosts`` (default 3) "hosts": network namespace ``cpscale<N>``, veth pair ``vcps<N>r`` (root,
  10.77.N.1/24) <-> ``vcps<N>n`` (namespace, 10.77.N.2/24). Each runs ``--workers-per-host`` real
  ``python worker.py`` processes via ``ip netns exec`` and ``unshare --uts`` (own hostname
  ``scale-h<N>``, so the engine's same-host shortcuts do not apply across hosts), with
  DATABASE_URL/REDIS_URL pointing at 10.77.N.1: every byte to PostgreSQL and Redis crosses the veth.
  PID and mount namespaces are shared (it is one kernel): that is the only thing not "remote".
- ``--model``: the 800 ms model stand-in (``bench.model_server``), one per host bound to 10.77.N.1
  (it plays the provider, so it survives the host's death). Default: the offline engine.

Run: ``--events`` CRM events (``bench.worker_harness.make_events``: 85% messages, 10% won/lost, 5%
macro clicks; the six pipeline templates, debounce removed) are ingested through the real inbox path
from the root namespace (``--rate`` per second, 0 = as fast as the inbox takes them: a backlog, so
per-host rates show capacity). ``--kill-after`` seconds after the stream starts (at the next moment,
within 3 s, when that host has an event job started), every process of host ``--kill-host`` gets
``kill -9`` (``ip netns pids``); ``--fault partition`` instead sets its veth down (a network
partition: the worker lives on, cut off) and kills it only at the end. A partitioned worker's
PostgreSQL session stays "idle in transaction" with its ticket lock: the survivors stall behind it
(on a timeout the bench prints pg_stat_activity) unless the server ends such sessions, e.g.
``--pg-setting idle_in_transaction_session_timeout=15s``.

Measured:
- per host, events and agent runs per second before and after the fault (an event counts for the
  host whose worker finished the event's last RQ job, read from RQ's finished-job registry; its
  runs are the ``ai_run`` rows of that event);
- exactly once, by SQL on the bench database: events per status (every event PROCESSED, none
  pending or FAILED), ``ai_run`` rows per (event, agent) > 1, insights per run > 1 and per
  (event, agent) > 1, events whose run count is below that of their kind (a lost run), events
  attempted more than once (re-run after the kill: harmless when nothing above is duplicated);
- recovery: from the kill until every event the killed host had in flight (its started RQ jobs, and
  with ``--model`` the events its model stage still held) is PROCESSED by the survivors, and the
  survivors' "reclaimed ... dead workers" log lines.

What recovery depends on (engine/liveness.py, engine/jobs.py, engine/model_stage.py; none of these
are environment settings, they are module constants):
- a dead worker's started job: its ``copilot:worker-alive`` key expires after ALIVE_TTL_SECONDS=12,
  a survivor's heartbeat (every BEAT_SECONDS=3) expires the job's registry entry and RQ retries it
  at once: handed back after 9-15 s, but queued at the *tail* of the ``events`` queue, so its event
  waits behind any backlog (measured: handed back at +10.5 s, PROCESSED at +145 s behind 2,117 jobs);
- an event whose model calls were in flight in the dead host's model stage (``--model``): its
  in-flight key lives ``inflight_ttl_seconds()`` = MODEL_TIMEOUT_SECONDS x (MODEL_MAX_RETRIES+1) x 2
  + 30 s (270 s with the defaults 30 s and 3; these two ARE environment settings, the bench sets
  ``--model-timeout``/``--model-retries``), then the stale-event sweeper (once a minute, events older
  than STALE_AFTER_SECONDS=60; its own job is queued in ``events`` too) re-enqueues it;
- RQ's scheduler lock held by a dead host (deferred per-ticket retries wait for the scheduler): it
  expires after 61 s; a survivor only frees it sooner when the dead scheduler ran on its own hostname.

Usage (as root): python -m bench.scale_out [--events 2000] [--hosts 3] [--kill-after 15] [--model]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "copilot_bench_scale"
NS_PREFIX = "cpscale"
VETH_PREFIX = "vcps"
TEMPLATES = ("traffic_feedback", "closing_coach", "icp_mapper", "ghosting_sentinel", "capi_auditor", "qa_auditor")
QUEUES = ("publish", "events", "agents")
TERMINAL = ("PROCESSED", "FAILED", "IGNORED")
MODEL_PORT = 8766


# ------------------------------------------------------------------------------ arguments, checks, table
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--events", type=int, default=2000, help="CRM events in the stream (default 2000)")
    ap.add_argument("--hosts", type=int, default=3, help="worker hosts (network namespaces), default 3")
    ap.add_argument("--workers-per-host", type=int, default=1, help="worker processes per host (default 1)")
    ap.add_argument("--kill-after", type=float, default=15.0,
                    help="seconds after the stream starts when the fault hits (default 15)")
    ap.add_argument("--kill-host", type=int, default=1, help="which host (1..hosts) fails (default 1)")
    ap.add_argument("--fault", choices=("kill", "partition"), default="kill",
                    help="kill: kill -9 of every process in the namespace; partition: its veth set down")
    ap.add_argument("--rate", type=float, default=0.0, help="ingest rate, events/s (0 = as fast as possible)")
    ap.add_argument("--model", action="store_true", help="agents call the 800 ms model stand-in (default: offline)")
    ap.add_argument("--delay-ms", type=int, default=800, help="model stand-in latency (with --model)")
    ap.add_argument("--model-timeout", type=float, default=5.0,
                    help="MODEL_TIMEOUT_SECONDS for the workers (with --model; sets the in-flight TTL)")
    ap.add_argument("--model-retries", type=int, default=1, help="MODEL_MAX_RETRIES for the workers (with --model)")
    ap.add_argument("--subnet", type=int, default=77, help="second octet of 10.X.N.0/24 (default 77)")
    ap.add_argument("--timeout", type=float, default=420.0, help="give up waiting for the stream after this (s)")
    ap.add_argument("--keep-logs", metavar="DIR", help="copy the workers' logs here")
    ap.add_argument("--pg-setting", action="append", default=[], metavar="NAME=VALUE",
                    help="extra setting of the bench PostgreSQL cluster, e.g. idle_in_transaction_session_timeout=20s")
    a = ap.parse_args(argv)
    if a.hosts < 2:
        ap.error("--hosts must be at least 2 (one is killed)")
    if not 1 <= a.kill_host <= a.hosts:
        ap.error("--kill-host must be between 1 and --hosts")
    if a.events < 1 or a.workers_per_host < 1 or a.kill_after <= 0:
        ap.error("--events, --workers-per-host and --kill-after must be positive")
    if not 1 <= a.subnet <= 254:
        ap.error("--subnet must be 1..254")
    for kv in a.pg_setting:
        if not re.fullmatch(r"[a-z_]+=[A-Za-z0-9_.]+", kv):
            ap.error(f"--pg-setting {kv!r}: expected name=value")
    return a


def preflight() -> None:
    """Root, ``ip`` and ``unshare`` present: a clear error otherwise."""
    if os.geteuid() != 0:
        raise SystemExit("bench.scale_out needs root (it creates network namespaces and veth pairs): "
                         "run it with sudo or as root")
    for tool in ("ip", "unshare", "redis-server"):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench.scale_out needs `{tool}` on PATH (iproute2 / util-linux / redis-server)")


def format_table(headers: list[str], rows: list[list[Any]], *, left: tuple[int, ...] = (0,)) -> str:
    """A plain text table: columns in ``left`` left-aligned, the others right-aligned; floats with 1
    decimal, None as "-"."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.1f}"
        return "-" if v is None else str(v)

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(vals: list[str]) -> str:
        return "  ".join(v.ljust(w) if i in left else v.rjust(w)
                         for i, (v, w) in enumerate(zip(vals, widths, strict=True))).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in cells)])


def rate(count: float, seconds: float) -> float | None:
    return count / seconds if seconds > 0 else None


# ------------------------------------------------------------------------------ hosts
def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


@dataclass
class Host:
    index: int
    subnet: int
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    model_server: subprocess.Popen[bytes] | None = None
    worker_names: set[str] = field(default_factory=set)
    peak_pss_mb: float = 0.0
    logs: list[Path] = field(default_factory=list)

    @property
    def ns(self) -> str:
        return f"{NS_PREFIX}{self.index}"

    @property
    def veth_root(self) -> str:
        return f"{VETH_PREFIX}{self.index}r"

    @property
    def veth_ns(self) -> str:
        return f"{VETH_PREFIX}{self.index}n"

    @property
    def root_ip(self) -> str:
        return f"10.{self.subnet}.{self.index}.1"

    @property
    def ns_ip(self) -> str:
        return f"10.{self.subnet}.{self.index}.2"

    @property
    def name(self) -> str:
        return f"h{self.index}"

    def create(self) -> None:
        _ip("netns", "add", self.ns)
        _ip("link", "add", self.veth_root, "type", "veth", "peer", "name", self.veth_ns)
        _ip("link", "set", self.veth_ns, "netns", self.ns)
        _ip("addr", "add", f"{self.root_ip}/24", "dev", self.veth_root)
        _ip("link", "set", self.veth_root, "up")
        _ip("-n", self.ns, "addr", "add", f"{self.ns_ip}/24", "dev", self.veth_ns)
        _ip("-n", self.ns, "link", "set", self.veth_ns, "up")
        _ip("-n", self.ns, "link", "set", "lo", "up")

    def pids(self) -> list[int]:
        out = _ip("netns", "pids", self.ns, check=False).stdout
        return [int(p) for p in out.split() if p.isdigit()]

    def kill_all(self) -> list[int]:
        """``kill -9`` of every process in the namespace (repeated until none is left)."""
        killed: list[int] = []
        for _ in range(20):
            pids = self.pids()
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        return killed

    def partition(self) -> None:
        _ip("link", "set", self.veth_root, "down")

    def destroy(self) -> None:
        self.kill_all()
        _ip("netns", "del", self.ns, check=False)
        _ip("link", "del", self.veth_root, check=False)  # gone with the namespace already, normally


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of ``pids`` and their children (shared pages counted once), in MB."""
    total = 0
    todo = list(pids)
    while todo:
        pid = todo.pop()
        try:
            todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            pass
    return total / 1024


def stale_cleanup(n_max: int = 16) -> None:
    """Remove namespaces/veths of a previous run of this bench that did not clean up (our names only)."""
    existing = set(_ip("netns", "list", check=False).stdout.split())
    for i in range(1, n_max + 1):
        ns = f"{NS_PREFIX}{i}"
        if ns in existing:
            for pid in _ip("netns", "pids", ns, check=False).stdout.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            _ip("netns", "del", ns, check=False)
        _ip("link", "del", f"{VETH_PREFIX}{i}r", check=False)


def subnet_in_use(subnet: int) -> bool:
    return f" 10.{subnet}." in _ip("-4", "-o", "addr", check=False).stdout


# ------------------------------------------------------------------------------ servers
class _Postgres:
    """``bench.faults.Postgres`` listening on 127.0.0.1 and the veth addresses, trusting 10.X.0.0/16."""

    @staticmethod
    def create(base: Path, listen: list[str], subnet: int, settings: list[str]) -> Any:
        from bench import faults

        class Pg(faults.Postgres):
            def start(self) -> None:
                hba = self.dir / "pg_hba.conf"
                line = f"host all all 10.{subnet}.0.0/16 trust\n"
                if line not in hba.read_text():
                    with hba.open("a") as f:
                        f.write(line)
                opts = (f"-p {self.port} -k {self.dir} -c listen_addresses={','.join(listen)} -c fsync=off "
                        "-c synchronous_commit=off -c max_connections=300 -c shared_buffers=64MB"
                        + "".join(f" -c {kv}" for kv in settings))
                subprocess.run([*faults._as_postgres(), str(faults.PG_BIN / "pg_ctl"), "-D", str(self.dir), "-o",
                                opts, "-l", str(self.dir / "log"), "-w", "start"], check=True, capture_output=True)

            def url_for(self, host: str) -> str:
                return f"postgresql://postgres@{host}:{self.port}/{DB_NAME}"

        return Pg(base)


def start_redis(base: Path, listen: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    import redis

    from bench.faults import free_port

    port = free_port()
    d = base / "redis"
    d.mkdir(exist_ok=True)
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", *listen, "--protected-mode", "no",
                             "--save", "", "--appendonly", "no", "--dir", str(d)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            return proc, port
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


# ------------------------------------------------------------------------------ tracking
@dataclass
class Tracker:
    """Which host's worker finished each event's last RQ job, and when (RQ's finished registry of the
    ``events`` queue, polled: jobs are kept there RESULT_TTL_SECONDS=60 s)."""

    conn: Any
    host_of_worker: dict[str, str]
    seen: set[str] = field(default_factory=set)
    by_event: dict[str, tuple[str, float]] = field(default_factory=dict)  # event id -> (host, ended_at)
    jobs_per_host: Counter[str] = field(default_factory=Counter)

    def poll(self) -> None:
        ids = [m.decode() for m in self.conn.zrange("rq:finished:events", 0, -1)]
        new = [i for i in ids if i not in self.seen]
        if not new:
            return
        with self.conn.pipeline(transaction=False) as p:
            for jid in new:
                p.hmget(f"rq:job:{jid}", "worker_name", "ended_at")
            rows = p.execute()
        for jid, (worker, ended) in zip(new, rows, strict=True):
            self.seen.add(jid)
            m = re.match(r"event_([0-9a-f-]{36})", jid)
            if not m or not worker or not ended:
                continue
            host = self.host_of_worker.get(worker.decode(), "?")
            t = _ts(ended.decode())
            self.jobs_per_host[host] += 1
            prev = self.by_event.get(m.group(1))
            if prev is None or t >= prev[1]:
                self.by_event[m.group(1)] = (host, t)


def _ts(s: str) -> float:
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def started_events_of(conn: Any, workers: set[str]) -> set[str]:
    """Event ids whose job is in the ``events`` queue's started registry, run by one of ``workers``."""
    out: set[str] = set()
    for member in conn.zrange("rq:wip:events", 0, -1):
        raw = member.decode()
        jid = raw.split(":")[0]
        w = conn.hget(f"rq:job:{jid}", "worker_name")
        m = re.match(r"event_([0-9a-f-]{36})", jid)
        if m and w and w.decode() in workers:
            out.add(m.group(1))
    return out


# ------------------------------------------------------------------------------ the bench
@dataclass
class Result:
    args: argparse.Namespace
    hosts: list[str]
    before: dict[str, tuple[int, int]]  # host -> (events, runs) in [t0, kill)
    after: dict[str, tuple[int, int]]  # host -> (events, runs) in [kill, end]
    t_before: float
    t_after: float
    pss: dict[str, float]  # host -> peak PSS of its processes (worker + RQ scheduler), MB
    statuses: dict[str, int]
    checks: list[tuple[str, int, str]]  # (check, count, detail)
    in_flight: list[str]
    in_flight_detail: list[str]
    timeline: list[int]  # events finished per 10 s from the stream start
    backlog: int  # jobs waiting in the events queue at the fault
    stall: list[str]  # on a timeout: the bench database's non-idle sessions (pg_stat_activity)
    recovery_s: float | None
    reclaim_lines: list[str]
    scheduler_host: str | None
    total_runs: int
    insights: int
    wall_s: float


def report(r: Result) -> str:
    a = r.args
    out = [f"scale-out: {a.events} events, {len(r.hosts)} hosts x {a.workers_per_host} worker(s), "
           f"{'model stand-in ' + str(a.delay_ms) + ' ms' if a.model else 'offline engine'}, "
           f"fault '{a.fault}' on h{a.kill_host} at +{a.kill_after:.0f} s, {os.cpu_count()} CPUs, wall {r.wall_s:.0f} s"]
    rows: list[list[Any]] = []
    for h in r.hosts:
        eb, rb = r.before.get(h, (0, 0))
        ea, ra = r.after.get(h, (0, 0))
        mark = " (killed)" if h == f"h{a.kill_host}" else ""
        rows.append([h + mark, eb, rate(eb, r.t_before), rate(rb, r.t_before), ea, rate(ea, r.t_after),
                     rate(ra, r.t_after), r.pss.get(h, 0.0)])
    eb_t = sum(v[0] for v in r.before.values())
    rb_t = sum(v[1] for v in r.before.values())
    ea_t = sum(v[0] for v in r.after.values())
    ra_t = sum(v[1] for v in r.after.values())
    rows.append(["all", eb_t, rate(eb_t, r.t_before), rate(rb_t, r.t_before), ea_t, rate(ea_t, r.t_after),
                 rate(ra_t, r.t_after), sum(r.pss.values())])
    out.append(f"\nthroughput (before: {r.t_before:.1f} s to the fault; after: {r.t_after:.1f} s from the fault "
               "to the last event)")
    out.append(format_table(["host", "events<", "ev/s<", "runs/s<", "events>", "ev/s>", "runs/s>", "peak PSS MB"],
                            rows))
    if r.timeline:
        out.append("events finished per 10 s (fault in window " + str(int(r.t_before // 10) + 1) + "): "
                   + " ".join(str(n) for n in r.timeline))
    out.append("\nexactly once (SQL on the bench database)")
    out.append(format_table(["check", "count", "detail"],
                            [[c, n, d if len(d) <= 90 else d[:87] + "..."] for c, n, d in r.checks], left=(0, 2)))
    for c, _n, d in r.checks:
        if len(d) > 90:
            out.append(f"  {c}: {d}")
    out.append(f"\nevent statuses: {', '.join(f'{k} {v}' for k, v in sorted(r.statuses.items()))}; "
               f"ai_run rows {r.total_runs}; insights {r.insights}")
    rec = f"{r.recovery_s:.1f} s" if r.recovery_s is not None else ("n/a (nothing in flight)" if not r.in_flight
                                                                      else "NOT RECOVERED")
    out.append(f"recovery: {len(r.in_flight)} event(s) in flight on h{a.kill_host} at the fault -> all PROCESSED "
               f"by survivors after {rec} ({r.backlog} jobs were waiting in the events queue at the fault; a "
               "handed-back job is queued behind them)")
    for line in r.in_flight_detail[:10]:
        out.append("  in flight: " + line)
    out.append(f"RQ scheduler lock at the fault: {r.scheduler_host or 'none'}")
    for line in r.reclaim_lines[:5]:
        out.append("  survivor log: " + line)
    if r.stall:
        out.append("stalled: sessions of the bench database at the timeout (pg_stat_activity)")
        out += ["  " + line for line in r.stall[:12]]
    if a.pg_setting:
        out.append("PostgreSQL settings: " + ", ".join(a.pg_setting))
    return "\n".join(out)


def _sql_checks(org_id: uuid.UUID, event_ids: dict[str, str]) -> tuple[dict[str, int], list[tuple[str, int, str]],
                                                                         int, int, dict[str, int]]:
    from sqlalchemy import text

    from engine.db import get_engine

    checks: list[tuple[str, int, str]] = []
    with get_engine().connect() as c:
        q = {"org": org_id}
        statuses = dict(c.execute(text("SELECT status::text, count(*) FROM event WHERE organization_id = :org "
                                       "GROUP BY 1"), q).all())
        total_events = sum(statuses.values())
        checks.append(("events stored (expected " + str(len(event_ids)) + ")", total_events,
                       "ok" if total_events == len(event_ids) else "MISMATCH"))
        not_done = c.execute(text("SELECT id::text, status::text FROM event WHERE organization_id = :org "
                                  "AND status::text <> 'PROCESSED' ORDER BY received_at LIMIT 10"), q).all()
        n_not_done = total_events - statuses.get("PROCESSED", 0)
        checks.append(("events not PROCESSED", n_not_done,
                       ", ".join(f"{i} {s}" for i, s in not_done) or "ok"))
        dup_runs = c.execute(text("SELECT event_id::text, agent_id::text, count(*) FROM ai_run "
                                  "WHERE organization_id = :org AND event_id IS NOT NULL "
                                  "GROUP BY 1, 2 HAVING count(*) > 1"), q).all()
        checks.append(("(event, agent) with > 1 ai_run", len(dup_runs),
                       ", ".join(f"{e}/{a} x{n}" for e, a, n in dup_runs[:5]) or "ok"))
        dup_keys = c.execute(text("SELECT count(*) FROM (SELECT idempotency_key FROM ai_run WHERE organization_id = :org "
                                  "AND idempotency_key IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d"), q).scalar()
        checks.append(("idempotency keys with > 1 ai_run", int(dup_keys or 0), "ok" if not dup_keys else "DUPLICATES"))
        dup_ins = c.execute(text("SELECT r.event_id::text, r.agent_id::text, count(*) FROM ai_insight i "
                                 "JOIN ai_run r ON r.id = i.run_id WHERE i.organization_id = :org "
                                 "GROUP BY 1, 2 HAVING count(*) > 1"), q).all()
        checks.append(("(event, agent) with > 1 insight", len(dup_ins),
                       ", ".join(f"{e}/{a} x{n}" for e, a, n in dup_ins[:5]) or "ok"))
        per_run = c.execute(text("SELECT count(*) FROM (SELECT run_id FROM ai_insight WHERE organization_id = :org "
                                 "GROUP BY 1 HAVING count(*) > 1) d"), q).scalar()
        checks.append(("runs with > 1 insight", int(per_run or 0), "ok" if not per_run else "DUPLICATES"))
        # A lost run: an event with fewer ai_run rows than the usual count for its kind (type, author, agent).
        # kind = type, message author, macro agent, and for WON/LOST whether the ticket already had that status
        # (engine.domain: closing a ticket again with the same status triggers nothing)
        kinds = c.execute(text(
            "SELECT e.id::text, e.type || ':' || coalesce(e.payload->'message'->>'from', '') || ':' || "
            "coalesce(e.payload->>'agent', '') || CASE WHEN e.type IN ('TICKET_WON', 'TICKET_LOST') AND ("
            "  SELECT p.type FROM event p WHERE p.organization_id = e.organization_id AND p.ticket_key = e.ticket_key"
            "  AND p.type IN ('TICKET_WON', 'TICKET_LOST') AND p.occurred_at < e.occurred_at"
            "  ORDER BY p.occurred_at DESC LIMIT 1) = e.type THEN ' (already closed so)' "
            "ELSE '' END, (SELECT count(*) FROM ai_run r WHERE r.event_id = e.id) "
            "FROM event e WHERE e.organization_id = :org"), q).all()
        by_kind: dict[str, Counter[int]] = defaultdict(Counter)
        for _, kind, n in kinds:
            by_kind[kind][n] += 1
        usual = {k: cnt.most_common(1)[0][0] for k, cnt in by_kind.items()}
        short = [(i, k, n) for i, k, n in kinds if n < usual[k]]
        checks.append(("events with fewer runs than their kind", len(short),
                       ", ".join(f"{i} ({k}: {n} < {usual[k]})" for i, k, n in short[:5]) or "ok"))
        retried = c.execute(text("SELECT id::text, attempts FROM event WHERE organization_id = :org AND attempts > 1 "
                                 "ORDER BY received_at"), q).all()
        checks.append(("events attempted more than once", len(retried),
                       ", ".join(f"{i} x{n}" for i, n in retried[:6]) or "none"))
        runs_by_event = {i: int(n) for i, _, n in kinds}
        total_runs = int(c.execute(text("SELECT count(*) FROM ai_run WHERE organization_id = :org"), q).scalar() or 0)
        insights = int(c.execute(text("SELECT count(*) FROM ai_insight WHERE organization_id = :org"), q).scalar() or 0)
    return statuses, checks, total_runs, insights, runs_by_event


def _inflight_detail(ids: list[str], t_kill: float) -> list[str]:
    """Per event in flight on the killed host: type, status, attempts, its runs by status, insights."""
    from sqlalchemy import text

    from engine.db import get_engine

    out: list[str] = []
    with get_engine().connect() as c:
        for eid in ids:
            ev = c.execute(text("SELECT type, status::text, attempts, deferrals, extract(epoch FROM processed_at), "
                                "ticket_key, occurred_at, organization_id FROM event WHERE id::text = :i"),
                           {"i": eid}).first()
            runs = c.execute(text("SELECT status::text, count(*) FROM ai_run WHERE event_id::text = :i GROUP BY 1"),
                             {"i": eid}).all()
            ins = c.execute(text("SELECT count(*) FROM ai_insight i JOIN ai_run r ON r.id = i.run_id "
                                 "WHERE r.event_id::text = :i"), {"i": eid}).scalar()
            if ev is not None:
                done = f" at +{float(ev[4]) - t_kill:.1f} s" if ev[4] is not None else ""
                # later events of its ticket wait for it (engine.ordering): how many, how often deferred
                held = c.execute(text("SELECT count(*), coalesce(sum(deferrals), 0) FROM event WHERE organization_id = "
                                      ":o AND ticket_key = :k AND occurred_at > :t AND deferrals > 0"),
                                 {"o": ev[7], "k": ev[5], "t": ev[6]}).first()
                closes = ""
                if ev[0] in ("TICKET_WON", "TICKET_LOST"):  # what the ticket went through meanwhile
                    later = c.execute(text(
                        "SELECT type, round(extract(epoch FROM applied_at) - :tk) FROM event WHERE organization_id = :o "
                        "AND ticket_key = :k AND occurred_at > :t AND type IN ('TICKET_WON', 'TICKET_LOST') "
                        "ORDER BY occurred_at"), {"o": ev[7], "k": ev[5], "t": ev[6], "tk": t_kill}).all()
                    tk = c.execute(text("SELECT status::text, closed_at = :t FROM ticket WHERE organization_id = :o "
                                        "AND 'crm:' || external_ref = :k"), {"o": ev[7], "k": ev[5], "t": ev[6]}).first()
                    closes = (f"; later closes of its ticket: {', '.join(f'{x} applied at +{y} s' for x, y in later) or 'none'}"
                              f"; ticket now {tk[0] if tk else '?'}, closed by this event: {tk[1] if tk else '?'}")
                out.append(f"{eid} {ev[0]} {ev[1]}{done}{closes} attempts={ev[2]} deferrals={ev[3]} runs: "
                           f"{', '.join(f'{k} {v}' for k, v in runs) or 'none'}; insights {ins}; later events of "
                           f"its ticket deferred meanwhile: {held[0] if held else 0} ({held[1] if held else 0} deferrals)")
    return out


def _stall_diagnosis() -> list[str]:
    """Non-idle sessions of the bench database: who waits on what, blocked by which session."""
    from sqlalchemy import text

    from engine.db import get_engine

    with get_engine().connect() as c:
        rows = c.execute(text(
            "SELECT pid, coalesce(host(client_addr), 'local'), state, coalesce(wait_event_type || ':' || wait_event, '-'),"
            " pg_blocking_pids(pid), round(extract(epoch FROM now() - xact_start)), left(regexp_replace(query, "
            "'\\s+', ' ', 'g'), 110) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid() "
            "AND state <> 'idle' ORDER BY xact_start"), {"d": DB_NAME}).all()
    return [f"pid {r[0]} from {r[1]}: {r[2]}, wait {r[3]}, blocked by {list(r[4]) or '-'}, xact {r[5]} s: {r[6]}"
            for r in rows]


def _pending(ids: set[str]) -> set[str]:
    from sqlalchemy import text

    from engine.db import get_engine

    if not ids:
        return set()
    with get_engine().connect() as c:
        rows = c.execute(text("SELECT id::text FROM event WHERE id::text = ANY(:ids) AND status::text <> 'PROCESSED'"),
                         {"ids": list(ids)}).all()
    return {r[0] for r in rows}


def _count_not_terminal(org_id: uuid.UUID) -> int:
    from sqlalchemy import text

    from engine.db import get_engine

    with get_engine().connect() as c:
        return int(c.execute(text("SELECT count(*) FROM event WHERE organization_id = :org "
                                  "AND status::text IN ('RECEIVED', 'PROCESSING')"), {"org": org_id}).scalar() or 0)


def _handed_over_events(org_id: uuid.UUID, tracker: Tracker, host: str) -> set[str]:
    """Events whose last job ran on ``host`` and that are still PROCESSING: their runs were in its model stage."""
    from sqlalchemy import text

    from engine.db import get_engine

    mine = [e for e, (h, _) in tracker.by_event.items() if h == host]
    if not mine:
        return set()
    with get_engine().connect() as c:
        rows = c.execute(text("SELECT id::text FROM event WHERE organization_id = :org AND status::text = 'PROCESSING' "
                              "AND id::text = ANY(:ids)"), {"org": org_id, "ids": mine}).all()
    return {r[0] for r in rows}


def run(args: argparse.Namespace) -> Result:
    import redis

    from bench import worker_harness as h

    started_wall = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="scale_out_"))
    hosts = [Host(i, args.subnet) for i in range(1, args.hosts + 1)]
    pg: Any = None
    redis_proc: subprocess.Popen[bytes] | None = None
    ingest_thread: threading.Thread | None = None
    stop_ingest = threading.Event()
    try:
        stale_cleanup(max(16, args.hosts))
        if subnet_in_use(args.subnet):
            raise RuntimeError(f"10.{args.subnet}.0.0/16 is already in use on this machine: pick another --subnet")
        for host in hosts:
            host.create()
        listen = ["127.0.0.1", *(x.root_ip for x in hosts)]
        pg = _Postgres.create(base, listen, args.subnet, args.pg_setting)
        redis_proc, rport = start_redis(base, listen)
        h.BENCH_DB = pg.url_for("127.0.0.1")
        h.BENCH_REDIS = f"redis://127.0.0.1:{rport}/0"
        h.use_bench_env()
        org_id = h.prepare(TEMPLATES, model="local/bench" if args.model else None)
        from sqlalchemy import text

        from engine.db import get_engine

        with get_engine().begin() as c:
            c.execute(text("ANALYZE"))  # autovacuum-free clusters plan badly without it (issue 14)
        conn = redis.Redis.from_url(h.BENCH_REDIS)

        # workers, inside their namespaces
        for host in hosts:
            env = {**os.environ, "DATABASE_URL": pg.url_for(host.root_ip),
                   "REDIS_URL": f"redis://{host.root_ip}:{rport}/0", "PYTHONPATH": str(ROOT)}
            if args.model:
                host.model_server = subprocess.Popen(
                    [sys.executable, "-m", "bench.model_server", "--host", host.root_ip, "--port", str(MODEL_PORT),
                     "--delay-ms", str(args.delay_ms)], cwd=ROOT, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, start_new_session=True)
                env.update(OPENAI_COMPATIBLE_BASE_URL=f"http://{host.root_ip}:{MODEL_PORT}/v1",
                           OPENAI_COMPATIBLE_API_KEY="bench", MODEL_TIMEOUT_SECONDS=str(args.model_timeout),
                           MODEL_MAX_RETRIES=str(args.model_retries))
            for w in range(args.workers_per_host):
                log = base / f"{host.name}-w{w}.log"
                host.logs.append(log)
                cmd = ["ip", "netns", "exec", host.ns, "unshare", "--uts", "--", "sh", "-c",
                       f'hostname scale-{host.name} && exec "$0" worker.py', sys.executable]
                with log.open("wb") as f:
                    host.procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT,
                                                       start_new_session=True))
        from rq import Worker

        want = args.hosts * args.workers_per_host
        deadline = time.monotonic() + 240
        pid_host = {p.pid: host.name for host in hosts for p in host.procs}
        while True:
            ws = Worker.all(connection=conn)
            if len(ws) >= want:
                break
            dead = [p for host in hosts for p in host.procs if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                tail = "".join(x.read_text(errors="replace")[-800:] for host in hosts for x in host.logs)
                raise RuntimeError(f"workers did not start (check the namespaces' reach to 10.{args.subnet}.N.1):\n"
                                   + tail)
            time.sleep(0.3)
        host_of_worker: dict[str, str] = {}
        for w in ws:
            hn = pid_host.get(int(w.pid or 0))
            if hn is None:
                raise RuntimeError(f"worker {w.name} (pid {w.pid}) is not one of ours")
            host_of_worker[w.name] = hn
            next(x for x in hosts if x.name == hn).worker_names.add(w.name)
        # prove the path: every worker connected from its namespace's address
        with get_engine().connect() as c:
            addrs = sorted({str(r[0]) for r in c.execute(text(
                "SELECT DISTINCT client_addr FROM pg_stat_activity WHERE datname = :d AND client_addr IS NOT NULL"),
                {"d": DB_NAME}).all()})
        print(f"hosts up: {', '.join(f'{x.name}={x.ns}({x.ns_ip})' for x in hosts)}; PostgreSQL clients from "
              f"{', '.join(addrs)}", flush=True)

        tracker = Tracker(conn, host_of_worker)
        run_tag = uuid.uuid4().hex[:6]
        events = h.make_events(args.events, run=run_tag)

        def feed() -> None:
            t_start = time.perf_counter()
            chunk = 1 if args.rate > 0 else 100
            for i in range(0, len(events), chunk):
                if stop_ingest.is_set():
                    return
                if args.rate > 0:
                    delay = t_start + i / args.rate - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                h.ingest(org_id, events[i:i + chunk], chunk=chunk)

        victim = hosts[args.kill_host - 1]
        t0 = time.time()
        ingest_thread = threading.Thread(target=feed, daemon=True)
        ingest_thread.start()
        t_kill: float | None = None
        backlog = 0
        in_flight: set[str] = set()
        scheduler_host: str | None = None
        recovered_at: float | None = None
        done_at: float | None = None
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            tracker.poll()
            for host in hosts:
                if host is victim and t_kill is not None:
                    continue
                host.peak_pss_mb = max(host.peak_pss_mb, pss_mb([p.pid for p in host.procs]))
            now = time.time()
            if t_kill is None and now - t0 >= args.kill_after:
                for key in conn.scan_iter("rq:scheduler-lock:*"):
                    owner = (conn.get(key) or b"").decode()
                    sh = (conn.hget(f"rq:scheduler:{owner}", "hostname") or b"").decode()
                    scheduler_host = f"{sh or owner}"
                aim = time.monotonic() + 3  # aim the fault at a moment when the host runs an event job
                while not started_events_of(conn, victim.worker_names) and time.monotonic() < aim:
                    time.sleep(0.01)
                if args.fault == "kill":
                    victim.kill_all()
                else:
                    victim.partition()
                t_kill = time.time()
                backlog = int(conn.llen("rq:queue:events"))
                # after the kill: the victim's entries left in the started registry are its abandoned jobs
                # (nobody reclaims them before its alive key expires); a job that ended just before the
                # kill has left the registry already
                in_flight = started_events_of(conn, victim.worker_names)
                if args.model:
                    in_flight |= _handed_over_events(org_id, tracker, victim.name)
                print(f"+{t_kill - t0:.1f} s: {args.fault} h{args.kill_host}; {len(in_flight)} event(s) in flight there",
                      flush=True)
            if t_kill is not None and recovered_at is None and not _pending(in_flight):
                recovered_at = time.time()
            if (not ingest_thread.is_alive() and h.idle(conn, QUEUES) and _count_not_terminal(org_id) == 0
                    and (t_kill is not None)):
                tracker.poll()
                done_at = time.time()
                break
            time.sleep(0.25)
        stall: list[str] = []
        if done_at is None:
            print(f"TIMEOUT after {args.timeout:.0f} s: events still pending (reported below)", flush=True)
            done_at = time.time()
            stall = _stall_diagnosis()
        stop_ingest.set()
        if t_kill is None:
            t_kill = done_at
        if args.fault == "partition":
            victim.kill_all()

        statuses, checks, total_runs, insights, runs_by_event = _sql_checks(org_id, {e["id"]: e["id"] for e in events})
        before: dict[str, list[int]] = {x.name: [0, 0] for x in hosts}
        after: dict[str, list[int]] = {x.name: [0, 0] for x in hosts}
        unattributed = 0
        for eid, (hn, t) in tracker.by_event.items():
            if eid not in runs_by_event:
                continue
            bucket = before if t < t_kill else after
            if hn not in bucket:
                unattributed += 1
                continue
            bucket[hn][0] += 1
            bucket[hn][1] += runs_by_event[eid]
        missing = len(runs_by_event) - len(tracker.by_event)
        if missing > 0 or unattributed:
            checks.append(("events not attributed to a host", max(missing, 0) + unattributed,
                           "never finished by a job, or missed by the finished-registry poll"))
        timeline = [0] * (int((done_at - t0) // 10) + 1)
        for _hn, t in tracker.by_event.values():
            if t >= t0:
                timeline[min(int((t - t0) // 10), len(timeline) - 1)] += 1
        reclaim: list[str] = []
        for host in hosts:
            if host is victim:
                continue
            for log in host.logs:
                for line in log.read_text(errors="replace").splitlines():
                    if "reclaimed" in line or "released scheduler lock" in line or "re-enqueued" in line:
                        try:
                            at = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp() - t_kill
                            when = f"+{at:.1f} s after the fault"
                        except ValueError:
                            when = "?"
                        reclaim.append(f"{host.name} ({when}): {line[24:].strip()[:150]}")
        if args.keep_logs:
            dest = Path(args.keep_logs)
            dest.mkdir(parents=True, exist_ok=True)
            for host in hosts:
                for log in host.logs:
                    shutil.copy(log, dest / log.name)
        return Result(args=args, hosts=[x.name for x in hosts],
                      before={k: (v[0], v[1]) for k, v in before.items()},
                      after={k: (v[0], v[1]) for k, v in after.items()},
                      t_before=t_kill - t0, t_after=done_at - t_kill,
                      pss={x.name: x.peak_pss_mb for x in hosts}, statuses=statuses, checks=checks,
                      in_flight=sorted(in_flight), in_flight_detail=_inflight_detail(sorted(in_flight), t_kill),
                      recovery_s=(recovered_at - t_kill) if (recovered_at is not None and in_flight) else None,
                      reclaim_lines=reclaim, stall=stall, backlog=backlog, timeline=timeline, scheduler_host=scheduler_host, total_runs=total_runs,
                      insights=insights, wall_s=time.monotonic() - started_wall)
    finally:
        stop_ingest.set()
        for host in hosts:
            try:
                host.destroy()
            except Exception as err:  # noqa: BLE001 - keep cleaning up
                print(f"cleanup of {host.ns}: {err}", file=sys.stderr)
            if host.model_server is not None:
                host.model_server.kill()
                host.model_server.wait(timeout=10)
        if ingest_thread is not None:
            ingest_thread.join(timeout=30)
        try:
            from engine.db import get_engine

            get_engine().dispose()
        except Exception:  # noqa: BLE001
            pass
        if redis_proc is not None:
            redis_proc.kill()
            redis_proc.wait(timeout=10)
        if pg is not None:
            pg.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> Result | None:
    args = parse_args(argv)
    preflight()

    def on_term(signum: int, frame: Any) -> None:
        print(f"signal {signum} received: cleaning up", file=sys.stderr, flush=True)
        raise KeyboardInterrupt

    # SIGINT too: a shell starts background jobs with SIGINT ignored, and Python keeps that
    old = {sig: signal.signal(sig, on_term) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        result = run(args)
    except KeyboardInterrupt:
        print("interrupted: namespaces, veths and processes removed", file=sys.stderr)
        return None
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
    print(report(result), flush=True)
    return result


if __name__ == "__main__":
    try:
        sys.exit(0 if main() is not None else 1)
    except RuntimeError as err:
        print(f"scale_out: {err}", file=sys.stderr)
        sys.exit(2)
