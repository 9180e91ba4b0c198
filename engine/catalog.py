"""Service functions behind the Studio's Galeria de Copilotos and Agent Builder.

Everything is scoped by ``organization_id``. Helpers flush, never commit (the page's request
opens the transaction). ``test_run`` is the Builder's "Testar": it calls ``engine.runner.run_agent``,
the same function the worker runs, and writes nothing. The "Ação na Meta" section (``BindingForm``)
lives in ``engine.binding_form``; ``build_spec`` stores what its ``binding_json`` returns. The
"+ Campo" rows (``FieldRow``, ``field_row_errors``) live in ``engine.field_form`` and are re-exported
here for the Builder page.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from engine import agents, gateway, templates
from engine.agents import AgentDefinitionError, AgentSpec, TriggerSpec
from engine.binding_form import BindingForm, binding_json
from engine.conversation import ConversationError, load_conversation
from engine.db import session_scope
from engine.field_form import FieldRow as FieldRow
from engine.field_form import field_row_errors as field_row_errors
from engine.models import (
    AiAgent,
    AiInsight,
    AiRun,
    AiTrigger,
    Contact,
    Delivery,
    EventType,
    Organization,
    RunStatus,
    Ticket,
)
from engine.org_settings import OrgSettings
from engine.runner import RunOutcome, load_ticket_context, run_agent
from engine.throttle_rules import ThrottleRules

CONVERSATIONS_DIR = Path(__file__).resolve().parents[1] / "data" / "conversations"
CARD_WINDOW = timedelta(days=7)
# Typical run for the cost estimate: system prompt + schema + a budgeted transcript in, one insight out.
ESTIMATE_TRANSCRIPT_TOKENS = 1200
ESTIMATE_COMPLETION_TOKENS = 250
SUGGESTED_MODELS: tuple[str, ...] = ("offline", "gpt-4o-mini", "llama-3.3-70b")
_EXECUTED = (RunStatus.SUCCEEDED, RunStatus.FAILED)


# ------------------------------------------------------------------------------ gallery
@dataclass(frozen=True)
class AgentCard:
    """One agent of the organisation with its activity in the last 7 days."""

    id: uuid.UUID
    name: str
    icon: str
    is_active: bool
    model: str
    delivery: Delivery
    template_key: str | None
    version: int
    triggers: tuple[EventType, ...]
    last_run_at: datetime | None
    runs_7d: int
    insights_7d: int
    cost_7d: Decimal
    uncited_7d: int = 0  # insights "sem evidência" (no citation survived the check)


def agent_cards(session: Session, *, organization_id: uuid.UUID, now: datetime | None = None) -> list[AgentCard]:
    """Every agent of the organisation with triggers, last run, insights and cost (7 days): ONE query."""
    since = (now or datetime.now(UTC)) - CARD_WINDOW
    runs = (
        select(
            AiRun.agent_id,
            func.max(AiRun.created_at).filter(AiRun.status.in_(_EXECUTED)).label("last_run_at"),
            func.count().filter(AiRun.created_at >= since, AiRun.status.in_(_EXECUTED)).label("runs_7d"),
            func.coalesce(func.sum(AiRun.cost_usd).filter(AiRun.created_at >= since), 0).label("cost_7d"),
        )
        .where(AiRun.organization_id == organization_id)
        .group_by(AiRun.agent_id)
        .subquery()
    )
    insights = (
        select(AiInsight.agent_id, func.count().label("insights_7d"),
               func.count().filter(AiInsight.uncited.is_(True)).label("uncited_7d"))
        .where(AiInsight.organization_id == organization_id, AiInsight.created_at >= since)
        .group_by(AiInsight.agent_id)
        .subquery()
    )
    triggers = (
        select(AiTrigger.agent_id,
               func.array_agg(aggregate_order_by(AiTrigger.event_type, AiTrigger.event_type)).label("events"))
        .where(AiTrigger.organization_id == organization_id)
        .group_by(AiTrigger.agent_id)
        .subquery()
    )
    rows = session.execute(
        select(AiAgent.id, AiAgent.name, AiAgent.icon, AiAgent.is_active, AiAgent.model, AiAgent.delivery,
               AiAgent.template_key, AiAgent.version, triggers.c.events, runs.c.last_run_at, runs.c.runs_7d,
               runs.c.cost_7d, insights.c.insights_7d, insights.c.uncited_7d)
        .outerjoin(runs, runs.c.agent_id == AiAgent.id)
        .outerjoin(insights, insights.c.agent_id == AiAgent.id)
        .outerjoin(triggers, triggers.c.agent_id == AiAgent.id)
        .where(AiAgent.organization_id == organization_id)
        .order_by(AiAgent.created_at, AiAgent.name)
    ).all()
    return [
        AgentCard(
            id=r.id, name=r.name, icon=r.icon, is_active=r.is_active, model=r.model, delivery=r.delivery,
            template_key=r.template_key, version=r.version,
            triggers=tuple(EventType(str(getattr(e, "value", e))) for e in (r.events or ())),
            last_run_at=r.last_run_at, runs_7d=int(r.runs_7d or 0), insights_7d=int(r.insights_7d or 0),
            cost_7d=Decimal(r.cost_7d or 0), uncited_7d=int(r.uncited_7d or 0),
        )
        for r in rows
    ]


def set_active(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID, active: bool) -> None:
    """Turn an agent on or off (AgentNotFoundError when it is not in this organisation)."""
    agents.set_agent_active(session, organization_id=organization_id, agent_id=agent_id, active=active)


@dataclass(frozen=True)
class TemplateCard:
    """A built-in copilot of the Template Library and how many copies the organisation has."""

    key: str
    name: str
    icon: str
    delivery: Delivery
    triggers: tuple[EventType, ...]
    field_names: tuple[str, ...]
    installed: int


def template_library(session: Session, *, organization_id: uuid.UUID) -> list[TemplateCard]:
    """The six templates with the organisation's install count (one grouped query)."""
    counts = dict(session.execute(
        select(AiAgent.template_key, func.count())
        .where(AiAgent.organization_id == organization_id, AiAgent.template_key.is_not(None))
        .group_by(AiAgent.template_key)
    ).tuples().all())
    return [
        TemplateCard(key=key, name=t.name, icon=t.icon, delivery=t.delivery,
                     triggers=tuple(tr.event_type for tr in t.triggers),
                     field_names=tuple(f.field_name for f in t.fields), installed=int(counts.get(key, 0)))
        for key, t in ((k, templates.get_template(k)) for k in templates.TEMPLATE_KEYS)
    ]


def install_template(
    session: Session, *, organization_id: uuid.UUID, key: str, user_id: uuid.UUID | None = None,
    allow_copy: bool = False,
) -> AgentSpec:
    """Install a template; raises TemplateAlreadyInstalled (pt-BR message) when installed and ``allow_copy`` is False."""
    return templates.install_template(session, organization_id=organization_id, key=key, user_id=user_id,
                                      allow_copy=allow_copy)


# ------------------------------------------------------------------------------ builder form
def throttle_error(rules: Mapping[str, Any]) -> str | None:
    """The pt-BR reason a throttle form is invalid, or None. Blank values mean "no limit"."""
    try:
        ThrottleRules.model_validate({k: v for k, v in rules.items() if v not in (None, "")})
    except ValidationError as err:
        return agents.validation_message_pt(err.errors()[0])
    return None


def build_spec(
    *, base: AgentSpec | None, name: str, icon: str, system_prompt: str, model: str, delivery: Delivery,
    fields: Sequence[FieldRow], triggers: Mapping[EventType, Mapping[str, Any]], is_active: bool = True,
    binding: BindingForm | None = None,
) -> AgentSpec:
    """The AgentSpec the Builder form describes (``base`` keeps id and template).

    ``binding`` None keeps the base's action binding; a BindingForm replaces it (see ``binding_json``).
    Raises AgentDefinitionError with a pt-BR message naming the part that is wrong."""
    trigger_specs = []
    for event, rules in triggers.items():
        problem = throttle_error(rules)
        if problem:
            raise AgentDefinitionError(f"gatilho {event.value}: {problem}")
        clean = {k: v for k, v in rules.items() if v not in (None, "")}
        trigger_specs.append(TriggerSpec(event_type=event, throttle_rules=ThrottleRules.model_validate(clean)))
    data: dict[str, Any] = base.model_dump() if base is not None else {}
    data.update(name=name.strip(), icon=icon.strip() or "🤖", system_prompt=system_prompt.strip(),
                model=model.strip(), delivery=delivery, is_active=is_active,
                fields=tuple(r.to_spec(i) for i, r in enumerate(fields)), triggers=tuple(trigger_specs))
    if not data["fields"]:
        raise AgentDefinitionError("adicione pelo menos um campo de saída (+ Campo)")
    spec = agents.make_agent_spec(data)
    if binding is not None:
        spec = spec.model_copy(update={"action_binding": binding_json(binding, fields, spec.template_key)})
    return spec


def save_agent(
    session: Session, *, organization_id: uuid.UUID, spec: AgentSpec, user_id: uuid.UUID | None = None
) -> AgentSpec:
    """Save the Builder's spec as a new version (``spec.id`` None creates the agent). Flushes only."""
    return agents.save_agent(session, organization_id=organization_id, spec=spec, user_id=user_id)


def load_agent(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID) -> AgentSpec:
    """The agent's current version (AgentNotFoundError when it is not in this organisation)."""
    return agents.load_agent(session, organization_id=organization_id, agent_id=agent_id)


# ------------------------------------------------------------------------------ models
@dataclass(frozen=True)
class ModelOption:
    """A model the picker offers: estimated USD per 1,000 runs (None = unknown) and routing note."""

    name: str
    cost_per_1000: float | None
    note: str | None
    error: str | None = None


def estimate_prompt_tokens(spec_prompt: str, schema_json: Mapping[str, Any] | None = None) -> int:
    """Rough prompt size: ~4 characters per token for prompt and schema, plus a budgeted transcript."""
    schema_chars = len(json.dumps(schema_json, ensure_ascii=False)) if schema_json else 1200
    return (len(spec_prompt) + schema_chars) // 4 + ESTIMATE_TRANSCRIPT_TOKENS


def model_option(name: str, *, prompt_tokens: int = 2000) -> ModelOption:
    """Route and price one model name without calling it. ``error`` set when the name is not routable."""
    name = name.strip()
    try:
        route = gateway.resolve_model(name)
    except gateway.UnknownModelError as err:
        return ModelOption(name=name, cost_per_1000=None, note=None, error=err.message)
    cost = gateway.estimate_cost_per_1000_runs(name, prompt_tokens, ESTIMATE_COMPLETION_TOKENS)  # never raises
    note = route.offline_reason if route.offline_reason and name != gateway.OFFLINE else None
    return ModelOption(name=name, cost_per_1000=cost, note=note)


# ------------------------------------------------------------------------------ Testar
@dataclass(frozen=True)
class Sample:
    """A conversation to test on: a stored ticket (ref = ticket id) or a data/ file (ref = file name)."""

    kind: Literal["ticket", "file"]
    ref: str
    label: str


def sample_tickets(session: Session, *, organization_id: uuid.UUID, limit: int = 40) -> list[Sample]:
    """Recent tickets of the organisation (one query) followed by the demo files in data/conversations."""
    rows = session.execute(
        select(Ticket.id, Ticket.external_ref, Ticket.status, Ticket.utm_campaign, Contact.name)
        .join(Contact, Contact.id == Ticket.contact_id)
        .where(Ticket.organization_id == organization_id, Contact.organization_id == organization_id)
        .order_by(Ticket.last_message_at.desc().nulls_last(), Ticket.created_at.desc())
        .limit(limit)
    ).all()
    samples = [
        Sample("ticket", str(r.id), f"Ticket {r.external_ref or str(r.id)[:8]} · {r.name or 'sem nome'} · "
                                    f"{r.status.value}" + (f" · {r.utm_campaign}" if r.utm_campaign else ""))
        for r in rows
    ]
    return samples + sample_files()


def sample_files(directory: Path = CONVERSATIONS_DIR) -> list[Sample]:
    """The fixture files in data/conversations (label: id, contact, status)."""
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            label = (f"Arquivo {path.name} · {data.get('contact', {}).get('name') or 'sem nome'} · "
                     f"{data.get('ticket', {}).get('status', 'OPEN')}")
        except (OSError, ValueError, AttributeError):
            label = f"Arquivo {path.name} (ilegível)"
        out.append(Sample("file", path.name, label))
    return out


def _sample_path(ref: str, directory: Path) -> Path:
    # Only a bare file name inside data/conversations: a sample never reads elsewhere on disk.
    path = (directory / ref).resolve()
    if path.parent != directory.resolve() or path.suffix != ".json":
        raise ConversationError(f"amostra inválida: {ref}")
    return path


def test_run(
    organization_id: uuid.UUID, agent_spec: AgentSpec, sample: Sample, *, session: Session | None = None,
    directory: Path = CONVERSATIONS_DIR,
) -> RunOutcome:
    """Run the (possibly unsaved) agent on a sample through ``runner.run_agent``; writes nothing.

    Raises ConversationError (bad sample), GatewayError (model failure) or AgentDefinitionError."""
    if session is None:
        with session_scope() as own:
            return test_run(organization_id, agent_spec, sample, session=own, directory=directory)
    if sample.kind == "ticket":
        try:
            ticket_id = uuid.UUID(sample.ref)
        except ValueError:
            raise ConversationError(f"ticket inválido: {sample.ref}") from None
        ctx = load_ticket_context(session, organization_id=organization_id, ticket_id=ticket_id)
        return run_agent(agent_spec, ctx)
    conv = load_conversation(_sample_path(sample.ref, directory))
    org = session.get(Organization, organization_id)
    return run_agent(agent_spec, conv, org_settings=OrgSettings.load(org.settings if org else None))


test_run.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported into tests
