"""Fault-injection suite: is every acknowledged event applied, in order, with clean failures?

Not part of ``make test``. Everything runs on its own servers: a PostgreSQL cluster (``initdb`` into a
temp dir, ``pg_ctl`` on a spare port, run as the ``postgres`` user when started as root), a Redis on a
spare port (restarted with or without AOF), the ingest API (uvicorn), 1-3 workers (``run_worker``)
and the Meta stand-in (``engine.actions.sandbox``). The services run the code of ``--tree`` (default:
this checkout), so the same suite measures another commit, e.g. a worktree of the one before a fix.

Per condition: a fresh database and Redis, N CRM events (tickets of 6 events: lead message with the
contact, seller reply, lead message, seller reply, lead payment claim, WON or LOST), sent at
``--rate`` per second, in ticket order or shuffled, by a client that retries an event until it is
acknowledged (so it measures the server, not lost requests). Faults are injected while sending:

- ``kill9``: ``kill -9`` of a worker (only the worker process, as a crash would) while it runs a job;
  a supervisor (this script) starts a replacement 2 s later. Recovery = kill -> the job it was
  running is finished (p100 over the kills).
- ``redis``: ``kill -9`` of Redis, restarted 3 s later, without persistence or with AOF.
- ``pg``: ``pg_ctl stop -m immediate``, started again 12 s later.

Then it waits until nothing is pending (and the 30 s debounce has fired) and prints one table row:
FAILED events, events still pending, lost debounced runs (a PROCESSED lead message whose debounced
capi_auditor run was never recorded), duplicate runs/messages, HTTP answers that were 5xx (and how
many were not JSON) or connection errors, and recovery p100.

Usage: python -m bench.faults [--events 768] [--rate 25] [--tree PATH] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), Path("/usr/bin"))
SECRET = "bench-faults-secret"
SLUG = "bench-faults"
PER_TICKET = 6
DEBOUNCE_SECONDS = 30  # capi_auditor's debounce on lead messages (TEMPLATES.md)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


# ------------------------------------------------------------------------------ servers
class Postgres:
    def __init__(self, base: Path) -> None:
        self.dir = base / "pg"
        self.port = free_port()
        self.dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(base, "postgres")
            shutil.chown(self.dir, "postgres")
        subprocess.run([*_as_postgres(), str(PG_BIN / "initdb"), "-D", str(self.dir), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/copilot"

    def start(self) -> None:
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off "
                "-c max_connections=200 -c shared_buffers=64MB")
        subprocess.run([*_as_postgres(), str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-o", opts, "-l",
                        str(self.dir / "log"), "-w", "start"], check=True, capture_output=True)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*_as_postgres(), str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-m", mode, "-w", "stop"],
                       capture_output=True)


class Redis:
    def __init__(self, base: Path, *, aof: bool) -> None:
        self.dir = base / "redis"
        self.dir.mkdir(exist_ok=True)
        self.port = free_port()
        self.aof = aof
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        persist = ["--appendonly", "yes", "--appendfsync", "everysec"] if self.aof else ["--appendonly", "no"]
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--dir", str(self.dir), *persist],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis did not start")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


# ------------------------------------------------------------------------------ the system under test
@dataclass
class System:
    tree: Path
    pg: Postgres
    rds: Redis
    api_port: int = field(default_factory=free_port)
    meta_port: int = field(default_factory=free_port)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                "PYTHONPATH": str(self.tree), "DATABASE_URL": self.pg.url, "REDIS_URL": self.rds.url,
                "META_SANDBOX": "true", "META_SANDBOX_URL": f"http://127.0.0.1:{self.meta_port}",
                "WHATSAPP_APP_SECRET": "bench"}

    def python(self, code: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-c", code], cwd=self.tree, env=self.env(), check=True,
                              capture_output=True)

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        out = open(Path(self.pg.dir).parent / log, "ab")  # noqa: SIM115 - kept open for the process' life
        return subprocess.Popen([sys.executable, *args], cwd=self.tree, env=self.env(), start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)

    def setup(self) -> None:
        self.python(f"""
from engine.migrate import ensure_database, upgrade
ensure_database({self.pg.url!r}); upgrade({self.pg.url!r})
from engine.db import session_scope
from engine.seed import get_or_create_org
from engine.templates import install_template
with session_scope() as s:
    org = get_or_create_org(s, slug={SLUG!r}, name="Bench faults", events_secret={SECRET!r})
    for key in ("capi_auditor", "icp_mapper"):
        install_template(s, organization_id=org.id, key=key)
""")
        self.procs.append(self._spawn(["-m", "uvicorn", "engine.ingest.app:app", "--host", "127.0.0.1",
                                       "--port", str(self.api_port), "--log-level", "warning"], "api.log"))
        self.procs.append(self._spawn(["-m", "engine.actions.sandbox", "--port", str(self.meta_port)], "meta.log"))
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{self.api_port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)

    def start_worker(self) -> subprocess.Popen[bytes]:
        proc = self._spawn(["-c", "import sys\nfrom engine.jobs import run_worker\nsys.exit(run_worker())"],
                           "worker.log")
        self.workers.append(proc)
        return proc

    def supervise(self, wanted: int) -> None:
        """Restart workers that exited (like systemd's Restart=always)."""
        alive = [w for w in self.workers if w.poll() is None]
        self.workers = alive
        for _ in range(wanted - len(alive)):
            self.start_worker()

    def shutdown(self) -> None:
        for p in [*self.workers, *self.procs]:
            try:
                os.killpg(p.pid, signal.SIGKILL)  # the process group: workers' scheduler children too
            except ProcessLookupError:
                pass
        for p in [*self.workers, *self.procs]:
            p.wait()


# ------------------------------------------------------------------------------ events and the client
def _ticket_events(t: int, t0: datetime) -> list[dict[str, Any]]:
    ref = f"F-{t}"

    def ev(i: int, kind: str, **extra: Any) -> dict[str, Any]:
        return {"id": f"f-{t}-{i}", "type": kind, "occurred_at": (t0 + timedelta(minutes=i)).isoformat(),
                "ticket": {"ref": ref}, **extra}

    def msg(i: int, author: str, text: str) -> dict[str, Any]:
        kind = "MESSAGE_RECEIVED" if author == "lead" else "MESSAGE_SENT"
        return ev(i, kind, message={"id": f"fm-{t}-{i}", "from": author, "text": text})

    first = msg(0, "lead", "Oi, quanto custa o botox?")
    first["contact"] = {"phone": f"+55119{t:08d}", "name": f"Lead {t}"}  # only the first event opens the ticket
    return [first, msg(1, "seller", "Oi! Fica R$ 1.290 à vista."), msg(2, "lead", "Parcela em 3x?"),
            msg(3, "seller", "Parcela sim, em até 3x sem juros."),
            msg(4, "lead", "Fechado, paguei o pix de R$ 1.290 agora."),
            ev(5, "TICKET_WON") if t % 3 else ev(5, "TICKET_LOST", reason="achou caro")]


def make_events(n: int) -> list[dict[str, Any]]:
    tickets = max(1, n // PER_TICKET)
    start = datetime.now(UTC) - timedelta(hours=3)
    out: list[dict[str, Any]] = []
    for t in range(tickets):
        out += _ticket_events(t, start + timedelta(seconds=t))
    return out[:n] if n >= PER_TICKET else out


@dataclass
class ClientStats:
    acknowledged: int = 0
    http_5xx: int = 0
    non_json_5xx: int = 0
    conn_errors: int = 0
    gave_up: int = 0


def send(events: list[dict[str, Any]], port: int, rate: float, stats: ClientStats, stop: threading.Event) -> None:
    """One client sending in the given order; each event is retried until acknowledged (or 180 s)."""
    url = f"http://127.0.0.1:{port}/v1/events"
    with httpx.Client(timeout=10) as client:
        next_at = time.monotonic()
        for event in events:
            next_at += 1 / rate
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            body = json.dumps(event).encode()
            sig = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            headers = {"content-type": "application/json", "x-copilot-org": SLUG, "x-copilot-signature": sig}
            deadline = time.monotonic() + 180
            while not stop.is_set():
                try:
                    r = client.post(url, content=body, headers=headers)
                except httpx.HTTPError:
                    stats.conn_errors += 1
                else:
                    if r.status_code < 300:
                        stats.acknowledged += 1
                        break
                    if r.status_code >= 500:
                        stats.http_5xx += 1
                        if not r.headers.get("content-type", "").startswith("application/json"):
                            stats.non_json_5xx += 1
                    else:
                        raise RuntimeError(f"{r.status_code} for {event['id']}: {r.text[:200]}")
                if time.monotonic() > deadline:
                    stats.gave_up += 1
                    break
                time.sleep(0.5)


# ------------------------------------------------------------------------------ measurements
def _sql(url: str, query: str) -> list[tuple[Any, ...]]:
    for _ in range(60):
        try:
            with psycopg.connect(url, connect_timeout=3) as conn:
                return list(conn.execute(query).fetchall())  # type: ignore[arg-type]
        except psycopg.OperationalError:
            time.sleep(1)
    raise RuntimeError("bench database unreachable")


def pending(url: str) -> int:
    return int(_sql(url, "SELECT count(*) FROM event WHERE status IN ('RECEIVED', 'PROCESSING')")[0][0])


LOST_RUNS = """
SELECT count(*) FROM event e JOIN ai_agent a ON a.organization_id = e.organization_id
 AND a.template_key = 'capi_auditor'
WHERE e.status = 'PROCESSED' AND e.type = 'MESSAGE_RECEIVED'
  AND NOT EXISTS (SELECT 1 FROM ai_run r WHERE r.organization_id = e.organization_id
                  AND r.idempotency_key = e.id::text || ':' || a.id::text)
"""
EXPECTED_RUNS = """
SELECT count(*) FROM event e JOIN ai_agent a ON a.organization_id = e.organization_id
 AND a.template_key = 'capi_auditor' WHERE e.status = 'PROCESSED' AND e.type = 'MESSAGE_RECEIVED'
"""
DUP_RUNS = ("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM ai_run "
            "GROUP BY organization_id, idempotency_key HAVING count(*) > 1) d")
DUP_MESSAGES = ("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM message "
                "GROUP BY organization_id, external_id HAVING count(*) > 1) d")
RUN_COUNT = "SELECT count(*) FROM ai_run"


@dataclass
class Row:
    name: str
    events: int
    failed: int = 0
    still_pending: int = 0
    lost_runs: int = 0
    expected_runs: int = 0
    dup_runs: int = 0
    dup_messages: int = 0
    stats: ClientStats = field(default_factory=ClientStats)
    recoveries: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Condition:
    name: str
    workers: int = 1
    shuffled: bool = False
    fault: str | None = None  # kill9 | redis | pg
    aof: bool = False


CONDITIONS = (
    Condition("baseline, 1 worker, ordered sender"),
    Condition("1 worker, unordered sender", shuffled=True),
    Condition("2 workers, ordered sender", workers=2),
    Condition("3 workers, unordered sender", workers=3, shuffled=True),
    Condition("worker kill -9 (x2), 2 workers", workers=2, fault="kill9"),
    Condition("Redis kill -9 + restart, no persistence", fault="redis"),
    Condition("Redis kill -9 + restart, AOF", fault="redis", aof=True),
    Condition("PostgreSQL stop -m immediate ~12 s", fault="pg"),
)


def _started_job(rds: Redis) -> tuple[str, str] | None:
    """(job id, worker name) of an event job running now, if any."""
    conn = redis.Redis.from_url(rds.url)
    for member in conn.zrange("rq:wip:events", 0, -1):
        job_id = member.decode().split(":")[0]
        worker = conn.hget(f"rq:job:{job_id}", "worker_name")
        if job_id.startswith("event_") and worker:
            return job_id, worker.decode()
    return None


def _kill_running_worker(system: System, row: Row) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = _started_job(system.rds)
        if found is not None:
            job_id, worker_name = found
            conn = redis.Redis.from_url(system.rds.url)
            pid = conn.hget(f"rq:worker:{worker_name}", "pid")
            if pid is None:
                continue
            event_id = job_id.removeprefix("event_").split("_")[0]
            before = _sql(system.pg.url, f"SELECT status FROM event WHERE id = '{event_id}'")
            if not before or before[0][0] != "PROCESSING":
                time.sleep(0.02)
                continue  # not mid-job (done already, or deferred): a kill would measure nothing
            killed_at = time.monotonic()
            try:
                os.kill(int(pid), signal.SIGKILL)  # the worker only: its scheduler child is left to its fate
            except ProcessLookupError:
                continue
            threading.Thread(target=_watch_recovery, args=(system, event_id, killed_at, row), daemon=True).start()
            return
        time.sleep(0.02)
    row.errors.append("no running job found to kill")


def _watch_recovery(system: System, event_id: str, killed_at: float, row: Row) -> None:
    while time.monotonic() - killed_at < 900:
        status = _sql(system.pg.url, f"SELECT status FROM event WHERE id = '{event_id}'")
        if status and status[0][0] not in ("RECEIVED", "PROCESSING"):
            row.recoveries.append(time.monotonic() - killed_at)
            return
        time.sleep(0.25)
    row.recoveries.append(float("inf"))


def run_condition(cond: Condition, *, tree: Path, n: int, rate: float, drain_timeout: float) -> Row:
    base = Path(tempfile.mkdtemp(prefix="copilot-faults-"))
    pg = Postgres(base)
    rds = Redis(base, aof=cond.aof)
    system = System(tree=tree, pg=pg, rds=rds)
    row = Row(cond.name, n)
    try:
        system.setup()
        for _ in range(cond.workers):
            system.start_worker()
        events = make_events(n)
        if cond.shuffled:
            random.Random(12).shuffle(events)
        stop = threading.Event()
        sender = threading.Thread(target=send, args=(events, system.api_port, rate, row.stats, stop), daemon=True)
        sender.start()
        send_seconds = len(events) / rate
        fault_at = [send_seconds * f for f in ((0.3, 0.65) if cond.fault == "kill9" else (0.4,))]
        started = time.monotonic()
        while sender.is_alive():
            elapsed = time.monotonic() - started
            if fault_at and elapsed >= fault_at[0]:
                fault_at.pop(0)
                if cond.fault == "kill9":
                    _kill_running_worker(system, row)
                    time.sleep(2)
                elif cond.fault == "redis":
                    rds.kill()
                    time.sleep(3)
                    rds.start()
                elif cond.fault == "pg":
                    pg.stop("immediate")
                    time.sleep(12)
                    pg.start()
            system.supervise(cond.workers)
            time.sleep(0.2)
        # Drain: nothing pending, then the debounce has fired and the run count is stable.
        deadline = time.monotonic() + drain_timeout
        while time.monotonic() < deadline and pending(pg.url):
            system.supervise(cond.workers)
            time.sleep(1)
        time.sleep(DEBOUNCE_SECONDS + 5)
        last, stable_since = -1, time.monotonic()
        while time.monotonic() < deadline:
            system.supervise(cond.workers)
            count = int(_sql(pg.url, RUN_COUNT)[0][0])
            if count != last:
                last, stable_since = count, time.monotonic()
            elif time.monotonic() - stable_since > 10:
                break
            time.sleep(1)
        row.failed = int(_sql(pg.url, "SELECT count(*) FROM event WHERE status = 'FAILED'")[0][0])
        row.still_pending = pending(pg.url)
        row.lost_runs = int(_sql(pg.url, LOST_RUNS)[0][0])
        row.expected_runs = int(_sql(pg.url, EXPECTED_RUNS)[0][0])
        row.dup_runs = int(_sql(pg.url, DUP_RUNS)[0][0])
        row.dup_messages = int(_sql(pg.url, DUP_MESSAGES)[0][0])
        fails = _sql(pg.url, "SELECT left(error, 90), count(*) FROM event WHERE status = 'FAILED' "
                             "GROUP BY 1 ORDER BY 2 DESC LIMIT 3")
        row.errors += [f"{c} x {e}" for e, c in fails]
    except Exception as err:  # noqa: BLE001 - a broken run is a row with its error, not a crash
        row.errors.append(f"{type(err).__name__}: {err}")
    finally:
        system.shutdown()
        rds.kill()
        pg.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)
    return row


def print_table(rows: list[Row], tree: Path) -> None:
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"\nfault suite on {tree} ({commit})")
    print("| condition | FAILED of N | still pending | lost debounced runs | dup runs / msgs | "
          "5xx (non-JSON) / conn errors | recovery p100 |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        rec = f"{max(r.recoveries):.1f} s" if r.recoveries else "—"
        print(f"| {r.name} | {r.failed} of {r.events} | {r.still_pending} | {r.lost_runs} of {r.expected_runs} | "
              f"{r.dup_runs} / {r.dup_messages} | {r.stats.http_5xx} ({r.stats.non_json_5xx}) / "
              f"{r.stats.conn_errors} | {rec} |")
    for r in rows:
        for e in r.errors:
            print(f"  {r.name}: {e}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=768)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose code the services run")
    parser.add_argument("--only", nargs="*", help="substrings of condition names to run")
    parser.add_argument("--drain-timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    conds = [c for c in CONDITIONS if not args.only or any(o in c.name for o in args.only)]
    rows = []
    for cond in conds:
        row = run_condition(cond, tree=args.tree.resolve(), n=args.events, rate=args.rate,
                            drain_timeout=args.drain_timeout)
        rows.append(row)
        print_table([row], args.tree)  # progress: each row as soon as it is measured
        sys.stdout.flush()
    print_table(rows, args.tree)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
