"""Campanhas e gastos (/campaigns): spend upload (CSV) and Meta sync, campaign alerts, cost of lost
conversations by reason and campaign, and the attribution gap (chat purchases vs Meta vs WON)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import streamlit as st

from engine import rollup, spend
from engine.actions.graph import GraphError
from engine.actions.report import attribution_gap
from engine.models import Role
from studio import ui

user = ui.require_role(Role.DIRECTOR, Role.TRAFFIC_MANAGER)
org = user.organization_id

st.title("💸 Campanhas e gastos")

with ui.db_session() as session:
    first, last = spend.spend_bounds(session, organization_id=org)
default_to = last or date.today()
default_from = max(first or default_to - timedelta(days=13), default_to - timedelta(days=30))
c1, c2, _ = st.columns([1, 1, 3])
since = c1.date_input("De", value=default_from, format="DD/MM/YYYY", key="sp_from")
until = c2.date_input("Até", value=default_to, format="DD/MM/YYYY", key="sp_to")

# ---------------------------------------------------------------- alerts
st.subheader("⚠️ Alertas de campanha")
with ui.db_session() as session:
    alert_rows = [(a.created_at, a.summary, a.payload) for a in rollup.alerts(session, organization_id=org)]
if not alert_rows:
    st.caption("Nenhum alerta: nenhuma campanha teve um motivo de perda dominante acima do limite da organização.")
for _created, summary, payload in alert_rows[:10]:
    st.warning(f"**{payload.get('campaign')}** · {payload.get('day')} — {summary}")

# ---------------------------------------------------------------- charts
with ui.db_session() as session:
    costs = rollup.loss_costs(session, organization_id=org, since=since, until=until)
    gap = attribution_gap(session, organization_id=org, since=since, until=until)
    rows = spend.list_spend(session, organization_id=org, since=since, until=until)

st.subheader("Custo das conversas perdidas por motivo e campanha")
if costs:
    df = pd.DataFrame([{"Campanha": c.campaign, "Motivo": c.reason_label, "Conversas perdidas": c.lost,
                        "Gasto perdido (R$)": float(c.cost),
                        "R$ por conversa perdida": float(c.cost_per_lost) if c.cost_per_lost else None}
                       for c in costs])
    st.plotly_chart(px.bar(df, x="Campanha", y="Gasto perdido (R$)", color="Motivo", barmode="stack",
                           hover_data=["Conversas perdidas", "R$ por conversa perdida"]), key="sp_cost_chart")
    st.dataframe(df, hide_index=True, key="sp_cost_table")
else:
    st.info("Sem conversas perdidas de campanhas no período.")

st.subheader("Lacuna de atribuição")
st.caption("Compras detectadas no chat × eventos Purchase enviados à Meta × tickets ganhos (WON).")
m1, m2, m3 = st.columns(3)
m1.metric("Compras detectadas no chat", gap.detected)
m2.metric("Purchase enviados à Meta", gap.sent)
m3.metric("Tickets ganhos", gap.won)
if gap.by_day:
    gdf = pd.DataFrame(gap.by_day).rename(columns={"day": "Dia", "detected": "Detectadas no chat",
                                                   "sent": "Enviadas à Meta", "won": "Ganhos (WON)"})
    long = gdf.melt(id_vars="Dia", var_name="Série", value_name="Tickets")
    st.plotly_chart(px.bar(long, x="Dia", y="Tickets", color="Série", barmode="group"), key="sp_gap_chart")

# ---------------------------------------------------------------- spend data
st.subheader("Gasto diário por campanha")
if rows:
    st.dataframe(pd.DataFrame([{"Dia": r.day, "Campanha": r.campaign, "Gasto": float(r.spend), "Moeda": r.currency,
                                "Impressões": r.impressions, "Cliques": r.clicks, "Origem": r.source}
                               for r in rows]), hide_index=True, key="sp_table")
else:
    st.info("Nenhum gasto no período. Envie um CSV ou sincronize com a Meta.")

with st.expander("📤 Enviar CSV de gastos"):
    st.caption("Colunas: date, campaign, spend (obrigatórias); campaign_id, impressions, clicks, currency. "
               "Datas AAAA-MM-DD; valores 1234.56 ou 1.234,56; separador vírgula ou ponto e vírgula.")
    upload = st.file_uploader("Arquivo CSV", type=["csv"], key="sp_upload")
    if upload is not None and st.button("Importar", key="sp_import"):
        try:
            with ui.db_session() as session:
                result = spend.import_spend_csv(session, organization_id=org, data=upload.getvalue())
        except spend.SpendError as err:
            st.error(str(err))
        else:
            st.success(f"{result.stored} linhas gravadas.")
            if result.errors:
                st.error(f"{len(result.errors)} linhas com erro (não gravadas):")
                st.dataframe(pd.DataFrame([{"Linha": e.line, "Erro": e.message} for e in result.errors]),
                             hide_index=True, key="sp_errors")

with st.expander("🔄 Sincronizar com a Meta (Marketing API)"):
    s1, s2, _ = st.columns([1, 1, 2])
    sync_from = s1.date_input("De", value=date.today() - timedelta(days=7), format="DD/MM/YYYY", key="sp_sync_from")
    sync_to = s2.date_input("Até", value=date.today(), format="DD/MM/YYYY", key="sp_sync_to")
    if st.button("Sincronizar", key="sp_sync"):
        try:
            with ui.db_session() as session:
                synced = spend.sync_spend(session, organization_id=org, since=sync_from, until=sync_to)
        except spend.SpendError as err:
            st.error(str(err))
        except GraphError as err:
            st.error(err.describe())
        else:
            st.success(f"{synced.rows} dias de gasto em {synced.campaigns} campanhas.")
            for msg in synced.skipped:
                st.warning(msg)
