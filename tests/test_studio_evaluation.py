"""Avaliação page, "Corrigir" in the console and the Builder's regression warning (AppTest, committed data)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from insight_factory import add_insight, add_ticket, make_world
from openai_stub import OpenAIStub
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest
from studio_apptest import PAGES, builder, page, texts

from engine import labels
from engine.agents import find_agent, load_agent, save_agent
from engine.config import get_settings
from engine.login import CurrentUser
from engine.models import AiAgent, EvalRun, LabelCase, Role, User
from engine.seed import DATA_DIR, seed_demo
from studio.ui import USER_KEY


@pytest.fixture
def demo(committed_db: Engine, redis_conn: redis.Redis) -> dict[Role, CurrentUser]:
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        labels.install_demo_sets(session, organization_id=org.id, data_dir=DATA_DIR)
        users = session.scalars(select(User).where(User.organization_id == org.id)).all()
        return {u.role: CurrentUser(u.id, org.id, u.role, u.name, org.name) for u in users}


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


@pytest.fixture
def model_server(stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIStub]:
    stub.reset()
    monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", stub.base_url)
    get_settings.cache_clear()
    yield stub
    stub.reset()
    get_settings.cache_clear()


def _agent_id(committed_db: Engine, org_id: uuid.UUID, key: str) -> str:
    with Session(committed_db) as session:
        return str(find_agent(session, organization_id=org_id, key_or_id=key).id)




def eval_page(user: CurrentUser) -> AppTest:
    at = AppTest.from_file(str(PAGES / "evaluation.py"), default_timeout=120)
    at.session_state[USER_KEY] = user
    return at


def test_page_evaluates_versions_and_models_and_compares_with_a_baseline(demo, committed_db: Engine) -> None:
    director = demo[Role.DIRECTOR]
    at = eval_page(director)
    at.run()
    assert not at.exception
    at.selectbox(key="ev.agent").set_value(_agent_id(committed_db, director.organization_id, "closing_coach")).run()
    assert "Conjunto padrão deste copiloto" in texts(at)  # heldout is the templates' default set
    at.multiselect(key="ev.models").set_value(["__own__", "offline"]).run()
    at.button(key="ev.run").click().run()
    assert not at.exception, at.exception
    assert "2 avaliação(ões) concluída(s)" in texts(at)
    runs = at.selectbox(key="ev.run_sel").options
    assert len(runs) == 2
    at.selectbox(key="ev.base_sel").set_value(at.selectbox(key="ev.base_sel").options[1]).run()
    table = at.dataframe[0].value
    assert sorted(table["Campo"]) == ["concern", "hesitationDetected"]
    assert "Δ vs base" in table.columns and list(table["Total"]) == [24, 24]
    shown = texts(at)
    assert "Matriz de confusão" in shown and "Campos de texto (listados, não pontuados): tip, suggestedReply" in shown
    assert [m.label for m in at.metric][:3] == ["Acerto geral", "Schema válido", "Evidência válida"]
    assert any(s.startswith("Erros · ") for s in (x.value for x in at.subheader))
    assert len(at.get("plotly_chart")) == 1
    assert any("esperado" in e.label and "veio" in e.label for e in at.expander)


def test_page_is_for_directors_only(demo) -> None:
    at = eval_page(demo[Role.COORDINATOR]).run()
    assert "Acesso negado" in texts(at)


def test_corrigir_in_the_console_stores_a_label_and_shows_who(committed_db: Engine, redis_conn: redis.Redis) -> None:
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        t1 = add_ticket(s, w, seller=w.sellers[0], contact="Mariana", messages=[
            ("lead", "Oi, quanto custa o botox?"), ("seller", "R$ 1.200."), ("lead", "Achei caro, vou pensar.")])
        coach = add_insight(s, w, "closing_coach", ticket=t1, summary="Dica: ofereça parcelamento")
    at = page("console", w.coordinator).run()
    assert not at.exception
    at.selectbox(key=f"fix.{coach.id}.concern").set_value("PRICE")
    at.selectbox(key=f"fix.{coach.id}.hesitationDetected").set_value(True)
    at.button(key=f"fix-save-{coach.id}").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Correção salva como rótulo" in shown
    assert f"Corrigido** por {w.coordinator.name}" in shown and "concern = PRICE" in shown
    with Session(committed_db) as s:
        case = s.scalar(select(LabelCase).where(LabelCase.organization_id == w.org.id))
        assert case is not None and case.ticket_id == t1.id
        assert case.labels["closing_coach"] == {"concern": "PRICE", "hesitationDetected": True}


def test_builder_warns_before_activating_a_version_that_got_worse(demo, committed_db: Engine,
                                                                   model_server: OpenAIStub) -> None:
    director = demo[Role.DIRECTOR]
    with Session(committed_db) as session, session.begin():
        agent = find_agent(session, organization_id=director.organization_id, key_or_id="closing_coach")
        saved = save_agent(session, organization_id=director.organization_id,
                           spec=agent.model_copy(update={"model": "offline"}))
    at = builder(director, agent=str(saved.id))
    at.selectbox(key="b.model").set_value("__other__").run()
    at.text_input(key="b.model_custom").input("local/worse").run()
    at.button(key="b.save").click().run()
    assert not at.exception, at.exception
    warning = " ".join(str(w.value) for w in at.warning)
    assert "Antes de ativar" in warning and "concern" in warning and "heldout" in warning
    with Session(committed_db) as session:
        row = session.get(AiAgent, saved.id)
        assert row is not None and row.version == saved.version and row.model == "offline"  # not saved yet
    at.button(key="b.save_inactive").click().run()
    assert not at.exception, at.exception
    assert "piorou em" in texts(at)
    with Session(committed_db) as session:
        now = load_agent(session, organization_id=director.organization_id, agent_id=saved.id)
        assert now.version == saved.version + 1 and not now.is_active and now.model == "local/worse"
        versions = {r.agent_version for r in session.scalars(select(EvalRun).where(EvalRun.agent_id == saved.id))}
        assert versions == {saved.version, saved.version + 1}
