"""Campanhas e gastos + Integração Meta (AppTest): alerts, charts, CSV errors, settings save, roles."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from loop_support import AUDITOR, make_insight, make_org, make_ticket
from sqlalchemy.orm import Session
from studio_apptest import page, texts

from engine.models import Campaign, CampaignSpend, Organization, Role, TicketStatus, User
from engine.rollup import run_rollup


def _user(s: Session, org: Organization, role: Role) -> User:
    u = User(organization_id=org.id, email=f"{role.value.lower()}.{org.slug}@t.br", name=role.value, role=role,
             password_hash="x")
    s.add(u)
    s.flush()
    return u


@pytest.fixture
def world(committed_db, redis_conn):  # noqa: ANN001, ANN201
    # A few minutes ago in the organisation's timezone: the pages' default window ends 'today' there
    # (the old fixed 15:00 UTC was tomorrow in São Paulo between 21:00 and 24:00 local time).
    now = datetime.now(ZoneInfo("America/Sao_Paulo")) - timedelta(minutes=5)
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        org = make_org(s, keys=("traffic_feedback", "capi_auditor"))
        camp = Campaign(organization_id=org.id, name="Agosto_Botox")
        s.add(camp)
        s.flush()
        s.add(CampaignSpend(organization_id=org.id, campaign_id=camp.id, day=now.date(), spend=Decimal("500")))
        for i in range(6):
            t = make_ticket(s, org, phone=f"+55 11 95{i:03d}-0000", status=TicketStatus.LOST, campaign_id=camp.id,
                            opened_at=now - timedelta(hours=1), closed_at=now)
            make_insight(s, org, "traffic_feedback", t, {"lossReason": "PRICE", "leadQualified": False,
                                                         "campaignMismatch": True, "summary": "x", "confidence": 1})
        won = make_ticket(s, org, phone="+55 11 94000-0000", status=TicketStatus.WON, closed_at=now)
        make_insight(s, org, "capi_auditor", won, AUDITOR)
        run_rollup(s, organization_id=org.id, now=now)
        users = {r: _user(s, org, r) for r in (Role.DIRECTOR, Role.TRAFFIC_MANAGER, Role.SELLER)}
    return org, users


def test_traffic_manager_sees_alert_and_charts(world) -> None:  # noqa: ANN001
    org, users = world
    at = page("spend", users[Role.TRAFFIC_MANAGER]).run()
    assert not at.exception
    shown = texts(at)
    assert "A campanha Agosto_Botox gastou R$ 500,00 hoje, mas 100 % das conversas perdidas" in shown
    assert len(at.get("plotly_chart")) == 2
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Compras detectadas no chat"] == "1" and metrics["Tickets ganhos"] == "1"
    assert metrics["Purchase enviados à Meta"] == "0"


def test_seller_is_refused(world) -> None:  # noqa: ANN001
    org, users = world
    at = page("spend", users[Role.SELLER]).run()
    assert "Acesso negado" in texts(at)
    at = page("meta_settings", users[Role.TRAFFIC_MANAGER]).run()
    assert "Acesso negado" in texts(at)


def test_director_saves_settings_with_masked_token(world, committed_db) -> None:  # noqa: ANN001
    org, users = world
    at = page("meta_settings", users[Role.DIRECTOR]).run()
    assert not at.exception
    at.text_input(key="meta_dataset").set_value("abc")
    at.button[0].click().run()  # the form's submit button
    assert "Dataset id: use só dígitos" in texts(at)
    at.text_input(key="meta_dataset").set_value("998877")
    at.text_input(key="meta_token").set_value("EAAB" + "x" * 40 + "9Zq1")
    at.text_input(key="meta_test_code").set_value("TEST123")
    at.button[0].click().run()
    assert "Configurações salvas." in texts(at)
    with Session(committed_db) as s:
        meta = s.get(Organization, org.id).settings["meta"]
        assert meta["dataset_id"] == "998877" and meta["access_token"].endswith("9Zq1")
        assert meta["test_event_code"] == "TEST123"
    at = page("meta_settings", users[Role.DIRECTOR]).run()
    assert at.text_input(key="meta_token").value == ""  # never shown back
    assert "EAAB…9Zq1" in str(at.text_input(key="meta_token").placeholder)
