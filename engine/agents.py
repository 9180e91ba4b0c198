"""Agent definitions: the immutable ``AgentSpec`` the engine runs, and its database persistence.

An agent is an ``ai_agent`` row with its ``ai_trigger`` and ``ai_schema_field`` rows. Every save
bumps ``version`` and stores a snapshot in ``ai_agent_version``; runs record the version they used.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.errors import InvalidInput, NotFound
from engine.models import AiAgent, AiAgentVersion, AiSchemaField, AiTrigger, Delivery, EventType
from engine.schema_compiler import CompiledSchema, FieldSpec, SchemaDefinitionError, compile_schema
from engine.throttle_rules import ThrottleRules

FIELD_LABELS_PT: dict[str, str] = {
    "name": "nome do agente", "icon": "ícone", "system_prompt": "diretriz (system prompt)", "model": "modelo",
    "fields": "campos de saída", "maxRuns": "máx. execuções (maxRuns)",
    "windowSeconds": "janela em segundos (windowSeconds)", "debounceSeconds": "espera em segundos (debounceSeconds)",
    "scope": "escopo",
}


def validation_message_pt(error: Mapping[str, Any]) -> str:
    """One pydantic error (``err.errors()[i]``) as a pt-BR sentence naming the field: never pydantic's English."""
    loc = [str(p) for p in error.get("loc", ())]
    where = FIELD_LABELS_PT.get(loc[-1], loc[-1]) if loc else ""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if isinstance(ctx.get("error"), Exception):
        text = str(ctx["error"])
    elif kind == "missing":
        text = "é obrigatório"
    elif kind == "string_too_short":
        text = "não pode ficar vazio" if ctx.get("min_length") == 1 else f"precisa de pelo menos {ctx.get('min_length')} caracteres"
    elif kind == "string_too_long":
        text = f"pode ter no máximo {ctx.get('max_length')} caracteres"
    elif kind in ("greater_than_equal", "greater_than"):
        text = f"precisa ser {'no mínimo' if kind == 'greater_than_equal' else 'maior que'} {ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        text = f"precisa ser {'no máximo' if kind == 'less_than_equal' else 'menor que'} {ctx.get('le', ctx.get('lt'))}"
    elif kind in ("int_parsing", "int_type", "float_parsing", "int_from_float"):
        text = "precisa ser um número inteiro"
    elif kind in ("literal_error", "enum"):
        text = f"precisa ser um de: {ctx.get('expected', '')}"
    else:
        text = "valor inválido"
    return f"{where}: {text}" if where else text


class AgentDefinitionError(InvalidInput):
    """An agent definition is invalid (name, prompt, model, trigger or field). Message is pt-BR."""


class AgentNotFoundError(NotFound):
    """No agent with that key or id in this organisation."""


class TriggerSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: EventType
    throttle_rules: ThrottleRules = Field(default_factory=ThrottleRules)


class AgentSpec(BaseModel):
    """Everything needed to run an agent. Built from a template, the database or the Builder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    name: str = Field(min_length=1, max_length=120)
    icon: str = Field(default="🤖", max_length=16)
    system_prompt: str = Field(min_length=1, max_length=20_000)
    model: str = Field(default="gpt-4o-mini", min_length=1, max_length=200)
    # Sent on every model call. None: sized from the output schema (engine.gateway.default_max_tokens).
    max_tokens: int | None = Field(default=None, ge=64, le=32_768)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    delivery: Delivery = Delivery.DIRECTOR
    is_active: bool = True
    template_key: str | None = None
    template_version: int | None = None
    version: int = 1
    fields: tuple[FieldSpec, ...]
    triggers: tuple[TriggerSpec, ...] = ()
    action_binding: dict[str, Any] | None = None

    @field_validator("fields")
    @classmethod
    def _fields_compile(cls, v: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
        # Tuple order is the field order; positions are normalised to it.
        v = tuple(f if f.position == i else f.model_copy(update={"position": i}) for i, f in enumerate(v))
        compile_schema(v)  # raises SchemaDefinitionError naming the field and the rule
        return v

    @property
    def key(self) -> str:
        """Template key when there is one, else the id (for display and CLI output)."""
        return self.template_key or (str(self.id) if self.id else self.name)

    # Shadows pydantic's deprecated v1 ``BaseModel.schema`` classmethod on purpose: the agent's output contract.
    def schema(self) -> CompiledSchema:  # type: ignore[override]
        return compile_schema(self.fields, f"{self.template_key or 'Agent'}Payload")

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.field_name == name), None)


def make_agent_spec(data: dict[str, Any]) -> AgentSpec:
    """Validate a raw definition (Builder form, JSON). Raises AgentDefinitionError with a clear message."""
    try:
        return AgentSpec.model_validate(data)
    except SchemaDefinitionError as err:
        raise AgentDefinitionError(str(err)) from None
    except ValidationError as err:
        first = err.errors()[0]
        ctx_err = first.get("ctx", {}).get("error")
        if isinstance(ctx_err, SchemaDefinitionError):
            raise AgentDefinitionError(str(ctx_err)) from None
        raise AgentDefinitionError(validation_message_pt(first)) from None


# ------------------------------------------------------------------------------ persistence
def _spec_from_rows(agent: AiAgent, fields: list[AiSchemaField], triggers: list[AiTrigger]) -> AgentSpec:
    return AgentSpec(
        id=agent.id,
        organization_id=agent.organization_id,
        name=agent.name,
        icon=agent.icon,
        system_prompt=agent.system_prompt,
        model=agent.model,
        max_tokens=agent.max_tokens,
        temperature=agent.temperature if agent.temperature is not None else 0.0,
        delivery=agent.delivery,
        is_active=agent.is_active,
        template_key=agent.template_key,
        template_version=agent.template_version,
        version=agent.version,
        action_binding=agent.action_binding,
        fields=tuple(
            FieldSpec(
                field_name=f.field_name,
                field_type=f.field_type,
                description=f.description,
                is_required=f.is_required,
                enum_values=tuple(f.enum_values) if f.enum_values is not None else None,
                min_value=f.min_value,
                max_value=f.max_value,
                position=f.position,
            )
            for f in sorted(fields, key=lambda f: f.position)
        ),
        triggers=tuple(
            TriggerSpec(event_type=t.event_type, throttle_rules=ThrottleRules.model_validate(t.throttle_rules or {}))
            for t in triggers
        ),
    )


def load_agent(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID) -> AgentSpec:
    agent = session.scalar(
        select(AiAgent).where(AiAgent.id == agent_id, AiAgent.organization_id == organization_id)
    )
    if agent is None:
        raise AgentNotFoundError(f"agente {agent_id} não encontrado nesta organização")
    fields = list(session.scalars(select(AiSchemaField).where(AiSchemaField.agent_id == agent.id)))
    triggers = list(session.scalars(select(AiTrigger).where(AiTrigger.agent_id == agent.id)))
    return _spec_from_rows(agent, fields, triggers)


def list_agents(session: Session, *, organization_id: uuid.UUID, active_only: bool = False) -> list[AgentSpec]:
    q = select(AiAgent).where(AiAgent.organization_id == organization_id)
    if active_only:
        q = q.where(AiAgent.is_active.is_(True))
    agents = list(session.scalars(q.order_by(AiAgent.created_at, AiAgent.name)))
    if not agents:
        return []
    ids = [a.id for a in agents]
    fields: dict[uuid.UUID, list[AiSchemaField]] = {i: [] for i in ids}
    for f in session.scalars(select(AiSchemaField).where(AiSchemaField.agent_id.in_(ids))):
        fields[f.agent_id].append(f)
    triggers: dict[uuid.UUID, list[AiTrigger]] = {i: [] for i in ids}
    for t in session.scalars(select(AiTrigger).where(AiTrigger.agent_id.in_(ids))):
        triggers[t.agent_id].append(t)
    return [_spec_from_rows(a, fields[a.id], triggers[a.id]) for a in agents]


def find_agent(session: Session, *, organization_id: uuid.UUID, key_or_id: str) -> AgentSpec:
    """An agent of the organisation by id, or by template key (the oldest copy)."""
    try:
        agent_uuid = uuid.UUID(key_or_id)
    except ValueError:
        agent_uuid = None
    if agent_uuid is not None:
        return load_agent(session, organization_id=organization_id, agent_id=agent_uuid)
    agent_id = session.scalar(
        select(AiAgent.id)
        .where(AiAgent.organization_id == organization_id, AiAgent.template_key == key_or_id)
        .order_by(AiAgent.created_at)
        .limit(1)
    )
    if agent_id is None:
        raise AgentNotFoundError(f"agente '{key_or_id}' não encontrado nesta organização")
    return load_agent(session, organization_id=organization_id, agent_id=agent_id)


def _definition_json(spec: AgentSpec) -> dict[str, Any]:
    return spec.model_dump(mode="json", exclude={"id", "organization_id", "version"}, by_alias=True)


def save_agent(
    session: Session, *, organization_id: uuid.UUID, spec: AgentSpec, user_id: uuid.UUID | None = None
) -> AgentSpec:
    """Create or update an agent with its fields and triggers; each save is a new version. Flushes only."""
    if spec.id is not None:
        agent = session.scalar(
            select(AiAgent).where(AiAgent.id == spec.id, AiAgent.organization_id == organization_id).with_for_update()
        )
        if agent is None:
            raise AgentNotFoundError(f"agente {spec.id} não encontrado nesta organização")
        agent.version += 1
        session.execute(delete(AiSchemaField).where(AiSchemaField.agent_id == agent.id))
        session.execute(delete(AiTrigger).where(AiTrigger.agent_id == agent.id))
    else:
        agent = AiAgent(organization_id=organization_id, version=1)
        session.add(agent)
    agent.name = spec.name
    agent.icon = spec.icon
    agent.system_prompt = spec.system_prompt
    agent.model = spec.model
    agent.max_tokens = spec.max_tokens
    agent.temperature = spec.temperature
    agent.delivery = spec.delivery
    agent.is_active = spec.is_active
    agent.template_key = spec.template_key
    agent.template_version = spec.template_version
    agent.action_binding = spec.action_binding
    session.flush()
    for i, f in enumerate(spec.fields):
        session.add(AiSchemaField(
            organization_id=organization_id, agent_id=agent.id, field_name=f.field_name, field_type=f.field_type,
            description=f.description, is_required=f.is_required,
            enum_values=list(f.enum_values) if f.enum_values is not None else None,
            min_value=f.min_value, max_value=f.max_value, position=i,
        ))
    for t in spec.triggers:
        session.add(AiTrigger(organization_id=organization_id, agent_id=agent.id, event_type=t.event_type,
                              throttle_rules=t.throttle_rules.to_json()))
    saved = spec.model_copy(update={"id": agent.id, "organization_id": organization_id, "version": agent.version})
    session.add(AiAgentVersion(organization_id=organization_id, agent_id=agent.id, version=agent.version,
                               definition=_definition_json(saved), created_by=user_id))
    session.flush()
    return saved


def set_agent_active(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID, active: bool) -> None:
    agent = session.scalar(select(AiAgent).where(AiAgent.id == agent_id, AiAgent.organization_id == organization_id))
    if agent is None:
        raise AgentNotFoundError(f"agente {agent_id} não encontrado nesta organização")
    agent.is_active = active
    session.flush()
