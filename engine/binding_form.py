"""The Builder's "Ação na Meta" form: the stored action binding as typed fields, and back.

``binding_form`` reads ``ai_agent.action_binding`` (or the template's implicit default) into a
``BindingForm``; ``binding_errors`` validates it against the agent's own fields (``field_form.FieldRow``);
``binding_json`` builds the value to store. The model, the condition language and the template
defaults are ``engine.actions.binding``'s. Choosing "Nenhuma" on a template with a default stores
``{"kind": NO_ACTION_KIND}``: an empty column would fall back to the default.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.actions.binding import (
    CAPI_EVENT_NAMES,
    DEFAULT_BINDINGS,
    NO_ACTION_KIND,
    ActionBinding,
    ConditionError,
    Node,
    parse_condition,
)
from engine.agents import AgentDefinitionError
from engine.field_form import FieldRow
from engine.models import FieldType, Organization
from engine.org_settings import OrgSettings

BINDING_KINDS: dict[str, str] = {
    NO_ACTION_KIND: "Nenhuma", "capi_event": "Evento de conversão (CAPI)", "audience_add": "Público de retargeting",
    "capi_custom_data": "Dados extras no Purchase (custom_data)"}
AUTO_APPLY_MODES: dict[str, str] = {
    "never": "Nunca (só quando alguém aplicar)", "always": "Sempre", "when": "Quando uma condição valer",
    "org": "Política da organização (página Integração Meta)"}
CAPI_EVENTS = CAPI_EVENT_NAMES
# Payload keys every agent has besides its own fields (the schema compiler adds them).
_IMPLICIT: dict[str, tuple[FieldType, tuple[str, ...]]] = {"summary": (FieldType.STRING, ()),
                                                          "confidence": (FieldType.NUMBER, ())}
_MAPPING_TYPES = {"value": (FieldType.NUMBER,), "currency": (FieldType.ENUM,),
                  # icp_mapper's default traits include ENUM fields (lifeStage, ageRange...).
                  "traits": (FieldType.ARRAY, FieldType.STRING, FieldType.ENUM)}
_TYPE_WORDS = {FieldType.STRING: "texto", FieldType.NUMBER: "número", FieldType.BOOLEAN: "sim/não",
               FieldType.ARRAY: "lista", FieldType.ENUM: "opções"}


@dataclass(frozen=True)
class BindingForm:
    """The Builder's "Ação na Meta" section as typed ("" = not set: ticket value, ticket currency)."""

    kind: str = NO_ACTION_KIND
    event_name: str = "Purchase"
    condition: str = ""
    value_field: str = ""
    currency_field: str = ""
    traits: tuple[str, ...] = ()
    auto_mode: str = "org"
    auto_condition: str = ""


def binding_form(action_binding: Mapping[str, Any] | None, template_key: str | None) -> tuple[BindingForm, bool]:
    """The form for a stored binding, and whether it is the template's implicit default (NULL column).

    ``{"kind": "none"}`` (a default turned off) reads back as "Nenhuma". Lenient on purpose: a stored
    binding that no longer validates is shown so its errors appear inline."""
    if action_binding and action_binding.get("kind") == NO_ACTION_KIND:
        return BindingForm(), False
    implicit = not action_binding and template_key in DEFAULT_BINDINGS
    raw: Mapping[str, Any] = action_binding or DEFAULT_BINDINGS.get(template_key or "") or {}
    if not raw:
        return BindingForm(), False
    mapping, auto = raw.get("mapping") or {}, raw.get("autoApply") or {}
    return BindingForm(
        kind=str(raw.get("kind") or NO_ACTION_KIND), event_name=str(raw.get("eventName") or "Purchase"),
        condition=str(raw.get("condition") or ""), value_field=str(mapping.get("value") or ""),
        currency_field=str(mapping.get("currency") or ""), traits=tuple(mapping.get("traits") or ()),
        auto_mode=str(auto.get("mode") or "org"), auto_condition=str(auto.get("condition") or ""),
    ), implicit


def _payload_fields(rows: Sequence[FieldRow]) -> dict[str, tuple[FieldType, tuple[str, ...]]]:
    out = {r.name.strip(): (r.type, r.listed_values) for r in rows if r.name.strip()}
    return {**out, **_IMPLICIT}


def binding_hints(rows: Sequence[FieldRow]) -> list[str]:
    """Condition-friendly fields (BOOLEAN/NUMBER/ENUM) as 'name (tipo)' hints, ``confidence`` included."""
    hints = []
    for name, (ftype, values) in _payload_fields(rows).items():
        if ftype in (FieldType.BOOLEAN, FieldType.NUMBER, FieldType.ENUM):
            hints.append(f"{name} ({', '.join(values) if values else _TYPE_WORDS[ftype]})")
    return hints


def binding_field_options(rows: Sequence[FieldRow]) -> dict[str, list[str]]:
    """Mapping choices per slot: value <- NUMBER fields, currency <- ENUM fields, traits <- ARRAY/STRING/ENUM."""
    fields = {r.name.strip(): r.type for r in rows if r.name.strip()}
    return {slot: [n for n, t in fields.items() if t in types] for slot, types in _MAPPING_TYPES.items()}


def _node_problem(node: Node, fields: Mapping[str, tuple[FieldType, tuple[str, ...]]]) -> str | None:
    if node[0] in ("or", "and"):
        return _node_problem(node[1], fields) or _node_problem(node[2], fields)
    if node[0] == "not":
        return _node_problem(node[1], fields)
    name = node[1] if node[0] == "truthy" else node[2]
    root = name.split(".")[0]
    if root not in fields:
        return f"o campo '{root}' não existe neste agente (use: {', '.join(fields)})"
    if node[0] == "truthy":
        return None
    _, op, _, lit = node
    ftype, values = fields[root]
    wrong = None
    if isinstance(lit, bool) and ftype is not FieldType.BOOLEAN:
        wrong = "true/false"
    elif isinstance(lit, float) and ftype is not FieldType.NUMBER:
        wrong = "um número"
    elif isinstance(lit, str) and ftype in (FieldType.NUMBER, FieldType.BOOLEAN):
        wrong = "um texto"
    if wrong:
        return f"'{name}' é do tipo {_TYPE_WORDS[ftype]}: não dá para comparar com {wrong}"
    if isinstance(lit, str) and ftype is FieldType.ENUM and values and lit not in values:
        return f"'{lit}' não é um valor de '{name}' (valores: {', '.join(values)})"
    return None


def condition_error(text: str, rows: Sequence[FieldRow]) -> str | None:
    """Why a condition is invalid for this agent (syntax, unknown field, wrong type), or None."""
    try:
        node = parse_condition(text)
    except ConditionError as err:
        if re.search(r"(?<![=!<>])=(?!=)", text):  # the usual slip: '=' for '=='
            return f"{err} — para comparar use '==' (ou '!=', '>=', '<='), não '=' sozinho"
        return str(err)
    return _node_problem(node, _payload_fields(rows))


def binding_errors(form: BindingForm, rows: Sequence[FieldRow], template_key: str | None = None) -> dict[str, str]:
    """Inline validation of the "Ação na Meta" section: part -> pt-BR message (empty when valid).

    ``template_key`` is accepted for symmetry with ``binding_json``: "Nenhuma" is valid on every agent."""
    if form.kind == NO_ACTION_KIND:
        return {}
    errors: dict[str, str] = {}
    if form.kind not in BINDING_KINDS:
        errors["kind"] = f"tipo de ação desconhecido: {form.kind}"
    if form.kind == "capi_event" and form.event_name not in CAPI_EVENTS:
        errors["event"] = f"evento deve ser um de {', '.join(CAPI_EVENTS)} (a Meta rejeita outros nomes)"
    if form.condition.strip() and (problem := condition_error(form.condition, rows)):
        errors["condition"] = problem
    options = binding_field_options(rows)
    slots = {"value": (form.value_field,), "currency": (form.currency_field,), "traits": form.traits}
    for slot, names in slots.items():
        for name in (n for n in names if n and n not in options[slot]):
            kinds = "/".join(t.value for t in _MAPPING_TYPES[slot])
            errors[slot] = f"o campo '{name}' não existe neste agente ou não é {kinds}"
    if form.auto_mode not in AUTO_APPLY_MODES:
        errors["auto"] = f"política de aplicação automática desconhecida: {form.auto_mode}"
    elif form.auto_mode == "when":
        if not form.auto_condition.strip():
            errors["auto"] = "informe a condição, ex.: confidence >= 0.8"
        elif problem := condition_error(form.auto_condition, rows):
            errors["auto"] = problem
    return errors


def _binding_dict(form: BindingForm) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    if form.kind == "capi_event":
        mapping = {"value": form.value_field or None, "currency": form.currency_field or None}
    if form.kind in ("capi_event", "capi_custom_data"):
        mapping["traits"] = list(form.traits)
    auto: dict[str, Any] = {"mode": form.auto_mode}
    if form.auto_mode == "when":
        auto["condition"] = form.auto_condition.strip()
    return {"kind": form.kind, "eventName": form.event_name if form.kind == "capi_event" else None,
            "condition": form.condition.strip() or None, "mapping": mapping, "autoApply": auto}


def binding_json(form: BindingForm, rows: Sequence[FieldRow], template_key: str | None = None) -> dict[str, Any] | None:
    """The ``ai_agent.action_binding`` value for the form. Raises AgentDefinitionError (pt-BR) naming the invalid part.

    None for the template's own default (so the agent keeps following it) and for "Nenhuma" on an agent
    without a default; ``{"kind": "none"}`` for "Nenhuma" on a template with one (NULL would mean the default)."""
    if errors := binding_errors(form, rows, template_key):
        raise AgentDefinitionError(f"ação na Meta: {next(iter(errors.values()))}")
    if form.kind == NO_ACTION_KIND:
        return {"kind": NO_ACTION_KIND} if template_key in DEFAULT_BINDINGS else None
    try:
        stored = ActionBinding.model_validate(_binding_dict(form)).to_json()
    except (ValidationError, ConditionError) as err:
        raise AgentDefinitionError(f"ação na Meta: {err}") from None
    default = DEFAULT_BINDINGS.get(template_key or "")
    return None if default and ActionBinding.model_validate(default).to_json() == stored else stored


def is_template_default(form: BindingForm, rows: Sequence[FieldRow], template_key: str | None) -> bool:
    """The form equals the template's default binding (saved as NULL, shown as "padrão do template")."""
    if template_key not in DEFAULT_BINDINGS or form.kind == NO_ACTION_KIND or binding_errors(form, rows, template_key):
        return False
    try:
        return binding_json(form, rows, template_key) is None
    except AgentDefinitionError:
        return False


def org_auto_apply(session: Session, *, organization_id: uuid.UUID, kind: str) -> str | None:
    """What the organisation's policy does for this kind today: the condition, "" = always, None = off."""
    if kind not in ("capi_event", "audience_add", "capi_custom_data"):
        return None
    org = session.scalar(select(Organization).where(Organization.id == organization_id))
    probe = ActionBinding.model_validate({"kind": kind, "eventName": "Purchase"})
    return probe.auto_apply_condition(OrgSettings.load(org.settings if org else None))
