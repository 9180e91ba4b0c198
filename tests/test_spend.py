"""Campaign spend: CSV upload with per-row errors, and the Marketing API insights sync (paging, Decimal)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from graph_stub import GraphStub, graph_error
from loop_support import make_org, meta_settings, running_graph

from engine.actions.graph import GraphError
from engine.spend import SpendError, import_spend_csv, list_spend, sync_spend
from engine.spend_csv import parse_amount

CSV = """date,campaign,campaign_id,spend,impressions,clicks,currency
2026-08-01,Agosto_Botox,120214870351690045,495.60,19661,322,BRL
2026-08-01,Laser,,"1.234,56",,,brl
2026-13-01,Agosto_Botox,,10,,,BRL
2026-08-02,,,10,,,BRL
2026-08-02,Agosto_Botox,,dez reais,,,BRL
2026-08-02,Agosto_Botox,,-5,,,BRL
2026-08-02,Agosto_Botox,,5,abc,,BRL
2026-08-02,Agosto_Botox,,5,,,REAL
2026-08-01,Agosto_Botox,,1,,,BRL

2026-08-03,Agosto_Botox,,0.1,1,1,BRL
"""


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    yield from running_graph(monkeypatch)


def test_csv_with_bad_rows_reports_each_and_keeps_the_good(session) -> None:  # noqa: ANN001
    org = make_org(session)
    result = import_spend_csv(session, organization_id=org.id, data=CSV.encode())
    assert result.stored == 3
    msgs = {e.line: e.message for e in result.errors}
    assert set(msgs) == {4, 5, 6, 7, 8, 9, 10}
    assert "data inválida" in msgs[4] and "campanha vazia" in msgs[5] and "gasto inválido" in msgs[6]
    assert "negativo" in msgs[7] and "impressions" in msgs[8] and "moeda" in msgs[9]
    assert "repetida" in msgs[10] and "linha 2" in msgs[10]
    rows = {(r.campaign, r.day): r for r in list_spend(session, organization_id=org.id)}
    assert rows[("Laser", date(2026, 8, 1))].spend == Decimal("1234.56")
    assert rows[("Laser", date(2026, 8, 1))].currency == "BRL"
    assert rows[("Agosto_Botox", date(2026, 8, 3))].spend == Decimal("0.10")


def test_csv_semicolon_bom_and_bad_header(session) -> None:  # noqa: ANN001
    org = make_org(session)
    ok = import_spend_csv(session, organization_id=org.id,
                          data="\ufeffdate;campaign;spend\n2026-08-01;A;12,5\n".encode())
    assert ok.stored == 1 and ok.errors == []
    bad = import_spend_csv(session, organization_id=org.id, data=b"dia,campanha,valor\n2026-08-01,A,1\n")
    assert bad.stored == 0 and bad.errors[0].line == 1 and "cabeçalho" in bad.errors[0].message
    with pytest.raises(SpendError, match="vazio"):
        import_spend_csv(session, organization_id=org.id, data=b"  ")


@pytest.mark.parametrize(("raw", "value"), [("1234.56", "1234.56"), ("1.234,56", "1234.56"),
                                            ("1,234.56", "1234.56"), ("R$ 10,5", "10.5"), ("0", "0")])
def test_parse_amount(raw: str, value: str) -> None:
    assert parse_amount(raw) == Decimal(value)


def test_sync_from_marketing_api_with_paging(session, graph: GraphStub) -> None:  # noqa: ANN001
    org = make_org(session, meta=meta_settings(ad_account_id="998877"))
    row = {"campaign_id": "120214870351690045", "campaign_name": "Agosto_Botox", "impressions": "19661",
           "clicks": "322", "account_currency": "BRL"}
    graph.insights_pages = [
        {"data": [{**row, "spend": "5339.5", "date_start": "2026-08-01", "date_stop": "2026-08-01"}]},
        {"data": [{**row, "spend": "0.1", "date_start": "2026-08-02", "date_stop": "2026-08-02"},
                  {**row, "campaign_id": "555", "campaign_name": "Nova", "spend": "12.34",
                   "date_start": "2026-08-02", "date_stop": "2026-08-02"}]},
    ]
    result = sync_spend(session, organization_id=org.id, since=date(2026, 8, 1), until=date(2026, 8, 2))
    assert (result.rows, result.campaigns, result.total) == (3, 2, Decimal("5351.94"))
    first = graph.requests[0]
    assert first.path == "/v25.0/act_998877/insights"
    assert first.query["level"] == "campaign" and first.query["time_increment"] == "1"
    assert first.query["time_range"] == {"since": "2026-08-01", "until": "2026-08-02"}
    assert set(first.query["fields"].split(",")) >= {"campaign_id", "campaign_name", "spend", "date_start"}
    assert graph.requests[1].query["after"] == "1"
    spend = {(r.campaign, r.day): r for r in list_spend(session, organization_id=org.id)}
    assert spend[("Agosto_Botox", date(2026, 8, 1))].spend == Decimal("5339.50")
    assert spend[("Agosto_Botox", date(2026, 8, 1))].source == "meta"
    assert spend[("Nova", date(2026, 8, 2))].impressions == 19661


def test_sync_errors(session, graph: GraphStub) -> None:  # noqa: ANN001
    org = make_org(session, meta=meta_settings(ad_account_id=None))
    with pytest.raises(SpendError, match="ad account"):
        sync_spend(session, organization_id=org.id, since=date(2026, 8, 1), until=date(2026, 8, 2))
    org2 = make_org(session, meta=meta_settings(ad_account_id="1"))
    graph.respond("GET", r"/insights$", 400, graph_error("Error validating access token", code=190))
    with pytest.raises(GraphError) as err:
        sync_spend(session, organization_id=org2.id, since=date(2026, 8, 1), until=date(2026, 8, 2))
    assert err.value.code == 190 and not err.value.transient
    with pytest.raises(SpendError, match="termina antes"):
        sync_spend(session, organization_id=org2.id, since=date(2026, 8, 2), until=date(2026, 8, 1))
