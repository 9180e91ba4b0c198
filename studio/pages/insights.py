"""Todos os insights (/insights): the director's list of every insight, filtered and paginated; the
export holds the whole filtered result (streamed), in the CSV format a Brazilian office opens."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import streamlit as st

from engine import insights, locale_br, tickets
from engine.models import ActionStatus, Delivery, Role
from studio import bubbles, tables, ui

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
                      format_func=lambda v: locale_br.INSIGHT_STATUS_LABELS.get(v, "Todos"))
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

COLUMNS: dict[str, tables.Col] = {
    "when": tables.Col("Quando", lambda v: locale_br.moment(v)), "agent": tables.Col("Copiloto"),
    "summary": tables.Col("Resumo"), "lead": tables.Col("Lead"), "seller": tables.Col("Vendedor"),
    "delivery": tables.Col("Entrega"), "engine": tables.Col("Motor"), "confidence": tables.percent("Confiança"),
    "status": tables.Col("Status"), "actioned_by": tables.Col("Decidido por"),
    "actioned_at": tables.Col("Decidido em", lambda v: locale_br.moment(v)), "actions": tables.Col("Ações"),
}


def row(v: insights.InsightView) -> dict[str, object]:
    """One insight as the table (and its export) shows it: times in the organisation's timezone."""
    return {
        "when": v.created_at.astimezone(tz).replace(tzinfo=None), "agent": f"{v.agent_icon} {v.agent_name}",
        "summary": v.summary, "lead": v.contact or "— (organização)", "seller": v.seller or "—",
        "delivery": ui.DELIVERY_LABELS.get(v.delivery, v.delivery.value), "engine": ENGINES.get(v.engine, v.engine),
        "confidence": v.confidence, "status": locale_br.INSIGHT_STATUS_LABELS[v.action_status],
        "actioned_by": v.actioned_by or "",
        "actioned_at": v.actioned_at.astimezone(tz).replace(tzinfo=None) if v.actioned_at else None,
        "actions": "; ".join(bubbles.action_line(a) for a in v.actions),
    }


def export_all() -> io.BytesIO:
    """The WHOLE filtered result as a pt-BR CSV, built when the button is clicked (not on every rerun):
    rows are read from PostgreSQL in keyset batches and encoded line by line; Streamlit serves the
    finished file from memory (its download API takes bytes or a BytesIO, not a stream)."""
    out = io.BytesIO()
    with ui.db_session() as s:
        views = insights.iter_insights(s, organization_id=org, filters=filters)
        frame_rows = ([r[k] for k in COLUMNS] for r in map(row, views))
        for chunk in locale_br.csv_lines([c.label for c in COLUMNS.values()], frame_rows):
            out.write(chunk)
    out.seek(0)
    return out


st.subheader(f"{locale_br.number(result.total)} insight(s)")
if not result.rows:
    st.info("Nenhum insight com esses filtros.")
    st.stop()
tables.show(pd.DataFrame([row(v) for v in result.rows], columns=list(COLUMNS)), COLUMNS, key="ins_table",
            max_rows=20)


def _step(delta: int) -> None:
    st.session_state["ins_page"] = min(max(1, int(st.session_state.get("ins_page", 1)) + delta), result.pages)


prev, pick, nxt, info, export = st.columns([1.4, 1.4, 1.4, 2.2, 3], vertical_alignment="center")
prev.button("Anterior", key="ins_prev", icon=":material/chevron_left:", disabled=result.page <= 1,
            on_click=_step, args=(-1,), width="stretch")
pick.selectbox("Página", list(range(1, result.pages + 1)), key="ins_page", label_visibility="collapsed",
               format_func=lambda n: f"Página {n}")
nxt.button("Próxima", key="ins_next", icon=":material/chevron_right:", disabled=result.page >= result.pages,
           on_click=_step, args=(1,), width="stretch")
info.caption(f"Página {result.page} de {result.pages} · {result.page_size} por página")
export.download_button(f"Exportar todos os {locale_br.number(result.total)} (CSV)", export_all,
                       file_name=f"insights-{datetime.now(tz):%Y%m%d-%H%M}.csv", mime="text/csv", key="ins_csv",
                       icon=":material/download:", help="Todo o resultado filtrado, não só esta página.")
