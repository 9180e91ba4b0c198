"""Engine and session factory. Callers own transactions ("begin once"): helpers flush, never commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from engine.config import get_settings


def get_engine(url: str | None = None) -> Engine:
    """One pooled engine per URL per process (``None`` means DATABASE_URL: the same engine, not a second pool)."""
    return _engine_for(url or get_settings().database_url)


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    # hide_parameters: a failed statement never prints its values (message text, phones) into a log
    # or an event.error column.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)


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
