"""engine.metrics: the numbers Análises and Campanhas share (loss cost, campaign summary, attribution
gap, default window), on one date basis (conversations opened in the range), in the org's timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_run, add_ticket, day, make_world
from sqlalchemy import func, select

from engine import metrics
from engine.locale_br import UNANALYSED
from engine.models import ActionLog, ActionLogStatus, AiInsight, Organization, TicketStatus

RANGE = {"date_from": day(-2), "date_to": day(0)}  # spend: 3 days x 500 (Botox), 3 x 200 (Laser)


@pytest.fixture
def world(session):
    w = make_world(session)
    ana, bruno = w.sellers
    # Agosto_Botox: 4 conversations, 3 lost (2 PRICE, 1 without analysis), 1 won.
    for reason in ("PRICE", "PRICE"):
        t = add_ticket(session, w, seller=ana, status=TicketStatus.LOST)
        add_insight(session, w, "traffic_feedback", ticket=t, at=BASE_TIME - timedelta(hours=1),
                    lossReason="SCHEDULE")  # older analysis: superseded by the latest one
        add_insight(session, w, "traffic_feedback", ticket=t, lossReason=reason)
    add_ticket(session, w, seller=bruno, status=TicketStatus.LOST)
    add_ticket(session, w, seller=bruno, status=TicketStatus.WON)
    # Laser_Promo: 1 conversation, lost for NO_RESPONSE.
    t = add_ticket(session, w, seller=ana, status=TicketStatus.LOST, campaign="Laser_Promo")
    add_insight(session, w, "traffic_feedback", ticket=t, lossReason="NO_RESPONSE")
    return w


def test_loss_cost_definition(session, world):
    """R$ por conversa perdida = spend / conversations of the campaign (what a lost one cost)."""
    df = metrics.loss_costs(session, organization_id=world.org.id, **RANGE)
    assert list(df.columns) == metrics.LOSS_COLUMNS
    rows = {(r.campaign, r.reason): r for r in df.itertuples()}
    assert set(rows) == {("Agosto_Botox", "PRICE"), ("Agosto_Botox", UNANALYSED), ("Laser_Promo", "NO_RESPONSE")}
    price = rows[("Agosto_Botox", "PRICE")]
    assert (price.lost, price.conversations, price.spend) == (2, 4, 1500.0)
    # 1500 / 4 conversations = 375 each; 2 lost for price -> 750 lost; 750 / 2 = 375 per lost conversation
    # (the rejected spend / lost would say 1500 / 3 = 500 and charge the won conversation's cost to the losses)
    assert (price.cost_per_conversation, price.spend_lost, price.cost_per_lost) == (375.0, 750.0, 375.0)
    laser = rows[("Laser_Promo", "NO_RESPONSE")]
    assert (laser.lost, laser.spend_lost, laser.cost_per_lost) == (1, 600.0, 600.0)
    # spend lost adds up: per reason x lost never exceeds the campaign's spend
    assert df.groupby("campaign")["spend_lost"].sum().le(df.groupby("campaign")["spend"].first()).all()


def test_loss_costs_by_reason_sums_campaigns(session, world):
    by_reason = metrics.loss_costs_by_reason(metrics.loss_costs(session, organization_id=world.org.id, **RANGE))
    assert list(by_reason.columns) == metrics.REASON_COLUMNS
    got = {r.reason: (r.lost, r.spend_lost, r.cost_per_lost) for r in by_reason.itertuples()}
    assert got == {"PRICE": (2, 750.0, 375.0), "NO_RESPONSE": (1, 600.0, 600.0), UNANALYSED: (1, 375.0, 375.0)}


def test_campaign_summary(session, world):
    df = metrics.campaign_summary(session, organization_id=world.org.id, **RANGE)
    assert list(df.columns) == metrics.CAMPAIGN_COLUMNS
    got = {r.campaign: (r.conversations, r.lost, r.lost_rate, r.spend) for r in df.itertuples()}
    assert got == {"Agosto_Botox": (4, 3, 0.75, 1500.0), "Laser_Promo": (1, 1, 1.0, 600.0)}
    # spend without conversations still shows (the money bought nothing)
    df = metrics.campaign_summary(session, organization_id=world.org.id, date_from=day(-2), date_to=day(-1))
    assert {r.campaign: (r.conversations, r.spend) for r in df.itertuples()} == {
        "Agosto_Botox": (0, 1000.0), "Laser_Promo": (0, 400.0)}


def test_org_timezone_decides_the_day(session):
    """A ticket opened at 23:30 in São Paulo is the next day in Tokyo: each org counts it on its own day."""
    late = datetime(2026, 8, 12, 2, 30, tzinfo=UTC)  # 11/08 23:30 in São Paulo, 12/08 11:30 in Tokyo
    for tz, expected_day in (("America/Sao_Paulo", day(-1)), ("Asia/Tokyo", day(0))):
        w = make_world(session)
        session.get(Organization, w.org.id).settings = {"timezone": tz}
        session.flush()
        add_ticket(session, w, status=TicketStatus.LOST, at=late + timedelta(minutes=30))
        one_day = metrics.campaign_summary(session, organization_id=w.org.id, date_from=expected_day,
                                           date_to=expected_day)
        assert int(one_day["conversations"].sum()) == 1, tz


def test_attribution_gap_agrees_with_the_database(session, world):
    """Purchases detected on conversations of the range, even when the auditor ran weeks later."""
    won = [t for t in world.tickets if t.status is TicketStatus.WON][0]
    open_ticket = add_ticket(session, world, status=TicketStatus.OPEN)
    add_insight(session, world, "capi_auditor", ticket=won, at=BASE_TIME + timedelta(days=40))
    add_insight(session, world, "capi_auditor", ticket=open_ticket, at=BASE_TIME + timedelta(days=41))
    add_insight(session, world, "capi_auditor", ticket=open_ticket, purchaseConfirmed=False)  # not a purchase
    session.add(ActionLog(organization_id=world.org.id, ticket_id=won.id, kind="capi_event",
                          status=ActionLogStatus.SENT, dedupe_key=f"k-{won.id}",
                          request={"event_name": "Purchase"}))
    session.flush()
    gap = metrics.attribution_gap(session, organization_id=world.org.id, **RANGE)
    in_db = session.scalar(select(func.count(func.distinct(AiInsight.ticket_id))).where(
        AiInsight.organization_id == world.org.id, AiInsight.payload["purchaseConfirmed"].astext == "true"))
    assert (gap.detected, gap.sent, gap.won) == (in_db, 1, 1) == (2, 1, 1)
    assert list(gap.by_day.columns) == metrics.GAP_COLUMNS and gap.by_day["detected"].sum() == 2
    other = make_world(session)
    assert metrics.attribution_gap(session, organization_id=other.org.id, **RANGE).detected == 0


def test_default_window_shows_the_data_not_today(session, world):
    """Copilots that ran months later (the demo) do not move the window off the conversations."""
    add_run(session, world, "closing_coach", ticket=world.tickets[0], at=BASE_TIME + timedelta(days=100))
    assert metrics.data_window(session, organization_id=world.org.id, days=30) == (day(-29), day(0))
    rep = metrics.loss_costs(session, organization_id=world.org.id,
                             **dict(zip(("date_from", "date_to"),
                                        metrics.data_window(session, organization_id=world.org.id), strict=True)))
    assert not rep.empty
    empty = make_world(session, spend_days=0)
    assert metrics.data_window(session, organization_id=empty.org.id, days=7, today=day(5)) == (day(-1), day(5))


def test_inverted_range_is_refused(session, world):
    with pytest.raises(ValueError, match="data final"):
        metrics.loss_costs(session, organization_id=world.org.id, date_from=day(1), date_to=day(0))


def test_exchange_rate_per_organisation(session, world):
    assert metrics.usd_brl_rate(session, world.org.id) == 5.0
    session.get(Organization, world.org.id).settings = {"usd_brl_rate": 5.43}
    session.flush()
    assert metrics.usd_brl_rate(session, world.org.id) == 5.43
