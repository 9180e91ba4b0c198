"""Engine and session factory. Callers own transactions ("begin once"): helpers flush, never commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from engine.config import get_settings


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """One pooled engine per URL per process."""
    return create_engine(url or get_settings().database_url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session inside one transaction: commit on success, roll back on error."""
    with session_factory(url).begin() as session:
        yield session
