"""The Builder's "+ Campo" rows: an agent's output fields as typed in the form, and their checks.

``FieldRow.to_spec`` turns a row into the schema compiler's ``FieldSpec``; ``field_row_errors``
validates the rows inline with the compiler's pt-BR messages. Pure: no database, no Streamlit.
Used by ``engine.catalog`` (``build_spec``) and ``engine.binding_form`` (the "Ação na Meta" checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.models import FieldType
from engine.schema_compiler import FieldSpec, SchemaDefinitionError, validate_field


@dataclass(frozen=True)
class FieldRow:
    """One "+ Campo" row as typed in the Builder (enum values comma-separated)."""

    name: str
    type: FieldType
    description: str = ""
    required: bool = True
    enum_values: str = ""
    min_value: float | None = None
    max_value: float | None = None

    def to_spec(self, position: int = 0) -> FieldSpec:
        values = parse_enum_values(self.enum_values)
        if self.type not in (FieldType.ENUM, FieldType.ARRAY):
            values = None  # a leftover list from a previous type choice is not an error
        bounds = (self.min_value, self.max_value) if self.type is FieldType.NUMBER else (None, None)
        return FieldSpec(field_name=self.name.strip(), field_type=self.type, description=self.description.strip(),
                         is_required=self.required, enum_values=values, min_value=bounds[0],
                         max_value=bounds[1], position=position)

    @property
    def listed_values(self) -> tuple[str, ...]:
        """The comma-separated values as typed, whatever the type (the "Ação na Meta" checks read them)."""
        return parse_enum_values(self.enum_values) or ()


def parse_enum_values(text: str) -> tuple[str, ...] | None:
    """'PRICE, TRUST , ' -> ('PRICE', 'TRUST'); blank -> None."""
    values = tuple(v.strip() for v in text.split(",") if v.strip())
    return values or None


def field_row_errors(rows: Sequence[FieldRow]) -> dict[int, str]:
    """Inline validation of the Builder rows: row index -> the schema compiler's pt-BR message."""
    errors: dict[int, str] = {}
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        try:
            validate_field(row.to_spec(i))
        except SchemaDefinitionError as err:
            errors[i] = str(err)
            continue
        key = row.name.strip().lower()
        if key in seen:
            errors[i] = f"campo '{row.name.strip()}': já existe um campo com esse nome (linha {seen[key] + 1})"
        else:
            seen[key] = i
    return errors
