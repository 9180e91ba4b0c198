"""Found by bench/scale_out.py (README "Scaling"): an event job killed after its apply commit and before
its runs were recorded is retried later. The ticket may have been closed again meanwhile: the retry
must run what the first apply derived (``event.applied_result``), not re-derive it from the ticket
(it used to end PROCESSED without its runs), and must not apply the event again (an old WON used to
undo a later LOST)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from openai_stub import OpenAIStub
from sqlalchemy import select
from worker_support import crm_event
from worker_support import make_org as _make_org

from engine import jobs
from engine.config import get_settings
from engine.db import session_scope
from engine.models import AiAgent, AiRun, Event, EventStatus


@pytest.fixture(autouse=True)
def _model(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIStub]:
    """Model-bound agents (a local OpenAI-compatible stub): their runs are recorded after the apply
    commit, which is the window a kill can fall into (offline runs commit with the apply)."""
    with OpenAIStub() as server:
        monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", server.base_url)
        get_settings.cache_clear()
        yield server
    get_settings.cache_clear()


def make_org(*templates: str) -> uuid.UUID:
    org = _make_org(*templates)
    with session_scope() as s:
        for agent in s.scalars(select(AiAgent).where(AiAgent.organization_id == org)):
            agent.model = "local/stub"
    return org


def _runs_of(event_id: object) -> int:
    with session_scope() as s:
        return len(list(s.scalars(select(AiRun.id).where(AiRun.event_id == event_id))))


def test_killed_won_retried_after_later_closes_still_records_its_runs(committed_db, redis_conn, monkeypatch) -> None:
    org = make_org("icp_mapper", "qa_auditor")
    jobs.process_event(str(crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)))
    won = crm_event(org, "TICKET_WON", "T-1", enqueue=False)

    def killed(*args: object, **kwargs: object) -> None:  # the process dies after the apply commit
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(jobs, "execute", killed)
        with pytest.raises(KeyboardInterrupt):
            jobs.process_event(str(won))
    with session_scope() as s:
        ev = s.get(Event, won)
        assert ev is not None and ev.status is EventStatus.PROCESSING and ev.attempts == 1
    assert _runs_of(won) == 0

    # the survivors apply later closes of the same ticket meanwhile
    jobs.process_event(str(crm_event(org, "TICKET_LOST", "T-1", enqueue=False)))
    jobs.process_event(str(crm_event(org, "TICKET_WON", "T-1", enqueue=False)))

    jobs.process_event(str(won))  # the sweeper's retry
    with session_scope() as s:
        ev = s.get(Event, won)
        assert ev is not None and ev.status is EventStatus.PROCESSED
    assert _runs_of(won) == 2  # icp_mapper and qa_auditor on TICKET_WON (was 0)


def test_killed_won_retried_after_a_later_lost_leaves_the_ticket_lost(committed_db, redis_conn, monkeypatch) -> None:
    from engine.models import Ticket, TicketStatus

    org = make_org("icp_mapper", "qa_auditor")
    jobs.process_event(str(crm_event(org, "MESSAGE_RECEIVED", "T-1", enqueue=False)))
    won = crm_event(org, "TICKET_WON", "T-1", enqueue=False)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(jobs, "execute", killed)
        with pytest.raises(KeyboardInterrupt):
            jobs.process_event(str(won))
    jobs.process_event(str(crm_event(org, "TICKET_LOST", "T-1", enqueue=False)))  # later, applied meanwhile
    jobs.process_event(str(won))  # the sweeper's retry
    with session_scope() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.organization_id == org, Ticket.external_ref == "T-1"))
        assert ticket is not None and ticket.status is TicketStatus.LOST  # the latest close wins (was WON)
