"""AiSchemaField rows -> a Pydantic model and its JSON Schema (ARCHITECTURE section 4).

Three fields are added to every schema: ``summary``, ``confidence`` and ``citations`` (the evidence
check lives in ``engine.citations``).

Pure and cached: no database, no network. Invalid definitions raise ``SchemaDefinitionError``
naming the field and the rule it breaks.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

from engine import citations as evidence
from engine.errors import InvalidInput
from engine.models import FieldType

SUMMARY_MAX_CHARS = 280
STRING_MAX_CHARS = 2000
MAX_FIELDS = 40
MAX_ENUM_VALUES = 100
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
ENUM_VALUE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\- ]{0,63}$")
# Added to every schema, or names that would clash with Pydantic's own attributes.
RESERVED = frozenset({"summary", "confidence", "citations", "engine", "model_config", "model_fields", "schema", "json",
                      "dict", "copy", "validate", "construct", "fields"})


class SchemaDefinitionError(InvalidInput):
    """An output-field definition is invalid. ``field`` and ``rule`` say which and why."""

    def __init__(self, field: str, rule: str, message: str) -> None:
        super().__init__(f"campo '{field}': {message}")
        self.field = field
        self.rule = rule
        self.message = message


class FieldSpec(BaseModel):
    """One output field as a director defines it (mirror of an ``ai_schema_field`` row)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field_name: str
    field_type: FieldType
    description: str = ""
    is_required: bool = True
    enum_values: tuple[str, ...] | None = None
    min_value: float | None = None
    max_value: float | None = None
    position: int = 0


@dataclass(frozen=True)
class CompiledSchema:
    """The output contract of one agent: a Pydantic model and the JSON Schema the model sees."""

    model: type[BaseModel]
    json_schema: dict[str, Any]
    fields: tuple[FieldSpec, ...]

    def validate(self, data: Any) -> BaseModel:
        return self.model.model_validate(data)


class _OutputBase(BaseModel):
    # strict: the model accepts exactly what the JSON Schema accepts (no "1.5" for a number).
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _evidence(self, info: ValidationInfo) -> _OutputBase:
        """Citations must quote the messages the agent saw (when the caller says which: engine.citations)."""
        index = evidence.index_from(info.context)
        cited = getattr(self, "citations", None)
        if cited is None:
            return self
        if index is not None:
            kept = evidence.check(cited, index)
            if kept != cited:
                object.__setattr__(self, "citations", kept)
        elif not cited:  # what minItems says; only a dropping check may leave none ("sem evidência")
            evidence.require_some(cited)
        return self


def validate_field(spec: FieldSpec) -> None:
    """Raise SchemaDefinitionError when one field definition breaks a rule."""
    name = spec.field_name
    if not IDENTIFIER.match(name or ""):
        raise SchemaDefinitionError(
            name or "(vazio)", "identifier",
            "o nome deve começar com uma letra e conter só letras, números e _ (máx. 64)",
        )
    if keyword.iskeyword(name) or name in RESERVED or name.startswith("model_"):
        raise SchemaDefinitionError(name, "reserved", "nome reservado; escolha outro nome")
    values = spec.enum_values
    if spec.field_type is FieldType.ENUM:
        if not values:
            raise SchemaDefinitionError(name, "enum_values_required", "um campo ENUM precisa de valores")
    if spec.field_type in (FieldType.ENUM, FieldType.ARRAY) and values is not None:
        if len(values) == 0 and spec.field_type is FieldType.ARRAY:
            raise SchemaDefinitionError(name, "enum_values_empty", "a lista de valores está vazia")
        if len(values) > MAX_ENUM_VALUES:
            raise SchemaDefinitionError(name, "enum_values_too_many", f"no máximo {MAX_ENUM_VALUES} valores")
        if len(set(values)) != len(values):
            dup = next(v for v in values if values.count(v) > 1)
            raise SchemaDefinitionError(name, "enum_values_unique", f"valor repetido: '{dup}'")
        for v in values:
            if not isinstance(v, str) or not ENUM_VALUE.match(v):
                raise SchemaDefinitionError(
                    name, "enum_value_format", f"valor inválido '{v}': use letras, números, _ ou - (máx. 64)"
                )
    elif values:
        raise SchemaDefinitionError(
            name, "enum_values_type", f"valores só valem para ENUM ou ARRAY, não para {spec.field_type.value}"
        )
    if spec.min_value is not None or spec.max_value is not None:
        if spec.field_type is not FieldType.NUMBER:
            raise SchemaDefinitionError(name, "bounds_type", "mínimo/máximo só valem para NUMBER")
        if spec.min_value is not None and spec.max_value is not None and spec.min_value > spec.max_value:
            raise SchemaDefinitionError(name, "bounds_order", "o mínimo é maior que o máximo")
    if len(spec.description) > 1000:
        raise SchemaDefinitionError(name, "description_length", "a descrição passa de 1000 caracteres")


def validate_fields(specs: tuple[FieldSpec, ...] | list[FieldSpec]) -> None:
    """Validate every field and the set (unique names, count)."""
    if len(specs) > MAX_FIELDS:
        raise SchemaDefinitionError("(esquema)", "too_many_fields", f"no máximo {MAX_FIELDS} campos")
    seen: set[str] = set()
    for spec in specs:
        validate_field(spec)
        if spec.field_name.lower() in seen:
            raise SchemaDefinitionError(spec.field_name, "unique_name", "já existe um campo com esse nome")
        seen.add(spec.field_name.lower())


def _python_type(spec: FieldSpec) -> Any:
    if spec.field_type is FieldType.STRING:
        return str
    if spec.field_type is FieldType.NUMBER:
        return float
    if spec.field_type is FieldType.BOOLEAN:
        return bool
    if spec.field_type is FieldType.ENUM:
        return Literal[tuple(spec.enum_values or ())]
    if spec.enum_values:
        return list[Literal[tuple(spec.enum_values)]]  # type: ignore[misc]
    return list[str]


def _field_info(spec: FieldSpec) -> Any:
    kwargs: dict[str, Any] = {"description": spec.description or None}
    if spec.field_type is FieldType.STRING:
        kwargs["max_length"] = STRING_MAX_CHARS
    if spec.field_type is FieldType.NUMBER:
        if spec.min_value is not None:
            kwargs["ge"] = spec.min_value
        if spec.max_value is not None:
            kwargs["le"] = spec.max_value
    if spec.field_type is FieldType.ARRAY:
        kwargs["max_length"] = 50
    if spec.is_required:
        return Field(..., **kwargs)
    return Field(default=None, **kwargs)


@lru_cache(maxsize=512)
def _compile(specs: tuple[FieldSpec, ...], model_name: str) -> CompiledSchema:
    validate_fields(specs)
    definitions: dict[str, Any] = {}
    for spec in sorted(specs, key=lambda s: s.position):
        py = _python_type(spec)
        definitions[spec.field_name] = (py if spec.is_required else py | None, _field_info(spec))
    definitions["summary"] = (
        str,
        Field(..., min_length=1, max_length=SUMMARY_MAX_CHARS,
              description="Texto curto da bolha do insight (máx. 280 caracteres), no idioma da conversa."),
    )
    definitions["confidence"] = (
        float, Field(..., ge=0.0, le=1.0, description="Confiança de 0 a 1 na análise.")
    )
    # Required, 1-3 items. The minimum is checked in ``_OutputBase._evidence`` (not as min_length) so that
    # an answer whose every citation was dropped after the re-ask can still be kept as "sem evidência".
    definitions["citations"] = (
        list[evidence.Citation],
        Field(..., max_length=evidence.CITATIONS_MAX, description=evidence.CITATIONS_DESCRIPTION,
              json_schema_extra={"minItems": evidence.CITATIONS_MIN}),
    )
    model = create_model(model_name, __base__=_OutputBase, **definitions)
    return CompiledSchema(model=model, json_schema=model.model_json_schema(), fields=specs)


def compile_schema(specs: list[FieldSpec] | tuple[FieldSpec, ...], model_name: str = "InsightPayload") -> CompiledSchema:
    """Compile field definitions (in ``position`` order) into a validated output contract.

    Cached on the (immutable) definitions, so the worker compiles each agent version once.
    """
    safe_name = re.sub(r"[^A-Za-z0-9_]", "_", model_name) or "InsightPayload"
    return _compile(tuple(specs), safe_name)
