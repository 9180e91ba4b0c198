"""Análises (/analytics): lost conversations by reason x spend, lost rate vs spend, QA per seller,
ghosting risk and the copilots' own numbers. Every table can be exported as CSV."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from engine import analytics, budgets
from engine.errors import CopilotError
from engine.models import Role
from studio import ui

user = ui.require_role(Role.DIRECTOR, Role.TRAFFIC_MANAGER)
org = user.organization_id

LABELS = {
    "campaign": "Campanha", "reason": "Motivo", "lost": "Conversas perdidas", "conversations": "Conversas",
    "spend": "Gasto (R$)", "cost_per_conversation": "R$ por conversa", "spend_lost": "Gasto perdido (R$)",
    "cost_per_lost": "R$ por conversa perdida", "lost_rate": "Taxa de perda", "day": "Dia", "seller": "Vendedor",
    "audits": "Auditorias", "avg_score": "Nota média de QA", "bucket": "Risco de ghosting", "risk_from": "De",
    "risk_to": "Até", "insights": "Insights", "agent": "Copiloto", "runs": "Execuções", "succeeded": "Sucesso",
    "failed": "Falhas", "throttled": "Limitadas (chamadas poupadas)", "skipped": "Ignoradas", "tokens": "Tokens",
    "cost_usd": "Custo (US$)", "p95_latency_ms": "Latência p95 (ms)",
}
REASONS = {
    "PRICE": "Preço", "RECOVERY_TIME": "Tempo de recuperação", "FEAR_PAIN": "Medo/dor", "TRUST": "Confiança",
    "COMPETITOR": "Concorrente", "SCHEDULE": "Agenda", "RESULTS_DOUBT": "Dúvida no resultado",
    "PAYMENT_METHOD": "Forma de pagamento", "OTHER": "Outro", "NONE": "Nenhum", "NO_RESPONSE": "Sem resposta",
    analytics.UNANALYSED: "Não analisada",
}

st.title("📊 Análises")
with ui.db_session() as session:
    default_from, default_to = analytics.data_window(session, organization_id=org)
c1, c2, _ = st.columns([1, 1, 3])
date_from = c1.date_input("De", value=default_from, format="DD/MM/YYYY", key="an_from")
date_to = c2.date_input("Até", value=default_to, format="DD/MM/YYYY", key="an_to")
try:
    with ui.db_session() as session:
        rep = analytics.report(session, organization_id=org, date_from=date_from, date_to=date_to)
except CopilotError as err:
    st.error(err.user_message)
    st.stop()
if rep.empty:
    st.info("Sem dados no período selecionado. Ajuste as datas ou aguarde os copilotos analisarem conversas.")


def table(df: pd.DataFrame, name: str, key: str) -> None:
    """The table with pt-BR headers and its CSV export (same columns as shown)."""
    shown = df.rename(columns=LABELS)
    if "Motivo" in shown:
        shown["Motivo"] = shown["Motivo"].map(lambda r: REASONS.get(r, r))
    st.dataframe(shown, hide_index=True, key=f"{key}_table")
    st.download_button(f"Exportar CSV — {name}", shown.to_csv(index=False).encode("utf-8"),
                       file_name=f"{key}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.csv", mime="text/csv",
                       key=f"{key}_csv", icon=":material/download:")


def chart(fig) -> None:  # noqa: ANN001 - a plotly Figure
    fig.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend_title_text="")
    st.plotly_chart(fig, width="stretch")


st.header("Conversas perdidas por motivo")
if rep.loss.empty:
    st.caption("Nenhuma conversa perdida no período.")
else:
    loss = rep.loss.assign(reason=rep.loss["reason"].map(lambda r: REASONS.get(r, r)))
    chart(px.bar(loss, x="campaign", y="lost", color="reason", barmode="stack", labels=LABELS,
                 title="Conversas perdidas por campanha e motivo"))
    table(rep.loss, "perdas por motivo e campanha", "perdas")
    st.subheader("R$ por conversa perdida, por motivo")
    by_reason = rep.loss_by_reason.assign(reason=rep.loss_by_reason["reason"].map(lambda r: REASONS.get(r, r)))
    chart(px.bar(by_reason, x="reason", y="spend_lost", text="cost_per_lost", labels=LABELS,
                 title="Gasto em conversas perdidas (rótulo: R$ por conversa perdida)"))
    table(rep.loss_by_reason, "R$ por conversa perdida", "custo_por_motivo")

st.header("Taxa de perda × gasto por campanha")
if rep.campaigns.empty:
    st.caption("Nenhuma campanha com conversas ou gasto no período.")
else:
    chart(px.scatter(rep.campaigns, x="spend", y="lost_rate", size=rep.campaigns["conversations"].clip(lower=1),
                     text="campaign", labels=LABELS, title="Quanto mais gasto, mais perda?")
          .update_yaxes(tickformat=".0%"))
    table(rep.campaigns, "taxa de perda e gasto", "campanhas")

st.header("Nota de QA por vendedor")
if rep.qa.empty:
    st.caption("Nenhuma auditoria de QA no período.")
else:
    chart(px.line(rep.qa, x="day", y="avg_score", color="seller", markers=True, labels=LABELS,
                  title="Nota média de QA (0–100) por dia").update_yaxes(range=[0, 100]))
    table(rep.qa, "QA por vendedor", "qa")

st.header("Risco de ghosting")
if int(rep.ghosting["insights"].sum()) == 0:
    st.caption("Nenhuma análise de ghosting no período.")
else:
    chart(px.bar(rep.ghosting, x="bucket", y="insights", labels=LABELS,
                 title="Distribuição do risco de ghosting (0–100)"))
    table(rep.ghosting, "risco de ghosting", "ghosting")

st.header("Números dos copilotos")
if rep.ops.empty:
    st.caption("Nenhuma execução de copiloto no período.")
else:
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Execuções", f"{int(rep.ops['runs'].sum()):,}".replace(",", "."))
    m2.metric("Falhas", int(rep.ops["failed"].sum()))
    m3.metric("Chamadas poupadas (limitadas)", int(rep.ops["throttled"].sum()))
    m4.metric("Custo", ui.usd(float(rep.ops["cost_usd"].sum())))
    runs = rep.ops.melt(id_vars="agent", value_vars=["succeeded", "failed", "throttled", "skipped"],
                        var_name="status", value_name="count")
    runs["status"] = runs["status"].map(LABELS)
    chart(px.bar(runs, x="agent", y="count", color="status", barmode="stack", labels=LABELS | {"count": "Execuções"},
                 title="Execuções por copiloto"))
    table(rep.ops, "números dos copilotos", "copilotos")

st.header("Custo por resultado")
st.caption("Por copiloto, no período (data de registro da execução e do insight): custo dos modelos em R$ "
           "(câmbio da organização), custo por insight e por insight aplicado. O motor offline não custa nada.")
with ui.db_session() as session:
    start, end = analytics.period_bounds(session, organization_id=org, date_from=date_from, date_to=date_to)
    spend_rows = budgets.copilot_spend(session, organization_id=org, since=start, until=end)
spend_table = pd.DataFrame([{"Copiloto": r.name, "Execuções": r.runs, "Custo (R$)": ui.brl(r.cost_brl),
                             "Insights": r.insights, "Custo por insight": ui.brl(r.per_insight_brl),
                             "Aplicados": r.applied, "Custo por insight aplicado": ui.brl(r.per_applied_brl)}
                            for r in spend_rows if r.runs or r.insights])
if spend_table.empty:
    st.caption("Nenhuma execução de copiloto no período.")
else:
    st.dataframe(spend_table, hide_index=True, width="stretch")
