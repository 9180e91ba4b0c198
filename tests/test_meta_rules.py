"""Meta's business-messaging rules, checked locally before anything reaches the Graph stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from graph_stub import GraphStub
from loop_support import AUDITOR, apply, make_insight, make_org, make_ticket, rows, running_graph

from engine.actions import meta_rules
from engine.actions.capi import request_params
from engine.actions.runner import execute_action
from engine.db import session_scope
from engine.models import ActionLog, ActionLogStatus, Ticket


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    yield from running_graph(monkeypatch)


def _clicked(ticket: Ticket, days_ago: float) -> None:
    at = datetime.now(UTC) - timedelta(days=days_ago)
    ticket.attribution_extra = {**ticket.attribution_extra, "clicked_at": at.isoformat()}


def test_purchase_more_than_7_days_after_the_ad_click_is_refused_locally(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        _clicked(ticket, 9.5)
        [aid] = apply(s, make_insight(s, org, "capi_auditor", ticket, AUDITOR))
    out = execute_action(aid)
    assert out.status == "SKIPPED" and graph.requests == []
    assert "9 dias depois do clique no anúncio" in (out.error or "")
    assert "fora da janela de 7 dias de atribuição da Meta" in (out.error or "")


def test_purchase_within_7_days_of_the_click_is_sent(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        _clicked(ticket, 6)
        [aid] = apply(s, make_insight(s, org, "capi_auditor", ticket, AUDITOR))
    assert execute_action(aid).status == "SENT"
    [req] = graph.requests
    assert "access_token" not in req.query and req.params["access_token"]  # the token travels in the body


def test_automatic_events_on_sends_no_purchase_but_flags_a_value_correction(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",), meta_automatic_events=True)
        ticket = make_ticket(s, org)  # ticket value 450.50
        assert apply(s, make_insight(s, org, "capi_auditor", ticket, {**AUDITOR, "purchaseValue": 520})) == []
        [row] = rows(s, org.id)
        assert row.status is ActionLogStatus.SKIPPED and "Meta Automatic Events ligado" in (row.error or "")
        assert row.request["value_review"]["insight_value"] == "520"
        assert row.request["value_review"]["ticket_value"] == "450.50"
        assert "revise o valor" in (row.error or "")
        same = make_ticket(s, org, phone="+55 11 97777-1111")
        assert apply(s, make_insight(s, org, "capi_auditor", same, AUDITOR)) == []
        assert rows(s, org.id)[-1].request["value_review"] is None  # same value: nothing to review
    assert graph.requests == []


def test_automatic_events_switched_on_after_queueing_still_stops_the_purchase(committed_db, graph: GraphStub) -> None:
    from engine.models import Organization

    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        [aid] = apply(s, make_insight(s, org, "capi_auditor", make_ticket(s, org), AUDITOR))
        org_row = s.get(Organization, org.id)
        assert org_row is not None
        org_row.settings = {**org_row.settings, "meta_automatic_events": True}
    out = execute_action(aid)
    assert out.status == "SKIPPED" and meta_rules.AUTOMATIC_EVENTS_SKIP in (out.error or "")
    assert graph.requests == []


def test_lead_submitted_from_a_qualified_lead(committed_db, graph: GraphStub) -> None:
    qualified = {"leadQualified": True, "campaignMismatch": False, "summary": "Lead bom", "confidence": 0.9}
    with session_scope() as s:
        org = make_org(s, keys=("traffic_feedback",))
        [aid] = apply(s, make_insight(s, org, "traffic_feedback", make_ticket(s, org), qualified))
        assert apply(s, make_insight(s, org, "traffic_feedback", make_ticket(s, org, phone="+55 11 96666-0000"),
                                     {**qualified, "leadQualified": False})) == []
    assert execute_action(aid).status == "SENT"
    [req] = graph.requests
    [event] = req.params["data"]
    assert event["event_name"] == "LeadSubmitted" and event["action_source"] == "business_messaging"


def test_names_meta_refuses_for_business_messaging_are_refused_locally(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        row = ActionLog(organization_id=org.id, ticket_id=ticket.id, kind="capi_event", dedupe_key="capi:Lead:x",
                        request={"event_name": "Lead", "value": "10", "currency": "BRL"})
        s.add(row)
        s.flush()
        rid = row.id
    out = execute_action(rid)
    assert out.status == "SKIPPED" and "'Lead' não é aceito" in (out.error or "") and "LeadSubmitted" in (out.error or "")
    assert graph.requests == []
    assert [meta_rules.event_name_refusal(n) for n in ("LeadSubmitted", "Purchase", "AddToCart",
                                                       "InitiateCheckout", "ViewContent")] == [None] * 5


def test_events_of_different_ages_never_share_a_request() -> None:
    new, old, new2 = {"event_time": 1_764_630_000}, {"event_time": 1_764_000_000}, {"event_time": 1_764_630_000}
    assert meta_rules.requests_by_age([new, old, new2]) == [[new, new2], [old]]
    with pytest.raises(ValueError, match="idades diferentes"):
        request_params([new, old], None)
    assert request_params([new, new2], None) == {"data": [new, new2]}
