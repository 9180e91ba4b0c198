"""Insight lists, feeds and the apply / dismiss decision, on the real PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_ticket, day, make_world
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.insights import (
    HIDDEN_TIP_LABEL,
    InsightAlreadyDecidedError,
    InsightDecisionError,
    InsightFilters,
    InsightNotFoundError,
    action_states,
    apply_insight,
    dismiss_insight,
    list_insights,
    record_decision,
    seller_feed,
    ticket_feed,
)
from engine.models import ActionLog, ActionLogStatus, ActionStatus, AiInsight, Delivery, Role, TicketStatus
from engine.queues import ACTIONS, PUBLISH, get_queue


@pytest.fixture
def world(session):
    w = make_world(session)
    ana, bruno = w.sellers
    t1 = add_ticket(session, w, seller=ana, contact="Mariana")
    t2 = add_ticket(session, w, seller=bruno, status=TicketStatus.LOST, contact="Joana")
    for n in range(5):  # 5 coach tips on Ana's ticket, one minute apart
        add_insight(session, w, "closing_coach", ticket=t1, at=BASE_TIME + timedelta(minutes=n),
                    summary=f"Dica {n}")
    add_insight(session, w, "traffic_feedback", ticket=t2, at=BASE_TIME - timedelta(days=1))
    add_insight(session, w, "qa_auditor", ticket=t2, at=BASE_TIME - timedelta(days=1), engine="litellm")
    add_insight(session, w, "traffic_feedback", ticket=None, at=BASE_TIME - timedelta(days=2),
                summary="A campanha Agosto_Botox gastou R$ 500 hoje")
    return w


def test_list_newest_first_with_total_and_pages(session, world):
    page = list_insights(session, organization_id=world.org.id, page_size=3)
    assert (page.total, page.pages) == (8, 3)
    assert [v.summary for v in page.rows] == ["Dica 4", "Dica 3", "Dica 2"]
    last = list_insights(session, organization_id=world.org.id, page=3, page_size=3)
    assert [v.summary for v in last.rows][-1] == "A campanha Agosto_Botox gastou R$ 500 hoje"
    assert last.rows[-1].ticket_id is None and last.rows[-1].contact is None


def test_list_filters(session, world):
    org = world.org.id

    def summaries(**kw):
        return [v.summary for v in list_insights(session, organization_id=org, filters=InsightFilters(**kw)).rows]

    assert summaries(agent_id=world.agents["qa_auditor"].id) == ["Atendimento bom, faltou prova social"]
    assert summaries(engine="litellm") == ["Atendimento bom, faltou prova social"]
    assert len(summaries(delivery=Delivery.SELLER)) == 5
    assert len(summaries(seller_id=world.sellers[1].id)) == 2
    assert summaries(date_from=day(-2), date_to=day(-2)) == ["A campanha Agosto_Botox gastou R$ 500 hoje"]
    assert summaries(search="agosto_botox") == ["A campanha Agosto_Botox gastou R$ 500 hoje"]
    assert summaries(search="100%") == []  # wildcards are escaped
    assert summaries(status=ActionStatus.APPLIED) == []
    assert len(summaries(status=ActionStatus.SUGGESTION)) == 8


def test_views_carry_bubble_engine_and_hidden_tip(session, world):
    tip = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[0].id)[0]
    assert tip.bubble == "Dica 4 (Coach ao Vivo de Objeções)" or tip.bubble.startswith("Dica 4 (")
    assert tip.hidden_tip and tip.is_offline and tip.confidence == pytest.approx(0.74)
    qa = list_insights(session, organization_id=world.org.id,
                       filters=InsightFilters(engine="litellm")).rows[0]
    assert not qa.hidden_tip and not qa.is_offline and qa.seller == "Bruno" and qa.contact == "Joana"
    assert HIDDEN_TIP_LABEL == "Dica oculta — só o vendedor vê"


def test_ticket_feed_newest_first_and_limited(session, world):
    feed = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[0].id, limit=2)
    assert [v.summary for v in feed] == ["Dica 4", "Dica 3"]


def test_seller_feed_only_own_tickets(session, world):
    ana, bruno = world.sellers
    assert len(seller_feed(session, organization_id=world.org.id, seller_id=ana.id)) == 5
    # Bruno's ticket has only DIRECTOR/TRAFFIC insights: not for his screen.
    assert seller_feed(session, organization_id=world.org.id, seller_id=bruno.id) == []
    assert len(seller_feed(session, organization_id=world.org.id, seller_id=bruno.id, deliveries=())) == 2


def test_reads_are_scoped_to_the_organisation(session, world):
    other = make_world(session)
    t = world.tickets[0]
    assert list_insights(session, organization_id=other.org.id).total == 0
    assert ticket_feed(session, organization_id=other.org.id, ticket_id=t.id) == []
    assert seller_feed(session, organization_id=other.org.id, seller_id=world.sellers[0].id) == []


def test_record_decision_apply_and_refuse_second(session, world):
    ins = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[0].id)[0]
    loaded = session.get(AiInsight, ins.id)  # already in the identity map: must be refreshed by the decision
    d = record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=world.coordinator.id,
                        status=ActionStatus.APPLIED)
    assert d.status is ActionStatus.APPLIED and d.actioned_at is not None
    assert (loaded.action_status, loaded.actioned_by) == (ActionStatus.APPLIED, world.coordinator.id)
    with pytest.raises(InsightAlreadyDecidedError, match=r"já foi aplicado por Paula em \d\d/\d\d/\d{4} às"):
        record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=world.director.id,
                        status=ActionStatus.DISMISSED)


def test_record_decision_rechecks_role_and_active_in_the_engine(session, world):
    ins = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[0].id)[0]
    director = world.director
    director.is_active = False  # deactivated after the page was opened
    session.flush()
    with pytest.raises(InsightDecisionError, match="acesso foi desativado"):
        record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=director.id,
                        status=ActionStatus.APPLIED)
    director.is_active, director.role = True, Role.SELLER  # demoted
    session.flush()
    with pytest.raises(InsightDecisionError, match="perfil não pode"):
        record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=director.id,
                        status=ActionStatus.DISMISSED)
    assert session.get(AiInsight, ins.id).action_status is ActionStatus.SUGGESTION


def test_record_decision_rejects_foreign_org_user_and_bad_status(session, world):
    other = make_world(session)
    ins = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[0].id)[0]
    with pytest.raises(InsightNotFoundError, match="não encontrado"):
        record_decision(session, organization_id=other.org.id, insight_id=ins.id, user_id=other.director.id,
                        status=ActionStatus.APPLIED)
    with pytest.raises(InsightDecisionError, match="Usuário não pertence"):
        record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=other.director.id,
                        status=ActionStatus.APPLIED)
    with pytest.raises(InsightDecisionError, match="Decisão inválida"):
        record_decision(session, organization_id=world.org.id, insight_id=ins.id, user_id=world.director.id,
                        status=ActionStatus.SUGGESTION)
    assert session.get(AiInsight, ins.id).action_status is ActionStatus.SUGGESTION


def test_action_states(session, world):
    ins = ticket_feed(session, organization_id=world.org.id, ticket_id=world.tickets[1].id)
    session.add(ActionLog(organization_id=world.org.id, insight_id=ins[0].id, kind="capi_event", dedupe_key="k1",
                          status=ActionLogStatus.FAILED, attempts=3, error="HTTP 400", response={"error": "x"}))
    session.flush()
    states = action_states(session, organization_id=world.org.id, insight_ids=[i.id for i in ins])
    assert list(states) == [ins[0].id]
    s = states[ins[0].id][0]
    assert (s.kind, s.status, s.attempts, s.error) == ("capi_event", ActionLogStatus.FAILED, 3, "HTTP 400")
    other = make_world(session)
    assert action_states(session, organization_id=other.org.id, insight_ids=[ins[0].id]) == {}


# ------------------------------------------------------------------ entry points (committed data)
@pytest.fixture
def committed_world(committed_db):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        t = add_ticket(s, w, seller=w.sellers[0])
        ids = [add_insight(s, w, "capi_auditor", ticket=t, at=BASE_TIME + timedelta(minutes=n)).id for n in range(3)]
    return w, ids


@pytest.fixture
def hooks(monkeypatch, redis_conn):
    """A spy on the closed-loop hook (the real one runs too); queued jobs are read from the real queue."""
    import engine.insights as mod

    calls: list[tuple] = []
    action_id = uuid.uuid4()
    real = mod.on_insight_applied

    def on_insight_applied(session, *, organization_id, insight_id):
        status = session.scalar(select(AiInsight.action_status).where(AiInsight.id == insight_id))
        calls.append(("hook", insight_id, status))
        return [*real(session, organization_id=organization_id, insight_id=insight_id), action_id]

    monkeypatch.setattr(mod, "on_insight_applied", on_insight_applied)
    return calls, action_id, redis_conn


def _queued(redis_conn, name):
    return get_queue(name, redis_conn).job_ids


def test_apply_commits_calls_hook_then_queues(committed_db, committed_world, hooks):
    w, ids = committed_world
    calls, action_id, r = hooks
    d = apply_insight(w.org.id, ids[0], w.coordinator.id)
    assert action_id in d.action_ids and d.warnings == []
    assert calls == [("hook", ids[0], ActionStatus.APPLIED)]
    assert _queued(r, PUBLISH) == [f"publish_{ids[0]}_APPLIED"]
    assert sorted(_queued(r, ACTIONS)) == sorted(f"action_{a}" for a in d.action_ids)
    with Session(committed_db) as s:
        row = s.get(AiInsight, ids[0])
        assert row.action_status is ActionStatus.APPLIED and row.actioned_by == w.coordinator.id
        assert row.actioned_at is not None


def test_dismiss_publishes_but_runs_no_action(committed_db, committed_world, hooks):
    w, ids = committed_world
    calls, _, r = hooks
    d = dismiss_insight(w.org.id, ids[1], w.director.id)
    assert d.status is ActionStatus.DISMISSED and d.action_ids == []
    assert calls == [] and _queued(r, PUBLISH) == [f"publish_{ids[1]}_DISMISSED"] and _queued(r, ACTIONS) == []
    with pytest.raises(InsightAlreadyDecidedError, match="já foi descartado por Helena"):
        apply_insight(w.org.id, ids[1], w.coordinator.id)


def test_queue_failure_keeps_decision_and_warns(committed_db, committed_world, hooks, monkeypatch):
    w, ids = committed_world
    import engine.insights as mod

    def broken(_iid, **_kw):
        raise ConnectionError("redis fora do ar")

    monkeypatch.setattr(mod, "enqueue_publish", broken)
    d = apply_insight(w.org.id, ids[2], w.coordinator.id)
    assert d.warnings and "redis fora do ar" in d.warnings[0]
    with Session(committed_db) as s:
        assert s.get(AiInsight, ids[2]).action_status is ActionStatus.APPLIED


def test_two_coordinators_at_once_only_one_wins(committed_db, committed_world, monkeypatch):
    """The first decision holds the row lock; the second waits, re-checks and is refused."""
    w, ids = committed_world
    outcome: dict[str, object] = {}
    with Session(committed_db) as first:
        with first.begin():
            record_decision(first, organization_id=w.org.id, insight_id=ids[0], user_id=w.coordinator.id,
                            status=ActionStatus.APPLIED)

            def second() -> None:
                try:
                    outcome["second"] = dismiss_insight(w.org.id, ids[0], w.director.id)
                except InsightDecisionError as err:
                    outcome["second"] = err

            t = threading.Thread(target=second)
            t.start()
            time.sleep(0.5)
            assert t.is_alive(), "the second decision must wait for the first one's row lock"
        t.join(10)
    assert isinstance(outcome["second"], InsightAlreadyDecidedError)
    with Session(committed_db) as s:
        row = s.get(AiInsight, ids[0])
        assert (row.action_status, row.actioned_by) == (ActionStatus.APPLIED, w.coordinator.id)
