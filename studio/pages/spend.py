"""Campanhas e gastos (/campaigns): spend upload (CSV) and Meta sync, campaign alerts, cost of lost
conversations by reason and campaign, and the attribution gap (chat purchases vs Meta vs WON).

The loss costs and the gap come from ``engine.metrics`` (the same figures as on Análises), on the
same date basis, in the organisation's timezone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import plotly.express as px
import streamlit as st

from engine import locale_br, metrics, rollup, spend, tickets
from engine.actions.graph import GraphError
from engine.models import Role
from studio import charts, tables, ui

user = ui.require_role(Role.DIRECTOR, Role.TRAFFIC_MANAGER)
org = user.organization_id
T = tables

st.title("💸 Campanhas e gastos")

with ui.db_session() as session:
    default_from, default_to = metrics.data_window(session, organization_id=org)
    tz = tickets.org_timezone(session, org)
today = datetime.now(tz).date()
c1, c2, _ = st.columns([1, 1, 3])
since = c1.date_input("De", value=default_from, format="DD/MM/YYYY", key="sp_from")
until = c2.date_input("Até", value=default_to, format="DD/MM/YYYY", key="sp_to")
if until < since:
    st.error("A data final precisa ser igual ou posterior à data inicial.")
    st.stop()
period = locale_br.date_range(since, until)
COHORT = f"conversas abertas de {period} (data de abertura, fuso da organização); gasto dos mesmos dias"

# ---------------------------------------------------------------- alerts
st.subheader("⚠️ Alertas de campanha")
with ui.db_session() as session:
    alert_rows = [(a.created_at, a.summary, a.payload) for a in rollup.alerts(session, organization_id=org)]
if not alert_rows:
    st.caption("Nenhum alerta: nenhuma campanha teve um motivo de perda dominante acima do limite da organização.")
for _created, summary, payload in alert_rows[:10]:
    raw_day = payload.get("day")
    shown_day = locale_br.day(datetime.fromisoformat(raw_day).date()) if raw_day else "—"
    st.warning(f"**{payload.get('campaign')}** · {shown_day} — {summary}")

# ---------------------------------------------------------------- charts
with ui.db_session() as session:
    costs = metrics.loss_costs(session, organization_id=org, date_from=since, date_to=until)
    gap = metrics.attribution_gap(session, organization_id=org, date_from=since, date_to=until)
    rows = spend.list_spend(session, organization_id=org, since=since, until=until)

st.subheader("Custo das conversas perdidas por motivo e campanha")
if not costs.empty:
    chart_df = costs.assign(reason=costs["reason"].map(locale_br.reason_label))
    fig = px.bar(chart_df, x="campaign", y="spend_lost", color="reason", barmode="stack",
                 labels={"campaign": "Campanha", "spend_lost": "Gasto perdido", "reason": "Motivo"},
                 custom_data=["reason", "lost", "cost_per_lost"])
    fig.update_traces(hovertemplate="%{x} · %{customdata[0]}<br>Gasto perdido: R$ %{y:,.2f}<br>"
                                    "%{customdata[1]} conversas perdidas · R$ %{customdata[2]:,.2f} por conversa"
                                    "<extra></extra>")
    charts.show(charts.money_axis(fig), basis=COHORT, key="sp_cost_chart")
    T.table(costs, {"campaign": T.Col("Campanha"), "reason": T.labelled("Motivo", locale_br.REASON_LABELS),
                    "lost": T.integer("Conversas perdidas"), "spend_lost": T.money("Gasto perdido"),
                    "cost_per_lost": T.money("R$ por conversa perdida")},
            name="custo das perdas", key="sp_cost", file_stem=T.stem("custo-perdas", since, until))
else:
    st.info("Sem conversas perdidas de campanhas no período.")

st.subheader("Lacuna de atribuição")
st.caption("Das conversas abertas no período: quantas tiveram compra detectada no chat, quantas tiveram o "
           "evento Purchase enviado à Meta e quantas foram marcadas como ganhas.")
m1, m2, m3 = st.columns(3)
m1.metric("Compras detectadas no chat", locale_br.number(gap.detected))
m2.metric("Purchase enviados à Meta", locale_br.number(gap.sent))
m3.metric("Tickets ganhos", locale_br.number(gap.won))
if not gap.by_day.empty:
    series = {"detected": "Detectadas no chat", "sent": "Enviadas à Meta", "won": "Ganhos"}
    long = gap.by_day.melt(id_vars="day", value_vars=list(series), var_name="serie", value_name="tickets")
    long["serie"] = long["serie"].map(series)
    fig = px.bar(long, x="day", y="tickets", color="serie", barmode="group",
                 labels={"day": "Dia de abertura", "tickets": "Conversas", "serie": "Série"})
    fig.update_yaxes(dtick=1, tickformat=",d", rangemode="tozero")
    charts.show(charts.day_axis(fig, gap.by_day["day"]), basis=COHORT, key="sp_gap_chart")

# ---------------------------------------------------------------- spend data
st.subheader("Gasto diário por campanha")
if rows:
    sources = {"csv": "Planilha (CSV)", "meta": "Meta (Marketing API)"}
    spend_df = pd.DataFrame([{"day": r.day, "campaign": r.campaign, "spend": float(r.spend), "currency": r.currency,
                              "impressions": r.impressions, "clicks": r.clicks, "source": r.source} for r in rows])
    T.table(spend_df, {"day": T.day("Dia"), "campaign": T.Col("Campanha"), "spend": T.money("Gasto"),
                       "currency": T.Col("Moeda"), "impressions": T.integer("Impressões"),
                       "clicks": T.integer("Cliques"), "source": T.labelled("Origem", sources)},
            name="gasto diário", key="sp", file_stem=T.stem("gastos", since, until))
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
    sync_from = s1.date_input("De", value=today - timedelta(days=7), format="DD/MM/YYYY", key="sp_sync_from")
    sync_to = s2.date_input("Até", value=today, format="DD/MM/YYYY", key="sp_sync_to")
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
