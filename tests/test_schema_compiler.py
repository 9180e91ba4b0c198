"""Schema compiler: pure, no database. Property test: the JSON Schema accepts exactly what Pydantic accepts."""

from __future__ import annotations

import keyword
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.models import FieldType
from engine.schema_compiler import (
    RESERVED,
    SUMMARY_MAX_CHARS,
    FieldSpec,
    SchemaDefinitionError,
    compile_schema,
)
from engine.templates import TEMPLATES


def f(name: str, ftype: FieldType, **kw: Any) -> FieldSpec:
    return FieldSpec(field_name=name, field_type=ftype, **kw)


def test_types_map_as_specified() -> None:
    c = compile_schema([
        f("s", FieldType.STRING, description="texto"),
        f("n", FieldType.NUMBER, min_value=0, max_value=100),
        f("b", FieldType.BOOLEAN),
        f("a", FieldType.ARRAY),
        f("ae", FieldType.ARRAY, enum_values=("X", "Y")),
        f("e", FieldType.ENUM, enum_values=("A", "B")),
        f("opt", FieldType.STRING, is_required=False),
    ])
    props = c.json_schema["properties"]
    assert props["s"]["type"] == "string" and props["s"]["description"] == "texto"
    assert props["n"] == {"maximum": 100.0, "minimum": 0.0, "title": "N", "type": "number"}
    assert props["b"]["type"] == "boolean"
    assert props["a"]["items"] == {"type": "string"}
    assert props["ae"]["items"]["enum"] == ["X", "Y"]
    assert props["e"]["enum"] == ["A", "B"]
    assert {"type": "null"} in props["opt"]["anyOf"]
    assert set(c.json_schema["required"]) == {"s", "n", "b", "a", "ae", "e", "summary", "confidence", "citations"}
    assert c.json_schema["additionalProperties"] is False
    assert props["summary"]["maxLength"] == SUMMARY_MAX_CHARS
    assert props["confidence"]["minimum"] == 0 and props["confidence"]["maximum"] == 1


def test_model_validates_and_rejects() -> None:
    c = compile_schema([f("risk", FieldType.NUMBER, min_value=0, max_value=100),
                        f("kind", FieldType.ENUM, enum_values=("A", "B"))])
    cite = [{"message_id": "1", "quote": "oi"}]
    ok = c.validate({"risk": 40, "kind": "A", "summary": "ok", "confidence": 0.5, "citations": cite})
    assert ok.model_dump()["risk"] == 40.0
    base = {"summary": "ok", "confidence": 0.5, "citations": cite}
    for bad in (
        {"risk": 101, "kind": "A", **base},  # bound
        {"risk": "40", "kind": "A", **base},  # strict: no numeric strings
        {"risk": 4, "kind": "C", **base},  # enum
        {"risk": 4, "kind": "A", **base, "summary": "x" * 281},  # summary length
        {"risk": 4, "kind": "A", **base, "confidence": 1.5},  # confidence range
        {"risk": 4, "kind": "A", **base, "extra": 1},  # extra=forbid
        {"kind": "A", **base},  # missing required
        {"risk": 4, "kind": "A", "summary": "ok", "confidence": 0.5},  # no citations
        {"risk": 4, "kind": "A", **base, "citations": []},  # 1-3 citations
        {"risk": 4, "kind": "A", **base, "citations": cite * 4},
        {"risk": 4, "kind": "A", **base, "citations": [{"message_id": "1"}]},  # a citation needs its quote
    ):
        with pytest.raises(ValidationError):
            c.validate(bad)


def test_compile_is_cached() -> None:
    specs = (f("x", FieldType.BOOLEAN),)
    assert compile_schema(specs) is compile_schema(specs)


@pytest.mark.parametrize(
    ("spec", "rule"),
    [
        (f("1abc", FieldType.STRING), "identifier"),
        (f("com espaço", FieldType.STRING), "identifier"),
        (f("", FieldType.STRING), "identifier"),
        (f("x" * 65, FieldType.STRING), "identifier"),
        (f("summary", FieldType.STRING), "reserved"),
        (f("confidence", FieldType.NUMBER), "reserved"),
        (f("class", FieldType.STRING), "reserved"),
        (f("model_dump", FieldType.STRING), "reserved"),
        (f("kind", FieldType.ENUM), "enum_values_required"),
        (f("kind", FieldType.ENUM, enum_values=()), "enum_values_required"),
        (f("kind", FieldType.ENUM, enum_values=("A", "A")), "enum_values_unique"),
        (f("kind", FieldType.ENUM, enum_values=("ok", "não vale!")), "enum_value_format"),
        (f("tags", FieldType.ARRAY, enum_values=()), "enum_values_empty"),
        (f("flag", FieldType.BOOLEAN, enum_values=("A",)), "enum_values_type"),
        (f("flag", FieldType.BOOLEAN, min_value=1), "bounds_type"),
        (f("n", FieldType.NUMBER, min_value=5, max_value=1), "bounds_order"),
    ],
)
def test_invalid_definitions_name_field_and_rule(spec: FieldSpec, rule: str) -> None:
    with pytest.raises(SchemaDefinitionError) as exc:
        compile_schema([spec])
    assert exc.value.rule == rule
    assert exc.value.field == (spec.field_name or "(vazio)")
    assert f"campo '{exc.value.field}'" in str(exc.value)


def test_duplicate_names_case_insensitive() -> None:
    with pytest.raises(SchemaDefinitionError) as exc:
        compile_schema([f("tip", FieldType.STRING), f("Tip", FieldType.STRING)])
    assert exc.value.rule == "unique_name" and exc.value.field == "Tip"


def test_every_template_compiles_with_contract_fields() -> None:
    expected = {
        "traffic_feedback": {"lossReason", "leadQualified", "campaignMismatch", "evidence"},
        "closing_coach": {"hesitationDetected", "concern", "tip", "suggestedReply"},
        "icp_mapper": {"persona", "lifeStage", "decisionDriver", "traits", "ageRange"},
        "ghosting_sentinel": {"ghostingRisk", "lastLeadIntent", "rescueMessage", "addToRetargeting"},
        "capi_auditor": {"purchaseConfirmed", "purchaseValue", "currency", "evidence", "alreadyRegistered"},
        "qa_auditor": {"slaMet", "firstResponseMinutes", "empathyScore", "persuasionTriggers", "overallScore",
                       "improvementTip"},
    }
    for key, fields in expected.items():
        props = set(TEMPLATES[key].schema().json_schema["properties"])
        assert props == fields | {"summary", "confidence", "citations"}, key


# ------------------------------------------------------------------------------ property test
NAME = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{0,20}\Z").filter(
    lambda n: not keyword.iskeyword(n) and n not in RESERVED and not n.startswith("model_"))
ENUM_VALUE = st.from_regex(r"\A[A-Z][A-Z0-9_]{0,8}\Z")


@st.composite
def field_specs(draw: st.DrawFn) -> list[FieldSpec]:
    names = draw(st.lists(NAME, min_size=1, max_size=6, unique_by=str.lower))
    specs = []
    for i, name in enumerate(names):
        ftype = draw(st.sampled_from(list(FieldType)))
        values = None
        lo = hi = None
        if ftype is FieldType.ENUM or (ftype is FieldType.ARRAY and draw(st.booleans())):
            values = tuple(draw(st.lists(ENUM_VALUE, min_size=1, max_size=4, unique=True)))
        if ftype is FieldType.NUMBER and draw(st.booleans()):
            lo = draw(st.floats(-100, 0, allow_nan=False))
            hi = draw(st.floats(0, 100, allow_nan=False))
        specs.append(FieldSpec(field_name=name, field_type=ftype, description=draw(st.text(max_size=20)),
                               is_required=draw(st.booleans()), enum_values=values, min_value=lo, max_value=hi,
                               position=i))
    return specs


JSON_SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False),
    st.text(max_size=5), st.sampled_from(["A", "X", "Y", ""]),
)
JSON_VALUE = st.one_of(JSON_SCALAR, st.lists(JSON_SCALAR, max_size=3))


@st.composite
def candidate(draw: st.DrawFn, specs: list[FieldSpec]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for spec in specs:
        if draw(st.integers(0, 9)) == 0:
            continue  # missing
        options: list[Any] = [draw(JSON_VALUE)]
        if spec.enum_values:
            options.append(draw(st.sampled_from(spec.enum_values)))
            options.append(draw(st.lists(st.sampled_from(spec.enum_values), max_size=3)))
        if spec.field_type is FieldType.NUMBER:
            options.append(draw(st.floats(-150, 150, allow_nan=False)))
        if spec.field_type is FieldType.STRING:
            options.append(draw(st.text(max_size=10)))
        if spec.field_type is FieldType.ARRAY:
            options.append(draw(st.lists(st.text(max_size=3), max_size=3)))
        obj[spec.field_name] = draw(st.sampled_from(options))
    if draw(st.integers(0, 9)):
        obj["summary"] = draw(st.one_of(st.text(min_size=0, max_size=4), JSON_SCALAR))
    if draw(st.integers(0, 9)):
        obj["confidence"] = draw(st.one_of(st.floats(-0.5, 1.5, allow_nan=False), JSON_SCALAR))
    if draw(st.integers(0, 9)):
        item = st.one_of(st.fixed_dictionaries({"message_id": st.text(max_size=3), "quote": st.text(max_size=3)}),
                         st.fixed_dictionaries({"message_id": st.text(max_size=3)}), JSON_SCALAR)
        obj["citations"] = draw(st.one_of(st.lists(item, max_size=4), JSON_SCALAR))
    if draw(st.integers(0, 19)) == 0:
        obj["unexpected"] = 1
    return obj


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_json_schema_accepts_exactly_what_pydantic_accepts(data: st.DataObject) -> None:
    specs = data.draw(field_specs())
    compiled = compile_schema(specs)
    validator = jsonschema.Draft202012Validator(compiled.json_schema)
    for _ in range(5):
        obj = data.draw(candidate(specs))
        schema_ok = validator.is_valid(obj)
        try:
            compiled.validate(obj)
            model_ok = True
        except ValidationError:
            model_ok = False
        assert schema_ok == model_ok, (obj, compiled.json_schema)
