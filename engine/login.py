"""Studio login: credential check (``engine.auth``) behind a Redis throttle of repeated failures.

Failures are counted per e-mail and per client key (IP) in a sliding window; reaching the limit
locks that e-mail (or client) for a while. The counters live in Redis so every Studio process
shares them and a restart does not reset them. After a login the browser holds a server-side session
(``engine.user_sessions``); every Studio run reloads the user (``load_current_user``) so role and
``is_active`` changes apply at the next rerun.
"""

from __future__ import annotations

import hashlib
import math
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache

import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.auth import authenticate, hash_password
from engine.config import get_settings
from engine.errors import CopilotError
from engine.models import Organization, Role, User

MAX_FAILURES = 5  # failed attempts per e-mail inside the window ...
# Per client (IP) the limit is higher: users behind one proxy/NAT share an address, and a low limit
# there would let one person lock everybody out; it still stops one client spraying many e-mails.
MAX_CLIENT_FAILURES = 20
FAILURE_WINDOW_SECONDS = 15 * 60  # ... of 15 minutes (sliding)
LOCK_SECONDS = 5 * 60  # then the e-mail / client is locked for 5 minutes
KEY_PREFIX = "login"


@dataclass(frozen=True)
class CurrentUser:
    """Who is logged in. Only ids and display strings: never an ORM object in the session."""

    user_id: uuid.UUID
    organization_id: uuid.UUID
    role: Role
    name: str
    organization_name: str = ""


class LoginError(CopilotError):
    """Login refused. ``str(err)`` is the pt-BR message for the user."""


class InvalidCredentials(LoginError):
    """Unknown e-mail, wrong password or inactive user (one message for all: no enumeration)."""


class LoginUnavailable(LoginError):
    """The throttle's Redis is unreachable: login is refused (never allowed without the throttle)."""

    def __init__(self) -> None:
        super().__init__("O login está temporariamente indisponível (o serviço de controle de acesso não "
                         "respondeu). Tente novamente em alguns instantes.")


class LoginLocked(LoginError):
    """Too many failures: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"Muitas tentativas de login sem sucesso. Por segurança, o acesso está bloqueado por "
            f"{format_wait(retry_after)}. Tente novamente depois."
        )


def format_wait(seconds: int) -> str:
    """'4 min 10 s', '45 s' (pt-BR)."""
    seconds = max(1, int(seconds))
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


@lru_cache(maxsize=4)
def redis_client(url: str | None = None) -> redis.Redis:
    """One Redis client (connection pool) per URL per process."""
    return redis.Redis.from_url(url or get_settings().redis_url)


def _digest(value: str) -> str:
    # Hash the e-mail/IP so Redis never holds them in clear text.
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


class LoginThrottle:
    """Sliding-window failure counter with a lock, per subject ("email:<hash>" or "client:<hash>")."""

    def __init__(self, conn: redis.Redis, *, max_failures: int = MAX_FAILURES,
                 max_client_failures: int = MAX_CLIENT_FAILURES, window_seconds: int = FAILURE_WINDOW_SECONDS,
                 lock_seconds: int = LOCK_SECONDS) -> None:
        self.conn = conn
        self.max_failures = max_failures
        self.max_client_failures = max_client_failures
        self.window_seconds = window_seconds
        self.lock_seconds = lock_seconds

    @staticmethod
    def subjects(email: str, client_key: str | None) -> list[str]:
        subjects = [f"email:{_digest(email)}"]
        if client_key:
            subjects.append(f"client:{_digest(client_key)}")
        return subjects

    def retry_after(self, subjects: list[str]) -> int:
        """Seconds until every subject is unlocked (0 when none is locked)."""
        pipe = self.conn.pipeline(transaction=False)
        for s in subjects:
            pipe.pttl(f"{KEY_PREFIX}:lock:{s}")
        ttls = [int(t) for t in pipe.execute()]
        return max([math.ceil(t / 1000) for t in ttls if t > 0], default=0)

    def record_failure(self, subjects: list[str]) -> int:
        """Count one failure for each subject; lock those that reach the limit. Returns the lock (s) or 0."""
        now_ms = int(time.time() * 1000)
        member = f"{now_ms}:{uuid.uuid4().hex[:8]}"
        pipe = self.conn.pipeline(transaction=True)  # MULTI/EXEC: concurrent failures all count
        for s in subjects:
            key = f"{KEY_PREFIX}:fail:{s}"
            pipe.zremrangebyscore(key, 0, now_ms - self.window_seconds * 1000)
            pipe.zadd(key, {member: now_ms})
            pipe.zcard(key)
            pipe.expire(key, self.window_seconds)
        results = pipe.execute()
        locked = False
        for i, s in enumerate(subjects):
            limit = self.max_client_failures if s.startswith("client:") else self.max_failures
            if int(results[i * 4 + 2]) >= limit:
                # The lock replaces the counter: after it expires the user gets a fresh window.
                self.conn.set(f"{KEY_PREFIX}:lock:{s}", "1", ex=self.lock_seconds)
                self.conn.delete(f"{KEY_PREFIX}:fail:{s}")
                locked = True
        return self.lock_seconds if locked else 0

    def failures(self, subject: str) -> int:
        now_ms = int(time.time() * 1000)
        key = f"{KEY_PREFIX}:fail:{subject}"
        return int(self.conn.zcount(key, now_ms - self.window_seconds * 1000, "+inf"))

    def clear(self, subject: str) -> None:
        self.conn.delete(f"{KEY_PREFIX}:fail:{subject}")


def client_key_for(remote_addr: str | None, forwarded_for: str | None, *, trusted_hops: int | None = None) -> str | None:
    """The address the login throttle counts a client by. Behind ``trusted_proxy_hops`` proxies
    (settings) the client is the address that many entries from the right of X-Forwarded-For (what the
    nearest trusted proxy saw); entries further left were written by the client and are ignored."""
    hops = get_settings().trusted_proxy_hops if trusted_hops is None else trusted_hops
    if hops and forwarded_for:
        chain = [a.strip() for a in forwarded_for.split(",") if a.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return remote_addr or None


def login(
    session: Session, *, email: str, password: str, client_key: str | None = None,
    conn: redis.Redis | None = None, throttle: LoginThrottle | None = None,
) -> CurrentUser:
    """Check credentials behind the throttle. Raises LoginLocked, InvalidCredentials or LoginUnavailable
    (Redis down) with pt-BR messages."""
    try:
        return _login(session, email=email, password=password, client_key=client_key, conn=conn, throttle=throttle)
    except redis.exceptions.RedisError:
        raise LoginUnavailable() from None


def _login(
    session: Session, *, email: str, password: str, client_key: str | None,
    conn: redis.Redis | None, throttle: LoginThrottle | None,
) -> CurrentUser:
    throttle = throttle or LoginThrottle(conn or redis_client())
    subjects = LoginThrottle.subjects(email, client_key)
    wait = throttle.retry_after(subjects)
    if wait:
        raise LoginLocked(wait)  # before any password hashing: a locked account costs nothing
    if not email.strip() or not password:
        raise InvalidCredentials("Informe o e-mail e a senha.")
    user = authenticate(session, email=email, password=password)
    if user is None:
        locked_for = throttle.record_failure(subjects)
        if locked_for:
            raise LoginLocked(locked_for)
        left = throttle.max_failures - throttle.failures(subjects[0])
        hint = f" Restam {left} tentativa(s) antes de um bloqueio temporário." if 0 < left <= 2 else ""
        raise InvalidCredentials(f"E-mail ou senha incorretos.{hint}")
    throttle.clear(subjects[0])  # the client counter stays: it guards against spraying many e-mails
    org = session.get(Organization, user.organization_id)
    return CurrentUser(user_id=user.id, organization_id=user.organization_id, role=user.role, name=user.name,
                       organization_name=org.name if org else "")


def load_current_user(session: Session, *, user_id: uuid.UUID, organization_id: uuid.UUID) -> CurrentUser | None:
    """The user as stored now (fresh role and name), or None when deactivated, deleted or moved."""
    row = session.execute(
        select(User, Organization.name).join(Organization, Organization.id == User.organization_id)
        .where(User.id == user_id, User.organization_id == organization_id, User.is_active)
    ).first()
    if row is None:
        return None
    user, org_name = row
    return CurrentUser(user_id=user.id, organization_id=user.organization_id, role=user.role, name=user.name,
                       organization_name=org_name)


def change_password(session: Session, conn: redis.Redis, *, organization_id: uuid.UUID, user_id: uuid.UUID,
                    new_password: str) -> int:
    """Set a new password and end every open Studio session of the user. Flushes, never commits.

    Returns how many sessions were revoked. Raises InvalidCredentials for a too-short password."""
    from engine import user_sessions

    if len(new_password) < 8:
        raise InvalidCredentials("A nova senha precisa ter pelo menos 8 caracteres.")
    user = session.scalar(select(User).where(User.id == user_id, User.organization_id == organization_id))
    if user is None:
        raise InvalidCredentials("Usuário não encontrado nesta organização.")
    user.password_hash = hash_password(new_password)
    session.flush()
    return user_sessions.revoke_user(conn, user_id)
