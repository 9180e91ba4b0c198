"""Studio web server (``streamlit run studio/server.py``): the Streamlit app plus the login routes.

``st.App`` serves ``studio/app.py`` and our Starlette routes on one port: ``/auth/login`` and
``/auth/logout`` set and clear the HttpOnly session cookie, and ``LoginRequired`` sends page
requests without a session to the login form. Refuses to start without ``STUDIO_SESSION_SECRET``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # `streamlit run` puts studio/ first
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

from engine.config import get_settings  # noqa: E402
from engine.user_sessions import SessionSecretMissing  # noqa: E402
from studio.web_auth import ROUTES, LoginRequired  # noqa: E402

if get_settings().studio_session_secret is None:
    raise SessionSecretMissing("STUDIO_SESSION_SECRET is not set: the Studio cannot sign session cookies. "
                               "Generate one: python -c 'import secrets; print(secrets.token_urlsafe(32))'")

# app.py routes with st.navigation. Streamlit only learns that when app.py first runs; until then it
# treats studio/pages/ as an old-style pages folder, so the first deep link after a restart
# (/builder?agent=...) would run pages/builder.py directly, without app.py's gate and navigation.
PagesManager.uses_pages_directory = False

app = st.App("app.py", routes=ROUTES, middleware=[Middleware(LoginRequired)])
