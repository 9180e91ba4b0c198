"""Trigger matching: organisation + event type + active agents; a macro names one agent."""

from __future__ import annotations

from engine.agents import find_agent, set_agent_active
from engine.models import EventType
from engine.templates import install_template


def _install(session, org, *keys):  # noqa: ANN001, ANN202
    for k in keys:
        install_template(session, organization_id=org.id, key=k)


def test_matches_active_agents_of_the_org_for_the_event_type(session, org) -> None:
    from engine.models import Organization
    from engine.triggers import match_agents

    _install(session, org, "icp_mapper", "qa_auditor", "traffic_feedback", "closing_coach")
    other = Organization(slug="outra", name="Outra", events_secret="x")
    session.add(other)
    session.flush()
    install_template(session, organization_id=other.id, key="icp_mapper")

    won = match_agents(session, organization_id=org.id, event_type=EventType.TICKET_WON)
    assert sorted(m.agent.template_key for m in won) == ["icp_mapper", "qa_auditor"]
    assert all(m.agent.organization_id == org.id for m in won)
    msg = match_agents(session, organization_id=org.id, event_type=EventType.NEW_MESSAGE_RECEIVED)
    assert [m.agent.template_key for m in msg] == ["closing_coach"]
    assert msg[0].rules.debounce_seconds == 20 and msg[0].rules.max_runs == 6

    qa = find_agent(session, organization_id=org.id, key_or_id="qa_auditor")
    assert qa.id is not None
    set_agent_active(session, organization_id=org.id, agent_id=qa.id, active=False)
    won = match_agents(session, organization_id=org.id, event_type=EventType.TICKET_WON)
    assert [m.agent.template_key for m in won] == ["icp_mapper"]


def test_macro_runs_only_the_named_active_agent_of_this_org(session, org) -> None:
    from engine.models import Organization
    from engine.triggers import match_agents

    _install(session, org, "capi_auditor", "icp_mapper")
    icp = find_agent(session, organization_id=org.id, key_or_id="icp_mapper")
    capi = find_agent(session, organization_id=org.id, key_or_id="capi_auditor")
    named = match_agents(session, organization_id=org.id, event_type=EventType.MACRO_BUTTON_CLICKED, agent_id=icp.id)
    assert [m.agent.id for m in named] == [icp.id]
    assert named[0].rules.max_runs is None  # no macro trigger on icp_mapper: no throttle
    by_trigger = match_agents(session, organization_id=org.id, event_type=EventType.MACRO_BUTTON_CLICKED)
    assert [m.agent.id for m in by_trigger] == [capi.id]

    other = Organization(slug="outra2", name="Outra", events_secret="x")
    session.add(other)
    session.flush()
    assert match_agents(session, organization_id=other.id, event_type=EventType.MACRO_BUTTON_CLICKED,
                        agent_id=icp.id) == []
    assert icp.id is not None
    set_agent_active(session, organization_id=org.id, agent_id=icp.id, active=False)
    assert match_agents(session, organization_id=org.id, event_type=EventType.MACRO_BUTTON_CLICKED,
                        agent_id=icp.id) == []


def test_spec_cache_sees_a_saved_edit_at_once(session, org) -> None:
    from engine.agents import save_agent
    from engine.triggers import match_agents

    _install(session, org, "icp_mapper")
    [before] = match_agents(session, organization_id=org.id, event_type=EventType.TICKET_WON)
    edited = before.agent.model_copy(update={"name": "Mapeador editado"})
    save_agent(session, organization_id=org.id, spec=edited)  # a new version
    [after] = match_agents(session, organization_id=org.id, event_type=EventType.TICKET_WON)
    assert after.agent.name == "Mapeador editado" and after.agent.version == before.agent.version + 1
