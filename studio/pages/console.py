"""Console de Insights (/console): ticket inbox, transcript and the live Insight Feed with Aplicar / Descartar."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from engine import insights, labels, tickets
from engine.agents import load_agent
from engine.models import ActionStatus, Role, TicketStatus
from engine.rollup import money
from studio import bubbles, corrections, ui

user = ui.require_role(Role.DIRECTOR, Role.COORDINATOR)
org = user.organization_id
FLASH_KEY = "console_flash"
TICKET_KEY = "console_ticket"

st.title("🗂️ Console de Insights")
with ui.db_session() as session:
    options = tickets.filter_options(session, organization_id=org)
    tz = tickets.org_timezone(session, org)

# ------------------------------------------------------------------ filters
sellers = {o.id: o.label for o in options.sellers}
campaigns = {o.id: o.label for o in options.campaigns}
agents = {o.id: o.label for o in options.agents}
c1, c2, c3, c4, c5, c6 = st.columns([2, 2, 2, 2, 1.3, 1.3])
statuses = c1.multiselect("Status", list(TicketStatus), format_func=bubbles.TICKET_STATUS_LABELS.get,
                          key="console_status", placeholder="Todos")
seller_id = c2.selectbox("Vendedor", [None, *sellers], format_func=lambda v: sellers.get(v, "Todos"),
                         key="console_seller")
campaign_id = c3.selectbox("Campanha", [None, *campaigns], format_func=lambda v: campaigns.get(v, "Todas"),
                           key="console_campaign")
agent_id = c4.selectbox("Copiloto", [None, *agents], format_func=lambda v: agents.get(v, "Todos"),
                        key="console_agent")
date_from = c5.date_input("De", value=None, format="DD/MM/YYYY", key="console_from")
date_to = c6.date_input("Até", value=None, format="DD/MM/YYYY", key="console_to")
if date_from and date_to and date_to < date_from:
    st.error("A data final precisa ser igual ou posterior à data inicial.")
    st.stop()
filters = tickets.TicketFilters(statuses=tuple(statuses), seller_id=seller_id, campaign_id=campaign_id,
                                agent_id=agent_id, date_from=date_from, date_to=date_to)
page_no = int(st.session_state.get("console_page", 1))

with ui.db_session() as session:
    inbox = tickets.list_inbox(session, organization_id=org, filters=filters, page=page_no)
if inbox.page > inbox.pages:  # filters shrank the list under the current page
    st.session_state["console_page"] = 1
    st.rerun()

# ------------------------------------------------------------------ inbox
st.subheader(f"Caixa de entrada · {inbox.total} ticket(s)")
if not inbox.rows:
    st.info("Nenhum ticket com esses filtros.")
    st.stop()
frame = pd.DataFrame([{
    "id": str(r.id), "Contato": r.contact, "Vendedor": r.seller or "—",
    "Status": bubbles.TICKET_STATUS_LABELS[r.status], "Campanha": r.campaign or "—",
    "Valor": money(r.value) if r.value is not None else "—",
    "Última atividade": bubbles.when(r.last_activity, tz), "Insights": r.insights, "Pendentes": r.pending,
} for r in inbox.rows])
event = st.dataframe(frame, key="console_inbox", on_select="rerun", selection_mode="single-row", hide_index=True,
                     column_order=[c for c in frame.columns if c != "id"], height=280)
if event.selection.rows:
    st.session_state[TICKET_KEY] = frame.iloc[event.selection.rows[0]]["id"]
if inbox.pages > 1:
    st.number_input(f"Página (de {inbox.pages})", min_value=1, max_value=inbox.pages, step=1, key="console_page")
st.caption("Selecione um ticket na tabela para abrir a conversa e o feed de insights.")

selected = st.session_state.get(TICKET_KEY)
ticket_id = uuid.UUID(selected) if selected in set(frame["id"]) else inbox.rows[0].id


# ------------------------------------------------------------------ ticket + live feed
def decide(view: insights.InsightView, status: ActionStatus) -> None:
    """Button callback: record the decision and keep the outcome for the next run.

    A callback (not ``if st.button``) so the click is handled even when the insight was decided by
    someone else meanwhile and its buttons are no longer drawn: the refusal message still shows."""
    action = insights.apply_insight if status is ActionStatus.APPLIED else insights.dismiss_insight
    try:
        decision = action(org, view.id, user.user_id)
    except insights.InsightDecisionError as err:
        st.session_state[FLASH_KEY] = ("error", str(err), [])
    else:
        verb = "aplicado" if status is ActionStatus.APPLIED else "descartado"
        extra = f" {len(decision.action_ids)} ação(ões) na fila." if decision.action_ids else ""
        st.session_state[FLASH_KEY] = ("success", f"Insight {verb}: “{view.summary}”.{extra}", decision.warnings)


@st.fragment(run_every="2s")
def feed_panel(ticket_id: uuid.UUID) -> None:
    """Re-queried every 2 s: only this ticket's newest insights (an index range scan)."""
    with ui.db_session() as session:
        feed = insights.ticket_feed(session, organization_id=org, ticket_id=ticket_id)
        fixes = labels.corrections_for(session, organization_id=org, insight_ids=[v.id for v in feed])
        specs = {a: load_agent(session, organization_id=org, agent_id=a) for a in {v.agent_id for v in feed}}
    st.subheader(f"Insight Feed · {len(feed)}")
    corrections.flash()
    flash = st.session_state.pop(FLASH_KEY, None)  # outcome of the last Aplicar / Descartar
    if flash:
        kind, message, warnings = flash
        (st.success if kind == "success" else st.error)(message)
        for w in warnings:
            st.warning(w)
    if not feed:
        st.caption("Nenhum insight ainda. Novos insights aparecem aqui sozinhos.")
    with st.container(height=620, border=False):
        for view in feed:
            bubbles.bubble(view, decide=decide, tz=tz, link_citations=True, extra=lambda v: corrections.panel(
                v, spec=specs.get(v.agent_id), correction=fixes.get(v.id), organization_id=org,
                user_id=user.user_id, tz=tz))


left, right = st.columns([3, 2], gap="large")
with left:
    try:
        with ui.db_session() as session:
            detail = tickets.ticket_detail(session, organization_id=org, ticket_id=ticket_id)
    except tickets.TicketNotFoundError as err:
        st.error(str(err))
        st.stop()
    st.subheader(f"Conversa com {detail.contact}")
    value = f"R$ {detail.value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") if detail.value else "—"
    st.caption(f"{bubbles.TICKET_STATUS_LABELS[detail.status]} · Vendedor: {detail.seller or '—'} · "
               f"Campanha: {detail.campaign or '—'} · Valor: {value}")
    with st.container(height=620):
        if not detail.messages:
            st.caption("Sem mensagens.")
        for m in detail.messages:
            bubbles.transcript_message(m, tz)
with right:
    feed_panel(ticket_id)
