"""Director-invented agents, renamed templates and determinism: the offline engine never returns an invalid payload."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import offline
from engine.agents import AgentSpec
from engine.context import build_context
from engine.conversation import load_conversation, parse_conversation
from engine.models import FieldType
from engine.schema_compiler import FieldSpec
from engine.templates import CONCERN, TEMPLATES

FIX = Path(__file__).parent / "fixtures" / "offline"


def _f(name: str, ftype: FieldType, desc: str = "", required: bool = True, values: tuple[str, ...] | None = None,
       lo: float | None = None, hi: float | None = None) -> FieldSpec:
    return FieldSpec(field_name=name, field_type=ftype, description=desc, is_required=required, enum_values=values,
                     min_value=lo, max_value=hi)


CUSTOM = AgentSpec(
    name="Detector da diretora", system_prompt="Campos inventados pela diretora.", model="offline",
    fields=(
        _f("mentionsChildren", FieldType.BOOLEAN, "O lead fala dos filhos ou de crianças"),
        _f("possuiCartao", FieldType.BOOLEAN, "Possui cartão de crédito?"),
        _f("idade", FieldType.NUMBER, "Idade do lead", lo=18, hi=90),
        _f("interesse", FieldType.NUMBER, "Nível de interesse 1 a 5", lo=1, hi=5),
        _f("temperatura", FieldType.ENUM, "Quão quente está o lead", values=("FRIO", "MORNO", "QUENTE", "UNKNOWN")),
        _f("canal", FieldType.ENUM, "Canal preferido", values=("WHATSAPP", "TELEFONE", "EMAIL")),
        _f("motivo", FieldType.ENUM, "Objeção principal", values=CONCERN),
        _f("palavrasChave", FieldType.ARRAY, "Procedimentos e preocupações citados", required=False),
        _f("gatilhosUsados", FieldType.ARRAY, "Gatilhos", required=False,
           values=("SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY")),
        _f("frase", FieldType.STRING, "Frase do lead sobre o marido"),
        _f("qualquerNumero", FieldType.NUMBER, "Um número qualquer"),
    ),
)


def _ctx(texts: list[tuple[str, str]]):  # noqa: ANN202
    msgs = [{"from": a, "text": t, "at": f"2026-04-01T10:{i:02d}:00-03:00"} for i, (a, t) in enumerate(texts)]
    return build_context(parse_conversation({"id": "c", "ticket": {"value": 1290}, "contact": {"name": "Rita"},
                                             "messages": msgs}))


def test_custom_agent_every_field_type_valid_and_sensible() -> None:
    ctx = _ctx([("lead", "Oi! Tenho 38 anos, dois filhos pequenos e queria o botox"),
                ("seller", "Oi Rita! Fica R$ 1.290, últimas vagas da semana"),
                ("lead", "Achei caro... meu marido acha que não precisa. Aceita cartão de crédito?")])
    out = offline.analyse(CUSTOM, ctx, CUSTOM.schema())
    CUSTOM.schema().validate(out)
    assert out["mentionsChildren"] is True and out["possuiCartao"] is True
    assert out["idade"] == 38 and 1 <= out["interesse"] <= 5
    assert out["motivo"] == "PRICE"
    assert out["canal"] in ("WHATSAPP", "TELEFONE", "EMAIL") and out["temperatura"] in ("FRIO", "MORNO", "QUENTE",
                                                                                         "UNKNOWN")
    assert out["gatilhosUsados"] == ["SCARCITY"]
    assert "marido" in out["frase"]
    assert out["qualquerNumero"] == 0


def test_custom_agent_without_evidence_stays_neutral() -> None:
    ctx = _ctx([("lead", "Oi"), ("seller", "Olá, como posso ajudar?")])
    out = offline.analyse(CUSTOM, ctx, CUSTOM.schema())
    CUSTOM.schema().validate(out)
    assert out["mentionsChildren"] is False and out["idade"] == 54  # midpoint of 18..90
    assert out["temperatura"] == "UNKNOWN" and out["motivo"] == "NONE"


def test_deterministic_same_input_same_output() -> None:
    conv = load_conversation(FIX / "injection.json")
    for tpl in [*TEMPLATES.values(), CUSTOM]:
        first = offline.analyse(tpl, build_context(conv), tpl.schema())
        second = offline.analyse(tpl, build_context(conv), tpl.schema())
        assert first == second


def test_renamed_template_copy_and_reused_field_name() -> None:
    ctx = build_context(load_conversation(FIX / "english_ghost.json"))
    copy = TEMPLATES["closing_coach"].model_copy(update={"name": "Meu coach", "template_key": None})
    assert offline.analyse(copy, ctx, copy.schema())["concern"] == "FEAR_PAIN"
    reuse = AgentSpec(name="x", system_prompt="x", fields=(
        _f("concern", FieldType.ENUM, "", values=CONCERN), _f("ghostingRisk", FieldType.NUMBER, "", lo=0, hi=10),
        _f("concern_text", FieldType.STRING, "")))
    out = offline.analyse(reuse, ctx, reuse.schema())
    assert out["concern"] == "FEAR_PAIN" and 0 <= out["ghostingRisk"] <= 10


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIX.glob("*.json")))
def test_every_template_valid_on_fixtures(fixture: str) -> None:
    ctx = build_context(load_conversation(FIX / fixture))
    for tpl in TEMPLATES.values():
        payload = offline.analyse(tpl, ctx, tpl.schema())
        tpl.schema().validate(payload)
        assert 0.3 <= payload["confidence"] <= 0.7


def test_optional_enum_bounds_and_odd_types() -> None:
    odd = AgentSpec(name="odd", system_prompt="x", fields=(
        _f("purchaseConfirmed", FieldType.STRING, "tipo trocado"),
        _f("slaMet", FieldType.NUMBER, "tipo trocado", lo=0, hi=1),
        _f("lifeStage", FieldType.STRING, ""),
        _f("score", FieldType.NUMBER, "", lo=0, hi=5),
        _f("opcional", FieldType.ENUM, "", required=False, values=("A", "B")),
        _f("lista", FieldType.ARRAY, "", required=False, values=("X_Y", "Z"))))
    ctx = build_context(load_conversation(FIX / "pix_done.json"))
    out = offline.analyse(odd, ctx, odd.schema())
    odd.schema().validate(out)
    assert 0 <= out["score"] <= 5
