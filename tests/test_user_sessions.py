"""Studio sessions: the Redis-backed session, its signed HttpOnly cookie and the HTTP login routes
(studio/web_auth.py served through Starlette's TestClient, the same routes st.App mounts)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from engine import user_sessions
from engine.config import Settings, get_settings
from engine.login import MAX_FAILURES, change_password, load_current_user
from engine.models import User
from engine.seed import DEMO_PASSWORD, seed_demo
from studio.web_auth import ROUTES, LoginRequired, safe_next

DIRECTOR = "diretora@clinica-demo.com.br"
HTML = {"accept": "text/html"}


@pytest.fixture
def demo(committed_db: Engine, redis_conn: redis.Redis) -> Iterator[User]:
    with Session(committed_db) as session, session.begin():
        seed_demo(session)
    with Session(committed_db) as session:
        user = session.scalar(select(User).where(User.email == DIRECTOR))
        assert user is not None
        session.expunge(user)
    yield user


@pytest.fixture
def client(demo: User) -> Iterator[TestClient]:
    """Our routes and middleware in front of a stand-in for the Streamlit pages."""
    async def page(request):  # noqa: ANN001, ANN202
        return PlainTextResponse(f"page {request.url.path}")

    app = Starlette(routes=[*ROUTES, Route("/{path:path}", page)], middleware=[Middleware(LoginRequired)])
    with TestClient(app, base_url="http://studio.test", follow_redirects=False) as c:
        yield c


def test_session_roundtrip_idle_timeout_and_tampering(demo: User, redis_conn: redis.Redis) -> None:
    cookie = user_sessions.open_session(redis_conn, user_id=demo.id, organization_id=demo.organization_id)
    record = user_sessions.resolve(redis_conn, cookie)
    assert record is not None and record.user_id == demo.id and record.organization_id == demo.organization_id
    token, _, signature = cookie.rpartition(".")
    assert token not in {k.decode().rsplit(":", 1)[-1] for k in redis_conn.keys("studio:session:*")}  # hashed
    key = next(k for k in redis_conn.keys("studio:session:*") if b"s_of" not in k)
    assert abs(redis_conn.ttl(key) - 12 * 3600) <= 2  # 12 h idle by default
    redis_conn.expire(key, 30)
    assert user_sessions.resolve(redis_conn, cookie) is not None
    assert redis_conn.ttl(key) > 12 * 3600 - 5  # every use renews the idle timeout
    forged = f"{token}x.{signature}"
    assert user_sessions.resolve(redis_conn, forged) is None
    assert user_sessions.resolve(redis_conn, token) is None  # unsigned
    redis_conn.delete(key)  # expired
    assert user_sessions.resolve(redis_conn, cookie) is None


def test_idle_timeout_is_configurable_and_the_secret_has_no_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_SESSION_IDLE_HOURS", "0.5")
    get_settings.cache_clear()
    assert user_sessions.idle_seconds() == 1800
    monkeypatch.delenv("STUDIO_SESSION_SECRET")
    assert Settings().studio_session_secret is None
    with pytest.raises(user_sessions.SessionSecretMissing):
        user_sessions.open_session(redis.Redis(), user_id=None, organization_id=None,  # type: ignore[arg-type]
                                   settings=Settings())
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(studio_session_secret="short")


def test_password_change_revokes_every_session(demo: User, committed_db: Engine, redis_conn: redis.Redis) -> None:
    cookies = [user_sessions.open_session(redis_conn, user_id=demo.id, organization_id=demo.organization_id)
               for _ in range(2)]
    with Session(committed_db) as session, session.begin():
        assert change_password(session, redis_conn, organization_id=demo.organization_id, user_id=demo.id,
                               new_password="nova-senha-123") == 2
    assert all(user_sessions.resolve(redis_conn, c) is None for c in cookies)
    with Session(committed_db) as session:
        assert load_current_user(session, user_id=demo.id, organization_id=demo.organization_id) is not None


def test_page_without_session_goes_to_login_keeping_the_deep_link(client: TestClient) -> None:
    r = client.get("/console?ticket=abc", headers=HTML)
    assert r.status_code == 303 and r.headers["location"] == "/auth/login?next=%2Fconsole%3Fticket%3Dabc"
    form = client.get(r.headers["location"])
    assert form.status_code == 200 and 'name="next" value="/console?ticket=abc"' in form.text
    assert "E-mail" in form.text and "Senha" in form.text and "Entrar" in form.text
    assert client.get("/_stcore/health").status_code == 200  # Streamlit's own routes are not pages


def test_login_sets_an_httponly_signed_cookie_and_opens_the_requested_page(client: TestClient,
                                                                           redis_conn: redis.Redis) -> None:
    r = client.post("/auth/login", data={"email": DIRECTOR, "password": DEMO_PASSWORD,
                                         "next": "/console?ticket=abc"})
    assert r.status_code == 303 and r.headers["location"] == "/console?ticket=abc"
    set_cookie = r.headers["set-cookie"]
    assert set_cookie.startswith(f"{user_sessions.COOKIE_NAME}=")
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie and "Max-Age=43200" in set_cookie
    assert DEMO_PASSWORD not in set_cookie
    page = client.get("/console?ticket=abc", headers=HTML)
    assert page.status_code == 200 and page.text == "page /console"
    # Logout: the server-side session ends and the cookie is dropped; replaying it opens nothing.
    cookie = client.cookies[user_sessions.COOKIE_NAME]
    out = client.post("/auth/logout")
    assert out.status_code == 303 and out.headers["location"] == "/auth/login?aviso=logout"
    assert user_sessions.resolve(redis_conn, cookie) is None
    client.cookies.set(user_sessions.COOKIE_NAME, cookie)
    again = client.get("/console", headers=HTML)
    assert again.status_code == 303 and "aviso=expired" in again.headers["location"]


def test_wrong_password_in_portuguese_then_lock_and_no_open_redirect(client: TestClient) -> None:
    r = client.post("/auth/login", data={"email": DIRECTOR, "password": "errada", "next": "/builder"})
    assert r.status_code == 401 and "E-mail ou senha incorretos." in r.text
    assert 'value="/builder"' in r.text  # the deep link survives a typo
    for _ in range(MAX_FAILURES - 1):
        r = client.post("/auth/login", data={"email": DIRECTOR, "password": "errada"})
    assert "bloqueado por 5 min" in r.text
    r = client.post("/auth/login", data={"email": DIRECTOR, "password": DEMO_PASSWORD})
    assert r.status_code == 401 and "bloqueado" in r.text  # locked: even the right password waits
    for evil in ("//evil.example/x", "https://evil.example/", "/\\\\evil.example", "/auth/logout", ""):
        assert safe_next(evil) == "/"
    assert safe_next("/console?ticket=1&status=OPEN") == "/console?ticket=1&status=OPEN"


def test_cross_site_post_is_refused(client: TestClient) -> None:
    r = client.post("/auth/login", data={"email": DIRECTOR, "password": DEMO_PASSWORD},
                    headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and "set-cookie" not in r.headers
