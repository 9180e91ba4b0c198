"""Meu feed (/feed): the seller's hidden tips and alerts, only for the seller's own tickets, live."""

from __future__ import annotations

import streamlit as st

from engine import insights, tickets
from engine.models import Role
from studio import bubbles, ui

user = ui.require_role(Role.SELLER)
org = user.organization_id

st.title("💬 Meu feed")
st.caption("Dicas e alertas dos copilotos sobre os seus tickets. Só você vê estas dicas; elas nunca são "
           "enviadas ao lead. O feed se atualiza sozinho.")
with ui.db_session() as session:
    tz = tickets.org_timezone(session, org)


@st.fragment(run_every="2s")
def live_feed() -> None:
    with ui.db_session() as session:
        feed = insights.seller_feed(session, organization_id=org, seller_id=user.user_id)
    if not feed:
        st.info("Nenhuma dica por enquanto. Quando um copiloto analisar um dos seus tickets, ela aparece aqui.")
        return
    for view in feed:
        bubbles.bubble(view, show_ticket=True, seller_fields=True, tz=tz)


live_feed()
