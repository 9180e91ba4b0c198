"""Conversions API events against the local Graph stand-in: exact bodies, dedupe, retries, refusals."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from graph_stub import GraphStub, graph_error
from loop_support import (
    AUDITOR,
    CLID,
    DATASET,
    ICP,
    TOKEN,
    WABA,
    apply,
    make_insight,
    make_org,
    make_ticket,
    meta_settings,
    rows,
    running_graph,
)

from engine.actions.runner import backoff, execute_action
from engine.db import session_scope
from engine.models import ActionLogStatus


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    yield from running_graph(monkeypatch)


PHONE_HASH = hashlib.sha256(b"5511999990000").hexdigest()
PHONE_HASH_12 = hashlib.sha256(b"551199990000").hexdigest()  # the same mobile before the ninth digit


def _applied_auditor(**org_kw: object) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",), **org_kw)  # type: ignore[arg-type]
        ticket = make_ticket(s, org)
        ins = make_insight(s, org, "capi_auditor", ticket, AUDITOR)
        ids = apply(s, ins)
        return org.id, ticket.id, ids


def test_purchase_from_applied_auditor_insight_exact_body(committed_db, graph: GraphStub) -> None:
    org_id, ticket_id, ids = _applied_auditor()
    assert len(ids) == 1
    out = execute_action(ids[0])
    assert out.status == "SENT", out.error
    [req] = graph.requests
    assert (req.method, req.path) == ("POST", f"/v25.0/{DATASET}/events")
    assert "access_token" not in req.query and req.params["access_token"] == TOKEN  # in the body, not the URL
    assert req.params["test_event_code"] == "TEST12345"
    [event] = req.params["data"]
    assert event["event_name"] == "Purchase"
    assert event["event_id"] == f"copilot-{ticket_id}-Purchase"
    assert event["action_source"] == "business_messaging"
    assert event["messaging_channel"] == "whatsapp"
    user = dict(event["user_data"])
    assert sorted(user.pop("ph")) == sorted([PHONE_HASH, PHONE_HASH_12])  # the SDK dedupes through a set
    assert user == {"ctwa_clid": CLID, "whatsapp_business_account_id": WABA}
    assert event["custom_data"] == {"value": 450.5, "currency": "brl"}  # the SDK lower-cases ISO codes
    assert abs(event["event_time"] - datetime.now(UTC).timestamp()) < 120
    with session_scope() as s:
        [row] = rows(s, org_id)
        assert row.status is ActionLogStatus.SENT and row.attempts == 1
        assert row.response["events_received"] == 1 and row.response["fbtrace_id"] == "AStubOk"
        assert row.request["http"]["path"] == f"/v25.0/{DATASET}/events"
        assert TOKEN not in str(row.request)  # the token is never stored


def test_same_insight_applied_twice_sends_one_request(committed_db, graph: GraphStub) -> None:
    org_id, ticket_id, ids = _applied_auditor()
    with session_scope() as s:
        from engine.actions import on_insight_applied
        from engine.models import AiInsight

        ins = s.query(AiInsight).filter_by(organization_id=org_id).one()
        assert on_insight_applied(s, organization_id=org_id, insight_id=ins.id) == []
        # a second auditor insight on the same ticket maps to the same dedupe key: nothing new
        second = make_insight(s, _org(s, org_id), "capi_auditor", _ticket(s, ticket_id), AUDITOR)
        assert apply(s, second) == []
    assert execute_action(ids[0]).status == "SENT"
    assert execute_action(ids[0]).status == "SENT"  # duplicate job: no-op
    assert len(graph.requests) == 1


def _org(s, org_id):  # noqa: ANN001, ANN202
    from engine.models import Organization

    return s.get(Organization, org_id)


def _ticket(s, ticket_id):  # noqa: ANN001, ANN202
    from engine.models import Ticket

    return s.get(Ticket, ticket_id)


def test_transient_500_is_retried_with_backoff_then_sent(committed_db, graph: GraphStub) -> None:
    org_id, _, ids = _applied_auditor()
    graph.respond("POST", r"/events$", 500, graph_error("An unexpected error has occurred.", code=2,
                                                          type_="OAuthException"), times=2)
    scheduled: list[tuple[uuid.UUID, float, int]] = []
    sched = lambda aid, delay, n: scheduled.append((aid, delay, n))  # noqa: E731
    first = execute_action(ids[0], schedule_retry=sched)
    assert first.status == "PENDING" and first.retry_in == backoff(1) == 5
    assert "nova tentativa" in (first.error or "")
    second = execute_action(ids[0], schedule_retry=sched)
    assert second.status == "PENDING" and second.retry_in == 10
    third = execute_action(ids[0], schedule_retry=sched)
    assert third.status == "SENT" and third.attempts == 3
    assert [d for _, d, _ in scheduled] == [5, 10]
    ev = [r.params["data"][0]["event_id"] for r in graph.requests]
    assert len(set(ev)) == 1 and len(ev) == 3  # same event_id: Meta dedupes a resend


def test_transient_errors_give_up_after_five_attempts(committed_db, graph: GraphStub) -> None:
    _, _, ids = _applied_auditor()
    graph.respond("POST", r"/events$", 503, {"error": {"message": "Service unavailable", "code": 1}}, times=5)
    out = None
    for _ in range(5):
        out = execute_action(ids[0], schedule_retry=lambda *a: None)
    assert out is not None and out.status == "FAILED" and out.attempts == 5
    assert "desistimos após 5 tentativas" in (out.error or "")
    assert execute_action(ids[0]).status == "FAILED"
    assert len(graph.requests) == 5


def test_permanent_graph_error_is_failed_with_metas_message(committed_db, graph: GraphStub) -> None:
    org_id, _, ids = _applied_auditor()
    graph.respond("POST", r"/events$", 400, graph_error("Invalid parameter", code=100, subcode=2804087,
                                                        user_msg="O ctwa_clid é inválido."))
    out = execute_action(ids[0], schedule_retry=lambda *a: (_ for _ in ()).throw(AssertionError("no retry")))
    assert out.status == "FAILED"
    assert "Invalid parameter" in (out.error or "") and "100/2804087" in (out.error or "")
    with session_scope() as s:
        [row] = rows(s, org_id)
        assert row.response["error"]["fbtrace_id"] == "AStubTrace123"
        assert row.response["error"]["error_subcode"] == 2804087


def test_expired_click_refused_locally(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        # The pix was paid 7 days and 5 minutes ago; the auditor only noticed it now.
        ins = make_insight(s, org, "capi_auditor", ticket, AUDITOR,
                           evidence_at=datetime.now(UTC) - timedelta(days=7, minutes=5))
        assert apply(s, ins) == []  # refused locally: nothing queued for Meta
        [row] = rows(s, org.id)
        assert row.status is ActionLogStatus.SKIPPED
        assert row.error == "clique expirado: evento com mais de 7 dias"
        sent_at = datetime.fromisoformat(row.request["event_time"])
        assert datetime.now(UTC) - sent_at > timedelta(days=7)  # the message's time, not the detection's
    assert graph.requests == []


def test_event_time_is_the_evidence_message_time_not_the_detection_time(committed_db, graph: GraphStub) -> None:
    paid_at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3, hours=2)
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        ins = make_insight(s, org, "capi_auditor", ticket, AUDITOR, evidence_at=paid_at)
        [aid] = apply(s, ins)
    out = execute_action(aid)
    assert out.status == "SENT"
    [req] = graph.requests
    [event] = req.params["data"]
    assert event["event_time"] == int(paid_at.timestamp())


def test_insight_without_evidence_message_is_refused(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        ins = make_insight(s, org, "capi_auditor", ticket, {**AUDITOR, "citations": []})
        assert apply(s, ins) == []
        [row] = rows(s, org.id)
        assert row.status is ActionLogStatus.SKIPPED and "sem mensagem de evidência" in (row.error or "")
    assert graph.requests == []


def test_condition_not_met_records_skip_without_consuming_the_dedupe_key(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org)
        no = make_insight(s, org, "capi_auditor", ticket, {**AUDITOR, "purchaseConfirmed": False})
        assert apply(s, no) == []
        yes = make_insight(s, org, "capi_auditor", ticket, AUDITOR)
        ids = apply(s, yes)
        assert len(ids) == 1
        skipped = [r for r in rows(s, org.id) if r.status is ActionLogStatus.SKIPPED]
        assert "purchaseConfirmed == true" in (skipped[0].error or "")
    assert execute_action(ids[0]).status == "SENT"


def test_ticket_without_ctwa_clid_is_skipped_with_reason(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",))
        ticket = make_ticket(s, org, ctwa_clid=None)
        [aid] = apply(s, make_insight(s, org, "capi_auditor", ticket, AUDITOR))
    out = execute_action(aid)
    assert out.status == "SKIPPED" and "ctwa_clid" in (out.error or "")
    assert graph.requests == []


def test_page_id_mode_and_no_test_code(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",),
                       meta=meta_settings(user_data_id_field="page_id", page_id="5550001", test_event_code=None))
        [aid] = apply(s, make_insight(s, org, "capi_auditor", make_ticket(s, org), AUDITOR))
    assert execute_action(aid).status == "SENT"
    [req] = graph.requests
    assert "test_event_code" not in req.params
    ud = req.params["data"][0]["user_data"]
    assert ud["page_id"] == "5550001" and "whatsapp_business_account_id" not in ud


def test_icp_traits_travel_with_a_later_purchase(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor", "icp_mapper"))
        ticket = make_ticket(s, org)
        [traits_id] = apply(s, make_insight(s, org, "icp_mapper", ticket, ICP))
    assert execute_action(traits_id).status == "PENDING"  # waits for the Purchase
    with session_scope() as s:
        [purchase_id] = apply(s, make_insight(s, org, "capi_auditor", _ticket(s, ticket.id), AUDITOR))
    assert execute_action(purchase_id).status == "SENT"
    custom = graph.requests[0].params["data"][0]["custom_data"]
    assert custom["persona"] == "Mãe de primeira viagem" and custom["traits"] == ["cautelosa", "pesquisa muito"]
    assert custom["lifeStage"] == "NEW_PARENT" and custom["value"] == 450.5
    assert execute_action(traits_id).status == "SENT"
    assert len(graph.requests) == 1


def test_icp_traits_after_purchase_sent_are_recorded_late(committed_db, graph: GraphStub) -> None:
    org_id, ticket_id, [pid] = _applied_auditor()
    with session_scope() as s:
        from engine.templates import install_template

        install_template(s, organization_id=org_id, key="icp_mapper")
    assert execute_action(pid).status == "SENT"
    with session_scope() as s:
        assert apply(s, make_insight(s, _org(s, org_id), "icp_mapper", _ticket(s, ticket_id), ICP)) == []
        late = [r for r in rows(s, org_id) if r.kind == "capi_custom_data"][0]
        assert late.status is ActionLogStatus.SKIPPED and "depois da Purchase" in (late.error or "")
    assert len(graph.requests) == 1


def test_missing_settings_fail_visibly_and_can_be_retried(committed_db, graph: GraphStub) -> None:
    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor",), meta={})
        [aid] = apply(s, make_insight(s, org, "capi_auditor", make_ticket(s, org), AUDITOR))
    out = execute_action(aid)
    assert out.status == "FAILED" and "dataset" in (out.error or "")
    from engine.actions.runner import retry_failed
    from engine.models import Organization

    with session_scope() as s:
        s.get(Organization, org.id).settings = {"meta": meta_settings()}
        assert retry_failed(s, organization_id=org.id, action_id=aid) == aid
    assert execute_action(aid).status == "SENT"


def test_other_org_cannot_execute_by_id(committed_db, graph: GraphStub) -> None:
    _, _, [aid] = _applied_auditor()
    assert execute_action(aid, organization_id=uuid.uuid4()).status == "missing"
    assert graph.requests == []
