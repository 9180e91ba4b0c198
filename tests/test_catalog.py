"""engine.catalog: gallery cards (one query), template install, builder form validation, Testar."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from engine import catalog
from engine.agents import AgentDefinitionError
from engine.conversation import ConversationError, load_conversation
from engine.field_form import FieldRow, field_row_errors
from engine.models import (
    AiAgentVersion,
    AiInsight,
    AiRun,
    Delivery,
    EventType,
    FieldType,
    Organization,
    RunStatus,
)
from engine.runner import run_and_record
from engine.seed import DATA_DIR, import_conversation
from engine.templates import TemplateAlreadyInstalled, get_template

ALL_TYPES = (
    FieldRow("objection", FieldType.STRING, "Objeção principal"),
    FieldRow("age", FieldType.NUMBER, "Idade", required=False, min_value=0, max_value=120),
    FieldRow("hasCard", FieldType.BOOLEAN, "Possui cartão?"),
    FieldRow("tags", FieldType.ARRAY, "Etiquetas", required=False),
    FieldRow("stage", FieldType.ENUM, "Etapa", enum_values="NEW, WARM , HOT"),
)


def _other_org(session: Session) -> Organization:
    o = Organization(slug=f"other-{uuid.uuid4().hex[:6]}", name="Outra", events_secret="x")
    session.add(o)
    session.flush()
    return o


def _count_queries(session: Session):  # noqa: ANN202
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ANN202
        statements.append(statement)

    engine = session.get_bind()
    target = engine.engine if hasattr(engine, "engine") else engine
    event.listen(target, "before_cursor_execute", before)
    return statements, lambda: event.remove(target, "before_cursor_execute", before)


def test_agent_cards_one_query_with_7_day_activity(session: Session, org: Organization) -> None:
    for key in ("closing_coach", "qa_auditor", "capi_auditor"):
        catalog.install_template(session, organization_id=org.id, key=key)
    other = _other_org(session)
    other_agent = catalog.install_template(session, organization_id=other.id, key="closing_coach")
    coach = next(a for a in catalog.agent_cards(session, organization_id=org.id) if a.template_key == "closing_coach")
    ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-001.json"))
    spec = catalog.load_agent(session, organization_id=org.id, agent_id=coach.id)
    for i in range(2):
        run_and_record(session, organization_id=org.id, agent=spec, ticket_id=ticket.id, idempotency_key=f"k{i}")
    session.execute(update(AiRun).where(AiRun.idempotency_key == "k1").values(cost_usd=Decimal("0.25")))
    session.execute(update(AiInsight).where(AiInsight.run_id.in_(select(AiRun.id).where(
        AiRun.idempotency_key == "k0"))).values(uncited=True))  # counted per agent: "sem evidência"
    # An old run (8 days ago) counts for "last run" only if it is the latest; not for the 7-day numbers.
    old = run_and_record(session, organization_id=org.id, agent=spec, ticket_id=ticket.id, idempotency_key="old")
    session.execute(update(AiRun).where(AiRun.id == old.run_id).values(
        created_at=datetime.now(UTC) - timedelta(days=8), cost_usd=Decimal("9")))
    session.execute(update(AiInsight).where(AiInsight.run_id == old.run_id).values(
        created_at=datetime.now(UTC) - timedelta(days=8)))
    session.flush()

    statements, stop = _count_queries(session)
    try:
        cards = catalog.agent_cards(session, organization_id=org.id)
    finally:
        stop()
    assert len(statements) == 1, statements
    by_key = {c.template_key: c for c in cards}
    assert set(by_key) == {"closing_coach", "qa_auditor", "capi_auditor"}  # created_at, then name order
    assert other_agent.id not in {c.id for c in cards}
    coach = by_key["closing_coach"]
    assert coach.triggers == (EventType.NEW_MESSAGE_RECEIVED,)
    # The same finding twice on one ticket is one card (refreshed by the second run): engine.insight_cards.
    assert coach.runs_7d == 2 and coach.insights_7d == 1 and coach.uncited_7d == 1
    assert coach.cost_7d == Decimal("0.25")
    assert coach.last_run_at is not None and coach.last_run_at > datetime.now(UTC) - timedelta(hours=1)
    qa = by_key["qa_auditor"]
    assert set(qa.triggers) == {EventType.TICKET_WON, EventType.TICKET_LOST}
    assert (qa.runs_7d, qa.insights_7d, qa.cost_7d, qa.last_run_at) == (0, 0, Decimal(0), None)


def test_toggle_active_is_scoped_to_the_organisation(session: Session, org: Organization) -> None:
    spec = catalog.install_template(session, organization_id=org.id, key="qa_auditor")
    assert spec.id is not None
    catalog.set_active(session, organization_id=org.id, agent_id=spec.id, active=False)
    assert catalog.agent_cards(session, organization_id=org.id)[0].is_active is False
    other = _other_org(session)
    from engine.agents import AgentNotFoundError

    with pytest.raises(AgentNotFoundError):
        catalog.set_active(session, organization_id=other.id, agent_id=spec.id, active=True)


def test_template_library_install_twice_needs_confirmation(session: Session, org: Organization) -> None:
    library = catalog.template_library(session, organization_id=org.id)
    assert [t.key for t in library] == ["traffic_feedback", "closing_coach", "icp_mapper", "ghosting_sentinel",
                                        "capi_auditor", "qa_auditor"]
    assert all(t.installed == 0 for t in library)
    catalog.install_template(session, organization_id=org.id, key="icp_mapper")
    with pytest.raises(TemplateAlreadyInstalled, match="já está instalado; confirme para criar uma cópia"):
        catalog.install_template(session, organization_id=org.id, key="icp_mapper")
    copy = catalog.install_template(session, organization_id=org.id, key="icp_mapper", allow_copy=True)
    assert copy.name.endswith("(cópia)")
    counts = {t.key: t.installed for t in catalog.template_library(session, organization_id=org.id)}
    assert counts["icp_mapper"] == 2 and counts["qa_auditor"] == 0


def test_field_rows_every_type_compile_and_errors_are_inline() -> None:
    assert field_row_errors(ALL_TYPES) == {}
    spec = catalog.build_spec(base=None, name="Teste", icon="🧠", system_prompt="Analise.", model="offline",
                              delivery=Delivery.SELLER, fields=ALL_TYPES, triggers={})
    props = spec.schema().json_schema["properties"]
    assert props["stage"]["enum"] == ["NEW", "WARM", "HOT"]
    assert props["age"]["anyOf"][0]["maximum"] == 120
    bad = [
        FieldRow("1abc", FieldType.STRING),
        FieldRow("stage", FieldType.ENUM, enum_values=""),
        FieldRow("n", FieldType.NUMBER, min_value=5, max_value=1),
        FieldRow("summary", FieldType.STRING),
        FieldRow("ok", FieldType.STRING),
        FieldRow("OK", FieldType.BOOLEAN),
        FieldRow("dup", FieldType.ENUM, enum_values="A, A"),
    ]
    errors = field_row_errors(bad)
    assert "começar com uma letra" in errors[0]
    assert "precisa de valores" in errors[1]
    assert "mínimo é maior que o máximo" in errors[2]
    assert "reservado" in errors[3]
    assert 4 not in errors and "já existe um campo com esse nome (linha 5)" in errors[5]
    assert "valor repetido: 'A'" in errors[6]


def test_build_spec_rejects_bad_throttle_and_missing_parts() -> None:
    assert catalog.throttle_error({"maxRuns": 2, "windowSeconds": None, "scope": "ticket"}) == \
        "maxRuns e windowSeconds devem ser informados juntos"
    assert "debounceSeconds" in (catalog.throttle_error({"debounceSeconds": 99999}) or "")
    assert catalog.throttle_error({"maxRuns": 1, "windowSeconds": 60, "scope": "contact", "debounceSeconds": None}) is None
    kwargs = dict(base=None, name="A", icon="", system_prompt="p", model="offline", delivery=Delivery.DIRECTOR,
                  fields=ALL_TYPES[:1])
    with pytest.raises(AgentDefinitionError, match="gatilho TICKET_WON: maxRuns e windowSeconds"):
        catalog.build_spec(**kwargs, triggers={EventType.TICKET_WON: {"maxRuns": 3}})  # type: ignore[arg-type]
    with pytest.raises(AgentDefinitionError, match="pelo menos um campo"):
        catalog.build_spec(**{**kwargs, "fields": ()}, triggers={})  # type: ignore[arg-type]
    with pytest.raises(AgentDefinitionError, match="nome do agente"):
        catalog.build_spec(**{**kwargs, "name": "  "}, triggers={})  # type: ignore[arg-type]
    spec = catalog.build_spec(**kwargs, triggers={  # type: ignore[arg-type]
        EventType.NEW_MESSAGE_RECEIVED: {"maxRuns": 6, "windowSeconds": 3600, "scope": "ticket", "debounceSeconds": 20}})
    assert spec.icon == "🤖"
    assert spec.triggers[0].throttle_rules.to_json() == {"maxRuns": 6, "windowSeconds": 3600, "scope": "ticket",
                                                         "debounceSeconds": 20}


def test_save_creates_versions_and_keeps_template_binding(session: Session, org: Organization) -> None:
    base = catalog.install_template(session, organization_id=org.id, key="capi_auditor")
    edited = catalog.build_spec(base=base, name="CAPI editado", icon="💰", system_prompt=base.system_prompt,
                                model="offline", delivery=Delivery.DIRECTOR,
                                fields=[FieldRow(f.field_name, f.field_type, f.description, f.is_required,
                                                         ", ".join(f.enum_values or ())) for f in base.fields],
                                triggers={EventType.TICKET_WON: {}})
    saved = catalog.save_agent(session, organization_id=org.id, spec=edited)
    assert (saved.id, saved.version, saved.template_key) == (base.id, 2, "capi_auditor")
    versions = session.scalars(select(AiAgentVersion.version).where(AiAgentVersion.agent_id == base.id)).all()
    assert sorted(versions) == [1, 2]
    ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-002.json"))
    outcome = run_and_record(session, organization_id=org.id, agent=saved, ticket_id=ticket.id)
    run = session.get(AiRun, outcome.run_id)
    assert run is not None and run.agent_version == 2


def test_samples_are_the_orgs_tickets_then_data_files(session: Session, org: Organization) -> None:
    import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-003.json"))
    other = _other_org(session)
    import_conversation(session, org=other, conv=load_conversation(DATA_DIR / "conversations/conv-004.json"))
    samples = catalog.sample_tickets(session, organization_id=org.id)
    tickets = [s for s in samples if s.kind == "ticket"]
    assert len(tickets) == 1 and "conv-003" in tickets[0].label
    files = [s for s in samples if s.kind == "file"]
    assert len(files) == len(list((DATA_DIR / "conversations").glob("*.json")))
    assert files[0].ref == "conv-001.json"


def test_test_run_on_file_and_ticket_uses_the_offline_engine_fast(session: Session, org: Organization) -> None:
    spec = catalog.build_spec(base=None, name="Rascunho", icon="🧪", system_prompt="Analise a conversa.",
                              model="offline", delivery=Delivery.SELLER, fields=ALL_TYPES, triggers={})
    started = time.perf_counter()
    outcome = catalog.test_run(org.id, spec, catalog.Sample("file", "conv-001.json", "x"), session=session)
    elapsed = time.perf_counter() - started
    assert outcome.status is RunStatus.SUCCEEDED and outcome.engine == "offline"
    assert outcome.payload is not None and set(ALL_TYPES[0].name for _ in [0]) <= set(outcome.payload)
    assert spec.schema().validate(outcome.payload)
    assert elapsed < 2.0, f"Testar took {elapsed:.2f}s"

    ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-005.json"))
    started = time.perf_counter()
    outcome = catalog.test_run(org.id, get_template("closing_coach"),
                               catalog.Sample("ticket", str(ticket.id), "t"), session=session)
    assert time.perf_counter() - started < 2.0
    assert outcome.engine == "offline" and outcome.summary
    assert session.scalar(select(AiRun.id).where(AiRun.organization_id == org.id)) is None  # writes nothing


def test_test_run_refuses_other_orgs_ticket_and_paths_outside_data(session: Session, org: Organization) -> None:
    other = _other_org(session)
    ticket = import_conversation(session, org=other, conv=load_conversation(DATA_DIR / "conversations/conv-006.json"))
    spec = get_template("qa_auditor")
    with pytest.raises(ConversationError, match="não encontrado nesta organização"):
        catalog.test_run(org.id, spec, catalog.Sample("ticket", str(ticket.id), "t"), session=session)
    with pytest.raises(ConversationError, match="amostra inválida"):
        catalog.test_run(org.id, spec, catalog.Sample("file", "../labels.json", "x"), session=session)
    with pytest.raises(ConversationError, match="arquivo não encontrado"):
        catalog.test_run(org.id, spec, catalog.Sample("file", "nope.json", "x"), session=session)


def test_suggested_models_prices_and_routing() -> None:
    options = {name: catalog.model_option(name) for name in catalog.SUGGESTED_MODELS}
    assert options["offline"].cost_per_1000 == 0.0 and options["offline"].note is None
    mini = options["gpt-4o-mini"]
    assert mini.cost_per_1000 is not None and 0 < mini.cost_per_1000 < 5
    assert mini.note and "OPENAI_API_KEY" in mini.note  # no key in tests: the run would be offline
    assert options["llama-3.3-70b"].cost_per_1000 is not None
    assert catalog.model_option("local/llama3.1").cost_per_1000 is None
    unknown = catalog.model_option("nao-existe-xyz")
    assert unknown.error and "modelo desconhecido" in unknown.error
