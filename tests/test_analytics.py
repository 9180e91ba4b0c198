"""Análises tables: aggregated in PostgreSQL, organisation- and date-scoped, empty when no data.

The loss and campaign numbers shared with Campanhas are tested in test_metrics.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_run, add_ticket, day, make_world

from engine.analytics import (
    GHOSTING_COLUMNS,
    OPS_COLUMNS,
    QA_COLUMNS,
    agent_ops,
    ghosting_histogram,
    qa_scores,
    report,
    run_window,
)
from engine.metrics import campaign_summary, loss_costs
from engine.models import RunStatus, TicketStatus

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
    won = add_ticket(session, w, seller=bruno, status=TicketStatus.WON)
    # Laser_Promo: 1 conversation, lost for NO_RESPONSE.
    t = add_ticket(session, w, seller=ana, status=TicketStatus.LOST, campaign="Laser_Promo")
    add_insight(session, w, "traffic_feedback", ticket=t, lossReason="NO_RESPONSE")
    # QA: Ana 80 and 60 on conversations opened today; Bruno 90 on one opened yesterday, audited a month
    # later (the day of the conversation counts, not the day of the audit).
    add_insight(session, w, "qa_auditor", ticket=w.tickets[0], overallScore=80)
    add_insight(session, w, "qa_auditor", ticket=w.tickets[1], overallScore=60)
    old = add_ticket(session, w, seller=bruno, status=TicketStatus.WON, at=BASE_TIME - timedelta(days=1))
    add_insight(session, w, "qa_auditor", ticket=old, overallScore=50, at=BASE_TIME + timedelta(days=29))
    add_insight(session, w, "qa_auditor", ticket=old, overallScore=90, at=BASE_TIME + timedelta(days=30))
    # Ghosting risks.
    for risk in (5, 72, 75, 100):
        add_insight(session, w, "ghosting_sentinel", ticket=won, ghostingRisk=risk)
    # Runs beyond the ones the insights recorded: a failure and two throttled (calls saved).
    add_run(session, w, "closing_coach", ticket=won, status=RunStatus.FAILED, latency_ms=3000)
    add_run(session, w, "closing_coach", ticket=won, status=RunStatus.THROTTLED)
    add_run(session, w, "closing_coach", ticket=won, status=RunStatus.THROTTLED)
    return w


def test_qa_scores_per_seller_per_day(session, world):
    df = qa_scores(session, organization_id=world.org.id, **RANGE)
    assert list(df.columns) == QA_COLUMNS
    got = {(r.day.date(), r.seller): (r.audits, r.avg_score) for r in df.itertuples()}
    # the latest audit of each conversation, on the day the conversation was opened
    assert got == {(day(0), "Ana"): (2, 70.0), (day(-1), "Bruno"): (1, 90.0)}


def test_ghosting_histogram_has_all_buckets(session, world):
    df = ghosting_histogram(session, organization_id=world.org.id, **RANGE)
    assert list(df.columns) == GHOSTING_COLUMNS and len(df) == 10
    counts = dict(zip(df["bucket"], df["insights"], strict=True))
    assert counts["0–10"] == 1 and counts["70–80"] == 2 and counts["90–100"] == 1  # 100 is in the last bucket
    assert df["insights"].sum() == 4


def test_agent_ops(session, world):
    df = agent_ops(session, organization_id=world.org.id, **RANGE)
    assert list(df.columns) == OPS_COLUMNS
    coach = df[df["agent"].str.contains("Coach")].iloc[0]
    assert (coach.runs, coach.succeeded, coach.failed, coach.throttled) == (3, 0, 1, 2)
    assert coach.p95_latency_ms == 3000
    tf = df[df["agent"].str.contains("Tráfego")].iloc[0]
    assert (tf.runs, tf.tokens) == (5, 5 * 360)
    assert tf.cost_usd == pytest.approx(0.0005)


def test_everything_empty_for_another_org_or_range(session, world):
    other = make_world(session, spend_days=0)
    for fn in (loss_costs, campaign_summary, qa_scores, agent_ops):
        assert fn(session, organization_id=other.org.id, **RANGE).empty
        assert fn(session, organization_id=world.org.id, date_from=day(10), date_to=day(12)).empty
    assert ghosting_histogram(session, organization_id=other.org.id, **RANGE)["insights"].sum() == 0


def test_report_bundles_every_table(session, world):
    rep = report(session, organization_id=world.org.id, **RANGE)
    assert not rep.empty and len(rep.loss) == 3 and len(rep.loss_by_reason) == 3 and len(rep.ghosting) == 10
    empty = report(session, organization_id=world.org.id, date_from=day(10), date_to=day(12))
    assert empty.empty
    with pytest.raises(ValueError, match="data final"):
        report(session, organization_id=world.org.id, date_from=day(1), date_to=day(0))


def test_run_window_ends_at_the_latest_run(session, world):
    """The copilots may run long after the conversations (the demo): their numbers get their own window."""
    assert run_window(session, organization_id=world.org.id, days=30) == (day(1), day(30))  # the late QA audit
    add_run(session, world, "closing_coach", ticket=None, at=BASE_TIME + timedelta(days=100))
    assert run_window(session, organization_id=world.org.id, days=7) == (day(94), day(100))
    other = make_world(session)
    assert run_window(session, organization_id=other.org.id, days=7, today=day(5)) == (day(-1), day(5))
