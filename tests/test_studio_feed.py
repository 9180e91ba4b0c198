"""Meu feed (AppTest): a seller sees the hidden tips of their own tickets only, newest first, live."""

from __future__ import annotations

from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_ticket, make_world
from sqlalchemy.orm import Session
from studio_apptest import page, texts


@pytest.fixture
def world(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
        ana, bruno = w.sellers
        t_ana = add_ticket(s, w, seller=ana, contact="Mariana")
        t_bruno = add_ticket(s, w, seller=bruno, contact="Joana")
        add_insight(s, w, "closing_coach", ticket=t_ana, summary="Dica para Ana",
                    tip="Ofereça retorno grátis.", suggestedReply="Mariana, te ofereço um retorno!")
        add_insight(s, w, "ghosting_sentinel", ticket=t_ana, at=BASE_TIME + timedelta(minutes=2),
                    summary="Mariana está esfriando", rescueMessage="Oi Mariana, ainda posso ajudar?")
        add_insight(s, w, "qa_auditor", ticket=t_ana, summary="Auditoria da diretoria")  # DIRECTOR delivery
        add_insight(s, w, "closing_coach", ticket=t_bruno, summary="Dica para Bruno")
        other = make_world(s)
        add_insight(s, other, "closing_coach", ticket=add_ticket(s, other, seller=other.sellers[0]),
                    summary="Dica de outra clínica")
    return w


def test_seller_sees_only_own_tips_newest_first(world):
    at = page("feed", world.sellers[0]).run()
    assert not at.exception
    shown = texts(at)
    assert "Dica para Ana" in shown and "Mariana está esfriando" in shown
    assert shown.index("Mariana está esfriando") < shown.index("Dica para Ana")
    for hidden in ("Dica para Bruno", "Auditoria da diretoria", "Dica de outra clínica"):
        assert hidden not in shown
    assert "Dica oculta — só o vendedor vê" in shown and "Lead: Mariana" in shown
    assert "Resposta sugerida:** Mariana, te ofereço um retorno!" in shown
    assert "Mensagem de resgate:** Oi Mariana, ainda posso ajudar?" in shown
    assert "offline" in shown
    assert not at.button  # sellers read tips; decisions are the coordinators'


def test_new_tip_appears_on_next_refresh(world, committed_db):
    at = page("feed", world.sellers[1]).run()
    assert "Dica para Bruno" in texts(at)
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        add_insight(s, world, "closing_coach", ticket=world.tickets[1], at=BASE_TIME + timedelta(minutes=5),
                    summary="Nova dica para Bruno")
    at.run()  # the 2 s fragment timer in the browser
    assert texts(at).index("Nova dica para Bruno") < texts(at).index("Dica para Bruno")


def test_empty_feed(committed_db, redis_conn):
    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        w = make_world(s)
    at = page("feed", w.sellers[0]).run()
    assert not at.exception and "Nenhuma dica por enquanto" in texts(at)


def test_other_roles_are_refused(world):
    at = page("feed", world.director).run()
    assert any("Acesso negado" in e.value for e in at.error)
