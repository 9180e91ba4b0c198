"""Shared fixtures: real PostgreSQL (own test database, per-test rollback), real Redis (spare DB),
and an autouse guard that fails any network call that is not to 127.0.0.1 (so no real LLM call)."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_test")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PROVIDER_KEYS = ("OPENAI_API_KEY", "GROQ_API_KEY", "OPENAI_COMPATIBLE_BASE_URL", "OPENAI_COMPATIBLE_API_KEY",
                 "ANTHROPIC_API_KEY", "CENTRIFUGO_API_URL", "CENTRIFUGO_API_KEY")

# Settings read by every engine module during tests (before any engine import caches them).
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
os.environ["REDIS_URL"] = TEST_REDIS_URL
# Cheap argon2 parameters under test only (a production-cost hash takes 0.15-2.6 s on a loaded CI box;
# the demo seed makes seven). Subprocesses (worker, Studio) inherit it. Production: see engine/auth.py.
os.environ["PASSWORD_HASH_PROFILE"] = "cheapest"
# The Studio signs session cookies with this; each test run gets its own (there is no default).
os.environ["STUDIO_SESSION_SECRET"] = secrets.token_urlsafe(32)
for _k in PROVIDER_KEYS:
    os.environ.pop(_k, None)


# ------------------------------------------------------------------------------ network guard
class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guard_address(addr: object) -> None:
    if isinstance(addr, tuple) and addr and not _is_loopback(addr[0]):
        raise NetworkBlocked(f"tests may only reach 127.0.0.1; blocked connection to {addr[0]!r}")


def _guarded_connect(self: socket.socket, addr: object) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard_address(addr)
    return _real_connect(self, addr)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, addr: object) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard_address(addr)
    return _real_connect_ex(self, addr)  # type: ignore[arg-type]


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()
                                             if isinstance(host, bytes) else host):
        raise NetworkBlocked(f"tests may only reach 127.0.0.1; blocked DNS lookup of {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real LLM provider (or any other non-loopback host) fails the test loudly."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    for k in PROVIDER_KEYS:
        monkeypatch.delenv(k, raising=False)
    from engine.config import get_settings

    get_settings.cache_clear()


# ------------------------------------------------------------------------------ PostgreSQL
@pytest.fixture(scope="session")
def db_url() -> str:
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def db_engine(db_url: str) -> Iterator[Engine]:
    """A fresh test database migrated to head once per test session."""
    from engine.migrate import ensure_database, upgrade

    ensure_database(db_url)
    eng = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """Per-test session inside an outer transaction that is rolled back (SQLAlchemy recipe)."""
    conn = db_engine.connect()
    outer = conn.begin()
    s = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield s
    finally:
        s.close()
        outer.rollback()
        conn.close()


def truncate_all(eng: Engine) -> None:
    from engine.models import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with eng.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def committed_db(db_engine: Engine) -> Iterator[Engine]:
    """For tests whose data must be visible to other connections/processes (API, worker, Studio).

    The tables are emptied before and after the test."""
    truncate_all(db_engine)
    yield db_engine
    truncate_all(db_engine)


# ------------------------------------------------------------------------------ Redis
@pytest.fixture
def redis_conn() -> Iterator[redis.Redis]:
    r = redis.Redis.from_url(TEST_REDIS_URL)
    r.flushdb()
    yield r
    r.flushdb()
    r.close()


# ------------------------------------------------------------------------------ domain helpers
@pytest.fixture
def org(session: Session):  # noqa: ANN201
    from engine.models import Organization

    o = Organization(slug=f"org-{uuid.uuid4().hex[:8]}", name="Clínica Teste", events_secret="s3cret")
    session.add(o)
    session.flush()
    return o
