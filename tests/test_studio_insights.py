"""Todos os insights (AppTest): filters, compact pagination, pt-BR cells, and the whole-result export."""

from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd
import pytest
from insight_factory import BASE_TIME, add_insight, add_ticket, make_world
from sqlalchemy.orm import Session
from studio_apptest import page, texts

from engine import insights, locale_br
from engine.models import TicketStatus


@pytest.fixture
def world(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        ana, bruno = w.sellers
        t1 = add_ticket(s, w, seller=ana, contact="Mariana")
        t2 = add_ticket(s, w, seller=bruno, contact="Joana", status=TicketStatus.LOST,
                        at=BASE_TIME - timedelta(hours=3))
        add_insight(s, w, "closing_coach", ticket=t1, summary="Dica: fale do tempo de recuperação")
        add_insight(s, w, "qa_auditor", ticket=t1, at=BASE_TIME - timedelta(minutes=5), engine="litellm",
                    summary="Este lead reclamou de preço")
        add_insight(s, w, "traffic_feedback", ticket=t2, summary="Lead de Joana achou caro")
        for n in range(60):
            add_insight(s, w, "closing_coach", ticket=t1, at=BASE_TIME - timedelta(days=1, minutes=n),
                        summary=f"Dica antiga {n}")
        other = make_world(s)
        add_insight(s, other, "closing_coach", ticket=add_ticket(s, other, contact="Intrusa"), summary="alheio")
    return w


def test_filters_paginate_with_compact_controls(world):
    at = page("insights", world.director).run()
    assert not at.exception
    assert "63 insight(s)" in texts(at)
    table = at.dataframe[0].value
    assert len(table) == 50
    assert set(table["Resumo"].iloc[:2]) == {"Dica: fale do tempo de recuperação", "Lead de Joana achou caro"}
    assert not at.number_input  # pagination is buttons + a page picker, not a full-width number box
    assert at.button(key="ins_prev").disabled and not at.button(key="ins_next").disabled
    at.button(key="ins_next").click().run()
    assert len(at.dataframe[0].value) == 13 and "Página 2 de 2" in texts(at)
    at.selectbox(key="ins_page").set_value(1).run()
    assert len(at.dataframe[0].value) == 50
    at.selectbox(key="ins_page").set_value(2).run()
    at.selectbox(key="ins_engine").set_value("litellm").run()  # filter change: back to a valid page
    table = at.dataframe[0].value
    assert list(table["Resumo"]) == ["Este lead reclamou de preço"] and table["Motor"].iloc[0] == "modelo (litellm)"
    at.selectbox(key="ins_engine").set_value(None)
    at.text_input(key="ins_search").input("joana").run()
    assert list(at.dataframe[0].value["Resumo"]) == ["Lead de Joana achou caro"]
    at.text_input(key="ins_search").input("nada disso").run()
    assert "Nenhum insight com esses filtros." in texts(at)


def test_cells_are_portuguese(world):
    at = page("insights", world.director).run()
    table = at.dataframe[0].value
    assert set(table["Status"]) == {"Sugestão"}  # not SUGGESTION
    assert table["Confiança"].between(0, 1).all()  # a share, displayed as '74 %' by the table's format
    assert {locale_br.percent(v) for v in table["Confiança"]} == {"74 %", "82 %", "80 %"}
    assert "Exportar todos os 63 (CSV)" == at.download_button(key="ins_csv").label


def test_export_streams_the_whole_filtered_result(world, committed_db):
    """The export's source: every matching insight in keyset batches, in the table's order."""
    with Session(committed_db) as s:
        all_rows = list(insights.iter_insights(s, organization_id=world.org.id, batch=7))
        pages = [v for p in (1, 2) for v in insights.list_insights(s, organization_id=world.org.id, page=p).rows]
        filtered = list(insights.iter_insights(s, organization_id=world.org.id, batch=7,
                                               filters=insights.InsightFilters(search="antiga")))
    assert [v.id for v in all_rows] == [v.id for v in pages] and len(all_rows) == 63
    assert len(filtered) == 60


def test_csv_of_a_table_reads_back_as_the_table(world):
    """The export format: pandas with sep=';' and decimal=',' reads back exactly what the table holds."""
    at = page("insights", world.director).run()
    shown = at.dataframe[0].value
    data = locale_br.csv_bytes(list(shown.columns), shown.itertuples(index=False, name=None))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig",
                       parse_dates=["Quando"], keep_default_na=False)
    assert list(back.columns) == list(shown.columns)
    assert back["Confiança"].tolist() == shown["Confiança"].tolist()
    assert back["Resumo"].tolist() == shown["Resumo"].tolist()
    assert back["Quando"].tolist() == shown["Quando"].dt.floor("min").tolist()


def test_is_director_only(world):
    at = page("insights", world.coordinator).run()
    assert any("Acesso negado" in e.value for e in at.error)
