"""Traffic Feedback roll-up on a crafted dataset: the alert (once) and silence below the threshold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from loop_support import make_insight, make_org, make_ticket

from engine.locale_br import money
from engine.models import AiInsight, Campaign, CampaignSpend, Delivery, TicketStatus
from engine.rollup import alert_sentence, alerts, campaign_day_stats, run_rollup

DAY = date(2026, 8, 12)
NOON = datetime(2026, 8, 12, 15, 0, tzinfo=UTC)  # 12:00 in São Paulo


def _world(session, *, price: int, trust: int, unknown: int = 0, spend: str = "500.00", **org_kw):  # noqa: ANN001, ANN003, ANN202
    org = make_org(session, keys=("traffic_feedback",), **org_kw)
    camp = Campaign(organization_id=org.id, name="Agosto_Botox", external_id="120214870351690045")
    other = Campaign(organization_id=org.id, name="Laser_Promo")
    session.add_all([camp, other])
    session.flush()
    session.add(CampaignSpend(organization_id=org.id, campaign_id=camp.id, day=DAY, spend=Decimal(spend)))
    session.add(CampaignSpend(organization_id=org.id, campaign_id=other.id, day=DAY, spend=Decimal("100")))
    for i, reason in enumerate(["PRICE"] * price + ["TRUST"] * trust + [None] * unknown):
        t = make_ticket(session, org, phone=f"+55 11 98{i:03d}-0000", status=TicketStatus.LOST, campaign_id=camp.id,
                        opened_at=NOON - timedelta(hours=2), closed_at=NOON)
        if reason:
            make_insight(session, org, "traffic_feedback", t, {"lossReason": reason, "leadQualified": False,
                                                              "campaignMismatch": True, "summary": "x",
                                                              "confidence": 0.8})
    make_ticket(session, org, phone="+55 11 97000-0000", campaign_id=camp.id, opened_at=NOON)  # open, not lost
    # a loss the day before must not count for DAY
    make_ticket(session, org, phone="+55 11 96000-0000", status=TicketStatus.LOST, campaign_id=camp.id,
                opened_at=NOON - timedelta(days=1), closed_at=NOON - timedelta(days=1))
    return org, camp


def test_stats_from_sql(session) -> None:  # noqa: ANN001
    org, camp = _world(session, price=8, trust=2, unknown=1)
    [s] = [x for x in campaign_day_stats(session, organization_id=org.id, since=DAY, until=DAY)
           if x.campaign == "Agosto_Botox"]
    assert (s.spend, s.conversations, s.lost, s.lost_analysed) == (Decimal("500.00"), 12, 11, 10)
    assert s.reasons == {"PRICE": 8, "TRUST": 2, "UNKNOWN": 1}
    assert s.top_reason == "PRICE" and s.top_share == 0.8


def test_alert_written_once_with_numbers_from_the_data(session) -> None:  # noqa: ANN001
    org, camp = _world(session, price=8, trust=2)
    result = run_rollup(session, organization_id=org.id, day=DAY, now=NOON)
    assert len(result.alert_ids) == 1
    [alert] = alerts(session, organization_id=org.id)
    assert alert.ticket_id is None and alert.delivery is Delivery.TRAFFIC and alert.engine == "rules"
    assert alert.summary == ("A campanha Agosto_Botox gastou R$ 500,00 hoje, mas 80 % das conversas perdidas "
                             "(8 de 10) reclamaram do preço. O público pode estar desqualificado para o ticket "
                             "da clínica.")
    p = alert.payload
    assert (p["spend"], p["lost"], p["dominantReason"], p["share"]) == ("500.00", 10, "PRICE", 0.8)
    assert p["reasonCounts"] == {"PRICE": 8, "TRUST": 2}
    again = run_rollup(session, organization_id=org.id, day=DAY, now=NOON + timedelta(hours=1))
    assert again.alert_ids == []
    assert session.query(AiInsight).filter_by(organization_id=org.id, ticket_id=None).count() == 1


def test_silence_below_the_threshold(session) -> None:  # noqa: ANN001
    org, _ = _world(session, price=5, trust=4)  # 55% < 60%
    assert run_rollup(session, organization_id=org.id, day=DAY, now=NOON).alert_ids == []
    org2, _ = _world(session, price=4, trust=0)  # 100% of 4 lost < 5 lost
    assert run_rollup(session, organization_id=org2.id, day=DAY, now=NOON).alert_ids == []
    org3, _ = _world(session, price=3, trust=1, alert_min_lost=3, alert_reason_share=0.7)  # org thresholds
    assert len(run_rollup(session, organization_id=org3.id, day=DAY, now=NOON).alert_ids) == 1


def test_orgs_do_not_see_each_other(session) -> None:  # noqa: ANN001
    org, _ = _world(session, price=8, trust=2)
    other = make_org(session, keys=("traffic_feedback",))
    assert campaign_day_stats(session, organization_id=other.id, since=DAY, until=DAY) == []
    assert run_rollup(session, organization_id=other.id, day=DAY, now=NOON).alert_ids == []
    assert alerts(session, organization_id=other.id) == []


def test_sentence_variants() -> None:
    from engine.rollup import CampaignDayStat

    s = CampaignDayStat(campaign_id=None, campaign="X", day=DAY, spend=None, lost=6,  # type: ignore[arg-type]
                        reasons={"NO_RESPONSE": 5, "PRICE": 1})
    assert alert_sentence(s, DAY + timedelta(days=1)).startswith("A campanha X perdeu 6 conversas ontem: 83 % (5 de 6)")
    assert money(Decimal("1234.5")) == "R$ 1.234,50"


def test_window_sums_lost_conversations_and_spend_over_the_days(session) -> None:  # noqa: ANN001
    """Losses spread over a week: silent day by day, one alert with a 7-day window."""
    org = make_org(session, keys=("traffic_feedback",), alert_window_days=7)
    camp = Campaign(organization_id=org.id, name="Agosto_Botox")
    session.add(camp)
    session.flush()
    for d in range(7):  # one loss per day, all PRICE, R$ 100/day, for the 7 days ending on DAY
        when = NOON - timedelta(days=d)
        session.add(CampaignSpend(organization_id=org.id, campaign_id=camp.id, day=DAY - timedelta(days=d),
                                  spend=Decimal("100.00")))
        t = make_ticket(session, org, phone=f"+55 11 95{d:03d}-0000", status=TicketStatus.LOST,
                        campaign_id=camp.id, opened_at=when - timedelta(hours=1), closed_at=when)
        make_insight(session, org, "traffic_feedback", t, {"lossReason": "PRICE", "leadQualified": False,
                                                          "campaignMismatch": False, "summary": "x",
                                                          "confidence": 0.8})
    daily = campaign_day_stats(session, organization_id=org.id, since=DAY, until=DAY)
    assert [s.lost for s in daily] == [1]  # a single day never reaches the 5-loss minimum
    result = run_rollup(session, organization_id=org.id, day=DAY, now=NOON)
    assert len(result.alert_ids) == 1
    [alert] = alerts(session, organization_id=org.id)
    assert alert.summary.startswith("A campanha Agosto_Botox gastou R$ 700,00 nos 7 dias até 12/08, mas 100 % "
                                    "das conversas perdidas (7 de 7) reclamaram do preço.")
    assert alert.payload["windowDays"] == 7 and alert.payload["spend"] == "700.00"
    assert run_rollup(session, organization_id=org.id, day=DAY, now=NOON).alert_ids == []  # written once
