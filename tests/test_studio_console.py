"""Console de Insights (AppTest): inbox, transcript, live feed, Aplicar / Descartar, roles and tenancy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_ticket, make_world
from sqlalchemy.orm import Session
from studio_apptest import PAGES, page, texts

from engine.insights import dismiss_insight
from engine.models import ActionLog, ActionLogStatus, ActionStatus, AiInsight, TicketStatus


@pytest.fixture
def world(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        ana, bruno = w.sellers
        t1 = add_ticket(s, w, seller=ana, contact="Mariana", messages=[
            ("lead", "Oi, quanto custa o botox?"), ("seller", "Oi Mariana! Custa R$ 1.200."),
            ("lead", "Nossa, achei caro demais.")])
        t2 = add_ticket(s, w, seller=bruno, contact="Joana", status=TicketStatus.LOST,
                        at=BASE_TIME - timedelta(hours=3))
        w.ins = {  # type: ignore[attr-defined]
            "coach": add_insight(s, w, "closing_coach", ticket=t1, summary="Dica: fale do tempo de recuperação"),
            "qa": add_insight(s, w, "qa_auditor", ticket=t1, at=BASE_TIME - timedelta(minutes=5),
                              engine="litellm", summary="Este lead reclamou de preço"),
            "joana": add_insight(s, w, "traffic_feedback", ticket=t2, summary="Lead de Joana achou caro"),
        }
        other = make_world(s)
        add_ticket(s, other, seller=other.sellers[0], contact="Intrusa")
    return w


def test_renders_inbox_transcript_and_feed(world):
    at = page("console", world.coordinator).run()
    assert not at.exception
    inbox = at.dataframe(key="console_inbox").value
    assert list(inbox["Contato"]) == ["Mariana", "Joana"]  # the other organisation's "Intrusa" never shows
    assert list(inbox["Pendentes"]) == [2, 1]
    shown = texts(at)
    assert "Conversa com Mariana" in shown and "achei caro demais" in shown
    assert f"Dica: fale do tempo de recuperação ({world.agents['closing_coach'].name})" in shown
    assert "Dica oculta — só o vendedor vê" in shown
    assert "offline" in shown and "litellm" in shown
    assert "Lead de Joana" not in shown  # the feed is the selected ticket's only
    # Newest first: the coach tip (12:00) comes before the QA audit (11:55).
    assert shown.index("Dica: fale do tempo") < shown.index("Este lead reclamou de preço")


def test_selecting_another_ticket_and_filters(world):
    at = page("console", world.director)
    at.session_state["console_ticket"] = str(world.tickets[1].id)
    at.run()
    assert "Conversa com Joana" in texts(at) and "Lead de Joana achou caro" in texts(at)
    at.multiselect(key="console_status").set_value([TicketStatus.LOST]).run()
    assert list(at.dataframe(key="console_inbox").value["Contato"]) == ["Joana"]
    at.selectbox(key="console_seller").set_value(world.sellers[0].id).run()
    assert "Nenhum ticket com esses filtros." in texts(at)


def test_apply_records_who_and_when_and_shows_action_state(world, committed_db):
    coach = world.ins["coach"]
    at = page("console", world.coordinator).run()
    at.button(key=f"apply-{coach.id}").click().run()
    assert not at.exception
    assert "Insight aplicado" in texts(at)
    with Session(committed_db) as s:
        row = s.get(AiInsight, coach.id)
        assert row.action_status is ActionStatus.APPLIED and row.actioned_by == world.coordinator.id
        s.add(ActionLog(organization_id=world.org.id, insight_id=coach.id, kind="capi_event", dedupe_key="x",
                        status=ActionLogStatus.FAILED, attempts=2, error="HTTP 400 inválido"))
        s.commit()
    at.run()
    shown = texts(at)
    assert "Aplicado" in shown and "por Paula" in shown
    assert "Evento CAPI (Meta): falhou · 2 tentativa(s) · erro: HTTP 400 inválido" in shown
    assert not any(b.key == f"apply-{coach.id}" for b in at.button)  # decided: no more buttons


def test_dismiss(world, committed_db):
    qa = world.ins["qa"]
    at = page("console", world.director).run()
    at.button(key=f"dismiss-{qa.id}").click().run()
    assert "Insight descartado" in texts(at)
    with Session(committed_db) as s:
        row = s.get(AiInsight, qa.id)
        assert row.action_status is ActionStatus.DISMISSED and row.actioned_by == world.director.id


def test_second_decision_is_refused_with_a_clear_message(world, committed_db):
    coach = world.ins["coach"]
    at = page("console", world.coordinator).run()  # the button is on screen...
    dismiss_insight(world.org.id, coach.id, world.director.id)  # ...when someone else decides first
    at.button(key=f"apply-{coach.id}").click().run()
    assert "já foi descartado por Helena" in "\n".join(e.value for e in at.error)
    with Session(committed_db) as s:
        assert s.get(AiInsight, coach.id).action_status is ActionStatus.DISMISSED


def test_new_insight_appears_on_next_refresh(world, committed_db):
    at = page("console", world.coordinator).run()
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        add_insight(s, world, "ghosting_sentinel", ticket=world.tickets[0], at=BASE_TIME + timedelta(minutes=1),
                    summary="Risco alto de sumir: mande o resgate")
    at.run()  # what the 2 s fragment timer does in the browser
    assert f"Risco alto de sumir: mande o resgate ({world.agents['ghosting_sentinel'].name})" in texts(at)


def test_seller_and_traffic_are_refused(world):
    for user in (world.sellers[0], world.traffic):
        at = page("console", user).run()
        assert any("Acesso negado" in e.value for e in at.error)
        assert not at.dataframe


def test_empty_organisation(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
    at = page("console", w.director).run()
    assert not at.exception and "Nenhum ticket com esses filtros." in texts(at)


def test_pages_open_through_the_studio_router(world):
    """From the entry point (studio/app.py), as the navigation opens them for each role."""
    from streamlit.testing.v1 import AppTest

    from engine.login import CurrentUser
    from studio.ui import USER_KEY

    for user, target, marker in ((world.coordinator, "pages/console.py", "Console de Insights"),
                                 (world.director, "pages/insights.py", "Todos os insights"),
                                 (world.sellers[0], "pages/feed.py", "Meu feed"),
                                 (world.traffic, "pages/analytics.py", "Análises")):
        at = AppTest.from_file(str(PAGES.parent / "app.py"), default_timeout=60)
        at.session_state[USER_KEY] = CurrentUser(user_id=user.id, organization_id=user.organization_id,
                                                 role=user.role, name=user.name)
        at.run()
        at.switch_page(target).run()
        assert not at.exception, (target, at.exception)
        assert marker in texts(at) and not at.error, target


def test_url_opens_filters_and_ticket_and_follows_them(world):
    """A reload or a shared link (?status=LOST&seller=<id>&ticket=<id>) reopens the same view."""
    joana = world.ins["joana"].ticket_id
    bruno = world.sellers[1]
    at = page("console", world.coordinator)
    at.query_params["status"] = ["LOST"]
    at.query_params["seller"] = str(bruno.id)
    at.query_params["ticket"] = str(joana)
    at.run()
    assert not at.exception
    assert at.multiselect(key="console_status").value == [TicketStatus.LOST]
    assert at.selectbox(key="console_seller").value == bruno.id
    assert "Conversa com Joana" in texts(at)
    # Changing a filter writes it back into the URL (what F5 reloads); the open ticket stays there too.
    at.multiselect(key="console_status").set_value([TicketStatus.LOST, TicketStatus.OPEN]).run()
    assert at.query_params["status"] == ["LOST", "OPEN"] and at.query_params["ticket"] == str(joana)
    # A ticket id that is not the organisation's: a pt-BR refusal, nothing of the other ticket.
    at = page("console", world.coordinator)
    at.query_params["ticket"] = "00000000-0000-0000-0000-000000000000"
    at.run()
    assert "Ticket não encontrado nesta organização." in texts(at)


def test_decision_confirmation_outlives_the_live_refresh(world):
    at = page("console", world.coordinator).run()
    next(b for b in at.button if b.label == "Aplicar").click().run()
    assert any("Insight aplicado" in s.value for s in at.success)
    at.run()  # the next refreshes (fragment or full run) keep it until the user's next action
    at.run()
    assert any("Insight aplicado" in s.value for s in at.success)
