"""Studio entry point (``streamlit run studio/app.py``): login gate, per-role navigation, shared sidebar.

Nobody reaches a page without logging in: before login the navigation holds only the login page,
and after login it holds only the pages of the user's role (``engine.roles.PAGES_BY_ROLE``).
"""

from __future__ import annotations

import sys
from pathlib import Path

STUDIO_DIR = Path(__file__).resolve().parent
if str(STUDIO_DIR.parent) not in sys.path:  # `streamlit run studio/app.py` puts studio/ first, not the root
    sys.path.insert(0, str(STUDIO_DIR.parent))

import streamlit as st  # noqa: E402

from engine.login import LoginError, login  # noqa: E402
from engine.roles import ROLE_LABELS, pages_for  # noqa: E402
from studio import ui  # noqa: E402

st.set_page_config(page_title="Copilot 2.0 Studio", page_icon="🤖", layout="wide")


def login_page() -> None:
    """E-mail + password form; failures are throttled by engine.login."""
    st.title("🤖 Copilot 2.0 Studio")
    st.caption("Entre com o seu e-mail e senha da organização.")
    with st.form("login", clear_on_submit=False):
        email = st.text_input("E-mail", key="login_email")
        password = st.text_input("Senha", type="password", key="login_password")
        submitted = st.form_submit_button("Entrar", type="primary")
    if submitted:
        ip = st.context.ip_address  # None (or not a string) outside a real browser session
        try:
            with ui.db_session() as session:
                user = login(session, email=email, password=password,
                             client_key=ip if isinstance(ip, str) else None)
        except LoginError as err:
            st.error(str(err))
            return
        st.session_state[ui.USER_KEY] = user
        st.rerun()


def logout() -> None:
    # Clear everything: drafts of one user must not leak into the next login on this browser.
    st.session_state.clear()


user = ui.session_user()
if user is None:
    st.navigation([st.Page(login_page, title="Entrar", icon="🔐", url_path="login", default=True)],
                  position="hidden").run()
else:
    with st.sidebar:
        st.markdown(f"**{user.name}**")
        st.caption(f"{ROLE_LABELS[user.role]} · {user.organization_name}")
        st.button("Sair", icon=":material/logout:", on_click=logout, key="logout")
    sections: dict[str, list[st.Page]] = {}
    first = True
    for page in pages_for(user.role):
        path = STUDIO_DIR / page.path
        if not path.exists():  # another engineer's page not written yet: leave it out
            continue
        sections.setdefault(page.section, []).append(
            st.Page(path, title=page.title, icon=page.icon, url_path=page.url_path, default=first))
        first = False
    if not sections:
        st.warning("Nenhuma página disponível para o seu perfil ainda.")
        st.stop()
    st.navigation(sections).run()
