"""Análises (/analytics): lost conversations by reason x spend, lost rate vs spend, QA per seller,
ghosting risk and the copilots' own numbers. Every table can be exported as CSV (pt-BR format).

Each chart states its date basis; the numbers shared with Campanhas come from ``engine.metrics``."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from engine import analytics, budgets, locale_br, metrics
from engine.errors import CopilotError
from engine.models import Role
from studio import charts, tables, ui

user = ui.require_role(Role.DIRECTOR, Role.TRAFFIC_MANAGER)
org = user.organization_id
T = tables

st.title("📊 Análises")
with ui.db_session() as session:
    default_from, default_to = metrics.data_window(session, organization_id=org)
    rate = metrics.usd_brl_rate(session, org)
c1, c2, _ = st.columns([1, 1, 3])
date_from = c1.date_input("De", value=default_from, format="DD/MM/YYYY", key="an_from")
date_to = c2.date_input("Até", value=default_to, format="DD/MM/YYYY", key="an_to")
try:
    with ui.db_session() as session:
        rep = analytics.report(session, organization_id=org, date_from=date_from, date_to=date_to)
except CopilotError as err:
    st.error(err.user_message)
    st.stop()
period = locale_br.date_range(date_from, date_to)
COHORT = f"conversas abertas de {period} (data de abertura, fuso da organização), analisadas a qualquer momento"
st.caption(f"Período: {period}. Por padrão, os 30 dias que terminam no último dia com conversas ou gasto.")
if rep.empty:
    st.info("Sem dados no período selecionado. Ajuste as datas ou aguarde os copilotos analisarem conversas.")
def stem(prefix: str) -> str:
    return T.stem(prefix, date_from, date_to)


reason = T.labelled("Motivo", locale_br.REASON_LABELS)

st.header("Conversas perdidas por motivo")
if rep.loss.empty:
    st.caption("Nenhuma conversa perdida no período.")
else:
    loss = rep.loss.assign(reason=rep.loss["reason"].map(locale_br.reason_label))
    fig = px.bar(loss, x="campaign", y="lost", color="reason", barmode="stack",
                 labels={"campaign": "Campanha", "lost": "Conversas perdidas", "reason": "Motivo"},
                 title="Conversas perdidas por campanha e motivo")
    charts.show(fig, basis=COHORT, key="an_loss_chart")
    T.table(rep.loss, {"campaign": T.Col("Campanha"), "reason": reason, "lost": T.integer("Conversas perdidas"),
                       "conversations": T.integer("Conversas"), "spend": T.money("Gasto"),
                       "spend_lost": T.money("Gasto perdido"), "cost_per_lost": T.money("R$ por conversa perdida")},
            name="perdas por motivo e campanha", key="perdas", file_stem=stem("perdas"))
    st.subheader("R$ por conversa perdida, por motivo")
    by_reason = rep.loss_by_reason.assign(reason=rep.loss_by_reason["reason"].map(locale_br.reason_label),
                                          label=rep.loss_by_reason["cost_per_lost"].map(locale_br.money))
    fig = px.bar(by_reason, x="reason", y="spend_lost", text="label",
                 labels={"reason": "Motivo", "spend_lost": "Gasto perdido"},
                 title="Gasto em conversas perdidas (rótulo: R$ por conversa perdida)")
    fig.update_traces(hovertemplate="%{x}<br>Gasto perdido: R$ %{y:,.2f}<extra></extra>", textposition="outside",
                      textangle=0, cliponaxis=False)
    charts.show(charts.money_axis(fig), basis=COHORT, key="an_reason_chart")
    T.table(rep.loss_by_reason, {"reason": reason, "lost": T.integer("Conversas perdidas"),
                                 "spend_lost": T.money("Gasto perdido"),
                                 "cost_per_lost": T.money("R$ por conversa perdida")},
            name="R$ por conversa perdida", key="custo_por_motivo", file_stem=stem("custo-por-motivo"))

st.header("Taxa de perda × gasto por campanha")
if rep.campaigns.empty:
    st.caption("Nenhuma campanha com conversas ou gasto no período.")
else:
    camp = rep.campaigns.assign(pct=rep.campaigns["lost_rate"] * 100,
                                size=rep.campaigns["conversations"].clip(lower=1))
    fig = px.scatter(camp, x="spend", y="pct", size="size", color="campaign",
                     labels={"spend": "Gasto", "pct": "Taxa de perda", "campaign": "Campanha"},
                     custom_data=["campaign", "conversations", "lost"], title="Quanto mais gasto, mais perda?")
    fig.update_traces(hovertemplate="<b>%{customdata[0]}</b><br>Gasto: R$ %{x:,.2f}<br>Taxa de perda: "
                                    "%{y:.0f} %<br>%{customdata[2]} de %{customdata[1]} conversas perdidas"
                                    "<extra></extra>")
    top = min(110.0, float(camp["pct"].max()) * 1.2 + 8)  # headroom for the largest bubble
    step = 10 if top > 40 else 2
    ticks = list(range(0, int(top) + 1, step))
    fig.update_yaxes(range=[-top * 0.08, top], tickvals=ticks,  # a 0 % bubble is drawn whole, no negative tick
                     ticktext=[locale_br.percent(t / 100) for t in ticks])
    charts.show(charts.money_axis(fig, axis="x"), basis=COHORT, key="an_campaign_chart")
    T.table(rep.campaigns, {"campaign": T.Col("Campanha"), "conversations": T.integer("Conversas"),
                            "lost": T.integer("Conversas perdidas"), "lost_rate": T.percent("Taxa de perda"),
                            "spend": T.money("Gasto"), "cost_per_conversation": T.money("R$ por conversa")},
            name="taxa de perda e gasto", key="campanhas", file_stem=stem("campanhas"))

st.header("Nota de QA por vendedor")
if rep.qa.empty:
    st.caption("Nenhuma auditoria de QA das conversas do período.")
else:
    fig = px.line(rep.qa, x="day", y="avg_score", color="seller", markers=True,
                  labels={"day": "Dia de abertura", "avg_score": "Nota média de QA", "seller": "Vendedor"},
                  title="Nota média de QA (0–100) por dia de abertura da conversa")
    charts.show(charts.day_axis(fig.update_yaxes(range=[0, 100]), rep.qa["day"]), basis=COHORT, key="an_qa_chart")
    T.table(rep.qa, {"day": T.day("Dia de abertura"), "seller": T.Col("Vendedor"),
                     "audits": T.integer("Auditorias"), "avg_score": T.decimal("Nota média de QA")},
            name="QA por vendedor", key="qa", file_stem=stem("qa"))

st.header("Risco de ghosting")
if int(rep.ghosting["insights"].sum()) == 0:
    st.caption("Nenhuma análise de ghosting das conversas do período.")
else:
    fig = px.bar(rep.ghosting, x="bucket", y="insights", labels={"bucket": "Risco de ghosting", "insights": "Análises"},
                 title="Distribuição do risco de ghosting (0–100)")
    charts.show(fig, basis=COHORT, key="an_ghost_chart")
    T.table(rep.ghosting, {"bucket": T.Col("Risco de ghosting"), "insights": T.integer("Análises")},
            name="risco de ghosting", key="ghosting", file_stem=stem("ghosting"))

st.header("Números dos copilotos")
with ui.db_session() as session:
    ops_default = analytics.run_window(session, organization_id=org)
o1, o2, _ = st.columns([1, 1, 3])
ops_from = o1.date_input("Execuções de", value=ops_default[0], format="DD/MM/YYYY", key="an_ops_from")
ops_to = o2.date_input("até", value=ops_default[1], format="DD/MM/YYYY", key="an_ops_to")
if ops_to < ops_from:
    st.error("A data final precisa ser igual ou posterior à data inicial.")
    st.stop()
with ui.db_session() as session:
    ops = analytics.agent_ops(session, organization_id=org, date_from=ops_from, date_to=ops_to)
RUNS = (f"execuções feitas de {locale_br.date_range(ops_from, ops_to)} (data da execução; por padrão, os 30 dias "
        "que terminam na última execução)")
if ops.empty:
    st.caption(f"Nenhuma execução de copiloto de {locale_br.date_range(ops_from, ops_to)} (base: data da execução).")
else:
    ops = ops.assign(cost_brl=ops["cost_usd"].map(lambda v: float(locale_br.usd_to_brl(v, rate) or 0)))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Execuções", locale_br.number(int(ops["runs"].sum())))
    m2.metric("Falhas", locale_br.number(int(ops["failed"].sum())))
    m3.metric("Chamadas poupadas (limitadas)", locale_br.number(int(ops["throttled"].sum())))
    m4.metric("Custo", locale_br.money(locale_br.usd_to_brl(float(ops["cost_usd"].sum()), rate)),
              help=f"Custo cobrado em US$ convertido à cotação da organização (US$ 1 = {locale_br.money(rate)}); "
                   "o CSV traz também o valor em US$.")
    status = {"succeeded": "Sucesso", "failed": "Falhas", "throttled": "Limitadas (chamadas poupadas)",
              "skipped": "Ignoradas"}
    runs = ops.melt(id_vars="agent", value_vars=list(status), var_name="status", value_name="count")
    runs["status"] = runs["status"].map(status)
    fig = px.bar(runs, x="agent", y="count", color="status", barmode="stack",
                 labels={"agent": "Copiloto", "count": "Execuções", "status": "Resultado"},
                 title="Execuções por copiloto")
    charts.show(fig, basis=RUNS, key="an_ops_chart")
    T.table(ops, {"agent": T.Col("Copiloto"), "runs": T.integer("Execuções"), "succeeded": T.integer("Sucesso"),
                  "failed": T.integer("Falhas"), "throttled": T.integer("Limitadas (chamadas poupadas)"),
                  "skipped": T.integer("Ignoradas"), "tokens": T.integer("Tokens"),
                  "cost_brl": T.money("Custo (R$)"), "p95_latency_ms": T.integer("Latência p95 (ms)")},
            name="números dos copilotos", key="copilotos", file_stem=stem("copilotos"),
            extra={"Custo (US$)": pd.Series(ops["cost_usd"].to_numpy())})

st.header("Custo por resultado")
st.caption("Por copiloto, custo dos modelos em R$ (cotação da organização), por insight e por insight aplicado. "
           "O motor offline não custa nada.")
with ui.db_session() as session:
    start, end = analytics.period_bounds(session, organization_id=org, date_from=ops_from, date_to=ops_to)
    spend_rows = budgets.copilot_spend(session, organization_id=org, since=start, until=end)
per_result = pd.DataFrame([{"agent": r.name, "runs": r.runs, "cost": float(r.cost_brl), "insights": r.insights,
                            "per_insight": float(r.per_insight_brl) if r.per_insight_brl is not None else None,
                            "applied": r.applied,
                            "per_applied": float(r.per_applied_brl) if r.per_applied_brl is not None else None}
                           for r in spend_rows if r.runs or r.insights],
                          columns=["agent", "runs", "cost", "insights", "per_insight", "applied", "per_applied"])
if per_result.empty:
    st.caption(f"Nenhuma execução de copiloto de {locale_br.date_range(ops_from, ops_to)}.")
else:
    fine = lambda label: T.Col(label, lambda v: locale_br.money(v, digits=4))  # noqa: E731 - centavos of a cent
    T.table(per_result, {"agent": T.Col("Copiloto"), "runs": T.integer("Execuções"), "cost": T.money("Custo (R$)"),
                         "insights": T.integer("Insights"), "per_insight": fine("Custo por insight"),
                         "applied": T.integer("Aplicados"), "per_applied": fine("Custo por insight aplicado")},
            name="custo por resultado", key="custo_resultado", file_stem=stem("custo-por-resultado"))
    st.caption(f"📅 Base: {RUNS}; insights registrados nos mesmos dias")
