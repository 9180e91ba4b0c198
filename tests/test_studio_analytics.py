"""Análises (AppTest): charts and CSV exports render with data, and the page says so when there is none."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_run, add_ticket, day, make_world
from sqlalchemy.orm import Session
from studio_apptest import page, texts

from engine.models import RunStatus, TicketStatus
from studio.charts import DAY_MS


@pytest.fixture
def world(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        ana, bruno = w.sellers
        for reason, seller in (("PRICE", ana), ("PRICE", bruno), ("NO_RESPONSE", ana)):
            t = add_ticket(s, w, seller=seller, status=TicketStatus.LOST)
            add_insight(s, w, "traffic_feedback", ticket=t, lossReason=reason)
            add_insight(s, w, "qa_auditor", ticket=t, overallScore=70)
        won = add_ticket(s, w, seller=ana, status=TicketStatus.WON, campaign="Laser_Promo")
        add_insight(s, w, "ghosting_sentinel", ticket=won, ghostingRisk=85, at=BASE_TIME - timedelta(days=1))
        add_run(s, w, "closing_coach", ticket=won, status=RunStatus.THROTTLED)
    return w


def test_renders_charts_tables_and_csv_exports(world):
    at = page("analytics", world.traffic).run()
    assert not at.exception
    assert at.date_input(key="an_to").value == day(0)  # default range ends at the latest activity
    shown = texts(at)
    for header in ("Conversas perdidas por motivo", "Taxa de perda × gasto por campanha", "Nota de QA por vendedor",
                   "Risco de ghosting", "Números dos copilotos"):
        assert header in shown
    charts = at.get("plotly_chart")
    assert len(charts) == 6
    exports = {b.key for b in at.download_button}
    assert exports == {"perdas_csv", "custo_por_motivo_csv", "campanhas_csv", "qa_csv", "ghosting_csv",
                       "copilotos_csv", "custo_resultado_csv"}
    assert len(at.dataframe) == 7  # one table per chart, in page order, then the cost per result
    loss = at.dataframe[0].value
    assert set(loss["Motivo"]) == {"Preço", "Sem resposta"} and loss["Conversas perdidas"].sum() == 3
    ops = at.dataframe[5].value
    assert "Limitadas (chamadas poupadas)" in ops.columns and "Custo (R$)" in ops.columns
    assert "Custo (US$)" not in ops.columns  # US$ only in the export


def _spec(chart) -> dict:  # noqa: ANN001
    return json.loads(chart.proto.spec)


def test_charts_are_portuguese_and_state_their_date_basis(world):
    at = page("analytics", world.traffic).run()
    charts = at.get("plotly_chart")
    for chart in charts:
        config = json.loads(chart.proto.config)
        assert config["locale"] == "pt-BR" and config["locales"]["pt-BR"]["format"]["months"][7] == "agosto"
        assert _spec(chart)["layout"]["separators"] == ",."
    bases = [c.value for c in at.caption if str(c.value).startswith("📅 Base:")]
    assert len(charts) == 6 and len(bases) == 7  # every chart, and the cost-per-result table
    assert sum("data de abertura" in b for b in bases) == 5 and all("data da execução" in b for b in bases[5:])
    scatter = next(_spec(c) for c in charts if _spec(c)["data"][0]["type"] == "scatter"
                   and _spec(c)["data"][0].get("mode") == "markers")
    assert all("text" not in trace for trace in scatter["data"])  # no overlapping labels: legend + hover
    qa = next(_spec(c) for c in charts if "QA" in _spec(c)["layout"]["title"]["text"])
    xaxis = qa["layout"]["xaxis"]
    assert xaxis["dtick"] == DAY_MS and xaxis["tickformat"] == "%d/%m/%Y"  # one tick a day: never hours or ms
    assert len(xaxis["range"]) == 2  # a one-day line is padded around its day


def test_the_two_pages_show_the_same_loss_cost(world):
    """"R$ por conversa perdida" per campaign and reason: one function, the same figure on both pages."""
    analytics_at = page("analytics", world.traffic).run()
    campaigns_at = page("spend", world.traffic).run()
    on_analytics = analytics_at.dataframe[0].value
    on_campaigns = next(d.value for d in campaigns_at.dataframe if "Gasto perdido" in d.value.columns)
    key = ["Campanha", "Motivo"]
    merged = on_analytics.merge(on_campaigns, on=key, suffixes=("_an", "_cp"))
    assert len(merged) == len(on_analytics) == len(on_campaigns) == 2
    assert (merged["R$ por conversa perdida_an"] == merged["R$ por conversa perdida_cp"]).all()
    assert (merged["Gasto perdido_an"] == merged["Gasto perdido_cp"]).all()
    price = merged[merged["Motivo"] == "Preço"].iloc[0]
    assert price["R$ por conversa perdida_an"] == 500.0  # R$ 1.500 of spend / 3 conversations of Agosto_Botox


def test_date_range_filter_and_empty_state(world):
    at = page("analytics", world.director).run()
    at.date_input(key="an_from").set_value(day(10))
    at.date_input(key="an_to").set_value(day(12)).run()
    assert not at.exception
    assert "Sem dados no período selecionado" in texts(at)
    # the conversation charts are empty; the copilots' numbers keep their own (run) window
    assert [c.key for c in at.get("plotly_chart")] == ["an_ops_chart"]
    assert [b.key for b in at.download_button] == ["copilotos_csv", "custo_resultado_csv"]


def test_inverted_range_is_explained(world):
    at = page("analytics", world.director).run()
    at.date_input(key="an_from").set_value(day(1))
    at.date_input(key="an_to").set_value(day(0)).run()
    assert any("data final" in e.value for e in at.error)


def test_no_data_at_all(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s, spend_days=0)
    at = page("analytics", w.director).run()
    assert not at.exception and "Sem dados no período selecionado" in texts(at)


def test_coordinator_and_seller_are_refused(world):
    for user in (world.coordinator, world.sellers[0]):
        at = page("analytics", user).run()
        assert any("Acesso negado" in e.value for e in at.error)


def test_cost_per_result_lists_each_copilot_with_runs(world) -> None:  # noqa: ANN001
    at = page("analytics", world.traffic).run()
    assert not at.exception
    assert "Custo por resultado" in texts(at)
    table = at.dataframe[-1].value
    assert list(table.columns) == ["Copiloto", "Execuções", "Custo (R$)", "Insights", "Custo por insight",
                                   "Aplicados", "Custo por insight aplicado"]
    # numbers stay numbers (sortable, exported as 0,0005); the table displays them as R$ 0,00
    assert (table["Execuções"] > 0).all() and table["Custo (R$)"].dtype.kind == "f"
