"""Studio script (served by ``studio/server.py``): session gate, per-role navigation, shared sidebar.

Login happens over HTTP (``studio/web_auth.py``) so the session cookie can be HttpOnly; this script
reads that session on every run (``ui.session_user``: role and ``is_active`` re-read from the
database). Every page's URL is registered: the pages of the user's role, and for the others a
polite pt-BR refusal, so a bookmarked or shared link never shows Streamlit's English "Page not
found". The sidebar lists only the role's own pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

STUDIO_DIR = Path(__file__).resolve().parent
if str(STUDIO_DIR.parent) not in sys.path:  # `streamlit run studio/app.py` puts studio/ first, not the root
    sys.path.insert(0, str(STUDIO_DIR.parent))

import streamlit as st  # noqa: E402

from engine.roles import ROLE_LABELS  # noqa: E402
from studio import ui  # noqa: E402
from studio.navigation import PageView, all_views, views_for  # noqa: E402
from studio.web_auth import LOGIN_PATH, LOGOUT_PATH  # noqa: E402

st.set_page_config(page_title="Copilot 2.0 Studio", page_icon="🤖", layout="wide")


def login_page() -> None:
    """No live session (expired or revoked while this tab was open): point to the login form."""
    st.title("🤖 Copilot 2.0 Studio")
    st.info("Sua sessão terminou ou você ainda não entrou. Entre com o seu e-mail e senha da organização.")
    st.link_button("Entrar", LOGIN_PATH, type="primary", icon=":material/login:")


def refusal(view: PageView, landing: st.Page) -> st.Page:
    """A page at ``view``'s URL that says, in pt-BR, that this role may not open it."""
    def refuse() -> None:
        st.title(f"{view.icon} {view.title}")
        st.warning("Você não tem acesso a esta página com o seu perfil. Se precisar dela, fale com a "
                   "diretoria da sua organização.", icon=":material/lock:")
        st.page_link(landing, label=f"Ir para {landing.title}", icon=landing.icon)
    return st.Page(refuse, title=view.title, icon=view.icon, url_path=view.url_path)


def logout_button() -> None:
    """A plain form POST: the server ends the session and clears the HttpOnly cookie (JS cannot)."""
    st.html(f'<form method="post" action="{LOGOUT_PATH}" style="margin:0">'
            '<button type="submit" data-testid="logout" style="border:1px solid rgba(49,51,63,.2);'
            'border-radius:.5rem;background:#fff;padding:.35rem .8rem;cursor:pointer;font:inherit">'
            '↪ Sair</button></form>')


user = ui.session_user()
if user is None:
    st.navigation([st.Page(login_page, title="Entrar", icon="🔐", url_path="entrar", default=True)],
                  position="hidden").run()
    st.stop()

mine = views_for(user.role)
if not mine:
    st.warning("Nenhuma página disponível para o seu perfil ainda.")
    st.stop()
own = [st.Page(v.path, title=v.title, icon=v.icon, url_path=v.url_path) for v in mine]
refused = [refusal(v, own[0]) for v in all_views() if v not in mine]


def landing() -> None:
    """"/" forwards to the role's first page under its own URL: Streamlit serves its default page only
    at "/", so a landing page marked default would answer its own path (/console) with "Page not found"."""
    st.switch_page(own[0], query_params=st.query_params.to_dict())


home = st.Page(landing, title="Início", url_path="inicio", default=True)
current = st.navigation([home, *own, *refused], position="hidden")
with st.sidebar:
    st.markdown(f"**{user.name}**")
    st.caption(f"{ROLE_LABELS[user.role]} · {user.organization_name}")
    logout_button()
    section = None
    for v, page in zip(mine, own, strict=True):
        if v.section != section:
            section = v.section
            st.caption(section.upper())
        st.page_link(page, label=v.title, icon=v.icon)
current.run()
