"""Found by bench/scale_out.py (README "Scaling", problem 1): an event job killed after its apply
commit and before its runs were recorded is retried later; if the ticket was closed again meanwhile,
the retry derives no trigger and the event ends PROCESSED without its runs. Strict xfail: it documents
the bug and turns red when it is fixed (then drop the marker)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from worker_support import crm_event, fake_analyse, make_org

import engine.offline
from engine import jobs
from engine.db import session_scope
from engine.models import AiRun, Event, EventStatus


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.offline, "analyse", fake_analyse)


def _runs_of(event_id: object) -> int:
    with session_scope() as s:
        return len(list(s.scalars(select(AiRun.id).where(AiRun.event_id == event_id))))


@pytest.mark.xfail(strict=True, reason="engine bug: the retry re-derives the trigger from the current ticket "
                                       "(README Scaling, problem 1)")
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
    assert _runs_of(won) == 2  # icp_mapper and qa_auditor on TICKET_WON; today: 0


@pytest.mark.xfail(strict=True, reason="engine bug: the retry applies the old WON over a later LOST "
                                       "(README Scaling, problem 1)")
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
        assert ticket is not None and ticket.status is TicketStatus.LOST  # the latest close wins; today: WON
