"""Every problem of the Builder form at once, in pt-BR, keyed by the part of the form it belongs to.

``build_spec`` stops at the first problem; the Builder shows this list next to "Salvar" and each
message at its field, so the user fixes everything in one pass. Keys: ``name``, ``prompt``,
``model``, ``fields`` (none yet), ``field.<row index>``, ``trigger.<EVENT>``, ``binding.<part>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.binding_form import BindingForm, binding_errors
from engine.catalog import model_option, throttle_error
from engine.field_form import FieldRow, field_row_errors
from engine.models import EventType

NAME_MAX, PROMPT_MAX, MODEL_MAX = 120, 20_000, 200


def form_errors(
    *, name: str, system_prompt: str, model: str, fields: Sequence[FieldRow],
    triggers: Mapping[EventType, Mapping[str, Any]], binding: BindingForm | None = None,
    template_key: str | None = None, event_labels: Mapping[EventType, str] | None = None,
) -> dict[str, str]:
    """All problems of the form (empty when it can be saved), in form order.

    ``event_labels``: how the page names each trigger (defaults to the event's value)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Dê um nome ao agente."
    elif len(name.strip()) > NAME_MAX:
        errors["name"] = f"O nome do agente pode ter no máximo {NAME_MAX} caracteres."
    if not system_prompt.strip():
        errors["prompt"] = "Escreva a diretriz do agente (system prompt)."
    elif len(system_prompt.strip()) > PROMPT_MAX:
        errors["prompt"] = f"A diretriz pode ter no máximo {PROMPT_MAX:,} caracteres.".replace(",", ".")
    if not model.strip():
        errors["model"] = "Escolha um modelo (ou informe o id do modelo)."
    elif len(model.strip()) > MODEL_MAX:
        errors["model"] = f"O id do modelo pode ter no máximo {MODEL_MAX} caracteres."
    elif (problem := model_option(model).error) is not None:
        errors["model"] = f"Modelo: {problem}"
    for event, rules in triggers.items():
        if problem := throttle_error(rules):
            label = (event_labels or {}).get(event, event.value)
            errors[f"trigger.{event.value}"] = f"Gatilho “{label}”: {problem}"
    if not fields:
        errors["fields"] = "Adicione pelo menos um campo de saída (+ Campo)."
    for index, message in field_row_errors(fields).items():
        label = fields[index].name.strip() or f"linha {index + 1}"
        if not fields[index].name.strip():
            message = "dê um nome ao campo (letras, números e _; começa com letra)"
        errors[f"field.{index}"] = f"Campo {label}: {message}" if not message.startswith("campo") else \
            message[0].upper() + message[1:]
    if binding is not None:
        for part, message in binding_errors(binding, fields, template_key).items():
            errors[f"binding.{part}"] = f"Ação na Meta: {message}"
    return errors
