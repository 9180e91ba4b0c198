"""Agent persistence: templates install as editable copies, saves create versions, definitions validated."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.agents import (
    AgentDefinitionError,
    find_agent,
    list_agents,
    load_agent,
    make_agent_spec,
    save_agent,
)
from engine.models import AiAgentVersion, EventType, FieldType, Organization
from engine.schema_compiler import FieldSpec
from engine.templates import TEMPLATE_KEYS, TEMPLATES, TemplateAlreadyInstalled, install_template


def test_install_all_templates_then_copy(session: Session, org: Organization) -> None:
    for key in TEMPLATE_KEYS:
        spec = install_template(session, organization_id=org.id, key=key)
        assert spec.id is not None and spec.version == 1
    agents = list_agents(session, organization_id=org.id)
    assert sorted(a.template_key or "" for a in agents) == sorted(TEMPLATE_KEYS)
    loaded = find_agent(session, organization_id=org.id, key_or_id="capi_auditor")
    assert loaded.fields == TEMPLATES["capi_auditor"].fields
    assert {t.event_type for t in loaded.triggers} == {
        EventType.NEW_MESSAGE_RECEIVED, EventType.TICKET_WON, EventType.MACRO_BUTTON_CLICKED}
    with pytest.raises(TemplateAlreadyInstalled):
        install_template(session, organization_id=org.id, key="capi_auditor")
    copy = install_template(session, organization_id=org.id, key="capi_auditor", allow_copy=True)
    assert copy.name.endswith("(cópia)") and copy.id != loaded.id
    assert loaded.is_active and not copy.is_active  # a copy is installed inactive (no double tips)


def test_edit_creates_version_and_template_unchanged(session: Session, org: Organization) -> None:
    spec = install_template(session, organization_id=org.id, key="closing_coach")
    edited = spec.model_copy(update={
        "name": "Coach da Clínica",
        "fields": spec.fields + (FieldSpec(field_name="mentionsKids", field_type=FieldType.BOOLEAN,
                                           description="O lead fala de filhos", is_required=False),),
    })
    saved = save_agent(session, organization_id=org.id, spec=edited)
    assert saved.version == 2
    again = load_agent(session, organization_id=org.id, agent_id=spec.id)  # type: ignore[arg-type]
    assert again.name == "Coach da Clínica" and again.field("mentionsKids") is not None
    versions = session.scalar(select(func.count()).select_from(AiAgentVersion)
                              .where(AiAgentVersion.agent_id == spec.id))
    assert versions == 2
    assert TEMPLATES["closing_coach"].name == "Coach de Fechamento"
    assert TEMPLATES["closing_coach"].field("mentionsKids") is None


def test_other_org_cannot_load(session: Session, org: Organization) -> None:
    from engine.agents import AgentNotFoundError

    other = Organization(slug="outra", name="Outra", events_secret="x")
    session.add(other)
    session.flush()
    spec = install_template(session, organization_id=org.id, key="qa_auditor")
    with pytest.raises(AgentNotFoundError):
        load_agent(session, organization_id=other.id, agent_id=spec.id)  # type: ignore[arg-type]
    assert list_agents(session, organization_id=other.id) == []


def test_make_agent_spec_messages() -> None:
    base = {"name": "X", "system_prompt": "p", "fields": []}
    with pytest.raises(AgentDefinitionError, match="campo 'tipo'"):
        make_agent_spec({**base, "fields": [{"field_name": "tipo", "field_type": "ENUM"}]})
    with pytest.raises(AgentDefinitionError, match="^nome do agente: não pode ficar vazio$"):  # pt-BR, not pydantic's
        make_agent_spec({**base, "name": ""})
    with pytest.raises(AgentDefinitionError, match="^diretriz \\(system prompt\\): pode ter no máximo 20000"):
        make_agent_spec({**base, "system_prompt": "x" * 20_001})
    with pytest.raises(AgentDefinitionError, match="maxRuns e windowSeconds"):
        make_agent_spec({**base, "triggers": [{"event_type": "TICKET_WON", "throttle_rules": {"maxRuns": 2}}]})
    ok = make_agent_spec({**base, "fields": [{"field_name": "idade", "field_type": "NUMBER"}]})
    assert ok.schema().json_schema["properties"]["idade"]["type"] == "number"
