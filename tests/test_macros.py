"""Macro buttons (engine/macros.py): who sees which button, a click through the inbox to an insight,
idempotency per click id, and the throttle state the button shows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from worker_support import drain

from engine import macros
from engine.agents import TriggerSpec, find_agent, save_agent
from engine.conversation import load_conversation
from engine.models import AiInsight, AiRun, Event, EventStatus, EventType, Role, RunStatus, Ticket, User
from engine.seed import DATA_DIR, import_conversation, seed_demo
from engine.throttle_rules import ThrottleRules
from engine.triggers import clear_spec_cache


@pytest.fixture
def world(committed_db: Engine, redis_conn: redis.Redis) -> dict[str, uuid.UUID]:
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        import_conversation(session, org=org, conv=load_conversation(sorted((DATA_DIR / "conversations")
                                                                             .glob("*.json"))[0]))
        ticket = session.scalar(select(Ticket).where(Ticket.organization_id == org.id))
        assert ticket is not None and ticket.seller_id is not None
        director = session.scalar(select(User).where(User.organization_id == org.id, User.role == Role.DIRECTOR))
        other = session.scalar(select(User).where(User.organization_id == org.id, User.role == Role.SELLER,
                                                  User.id != ticket.seller_id))
        assert director is not None and other is not None
        ids = {"org": org.id, "ticket": ticket.id, "seller": ticket.seller_id, "director": director.id,
               "other_seller": other.id}
    clear_spec_cache()
    return ids


def _set_macro(engine: Engine, org_id: uuid.UUID, key: str, **rules: object) -> None:
    """Give the agent a MACRO_BUTTON_CLICKED trigger with these rules (a Builder save)."""
    with Session(engine) as session, session.begin():
        spec = find_agent(session, organization_id=org_id, key_or_id=key)
        triggers = tuple(t for t in spec.triggers if t.event_type is not EventType.MACRO_BUTTON_CLICKED)
        trigger = TriggerSpec(event_type=EventType.MACRO_BUTTON_CLICKED,
                              throttle_rules=ThrottleRules.model_validate(rules))
        save_agent(session, organization_id=org_id, spec=spec.model_copy(update={"triggers": (*triggers, trigger)}))
    clear_spec_cache()


def test_buttons_per_role(world: dict[str, uuid.UUID], committed_db: Engine, redis_conn: redis.Redis) -> None:
    with Session(committed_db) as s:
        director = macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                                  role=Role.DIRECTOR, user_id=world["director"])
        assert [b.label for b in director] == ["Auditar compra agora"]  # capi_auditor has the trigger built in
        assert director[0].throttled_until is None
        assert macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                              role=Role.TRAFFIC_MANAGER) == []
        # The CAPI auditor reports to the director: a seller would never see its insight, so no button.
        assert macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                              role=Role.SELLER, user_id=world["seller"]) == []
    _set_macro(committed_db, world["org"], "closing_coach")
    with Session(committed_db) as s:
        seller = macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                                role=Role.SELLER, user_id=world["seller"])
        assert [b.label for b in seller] == ["Pedir dica ao coach"]
        assert macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                              role=Role.SELLER, user_id=world["other_seller"]) == []  # not their ticket
        with pytest.raises(macros.MacroRefused, match="não é seu"):
            macros.press(s, organization_id=world["org"], ticket_id=world["ticket"], agent_id=seller[0].agent_id,
                         user_id=world["other_seller"], role=Role.SELLER, click_id="x")


def test_click_goes_through_the_inbox_once_and_the_worker_records_the_insight(
        world: dict[str, uuid.UUID], committed_db: Engine, redis_conn: redis.Redis) -> None:
    with Session(committed_db) as s:
        button = macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                                role=Role.DIRECTOR, user_id=world["director"])[0]
        first = macros.press(s, organization_id=world["org"], ticket_id=world["ticket"], agent_id=button.agent_id,
                             user_id=world["director"], role=Role.DIRECTOR, click_id="click-1")
        again = macros.press(s, organization_id=world["org"], ticket_id=world["ticket"], agent_id=button.agent_id,
                             user_id=world["director"], role=Role.DIRECTOR, click_id="click-1")
    assert not first.duplicate and again.duplicate and again.event_id == first.event_id
    drain(redis_conn)
    with Session(committed_db) as s:
        event = s.get(Event, first.event_id)
        assert event is not None and event.status is EventStatus.PROCESSED and event.source == "studio"
        insights = s.scalars(select(AiInsight).where(AiInsight.ticket_id == world["ticket"],
                                                     AiInsight.agent_id == button.agent_id)).all()
        assert len(insights) == 1 and insights[0].engine == "offline"


def test_throttled_button_says_until_when_and_the_worker_enforces_it(
        world: dict[str, uuid.UUID], committed_db: Engine, redis_conn: redis.Redis) -> None:
    _set_macro(committed_db, world["org"], "capi_auditor", maxRuns=1, windowSeconds=3600, scope="ticket")
    with Session(committed_db) as s:
        button = macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                                role=Role.DIRECTOR, user_id=world["director"])[0]
        assert button.throttled_until is None and button.max_runs == 1
        macros.press(s, organization_id=world["org"], ticket_id=world["ticket"], agent_id=button.agent_id,
                     user_id=world["director"], role=Role.DIRECTOR, click_id="a")
    drain(redis_conn)
    with Session(committed_db) as s:
        button = macros.buttons(s, redis_conn, organization_id=world["org"], ticket_id=world["ticket"],
                                role=Role.DIRECTOR, user_id=world["director"])[0]
        assert button.throttled_until is not None and button.runs_in_window == 1
        expected = datetime.now(UTC) + timedelta(hours=1)
        assert abs((button.throttled_until - expected).total_seconds()) < 60
        macros.press(s, organization_id=world["org"], ticket_id=world["ticket"], agent_id=button.agent_id,
                     user_id=world["director"], role=Role.DIRECTOR, click_id="b")  # e.g. from a stale page
    drain(redis_conn)
    with Session(committed_db) as s:
        statuses = s.scalars(select(AiRun.status).where(AiRun.ticket_id == world["ticket"],
                                                        AiRun.agent_id == button.agent_id)).all()
        assert sorted(st.value for st in statuses) == sorted([RunStatus.SUCCEEDED.value, RunStatus.THROTTLED.value])
        assert s.scalar(select(func.count()).select_from(AiInsight)
                        .where(AiInsight.agent_id == button.agent_id)) == 1
