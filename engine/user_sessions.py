"""Server-side Studio sessions (Redis) behind a signed, HttpOnly cookie.

The cookie holds ``<random token>.<signature>`` (itsdangerous, keyed by ``STUDIO_SESSION_SECRET``):
a forged or tampered cookie is refused before Redis is asked. Redis holds the session under the
SHA-256 of the token (a Redis dump never yields a usable cookie) with a TTL equal to the idle
timeout, renewed on every use (sliding expiry). A per-user set of session digests lets a password
change or a deactivation revoke every session of that user at once.

The session stores ids only; the user's role and ``is_active`` are read from the database on every
Studio run (``engine.login.load_current_user``), so a demoted or deactivated user loses access at
the next rerun.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass

import redis
from itsdangerous import BadSignature, Signer

from engine.config import Settings, get_settings

COOKIE_NAME = "copilot_session"
KEY_PREFIX = "studio:session"
_SALT = "copilot.studio.session"


class SessionSecretMissing(RuntimeError):
    """STUDIO_SESSION_SECRET is not set: the Studio refuses to start rather than sign with a known key."""


@dataclass(frozen=True)
class SessionRecord:
    """What Redis keeps for one logged-in browser."""

    user_id: uuid.UUID
    organization_id: uuid.UUID
    created_at: float


def _signer(settings: Settings) -> Signer:
    if settings.studio_session_secret is None:
        raise SessionSecretMissing(
            "STUDIO_SESSION_SECRET is not set. Generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))' and export it.")
    return Signer(settings.studio_session_secret.get_secret_value(), salt=_SALT)


def idle_seconds(settings: Settings | None = None) -> int:
    """The idle timeout in seconds (``STUDIO_SESSION_IDLE_HOURS``, default 12 h)."""
    return max(60, int((settings or get_settings()).studio_session_idle_hours * 3600))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(digest: str) -> str:
    return f"{KEY_PREFIX}:{digest}"


def _user_key(user_id: uuid.UUID | str) -> str:
    return f"{KEY_PREFIX}s_of:{user_id}"


def open_session(conn: redis.Redis, *, user_id: uuid.UUID, organization_id: uuid.UUID,
                 settings: Settings | None = None) -> str:
    """Store a new session and return the signed cookie value for it."""
    settings = settings or get_settings()
    signer = _signer(settings)
    token = secrets.token_urlsafe(32)
    digest = _digest(token)
    ttl = idle_seconds(settings)
    record = {"user_id": str(user_id), "organization_id": str(organization_id), "created_at": time.time()}
    pipe = conn.pipeline(transaction=True)
    pipe.set(_key(digest), json.dumps(record), ex=ttl)
    pipe.sadd(_user_key(user_id), digest)
    pipe.expire(_user_key(user_id), ttl)
    pipe.execute()
    return signer.sign(token).decode()


def _token(cookie_value: str | None, settings: Settings) -> str | None:
    if not cookie_value:
        return None
    try:
        return _signer(settings).unsign(cookie_value).decode()
    except BadSignature:
        return None


def resolve(conn: redis.Redis, cookie_value: str | None, *, settings: Settings | None = None,
            touch: bool = True) -> SessionRecord | None:
    """The session behind a cookie value, or None (missing, forged, expired or revoked).

    ``touch`` renews the idle timeout (every Studio run and page load does)."""
    settings = settings or get_settings()
    token = _token(cookie_value, settings)
    if token is None:
        return None
    key = _key(_digest(token))
    if touch:
        pipe = conn.pipeline(transaction=False)
        pipe.get(key)
        pipe.expire(key, idle_seconds(settings))
        raw = pipe.execute()[0]
    else:
        raw = conn.get(key)
    if raw is None:
        return None
    data = json.loads(raw)
    record = SessionRecord(uuid.UUID(data["user_id"]), uuid.UUID(data["organization_id"]),
                           float(data["created_at"]))
    if touch:  # keep the per-user index alive as long as its newest session
        conn.expire(_user_key(record.user_id), idle_seconds(settings), gt=True)
    return record


def revoke(conn: redis.Redis, cookie_value: str | None, *, settings: Settings | None = None) -> bool:
    """End the session behind a cookie value (logout). True when a session was removed."""
    settings = settings or get_settings()
    token = _token(cookie_value, settings)
    if token is None:
        return False
    digest = _digest(token)
    raw = conn.get(_key(digest))
    removed = bool(conn.delete(_key(digest)))
    if raw is not None:
        conn.srem(_user_key(json.loads(raw)["user_id"]), digest)
    return removed


def revoke_user(conn: redis.Redis, user_id: uuid.UUID) -> int:
    """End every session of a user (password change, deactivation). Returns how many were open."""
    digests = [d.decode() if isinstance(d, bytes) else str(d) for d in conn.smembers(_user_key(user_id))]
    pipe = conn.pipeline(transaction=True)
    for d in digests:
        pipe.delete(_key(d))
    pipe.delete(_user_key(user_id))
    results = pipe.execute()
    return int(sum(int(r) for r in results[:-1]))
