"""When a user last looked at something (a ticket's feed, their own feed): the Studio's "novo" markers.

Redis keys ``studio:seen:<user id>:<subject>`` hold an ISO timestamp for ``SEEN_TTL_SECONDS``.
A page that opens a subject takes the previous look as its baseline (``swap``) and marks what is
newer as new until the user leaves; while it stays open it keeps the stamp current (``touch``), so
the next visit only marks what arrived after this one.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import redis

KEY_PREFIX = "studio:seen"
SEEN_TTL_SECONDS = 30 * 24 * 3600


def _key(user_id: uuid.UUID, subject: str) -> str:
    return f"{KEY_PREFIX}:{user_id}:{subject}"


def _parse(raw: bytes | str | None) -> datetime | None:
    if raw is None:
        return None
    return datetime.fromisoformat(raw.decode() if isinstance(raw, bytes) else raw)


def swap(conn: redis.Redis, *, user_id: uuid.UUID, subject: str, now: datetime) -> datetime | None:
    """Store ``now`` as the user's last look at ``subject``; return the previous one (None: never)."""
    previous = conn.set(_key(user_id, subject), now.isoformat(), ex=SEEN_TTL_SECONDS, get=True)
    return _parse(previous) if isinstance(previous, bytes | str) else None


def touch(conn: redis.Redis, *, user_id: uuid.UUID, subject: str, now: datetime) -> None:
    """The user is looking at ``subject`` right now."""
    conn.set(_key(user_id, subject), now.isoformat(), ex=SEEN_TTL_SECONDS)


def many(conn: redis.Redis, *, user_id: uuid.UUID, subjects: list[str]) -> dict[str, datetime | None]:
    """The last look at each subject (one round trip)."""
    if not subjects:
        return {}
    values = conn.mget([_key(user_id, s) for s in subjects])
    return {s: _parse(v) for s, v in zip(subjects, values, strict=True)}


def ticket_subject(ticket_id: uuid.UUID) -> str:
    return f"ticket:{ticket_id}"
