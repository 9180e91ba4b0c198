"""Builder "Ação na Meta": condition validation against the agent's fields, mapping, auto-apply, defaults."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest
from studio_apptest import add_field, builder

from engine import binding_form, catalog
from engine.actions import agent_binding
from engine.actions.binding import DEFAULT_BINDINGS, NO_ACTION_KIND, binding_for
from engine.agents import AgentDefinitionError, find_agent
from engine.field_form import FieldRow
from engine.login import CurrentUser
from engine.models import AiAgent, Delivery, EventType, FieldType, Organization, Role, User
from engine.org_settings import OrgSettings
from engine.seed import seed_demo
from engine.templates import get_template

ROWS = (
    FieldRow("paid", FieldType.BOOLEAN, "Pagou?"),
    FieldRow("amount", FieldType.NUMBER, "Valor", required=False),
    FieldRow("coin", FieldType.ENUM, "Moeda", enum_values="BRL, USD"),
    FieldRow("notes", FieldType.STRING, "Notas"),
    FieldRow("tags", FieldType.ARRAY, "Etiquetas", required=False),
)


def _rows(key: str) -> list[FieldRow]:
    return [FieldRow(f.field_name, f.field_type, f.description, f.is_required, ", ".join(f.enum_values or ()))
            for f in get_template(key).fields]


# ------------------------------------------------------------------------------ engine (fast)
@pytest.mark.parametrize(("text", "expected"), [
    ("paid == true", None),
    ("paid and amount >= 100 and coin == \"BRL\" and confidence >= 0.8", None),
    ("not (paid) or summary != \"x\"", None),
    ("paid = true", "não '=' sozinho"),
    ("paid ==", "esperado um valor"),
    ("(paid == true", "esperado ')'"),
    ("hasCard == true", "o campo 'hasCard' não existe neste agente"),
    ("amount == true", "'amount' é do tipo número: não dá para comparar com true/false"),
    ("paid >= 1", "'paid' é do tipo sim/não: não dá para comparar com um número"),
    ("coin == \"EUR\"", "'EUR' não é um valor de 'coin' (valores: BRL, USD)"),
    ("notes > 3", "'notes' é do tipo texto"),
])
def test_condition_error_names_the_problem(text: str, expected: str | None) -> None:
    problem = binding_form.condition_error(text, ROWS)
    assert (problem is None) if expected is None else (problem is not None and expected in problem), problem


def test_hints_and_mapping_options_come_from_the_agents_fields() -> None:
    assert binding_form.binding_hints(ROWS) == ["paid (sim/não)", "amount (número)", "coin (BRL, USD)",
                                           "confidence (número)"]
    assert binding_form.binding_field_options(ROWS) == {"value": ["amount"], "currency": ["coin"],
                                                   "traits": ["coin", "notes", "tags"]}
    assert "Lead" not in binding_form.CAPI_EVENTS and "LeadSubmitted" in binding_form.CAPI_EVENTS


def test_binding_json_round_trips_and_is_what_the_action_runner_reads() -> None:
    form = binding_form.BindingForm(kind="capi_event", event_name="InitiateCheckout", condition=" paid == true ",
                               value_field="amount", currency_field="coin", traits=("notes",),
                               auto_mode="when", auto_condition="confidence >= 0.9")
    stored = binding_form.binding_json(form, ROWS)
    assert stored == {"kind": "capi_event", "eventName": "InitiateCheckout", "condition": "paid == true",
                      "mapping": {"value": "amount", "currency": "coin", "traits": ["notes"]},
                      "autoApply": {"mode": "when", "condition": "confidence >= 0.9"}}
    binding = binding_for(stored, None)
    assert binding is not None and binding.allows({"paid": True}) and not binding.allows({"paid": False})
    assert binding.auto_apply_condition(OrgSettings()) == "confidence >= 0.9"
    assert binding_form.binding_form(stored, None) == (
        form.__class__(**{**form.__dict__, "condition": "paid == true"}), False)
    # Mapping slots only hold fields of the right type that exist.
    for bad, slot in ((dict(value_field="notes"), "value"), (dict(currency_field="amount"), "currency"),
                      (dict(traits=("gone",)), "traits")):
        errors = binding_form.binding_errors(binding_form.BindingForm(kind="capi_event", **bad), ROWS)  # type: ignore[arg-type]
        assert list(errors) == [slot]
    with pytest.raises(AgentDefinitionError, match="ação na Meta: .*informe a condição"):
        binding_form.binding_json(binding_form.BindingForm(kind="audience_add", auto_mode="when"), ROWS)
    assert binding_form.binding_json(binding_form.BindingForm(), ROWS) is None  # Nenhuma


@pytest.mark.parametrize("key", sorted(DEFAULT_BINDINGS))
def test_template_defaults_show_as_the_effective_binding_and_save_as_null(key: str) -> None:
    form, implicit = binding_form.binding_form(None, key)
    assert implicit and form.kind == DEFAULT_BINDINGS[key]["kind"]
    rows = _rows(key)
    assert binding_form.binding_errors(form, rows, key) == {}
    assert binding_form.is_template_default(form, rows, key)
    assert binding_form.binding_json(form, rows, key) is None  # keeps following the template default
    changed = binding_form.BindingForm(**{**form.__dict__, "auto_mode": "always"})
    assert not binding_form.is_template_default(changed, rows, key)
    assert binding_form.binding_json(changed, rows, key)["autoApply"] == {"mode": "always", "condition": None}  # type: ignore[index]
    # "Nenhuma" turns the default off: stored as {"kind": "none"} (NULL would read back as the default).
    none = binding_form.BindingForm()
    assert binding_form.binding_errors(none, rows, key) == {}
    assert not binding_form.is_template_default(none, rows, key)
    stored = binding_form.binding_json(none, rows, key)
    assert stored == {"kind": NO_ACTION_KIND}
    assert binding_for(stored, key) is None
    assert binding_form.binding_form(stored, key) == (none, False)  # shown as "Nenhuma", not the default


def test_build_spec_sets_keeps_or_clears_the_binding(session: Session, org: Organization) -> None:
    kwargs = dict(base=None, name="Vendas", icon="", system_prompt="Detecte pagamento.", model="offline",
                  delivery=Delivery.DIRECTOR, fields=list(ROWS), triggers={EventType.TICKET_WON: {}})
    form = binding_form.BindingForm(kind="audience_add", condition="not paid", auto_mode="never")
    spec = catalog.build_spec(**kwargs, binding=form)  # type: ignore[arg-type]
    saved = catalog.save_agent(session, organization_id=org.id, spec=spec)
    loaded = catalog.load_agent(session, organization_id=org.id, agent_id=saved.id)  # type: ignore[arg-type]
    assert loaded.action_binding == {"kind": "audience_add", "eventName": None, "condition": "not paid",
                                     "mapping": {"value": None, "currency": None, "traits": []},
                                     "autoApply": {"mode": "never", "condition": None}}
    kept = catalog.build_spec(**{**kwargs, "base": loaded})  # type: ignore[arg-type]
    assert kept.action_binding == loaded.action_binding  # no BindingForm: the base's binding stays
    with pytest.raises(AgentDefinitionError, match="o campo 'ghost' não existe"):
        catalog.build_spec(**{**kwargs, "base": loaded},  # type: ignore[arg-type]
                           binding=binding_form.BindingForm(kind="audience_add", condition="ghost"))
    cleared = catalog.save_agent(session, organization_id=org.id, spec=catalog.build_spec(
        **{**kwargs, "base": loaded}, binding=binding_form.BindingForm()))  # type: ignore[arg-type]
    agent = session.get(AiAgent, cleared.id)
    assert agent is not None and agent.version == 2 and agent.action_binding is None
    assert agent_binding(agent) is None


def test_none_on_a_template_agent_is_stored_and_read_back(session: Session, org: Organization) -> None:
    base = catalog.install_template(session, organization_id=org.id, key="ghosting_sentinel")
    rows = _rows("ghosting_sentinel")
    spec = catalog.build_spec(base=base, name=base.name, icon=base.icon, system_prompt=base.system_prompt,
                              model=base.model, delivery=base.delivery, fields=rows,
                              triggers={t.event_type: {} for t in base.triggers}, binding=binding_form.BindingForm())
    saved = catalog.save_agent(session, organization_id=org.id, spec=spec)
    agent = session.get(AiAgent, saved.id)
    assert agent is not None and agent.action_binding == {"kind": NO_ACTION_KIND} and agent_binding(agent) is None
    assert binding_form.binding_form(agent.action_binding, agent.template_key) == (binding_form.BindingForm(), False)


def test_org_policy_text_follows_the_organisation_settings(session: Session, org: Organization) -> None:
    assert binding_form.org_auto_apply(session, organization_id=org.id, kind="capi_event") is None
    org.settings = {**(org.settings or {}), "capi_auto_apply": True, "ghosting_auto_apply_risk": 70}
    session.flush()
    assert binding_form.org_auto_apply(session, organization_id=org.id, kind="capi_event") == "confidence >= 0.8"
    assert binding_form.org_auto_apply(session, organization_id=org.id, kind="audience_add") == "ghostingRisk >= 70"
    assert binding_form.org_auto_apply(session, organization_id=org.id, kind="none") is None


# ------------------------------------------------------------------------------ AppTest
@pytest.fixture
def director(committed_db: Engine, redis_conn: redis.Redis) -> CurrentUser:
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        boss = session.scalar(select(User).where(User.organization_id == org.id, User.role == Role.DIRECTOR))
        assert boss is not None
        return CurrentUser(boss.id, org.id, boss.role, boss.name, org.name)


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_capi_binding_invalid_condition_fix_save_reload_then_clear(director: CurrentUser,
                                                                   committed_db: Engine) -> None:
    at = builder(director)
    at.text_input(key="b.name").input("Caixa")
    at.text_area(key="b.prompt").input("Detecte pagamento confirmado.")
    at.selectbox(key="b.model").set_value("offline")
    at.run()
    add_field(at, 0, "paid", FieldType.BOOLEAN, "Pagou?")
    add_field(at, 1, "amount", FieldType.NUMBER, "Valor pago", required=False)
    add_field(at, 2, "coin", FieldType.ENUM, "Moeda", enum="BRL, USD")
    add_field(at, 3, "notes", FieldType.STRING, "Notas")
    assert at.selectbox(key="b.bind.kind").value == "none"
    at.selectbox(key="b.bind.kind").set_value("capi_event")
    at.run()
    assert at.selectbox(key="b.bind.event").options == ["Purchase", "LeadSubmitted", "InitiateCheckout",
                                                       "AddToCart", "ViewContent"]
    assert any("`paid (sim/não)`" in str(c.value) and "`coin (BRL, USD)`" in str(c.value) for c in at.caption)
    at.selectbox(key="b.bind.event").set_value("LeadSubmitted")
    at.text_input(key="b.bind.cond").input("paid = true")
    at.run()
    assert len(_errors(at)) == 1 and _errors(at)[0].startswith("Condição inválida: condição inválida na posição 5")
    assert "não '=' sozinho" in _errors(at)[0]
    at.button(key="b.save").click()
    at.run()
    # Not saved: the problem is listed next to "Salvar" (with every other one) and stays at its field.
    assert any(e.startswith("**Corrija 1 problema(s) para salvar:**") and "Ação na Meta: condição inválida" in e
               for e in _errors(at))
    # Testar runs the agent only: an unfinished action section does not block it.
    at.selectbox(key="b.sample").set_value("conv-001.json")
    at.button(key="b.test_run").click()
    at.run()
    assert not any("Teste falhou" in e for e in _errors(at))
    assert {m.label: m.value for m in at.metric}["Motor"] == "offline"
    at.text_input(key="b.bind.cond").input("paid == true and amount > 0")
    at.selectbox(key="b.bind.value").set_value("amount")
    at.selectbox(key="b.bind.currency").set_value("coin")
    at.multiselect(key="b.bind.traits").set_value(["notes"])
    at.selectbox(key="b.bind.auto").set_value("when")
    at.run()
    at.text_input(key="b.bind.auto_cond").input("confidence >= 0.8")
    at.run()
    assert not _errors(at), _errors(at)
    at.button(key="b.save").click()
    at.run()
    assert at.success[0].value == "Versão 1 salva: 🤖 Caixa."
    with Session(committed_db) as session:
        agent = session.scalar(select(AiAgent).where(AiAgent.organization_id == director.organization_id,
                                                     AiAgent.name == "Caixa"))
        assert agent is not None
        assert agent.action_binding == {
            "kind": "capi_event", "eventName": "LeadSubmitted", "condition": "paid == true and amount > 0",
            "mapping": {"value": "amount", "currency": "coin", "traits": ["notes"]},
            "autoApply": {"mode": "when", "condition": "confidence >= 0.8"}}
        agent_id = agent.id

    # Reload from the database (a fresh session, Editar link): the binding is shown as saved.
    at = builder(director, agent=str(agent_id))
    assert at.selectbox(key="b.bind.kind").value == "capi_event"
    assert at.selectbox(key="b.bind.event").value == "LeadSubmitted"
    assert at.text_input(key="b.bind.cond").value == "paid == true and amount > 0"
    assert (at.selectbox(key="b.bind.value").value, at.selectbox(key="b.bind.currency").value) == ("amount", "coin")
    assert at.multiselect(key="b.bind.traits").value == ["notes"]
    assert (at.selectbox(key="b.bind.auto").value, at.text_input(key="b.bind.auto_cond").value) == (
        "when", "confidence >= 0.8")
    assert not _errors(at)

    # A condition on a field the agent does not have, and a mapped field that was removed: both refused.
    at.text_input(key="b.bind.cond").input("hasCard == true")
    at.run()
    assert _errors(at) == ["Condição inválida: o campo 'hasCard' não existe neste agente "
                           "(use: paid, amount, coin, notes, summary, confidence)"]
    at.text_input(key="b.bind.cond").input("paid")
    at.button(key="b.f.1.remove").click()  # "amount": mapped to value and used by nothing else now
    at.run()
    assert _errors(at) == ["o campo 'amount' não existe neste agente ou não é NUMBER"]
    at.button(key="b.save").click()
    at.run()
    assert any(e.startswith("**Corrija") and "Ação na Meta: o campo 'amount'" in e for e in _errors(at))
    at.selectbox(key="b.bind.value").set_value("")  # back to the ticket value
    at.run()
    assert not _errors(at)

    # Clear the binding: saved as none (NULL), a new version; the action runner sees no binding.
    at.selectbox(key="b.bind.kind").set_value("none")
    at.run()
    at.button(key="b.save").click()
    at.run()
    assert at.success[0].value == "Versão 2 salva: 🤖 Caixa."
    with Session(committed_db) as session:
        agent = session.get(AiAgent, agent_id)
        assert agent is not None and agent.version == 2 and agent.action_binding is None
        assert agent_binding(agent) is None
    at = builder(director, agent=str(agent_id))
    assert at.selectbox(key="b.bind.kind").value == "none"


def test_template_defaults_are_shown_edited_and_none_turns_them_off(director: CurrentUser,
                                                                     committed_db: Engine) -> None:
    with Session(committed_db) as session:
        ids = {k: find_agent(session, organization_id=director.organization_id, key_or_id=k).id
               for k in ("capi_auditor", "ghosting_sentinel", "icp_mapper")}
        assert all(session.get(AiAgent, i).action_binding is None for i in ids.values())  # type: ignore[union-attr]
    at = builder(director, agent=str(ids["ghosting_sentinel"]))
    assert at.selectbox(key="b.bind.kind").value == "audience_add"
    assert at.text_input(key="b.bind.cond").value == "addToRetargeting == true"
    assert any("Padrão do template `ghosting_sentinel`" in str(c.value) for c in at.caption)
    at = builder(director, agent=str(ids["icp_mapper"]))
    assert at.selectbox(key="b.bind.kind").value == "capi_custom_data"
    assert at.multiselect(key="b.bind.traits").value == ["persona", "lifeStage", "decisionDriver", "ageRange",
                                                         "traits"]
    assert at.selectbox(key="b.bind.auto").value == "never"

    at = builder(director, agent=str(ids["capi_auditor"]))
    assert (at.selectbox(key="b.bind.kind").value, at.selectbox(key="b.bind.event").value) == (
        "capi_event", "Purchase")
    assert at.text_input(key="b.bind.cond").value == "purchaseConfirmed == true"
    assert (at.selectbox(key="b.bind.value").value, at.selectbox(key="b.bind.currency").value) == (
        "purchaseValue", "currency")
    assert any("Padrão do template `capi_auditor`" in str(c.value) for c in at.caption)
    assert any("Política da organização hoje para esta ação" in str(c.value) for c in at.caption)
    assert not _errors(at)
    at.text_input(key="b.bind.cond").input("purchaseConfirmed == true and alreadyRegistered == false")
    at.run()
    assert not any("Padrão do template" in str(c.value) for c in at.caption)
    at.button(key="b.save").click()
    at.run()
    assert at.success[0].value.startswith("Versão 2 salva")
    with Session(committed_db) as session:
        agent = session.get(AiAgent, ids["capi_auditor"])
        assert agent is not None
        assert agent.action_binding["condition"] == "purchaseConfirmed == true and alreadyRegistered == false"  # type: ignore[index]
        assert agent.action_binding["mapping"]["value"] == "purchaseValue"  # type: ignore[index]

    # "Nenhuma" on a template with a default: saved as {"kind": "none"}, so the default no longer applies.
    at.selectbox(key="b.bind.kind").set_value("none")
    at.run()
    assert not _errors(at)
    at.button(key="b.save").click()
    at.run()
    assert at.success[0].value.startswith("Versão 3 salva")
    with Session(committed_db) as session:
        agent = session.get(AiAgent, ids["capi_auditor"])
        assert agent is not None and agent.version == 3
        assert agent.action_binding == {"kind": NO_ACTION_KIND}
        assert binding_for(agent.action_binding, agent.template_key) is None
        assert agent_binding(agent) is None
    at = builder(director, agent=str(ids["capi_auditor"]))
    assert at.selectbox(key="b.bind.kind").value == "none"  # not the template default
    assert not any("Padrão do template" in str(c.value) for c in at.caption)
    assert not _errors(at)
