"""Agent Builder (AppTest): every field type, inline validation, throttle form, Salvar -> versions, Testar."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from studio_apptest import add_field, builder

from engine.agents import find_agent, load_agent
from engine.conversation import load_conversation
from engine.login import CurrentUser
from engine.models import AiAgent, AiAgentVersion, Delivery, EventType, FieldType, Role, Ticket, User
from engine.seed import DATA_DIR, import_conversation, seed_demo


@pytest.fixture
def director(committed_db: Engine, redis_conn: redis.Redis) -> CurrentUser:
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-007.json"))
        boss = session.scalar(select(User).where(User.organization_id == org.id, User.role == Role.DIRECTOR))
        assert boss is not None
        return CurrentUser(boss.id, org.id, boss.role, boss.name, org.name)


def test_build_agent_with_every_field_type_validate_save_and_version(director: CurrentUser,
                                                                      committed_db: Engine) -> None:
    at = builder(director)
    assert at.selectbox(key="b.select").value == "__new__"
    at.text_input(key="b.name").input("Detector de Cartão")
    at.text_input(key="b.icon").input("💳")
    at.text_area(key="b.prompt").input("Descubra se o lead tem cartão de crédito e a idade dele.")
    at.selectbox(key="b.model").set_value("offline")
    at.selectbox(key="b.delivery").set_value(Delivery.SELLER)
    at.multiselect(key="b.triggers").set_value([EventType.NEW_MESSAGE_RECEIVED, EventType.TICKET_WON])
    at.run()
    # Throttle form: maxRuns without windowSeconds is refused with a clear message.
    at.number_input(key="b.t.NEW_MESSAGE_RECEIVED.max").set_value(6)
    at.run()
    assert any("maxRuns e windowSeconds devem ser informados juntos" in e.value for e in at.error)
    at.number_input(key="b.t.NEW_MESSAGE_RECEIVED.window").set_value(3600)
    at.number_input(key="b.t.NEW_MESSAGE_RECEIVED.debounce").set_value(20)
    at.selectbox(key="b.t.NEW_MESSAGE_RECEIVED.scope").set_value("contact")
    at.run()
    assert not at.error

    add_field(at, 0, "hasCard", FieldType.BOOLEAN, "Possui cartão?")
    add_field(at, 1, "age", FieldType.NUMBER, "Idade", required=False, lo=18, hi=5)
    # Inline validation from the schema compiler, next to the field.
    assert [e.value for e in at.error] == ["campo 'age': o mínimo é maior que o máximo"]
    at.number_input(key="b.f.1.max").set_value(99)
    at.run()
    assert not at.error
    add_field(at, 2, "stage", FieldType.ENUM, "Etapa da compra")
    assert [e.value for e in at.error] == ["campo 'stage': um campo ENUM precisa de valores"]
    at.text_input(key="b.f.2.enum").input("NEW, WARM, HOT")
    at.run()
    add_field(at, 3, "traits", FieldType.ARRAY, "Traços", required=False)
    add_field(at, 4, "objection", FieldType.STRING, "Objeção principal")
    add_field(at, 5, "Objection", FieldType.STRING, "duplicado")
    assert [e.value for e in at.error] == ["campo 'Objection': já existe um campo com esse nome (linha 5)"]
    at.button(key="b.save").click()
    at.run()
    errors = [e.value for e in at.error]  # at the field, and the whole list next to "Salvar"
    assert errors == ["Campo 'Objection': já existe um campo com esse nome (linha 5)",
                      "**Corrija 1 problema(s) para salvar:**\n"
                      "- Campo 'Objection': já existe um campo com esse nome (linha 5)"]
    at.button(key="b.f.5.remove").click()
    at.run()
    assert not at.error

    at.button(key="b.save").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == "Versão 1 salva: 💳 Detector de Cartão."
    with Session(committed_db) as session:
        agent = session.scalar(select(AiAgent).where(AiAgent.name == "Detector de Cartão"))
        assert agent is not None
        spec = load_agent(session, organization_id=director.organization_id, agent_id=agent.id)
    assert [(f.field_name, f.field_type, f.is_required) for f in spec.fields] == [
        ("hasCard", FieldType.BOOLEAN, True), ("age", FieldType.NUMBER, False), ("stage", FieldType.ENUM, True),
        ("traits", FieldType.ARRAY, False), ("objection", FieldType.STRING, True)]
    assert spec.fields[1].min_value == 18 and spec.fields[1].max_value == 99
    assert spec.fields[2].enum_values == ("NEW", "WARM", "HOT")
    rules = {t.event_type: t.throttle_rules.to_json() for t in spec.triggers}
    assert rules == {EventType.NEW_MESSAGE_RECEIVED: {"maxRuns": 6, "windowSeconds": 3600, "scope": "contact",
                                                      "debounceSeconds": 20},
                     EventType.TICKET_WON: {"scope": "ticket"}}
    assert (spec.model, spec.delivery, spec.icon) == ("offline", Delivery.SELLER, "💳")
    assert at.selectbox(key="b.select").value == str(agent.id)

    # Editing and saving again creates version 2 (the same agent).
    at.text_input(key="b.name").input("Detector de Cartão v2")
    at.run()
    at.button(key="b.save").click()
    at.run()
    assert at.success[0].value == "Versão 2 salva: 💳 Detector de Cartão v2."
    with Session(committed_db) as session:
        versions = session.scalars(select(AiAgentVersion.version).where(AiAgentVersion.agent_id == agent.id)).all()
    assert sorted(versions) == [1, 2]


def test_testar_on_a_data_file_shows_bubble_payload_engine_and_metrics(director: CurrentUser) -> None:
    at = builder(director)
    at.text_input(key="b.name").input("Rascunho")
    at.text_area(key="b.prompt").input("Resuma a objeção do lead.")
    at.selectbox(key="b.model").set_value("offline")
    at.run()
    add_field(at, 0, "concern", FieldType.ENUM, "Objeção", enum="PRICE, TRUST, NONE")
    at.selectbox(key="b.sample").set_value("conv-001.json")
    at.button(key="b.test_run").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.chat_message, "the insight bubble is shown"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Motor"] == "offline" and metrics["Modelo"] == "offline"
    assert metrics["Custo"] == "US$ 0,000000"
    latency = int(metrics["Latência"].removesuffix(" ms"))
    assert latency < 2000, f"Testar latency {latency} ms"
    total = int(metrics["Tempo total"].removesuffix(" ms"))
    assert total < 2000, f"Testar total time {total} ms (context + engine)"
    payload = at.json[0].value
    assert '"concern"' in payload and '"summary"' in payload and '"confidence"' in payload
    # Nothing was saved by Testar.
    assert at.selectbox(key="b.select").value == "__new__"


def test_edit_template_agent_from_query_param_and_testar_on_a_db_ticket(director: CurrentUser,
                                                                        committed_db: Engine) -> None:
    with Session(committed_db) as session:
        coach = find_agent(session, organization_id=director.organization_id, key_or_id="closing_coach")
        ticket_id = session.scalar(select(Ticket.id).where(Ticket.organization_id == director.organization_id))
    at = builder(director, agent=str(coach.id))
    assert at.selectbox(key="b.select").value == str(coach.id)
    assert at.text_input(key="b.name").value == "Coach de Fechamento"
    assert [at.text_input(key=f"b.f.{i}.name").value for i in range(4)] == [
        "hesitationDetected", "concern", "tip", "suggestedReply"]
    assert at.number_input(key="b.t.NEW_MESSAGE_RECEIVED.debounce").value == 20
    assert any("template `closing_coach`" in str(c.value) for c in at.caption)
    labels = at.selectbox(key="b.sample").options
    assert labels[0].startswith("Ticket ") and labels[-1].startswith("Arquivo conv-050.json")
    at.selectbox(key="b.sample").set_value(str(ticket_id))
    at.button(key="b.test_run").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    # gpt-4o-mini without OPENAI_API_KEY: the offline engine runs and says why.
    assert metrics["Motor"] == "offline"
    assert any("OPENAI_API_KEY não configurada" in str(c.value) for c in at.caption)


def test_model_picker_costs_and_free_text_model(director: CurrentUser) -> None:
    at = builder(director)
    options = at.selectbox(key="b.model").options
    assert options[0] == "offline · US$ 0,00 / 1.000 execuções"
    assert options[1].startswith("gpt-4o-mini · US$ ") and "—" not in options[1]
    at.selectbox(key="b.model").set_value("__other__")
    at.run()
    at.text_input(key="b.model_custom").input("nao-existe-xyz")
    at.run()
    assert any("modelo desconhecido: 'nao-existe-xyz'" in e.value for e in at.error)
    at.text_input(key="b.model_custom").input("local/llama3.1")
    at.run()
    assert not at.error
    assert any("Custo estimado: **—**" in str(c.value) for c in at.caption)


def test_unknown_agent_in_query_param_is_refused(director: CurrentUser) -> None:
    at = builder(director, agent="00000000-0000-0000-0000-000000000000")
    assert at.error[0].value == "Agente não encontrado nesta organização."
    assert at.selectbox(key="b.select").value == "__new__"


def test_model_stays_after_a_long_prompt_edit(director: CurrentUser) -> None:
    """The select's labels carry a cost that grows with the prompt: the chosen model must not move."""
    at = builder(director)
    at.selectbox(key="b.model").set_value("llama-3.3-70b")
    at.run()
    before = at.selectbox(key="b.model").options
    at.text_area(key="b.prompt").input("Analise a conversa com muito cuidado. " * 400)
    at.run()
    assert at.selectbox(key="b.model").options != before, "the labels' cost changed with the prompt"
    assert at.selectbox(key="b.model").value == "llama-3.3-70b"
    at.text_area(key="b.prompt").input("Curta.")
    at.run()
    assert at.selectbox(key="b.model").value == "llama-3.3-70b"


def test_every_save_error_at_once_in_portuguese(director: CurrentUser) -> None:
    at = builder(director)
    at.selectbox(key="b.model").set_value("__other__")
    at.multiselect(key="b.triggers").set_value([EventType.TICKET_WON])
    at.run()
    at.number_input(key="b.t.TICKET_WON.max").set_value(2)
    at.button(key="b.save").click()
    at.run()
    errors = [e.value for e in at.error]
    summary = next(e for e in errors if e.startswith("**Corrija"))
    for expected in ("Dê um nome ao agente.", "Escreva a diretriz do agente (system prompt).",
                     "Escolha um modelo (ou informe o id do modelo).",
                     "Gatilho “Ticket ganho”: maxRuns e windowSeconds devem ser informados juntos",
                     "Adicione pelo menos um campo de saída (+ Campo)."):
        assert expected in summary, summary
        core = expected.split(": ")[-1]
        assert any(core in e for e in errors if e is not summary), (expected, errors)  # also at the field
    assert summary.startswith("**Corrija 5 problema(s)")
    assert not any(word in summary for word in ("String should", "Field required", "Input should"))
    at.text_input(key="b.name").input("Novo")  # fixing one problem updates the list live
    at.run()
    assert next(e.value for e in at.error if e.value.startswith("**Corrija")).startswith("**Corrija 4 problema(s)")
