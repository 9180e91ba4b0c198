"""Todos os insights (/insights): the director's list of every insight, filtered and paginated."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import insights, tickets
from engine.models import ActionStatus, Delivery, Role
from studio import bubbles, ui

user = ui.require_role(Role.DIRECTOR)
org = user.organization_id
ENGINES = {"offline": "offline", "litellm": "modelo (litellm)", "rules": "regras (alertas de campanha)"}

st.title("📋 Todos os insights")
with ui.db_session() as session:
    options = tickets.filter_options(session, organization_id=org)
    tz = tickets.org_timezone(session, org)

agents = {o.id: o.label for o in options.agents}
sellers = {o.id: o.label for o in options.sellers}
c1, c2, c3, c4 = st.columns(4)
status = c1.selectbox("Status", [None, *ActionStatus], key="ins_status",
                      format_func=lambda v: bubbles.STATUS_LABELS.get(v, "Todos"))
agent_id = c2.selectbox("Copiloto", [None, *agents], format_func=lambda v: agents.get(v, "Todos"), key="ins_agent")
delivery = c3.selectbox("Entrega", [None, *Delivery], key="ins_delivery",
                        format_func=lambda v: ui.DELIVERY_LABELS.get(v, "Todas"))
engine = c4.selectbox("Motor", [None, *ENGINES], format_func=lambda v: ENGINES.get(v, "Todos"), key="ins_engine")
c5, c6, c7, c8 = st.columns(4)
seller_id = c5.selectbox("Vendedor", [None, *sellers], format_func=lambda v: sellers.get(v, "Todos"),
                         key="ins_seller")
date_from = c6.date_input("De", value=None, format="DD/MM/YYYY", key="ins_from")
date_to = c7.date_input("Até", value=None, format="DD/MM/YYYY", key="ins_to")
search = c8.text_input("Buscar no resumo", key="ins_search", placeholder="ex.: preço")
if date_from and date_to and date_to < date_from:
    st.error("A data final precisa ser igual ou posterior à data inicial.")
    st.stop()
filters = insights.InsightFilters(status=status, agent_id=agent_id, delivery=delivery, engine=engine,
                                  seller_id=seller_id, date_from=date_from, date_to=date_to, search=search or None)
page_no = int(st.session_state.get("ins_page", 1))

with ui.db_session() as session:
    result = insights.list_insights(session, organization_id=org, filters=filters, page=page_no)
if result.page > result.pages:  # filters shrank the list under the current page
    st.session_state["ins_page"] = 1
    st.rerun()

st.subheader(f"{result.total:,} insight(s)".replace(",", "."))
if not result.rows:
    st.info("Nenhum insight com esses filtros.")
    st.stop()
frame = pd.DataFrame([{
    "Quando": bubbles.when(v.created_at, tz), "Copiloto": f"{v.agent_icon} {v.agent_name}", "Resumo": v.summary,
    "Lead": v.contact or "— (organização)", "Vendedor": v.seller or "—",
    "Entrega": ui.DELIVERY_LABELS.get(v.delivery, v.delivery.value), "Motor": v.engine,
    "Confiança": bubbles.confidence(v), "Status": bubbles.STATUS_LABELS[v.action_status],
    "Decidido por": v.actioned_by or "", "Decidido em": bubbles.when(v.actioned_at, tz) if v.actioned_at else "",
    "Ações": "; ".join(bubbles.action_line(a) for a in v.actions),
} for v in result.rows])
st.dataframe(frame, hide_index=True, key="ins_table")
left, right = st.columns([1, 3])
left.number_input(f"Página (de {result.pages})", min_value=1, max_value=result.pages, step=1, key="ins_page")
right.download_button("Exportar esta página (CSV)", frame.to_csv(index=False).encode("utf-8"),
                      file_name=f"insights-pagina-{result.page}.csv", mime="text/csv", key="ins_csv",
                      icon=":material/download:")
