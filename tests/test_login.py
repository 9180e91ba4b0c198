"""engine.login: credentials via engine.auth, Redis throttling of repeated failures (real Redis)."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy.orm import Session

from engine.auth import hash_password
from engine.login import (
    MAX_CLIENT_FAILURES,
    MAX_FAILURES,
    CurrentUser,
    InvalidCredentials,
    LoginLocked,
    LoginThrottle,
    LoginUnavailable,
    client_key_for,
    format_wait,
    login,
)
from engine.models import Organization, Role, User

PASSWORD = "s3nha-forte"


@pytest.fixture
def user(session: Session, org: Organization) -> User:
    u = User(organization_id=org.id, email="Dir@Clinica.com.br", name="Dra. Teste", role=Role.DIRECTOR,
             password_hash=hash_password(PASSWORD))
    session.add(u)
    session.flush()
    return u


def test_login_returns_current_user_with_ids_only(session: Session, user: User, org: Organization,
                                                  redis_conn: redis.Redis) -> None:
    current = login(session, email="  dir@clinica.com.br ", password=PASSWORD, client_key="10.0.0.1", conn=redis_conn)
    assert current == CurrentUser(user_id=user.id, organization_id=org.id, role=Role.DIRECTOR, name="Dra. Teste",
                                  organization_name=org.name)
    with pytest.raises(AttributeError):
        current.role = Role.SELLER  # type: ignore[misc]  # frozen


def test_wrong_password_and_unknown_email_get_the_same_message(session: Session, user: User,
                                                               redis_conn: redis.Redis) -> None:
    with pytest.raises(InvalidCredentials, match="E-mail ou senha incorretos") as wrong:
        login(session, email=user.email, password="errada", conn=redis_conn)
    with pytest.raises(InvalidCredentials) as unknown:
        login(session, email="ninguem@x.com", password="errada", conn=redis_conn)
    assert str(wrong.value) == str(unknown.value)
    with pytest.raises(InvalidCredentials, match="Informe o e-mail e a senha"):
        login(session, email="", password="", conn=redis_conn)


def test_inactive_user_cannot_log_in(session: Session, user: User, redis_conn: redis.Redis) -> None:
    user.is_active = False
    session.flush()
    with pytest.raises(InvalidCredentials):
        login(session, email=user.email, password=PASSWORD, conn=redis_conn)


def test_repeated_failures_lock_the_email_even_for_the_right_password(session: Session, user: User,
                                                                      redis_conn: redis.Redis) -> None:
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(InvalidCredentials):
            login(session, email=user.email, password="errada", client_key="1.1.1.1", conn=redis_conn)
    with pytest.raises(LoginLocked) as locked:
        login(session, email=user.email, password="errada", client_key="1.1.1.1", conn=redis_conn)
    assert "bloqueado por 5 min" in str(locked.value)
    # Locked: even the right password (from another client) is refused until the lock expires.
    with pytest.raises(LoginLocked) as again:
        login(session, email=user.email, password=PASSWORD, client_key="2.2.2.2", conn=redis_conn)
    assert 0 < again.value.retry_after <= 300
    # Nothing about the e-mail is stored in clear text.
    assert not any(b"clinica" in k.lower() for k in redis_conn.keys("*"))


def test_warning_before_the_lock_and_success_resets_the_email_counter(session: Session, user: User,
                                                                      redis_conn: redis.Redis) -> None:
    messages = []
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(InvalidCredentials) as err:
            login(session, email=user.email, password="errada", conn=redis_conn)
        messages.append(str(err.value))
    assert "Restam 1 tentativa" in messages[-1]
    login(session, email=user.email, password=PASSWORD, conn=redis_conn)
    with pytest.raises(InvalidCredentials) as err:  # counter reset: a fresh failure is not a lock
        login(session, email=user.email, password="errada", conn=redis_conn)
    assert "Restam" not in str(err.value)


def test_one_client_spraying_many_emails_is_locked(session: Session, user: User, redis_conn: redis.Redis) -> None:
    assert MAX_CLIENT_FAILURES > MAX_FAILURES  # a shared office IP is not locked by one user's typos
    throttle = LoginThrottle(redis_conn, max_client_failures=3)
    for i in range(2):
        with pytest.raises(InvalidCredentials):
            login(session, email=f"alvo{i}@x.com", password="x", client_key="6.6.6.6", throttle=throttle)
    with pytest.raises(LoginLocked):
        login(session, email="outro@x.com", password="x", client_key="6.6.6.6", throttle=throttle)
    with pytest.raises(LoginLocked):  # the client is locked, whatever the e-mail
        login(session, email=user.email, password=PASSWORD, client_key="6.6.6.6", throttle=throttle)
    # The real user from another client is not affected.
    assert login(session, email=user.email, password=PASSWORD, client_key="7.7.7.7", throttle=throttle)


def test_lock_expires(session: Session, user: User, redis_conn: redis.Redis) -> None:
    throttle = LoginThrottle(redis_conn, max_failures=2, window_seconds=60, lock_seconds=1)
    with pytest.raises(InvalidCredentials):
        login(session, email=user.email, password="x", throttle=throttle)
    with pytest.raises(LoginLocked) as locked:
        login(session, email=user.email, password="x", throttle=throttle)
    assert locked.value.retry_after == 1
    redis_conn.delete(*redis_conn.keys("login:lock:*"))  # what expiry does, without sleeping
    assert login(session, email=user.email, password=PASSWORD, throttle=throttle).user_id == user.id


def test_format_wait() -> None:
    assert format_wait(300) == "5 min"
    assert format_wait(250) == "4 min 10 s"
    assert format_wait(45) == "45 s"
    assert format_wait(0) == "1 s"


def test_redis_down_at_login_is_a_clear_message(session: Session, user: User) -> None:
    dead = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    with pytest.raises(LoginUnavailable, match="temporariamente indisponível"):
        login(session, email=user.email, password=PASSWORD, conn=dead)


def test_throttle_key_uses_only_trusted_forwarded_hops() -> None:
    assert client_key_for("127.0.0.1", "203.0.113.9", trusted_hops=0) == "127.0.0.1"  # no proxy trusted
    assert client_key_for("127.0.0.1", "203.0.113.9", trusted_hops=1) == "203.0.113.9"
    # The client prepends a forged address: only what the trusted proxy appended counts.
    assert client_key_for("127.0.0.1", "1.2.3.4, 203.0.113.9", trusted_hops=1) == "203.0.113.9"
    assert client_key_for("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", trusted_hops=2) == "203.0.113.9"
    assert client_key_for(None, None, trusted_hops=1) is None
