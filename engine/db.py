"""Engine and session factory. Callers own transactions ("begin once"): helpers flush, never commit.

Stale pooled connections (PostgreSQL restarted, an idle connection dropped by the network) are
caught by a ping on checkout, but only for a connection that sat idle in the pool for at least
``PING_IDLE_SECONDS``: a busy worker reuses its connections within milliseconds and would pay one
extra round trip per transaction for SQLAlchemy's ``pool_pre_ping``. A connection used that recently
and lost since fails its first statement instead: SQLAlchemy then invalidates every connection of
the pool opened before the failure, and the caller's retry (the worker's job retry, the sweeper)
runs on fresh ones.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from engine.config import get_settings

# A worker cut off from the network mid-transaction (bench/scale_out.py --fault partition) used to keep
# its session "idle in transaction" holding a ticket's lock, and every other worker queued behind it.
# No transaction of ours stays idle for long (none is held across a model call), so the server ends
# such a session after 30 s, and TCP keepalives let either side notice a dead peer.
CONNECT_ARGS: dict[str, Any] = {
    "options": "-c idle_in_transaction_session_timeout=30000",
    "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
}
PING_IDLE_SECONDS = 2.0  # a pooled connection idle this long is pinged before it is handed out
_LAST_USED = "copilot_last_used"


def get_engine(url: str | None = None) -> Engine:
    """One pooled engine per URL per process (``None`` means DATABASE_URL: the same engine, not a second pool)."""
    return _engine_for(url or get_settings().database_url)


def _ping_idle_connections(engine: Engine) -> None:
    """A pre-ping only for connections idle at least ``PING_IDLE_SECONDS`` (see the module doc)."""

    @event.listens_for(engine.pool, "checkin")
    def _checkin(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info[_LAST_USED] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        last = record.info.get(_LAST_USED)
        if last is None or time.monotonic() - last < PING_IDLE_SECONDS:
            return  # new, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as err:
            # The pool discards this connection and checks out (or opens) another one.
            raise exc.DisconnectionError(f"pooled connection is gone: {err}") from err


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    # hide_parameters: a failed statement never prints its values (message text, phones) into a log
    # or an event.error column.
    engine = create_engine(url, pool_size=10, max_overflow=10, hide_parameters=True, connect_args=CONNECT_ARGS)
    _ping_idle_connections(engine)
    return engine


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return _factory_for(url or get_settings().database_url)


@lru_cache(maxsize=4)
def _factory_for(url: str) -> sessionmaker[Session]:
    return sessionmaker(bind=_engine_for(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session inside one transaction: commit on success, roll back on error."""
    with session_factory(url).begin() as session:
        yield session
