"""The Studio's HTTP login: ``/auth/login`` (form + POST), ``/auth/logout`` (POST) and the page guard.

Only an HTTP response can set an HttpOnly cookie, so the credentials are posted to these Starlette
routes (served by ``studio/server.py`` next to the Streamlit app, ``st.App``), never to a Streamlit
widget. A successful login opens a server-side session (``engine.user_sessions``) and sets its signed
cookie; the Streamlit script reads it on every run (``studio.ui.session_user``).

``LoginRequired`` sends any page request without a live session to ``/auth/login?next=<path>``, so a
deep link (``/console?ticket=<id>``) opens at the requested place after the login. ``next`` must be a
local path: never an open redirect.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from engine import user_sessions
from engine.config import get_settings
from engine.db import session_scope
from engine.login import LoginError, client_key_for, login, redis_client

LOGIN_PATH = "/auth/login"
LOGOUT_PATH = "/auth/logout"
# Requests that are not Studio pages: Streamlit's own routes and ours.
NOT_PAGES = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/", "/auth/", "/favicon",
             "/robots.txt", "/manifest.json")

_FORM = """<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entrar · Copilot 2.0 Studio</title>
<style>
 body {{ font-family: "Source Sans Pro", system-ui, sans-serif; background: #fff; color: #31333f; margin: 0; }}
 main {{ max-width: 420px; margin: 12vh auto; padding: 0 1.5rem; }}
 h1 {{ font-size: 2rem; margin-bottom: .3rem; }} p.hint {{ color: #808495; margin-top: 0; }}
 label {{ display: block; margin: 1rem 0 .3rem; font-size: .9rem; }}
 input {{ width: 100%; box-sizing: border-box; padding: .6rem .7rem; border: 1px solid #d6d6d9; border-radius: .5rem;
          font-size: 1rem; background: #f0f2f6; }}
 button {{ margin-top: 1.4rem; padding: .55rem 1.2rem; border: 0; border-radius: .5rem; background: #ff4b4b;
           color: #fff; font-size: 1rem; cursor: pointer; }}
 .error {{ background: #ffe9e9; color: #7d0000; padding: .8rem 1rem; border-radius: .5rem; margin-top: 1rem; }}
 .info {{ background: #e8f2fc; color: #0b4a8b; padding: .8rem 1rem; border-radius: .5rem; margin-top: 1rem; }}
</style></head>
<body><main>
<h1>🤖 Copilot 2.0 Studio</h1>
<p class="hint">Entre com o seu e-mail e senha da organização.</p>
{notice}
<form method="post" action="{action}">
 <label for="email">E-mail</label>
 <input id="email" name="email" type="email" autocomplete="username" value="{email}" required autofocus>
 <label for="password">Senha</label>
 <input id="password" name="password" type="password" autocomplete="current-password" required>
 <input type="hidden" name="next" value="{next}">
 <button type="submit">Entrar</button>
</form>
</main></body></html>
"""

NOTICES = {
    "logout": ("info", "Você saiu. Até logo!"),
    "expired": ("info", "Sua sessão terminou. Entre novamente para continuar de onde parou."),
}


def safe_next(value: str | None) -> str:
    """A local path to go to after login ("/" when missing or not local: no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.startswith(("/auth/", "/_stcore/")):
        return "/"
    return value


def login_form(*, next_path: str = "/", email: str = "", error: str | None = None, notice: str | None = None,
               status_code: int = 200) -> HTMLResponse:
    """The pt-BR login page."""
    blocks = []
    if notice in NOTICES:
        kind, text = NOTICES[notice]
        blocks.append(f'<div class="{kind}" role="status">{html.escape(text)}</div>')
    if error:
        blocks.append(f'<div class="error" role="alert">{html.escape(error)}</div>')
    body = _FORM.format(notice="\n".join(blocks), action=LOGIN_PATH, email=html.escape(email, quote=True),
                        next=html.escape(safe_next(next_path), quote=True))
    return HTMLResponse(body, status_code=status_code, headers={"Cache-Control": "no-store"})


def _cookie_kwargs() -> dict[str, object]:
    return {"httponly": True, "samesite": "lax", "secure": get_settings().studio_cookie_secure, "path": "/"}


def _same_origin(request: Request) -> bool:
    """A POST from our own page (Origin absent or equal to this host): no cross-site login/logout."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _authenticate(email: str, password: str, client_key: str | None) -> str:
    """Check the credentials (throttled) and open a session; the signed cookie value."""
    with session_scope() as session:
        user = login(session, email=email, password=password, client_key=client_key)
    return user_sessions.open_session(redis_client(), user_id=user.user_id, organization_id=user.organization_id)


async def login_endpoint(request: Request) -> Response:
    """GET: the form. POST: check the credentials, set the session cookie, go to ``next``."""
    if request.method == "GET":
        return login_form(next_path=request.query_params.get("next", "/"),
                          notice=request.query_params.get("aviso"))
    if not _same_origin(request):
        return login_form(error="Requisição recusada: envie o formulário desta página.", status_code=403)
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "/")))
    client = client_key_for(request.client.host if request.client else None, request.headers.get("x-forwarded-for"))
    try:
        cookie = await run_in_threadpool(_authenticate, email, password, client)
    except LoginError as err:
        return login_form(next_path=next_path, email=email, error=str(err), status_code=401)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(user_sessions.COOKIE_NAME, cookie, max_age=user_sessions.idle_seconds(),
                        **_cookie_kwargs())  # type: ignore[arg-type]
    return response


async def logout_endpoint(request: Request) -> Response:
    """End the session (server-side) and drop the cookie."""
    if not _same_origin(request):
        return Response("Requisição recusada.", status_code=403)
    cookie = request.cookies.get(user_sessions.COOKIE_NAME)
    await run_in_threadpool(user_sessions.revoke, redis_client(), cookie)
    response = RedirectResponse(f"{LOGIN_PATH}?aviso=logout", status_code=303)
    response.delete_cookie(user_sessions.COOKIE_NAME, **_cookie_kwargs())  # type: ignore[arg-type]
    return response


ROUTES = [
    Route(LOGIN_PATH, login_endpoint, methods=["GET", "POST"]),
    Route(LOGOUT_PATH, logout_endpoint, methods=["POST"]),
]


def is_page_request(scope: Scope) -> bool:
    """A browser asking for a Studio page (the HTML shell), not an asset, a websocket or our routes."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    if path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return False
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    return "text/html" in accept


class LoginRequired:
    """ASGI middleware: page requests without a live session go to the login form (``next`` kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_page_request(scope):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cookie = request.cookies.get(user_sessions.COOKIE_NAME)
        record = await run_in_threadpool(user_sessions.resolve, redis_client(), cookie) if cookie else None
        if record is not None:
            await self.app(scope, receive, send)
            return
        target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope["query_string"] else "")
        location = f"{LOGIN_PATH}?next={quote(target, safe='')}" + ("&aviso=expired" if cookie else "")
        response = RedirectResponse(location, status_code=303)
        if cookie:
            response.delete_cookie(user_sessions.COOKIE_NAME, **_cookie_kwargs())  # type: ignore[arg-type]
        await response(scope, receive, send)
