"""Integração Meta (AppTest): the actions list in pt-BR (ids behind "Detalhes técnicos"), the share
slider in %, and the organisation's exchange rate typed the Brazilian way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from loop_support import make_org
from sqlalchemy.orm import Session
from studio_apptest import page, texts

from engine.models import ActionLog, ActionLogStatus, Organization, Role, User


@pytest.fixture
def world(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        org = make_org(s, keys=("capi_auditor",))
        director = User(organization_id=org.id, email=f"d.{org.slug}@t.br", name="Helena", role=Role.DIRECTOR,
                        password_hash="x")
        s.add(director)
        s.add(ActionLog(organization_id=org.id, kind="capi_event", dedupe_key="k1", status=ActionLogStatus.SENT,
                        attempts=1, request={"event_name": "Purchase", "http": {"sandbox": True}},
                        response={"fbtrace_id": "AbC123"}))
        s.flush()
        s.query(ActionLog).filter(ActionLog.organization_id == org.id).update(
            {"updated_at": datetime(2026, 8, 29, 2, 30, tzinfo=UTC)})
    return org, director


def test_actions_are_listed_in_portuguese_with_ids_in_details(world):
    org, director = world
    at = page("meta_settings", director).run()
    assert not at.exception
    actions = at.dataframe[0].value
    row = actions.iloc[0].to_dict()
    assert row["Ação"] == "Evento CAPI (Meta)" and row["Estado"] == "Enviada" and row["Evento"] == "Purchase"
    assert row["Quando"] == "28/08/2026 23:30"  # the organisation's time, not UTC ISO
    assert row["Destino"] == "simulador (sandbox)"
    assert "capi_event" not in actions.to_string() and "SENT" not in actions.to_string()
    assert at.expander[-1].label == "Detalhes técnicos"
    details = at.dataframe[1].value
    assert details["fbtrace_id"].iloc[0] == "AbC123" and details["kind"].iloc[0] == "capi_event"


def test_share_in_percent_and_exchange_rate_with_a_comma(world, committed_db):
    org, director = world
    at = page("meta_settings", director).run()
    assert at.slider(key="meta_share").value == 60
    assert at.text_input(key="meta_usd_brl").value == "5,00"
    at.text_input(key="meta_usd_brl").set_value("cinco")
    at.button[0].click().run()
    assert "Cotação do dólar (R$ por US$ 1): 'cinco' não é um número" in texts(at)
    at.text_input(key="meta_usd_brl").set_value("5,43")
    at.slider(key="meta_share").set_value(75)
    at.button[0].click().run()
    assert "Configurações salvas." in texts(at)
    with Session(committed_db) as s:
        settings = s.get(Organization, org.id).settings
    assert settings["usd_brl_rate"] == 5.43 and settings["alert_reason_share"] == 0.75
