"""Shared helpers for Studio pages: the logged-in user, role guard, DB session and pt-BR rendering.

UI text and small render helpers only: no SQL here (pages call ``engine`` functions).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import streamlit as st
from sqlalchemy.orm import Session, sessionmaker

from engine import catalog, locale_br, user_sessions
from engine.db import session_factory
from engine.login import CurrentUser, load_current_user, redis_client
from engine.models import Delivery, EventType, FieldType, Role
from engine.roles import ROLE_LABELS

# AppTest cannot send cookies: tests put a CurrentUser here instead. The Studio itself never writes it;
# either way the user is re-read from the database on every run.
if TYPE_CHECKING:
    from redis import Redis

USER_KEY = "current_user"

EVENT_LABELS: dict[EventType, str] = {
    EventType.TICKET_WON: "Ticket ganho",
    EventType.TICKET_LOST: "Ticket perdido",
    EventType.INACTIVITY_2H: "Inatividade (2 h)",
    EventType.NEW_MESSAGE_RECEIVED: "Nova mensagem do lead",
    EventType.MACRO_BUTTON_CLICKED: "Botão de macro",
}
DELIVERY_LABELS: dict[Delivery, str] = {
    Delivery.SELLER: "Vendedor",
    Delivery.DIRECTOR: "Diretoria",
    Delivery.TRAFFIC: "Tráfego",
}
FIELD_TYPE_LABELS: dict[FieldType, str] = {
    FieldType.STRING: "Texto (STRING)",
    FieldType.NUMBER: "Número (NUMBER)",
    FieldType.BOOLEAN: "Sim/Não (BOOLEAN)",
    FieldType.ARRAY: "Lista (ARRAY)",
    FieldType.ENUM: "Opções (ENUM)",
}
SCOPE_LABELS: dict[str, str] = {"ticket": "por ticket", "contact": "por contato", "organization": "por organização"}


# ------------------------------------------------------------------------------ session
def _session_cookie() -> str | None:
    try:
        value = st.context.cookies.get(user_sessions.COOKIE_NAME)
    except Exception:  # no browser connection (bare script run)
        return None
    return value if isinstance(value, str) else None  # AppTest's stand-in client answers with a mock


def session_user() -> CurrentUser | None:
    """The logged-in user as stored now, or None (no session, expired, revoked, deactivated).

    Called on every run: the server-side session behind the cookie is checked (and its idle timeout
    renewed), and the user's role and ``is_active`` are re-read, so a demoted or deactivated user
    loses access at the next rerun."""
    cookie = _session_cookie()
    if cookie:
        record = user_sessions.resolve(redis_client(), cookie)
        if record is None:
            return None
        user_id, org_id = record.user_id, record.organization_id
    else:
        stand_in = st.session_state.get(USER_KEY)
        if not isinstance(stand_in, CurrentUser):
            return None
        user_id, org_id = stand_in.user_id, stand_in.organization_id
    with db_session() as session:
        return load_current_user(session, user_id=user_id, organization_id=org_id)


def current_user() -> CurrentUser:
    """The logged-in user; stops the page with a message when nobody is logged in."""
    user = session_user()
    if user is None:
        st.error("Sessão expirada ou ausente. Faça login para continuar.")
        st.stop()
    assert user is not None  # st.stop() raises; this narrows the type
    return user


def require_role(*roles: Role) -> CurrentUser:
    """The logged-in user when their role is one of ``roles``; otherwise stop with st.error.

    Defence in depth: the navigation already hides pages a role may not open."""
    user = current_user()
    if user.role not in roles:
        allowed = ", ".join(ROLE_LABELS[r] for r in roles)
        st.error(f"Acesso negado: esta página é restrita a {allowed}.")
        st.stop()
    return user


def redis() -> Redis:
    """The process' Redis client (sessions, "novo" markers, macro throttle state)."""
    return redis_client()


@st.cache_resource(show_spinner=False)
def _sessionmaker() -> sessionmaker[Session]:
    # One pooled SQLAlchemy engine per Studio process (shared by all browser sessions).
    return session_factory()


@contextmanager
def db_session() -> Iterator[Session]:
    """One transaction for this interaction: commit on success, roll back on error."""
    with _sessionmaker().begin() as session:
        yield session


# ------------------------------------------------------------------------------ formatting
def usd(value: float | Decimal | None, digits: int = 4) -> str:
    """'US$ 0,0123' (pt-BR decimal comma); '—' when unknown."""
    return locale_br.money(value, "USD", digits)


def brl(value: float | Decimal | None) -> str:
    """'R$ 1.234,56'; '—' when unknown."""
    return locale_br.money(value)


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """'há 5 min', 'há 3 h', 'há 2 dias', 'nunca'."""
    if when is None:
        return "nunca"
    seconds = max(0, int(((now or datetime.now(UTC)) - when).total_seconds()))
    if seconds < 60:
        return "agora há pouco"
    if seconds < 3600:
        return f"há {seconds // 60} min"
    if seconds < 86400:
        return f"há {seconds // 3600} h"
    days = seconds // 86400
    return f"há {days} dia" + ("s" if days > 1 else "")


def engine_badge(engine: str | None, note: str | None = None) -> None:
    """A badge naming the engine that produced an insight ("offline" is always labelled as such)."""
    if engine == "offline":
        st.badge("offline", icon=":material/cloud_off:", color="orange")
        if note:
            st.caption(f"Motor offline: {note}")
    elif engine == "rules":  # roll-up alerts: numbers counted in the database, a fixed sentence
        st.badge("regras", icon=":material/rule:", color="gray")
    elif engine:
        st.badge(engine, icon=":material/bolt:", color="blue")


def insight_bubble(summary: str, *, agent_name: str, icon: str = "🤖", engine: str | None = None,
                   note: str | None = None) -> None:
    """The insight as the seller/director sees it: a chat bubble with the agent's name."""
    with st.chat_message("assistant", avatar=icon):
        st.markdown(f"**{html.escape(agent_name)}**")
        st.write(summary or "(sem resumo)")
        engine_badge(engine, note)


# ------------------------------------------------------------------------------ shared cached reads
@st.cache_data(ttl=30, show_spinner=False)
def agent_cards(org_id: str) -> list[catalog.AgentCard]:
    """The organisation's agent cards (cached 30 s, keyed by organisation id)."""
    with db_session() as session:
        return catalog.agent_cards(session, organization_id=uuid.UUID(org_id))


@st.cache_data(ttl=30, show_spinner=False)
def template_library(org_id: str) -> list[catalog.TemplateCard]:
    """The Template Library with this organisation's install counts (cached 30 s, keyed by org id)."""
    with db_session() as session:
        return catalog.template_library(session, organization_id=uuid.UUID(org_id))


def invalidate_agents() -> None:
    """Drop cached agent data after a write (toggle, install, save)."""
    agent_cards.clear()
    template_library.clear()
