"""Galeria de Copilotos (AppTest): cards per agent, active toggle, Template Library with copy confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from engine.agents import find_agent
from engine.conversation import load_conversation
from engine.login import CurrentUser
from engine.models import AiAgent, Role, User
from engine.runner import run_and_record
from engine.seed import DATA_DIR, DEMO_SLUG, import_conversation, org_by_slug, seed_demo

APP = str(Path(__file__).resolve().parents[1] / "studio" / "app.py")


@pytest.fixture
def director(committed_db: Engine, redis_conn: redis.Redis) -> CurrentUser:
    """Demo org with the six templates and one recorded run of the closing coach, committed."""
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-001.json"))
        coach = find_agent(session, organization_id=org.id, key_or_id="closing_coach")
        run_and_record(session, organization_id=org.id, agent=coach, ticket_id=ticket.id, model="offline")
        boss = session.scalar(select(User).where(User.organization_id == org.id, User.role == Role.DIRECTOR))
        assert boss is not None
        return CurrentUser(boss.id, org.id, boss.role, boss.name, org.name)


def gallery(user: CurrentUser) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["current_user"] = user
    return at.run()


def agent_count(engine: Engine, **where: object) -> int:
    with Session(engine) as session:
        org = org_by_slug(session, DEMO_SLUG)
        assert org is not None
        q = select(func.count()).select_from(AiAgent).where(AiAgent.organization_id == org.id)
        for k, v in where.items():
            q = q.where(getattr(AiAgent, k) == v)
        return int(session.scalar(q) or 0)


def test_cards_show_each_agent_with_toggle_triggers_model_and_activity(director: CurrentUser) -> None:
    at = gallery(director)
    assert not at.exception
    assert at.title[0].value == "🤖 Galeria de Copilotos"
    assert at.subheader[0].value == "Seus copilotos (6)"
    assert len(at.toggle) == 6 and all(t.value for t in at.toggle)
    headings = [m.value for m in at.markdown if str(m.value).startswith("### ")]
    assert "### 🎯 Coach de Fechamento" in headings
    captions = " | ".join(str(c.value) for c in at.caption)
    assert "Gatilhos: Nova mensagem do lead" in captions
    assert "Modelo: `gpt-4o-mini`" in captions
    assert "Última execução: agora há pouco" in captions and "Última execução: nunca" in captions
    activity = sorted(str(m.value) for m in at.markdown if "últimos 7 dias" in str(m.value))
    assert activity == ["**0** insights · **R$ 0,00** · 0 execuções — últimos 7 dias"] * 5 + [
        "**1** insights · **R$ 0,00** · 1 execuções — últimos 7 dias"]  # costs in R$ at the org's rate


def test_template_cards_use_readable_field_labels_and_portuguese(director: CurrentUser) -> None:
    at = gallery(director)
    assert "📚 Biblioteca de modelos" in [s.value for s in at.subheader]
    fields = [str(c.value) for c in at.caption if str(c.value).startswith("Campos: ")]
    assert "Campos: Motivo da perda, Lead qualificado, Anúncio desalinhado, Evidência" in fields
    assert not any("`" in f or "lossReason" in f for f in fields)  # no camelCase identifiers


def test_toggle_switches_the_agent_off_in_the_database(director: CurrentUser, committed_db: Engine) -> None:
    with Session(committed_db) as session:
        coach_id = session.scalar(select(AiAgent.id).where(AiAgent.template_key == "closing_coach"))
    at = gallery(director)
    at.toggle(key=f"active-{coach_id}").set_value(False)
    at.run()
    assert not at.exception
    assert agent_count(committed_db, is_active=False, template_key="closing_coach") == 1
    assert agent_count(committed_db, is_active=True) == 5
    assert at.toggle(key=f"active-{coach_id}").value is False
    at.toggle(key=f"active-{coach_id}").set_value(True)
    at.run()
    assert agent_count(committed_db, is_active=True) == 6


def test_add_template_twice_asks_before_creating_a_copy(director: CurrentUser, committed_db: Engine) -> None:
    at = gallery(director)
    assert [b.label for b in at.button if b.key and b.key.startswith("add-")] == ["Adicionar"] * 6
    at.button(key="add-icp_mapper").click()
    at.run()
    assert not at.exception
    assert "já está instalado; confirme para criar uma cópia" in at.warning[0].value
    assert agent_count(committed_db) == 6  # nothing created without confirmation
    at.button(key="cancel-copy").click()
    at.run()
    assert not at.warning and agent_count(committed_db) == 6

    at.button(key="add-icp_mapper").click()
    at.run()
    at.button(key="confirm-copy").click()
    at.run()
    assert not at.exception
    assert agent_count(committed_db) == 7
    assert agent_count(committed_db, name="Mapeador de ICP (cópia)") == 1
    assert agent_count(committed_db, name="Mapeador de ICP (cópia)", is_active=False) == 1  # installed inactive
    assert "adicionado **inativo**" in at.success[0].value and "Ativar" in at.success[0].value
    assert at.subheader[0].value == "Seus copilotos (7)"
    [activate] = [b for b in at.button if b.key and b.key.startswith("activate-")]
    assert activate.label == "Ativar"
    activate.click()
    at.run()
    assert not at.exception
    assert agent_count(committed_db, name="Mapeador de ICP (cópia)", is_active=True) == 1
    assert not [b for b in at.button if b.key and b.key.startswith("activate-")]


def test_add_template_into_an_empty_org_installs_at_once(director: CurrentUser, committed_db: Engine) -> None:
    from sqlalchemy import delete

    with Session(committed_db) as session, session.begin():
        session.execute(delete(AiAgent).where(AiAgent.organization_id == director.organization_id))
    at = gallery(director)
    assert at.subheader[0].value == "Seus copilotos (0)"
    at.button(key="add-qa_auditor").click()
    at.run()
    assert not at.warning
    assert agent_count(committed_db, template_key="qa_auditor") == 1
    assert at.subheader[0].value == "Seus copilotos (1)"


def test_edit_opens_the_builder_on_that_agent(director: CurrentUser) -> None:
    at = gallery(director)
    edit = next(b for b in at.button if b.key and b.key.startswith("edit-"))
    agent_id = edit.key.removeprefix("edit-")
    edit.click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "🛠️ Editor de copilotos"
    assert at.selectbox(key="b.select").value == agent_id


def test_director_sets_the_organisation_budget_and_sees_spend_vs_budget(director: CurrentUser,
                                                                       committed_db: Engine) -> None:
    at = gallery(director)
    assert any("Gasto com modelos neste mês:** R$ 0,00 (a organização não tem orçamento definido)" in str(m.value) for m in at.markdown)
    at.number_input(key="budget-org").set_value(150.0)
    at.button(key="budget-org-save").click().run()
    assert not at.exception
    assert at.success[0].value == "Orçamento salvo."
    assert any("R$ 0,00 de R$ 150,00" in str(m.value) for m in at.markdown)
    per_agent = [c.value for c in at.caption if str(c.value).startswith("Gasto no mês:")]
    assert len(per_agent) == 6 and all(v.endswith("(sem orçamento próprio)") for v in per_agent)
