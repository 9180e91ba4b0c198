"""Meu feed (/feed): the seller's hidden tips and alerts, only for the seller's own tickets, live.

Above the feed the seller can ask a copilot to look at one of their tickets now (macro buttons of the
copilots that deliver to the seller); what arrived since the last visit carries a "novo" badge.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import streamlit as st

from engine import insights, last_seen, macros, tickets
from engine.models import Role
from studio import bubbles, macro_buttons, ui

user = ui.require_role(Role.SELLER)
org = user.organization_id
FLASH_KEY = "feed_flash"
BASELINE_KEY = "feed_seen"
SUBJECT = "feed"

st.title("💬 Meu feed")
st.caption("Dicas e alertas dos copilotos sobre os seus tickets. Só você vê estas dicas; elas nunca são "
           "enviadas ao lead. O feed se atualiza sozinho.")
with ui.db_session() as session:
    tz = tickets.org_timezone(session, org)
    mine = tickets.list_inbox(session, organization_id=org, filters=tickets.TicketFilters(seller_id=user.user_id))
if BASELINE_KEY not in st.session_state:  # this visit: "novo" = what arrived since the previous one
    now = datetime.now(UTC)
    st.session_state[BASELINE_KEY] = last_seen.swap(ui.redis(), user_id=user.user_id, subject=SUBJECT,
                                                    now=now) or now


def _flash(kind: str, message: str) -> None:
    st.session_state[FLASH_KEY] = (kind, message)


def press(button: macros.MacroButton, ticket_id: uuid.UUID, click_id: str) -> None:
    macro_buttons.press(user, button, ticket_id, click_id, _flash)


labels = {str(r.id): f"{r.contact} · {bubbles.TICKET_STATUS_LABELS[r.status]} · {bubbles.when(r.last_activity, tz)}"
          for r in mine.rows}
if labels:
    with st.container(border=True):
        st.markdown("**Pedir ajuda a um copiloto agora**")
        chosen = st.selectbox("Ticket", list(labels), format_func=labels.get, key="feed_ticket",
                              on_change=lambda: st.session_state.pop(FLASH_KEY, None))
        with ui.db_session() as session:
            buttons = macros.buttons(session, ui.redis(), organization_id=org, ticket_id=uuid.UUID(chosen),
                                     role=user.role, user_id=user.user_id)
        if buttons:
            macro_buttons.draw(buttons, uuid.UUID(chosen), press, tz)
        else:
            st.caption("Nenhum copiloto com botão de macro para vendedores está ativo.")


@st.fragment(run_every="2s")
def live_feed() -> None:
    if flash := st.session_state.get(FLASH_KEY):  # stays until the next action
        kind, message = flash
        (st.info if kind == "info" else st.error)(message)
    last_seen.touch(ui.redis(), user_id=user.user_id, subject=SUBJECT, now=datetime.now(UTC))
    with ui.db_session() as session:
        feed = insights.seller_feed(session, organization_id=org, seller_id=user.user_id)
    if not feed:
        st.info("Nenhuma dica por enquanto. Quando um copiloto analisar um dos seus tickets, ela aparece aqui.")
        return
    baseline = st.session_state[BASELINE_KEY]
    for view in feed:
        bubbles.bubble(view, show_ticket=True, seller_fields=True, tz=tz, new=view.created_at > baseline)


live_feed()
