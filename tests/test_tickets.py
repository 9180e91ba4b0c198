"""Inbox filters, transcript and filter options: organisation-scoped, on the real database."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from insight_factory import BASE_TIME, add_insight, add_ticket, day, make_world

from engine.models import TicketStatus
from engine.tickets import (
    TicketFilters,
    TicketNotFoundError,
    filter_options,
    list_inbox,
    seller_owns_ticket,
    ticket_detail,
)


@pytest.fixture
def world(session):
    w = make_world(session)
    ana, bruno = w.sellers
    add_ticket(session, w, seller=ana, status=TicketStatus.OPEN, contact="Mariana", at=BASE_TIME)
    t_lost = add_ticket(session, w, seller=bruno, status=TicketStatus.LOST, contact="Joana",
                        campaign="Laser_Promo", at=BASE_TIME - timedelta(days=1))
    add_ticket(session, w, seller=ana, status=TicketStatus.WON, contact="Carla", campaign=None,
               at=BASE_TIME - timedelta(days=2))
    add_insight(session, w, "traffic_feedback", ticket=t_lost)
    add_insight(session, w, "qa_auditor", ticket=t_lost)
    return w


def test_inbox_lists_newest_activity_first_with_insight_counts(session, world):
    page = list_inbox(session, organization_id=world.org.id)
    assert page.total == 3
    assert [r.contact for r in page.rows] == ["Mariana", "Joana", "Carla"]
    joana = page.rows[1]
    assert (joana.insights, joana.pending, joana.seller, joana.campaign) == (2, 2, "Bruno", "Laser_Promo")


@pytest.mark.parametrize("filters, expected", [
    (TicketFilters(statuses=(TicketStatus.LOST,)), ["Joana"]),
    (TicketFilters(statuses=(TicketStatus.OPEN, TicketStatus.WON)), ["Mariana", "Carla"]),
    (TicketFilters(date_from=day(-1), date_to=day(-1)), ["Joana"]),
    (TicketFilters(date_from=day(-1)), ["Mariana", "Joana"]),
])
def test_inbox_filters(session, world, filters, expected):
    assert [r.contact for r in list_inbox(session, organization_id=world.org.id, filters=filters).rows] == expected


def test_inbox_filters_by_seller_campaign_and_agent(session, world):
    org = world.org.id
    ana = world.sellers[0]
    assert [r.contact for r in list_inbox(session, organization_id=org, filters=TicketFilters(
        seller_id=ana.id)).rows] == ["Mariana", "Carla"]
    assert [r.contact for r in list_inbox(session, organization_id=org, filters=TicketFilters(
        campaign_id=world.campaigns["Agosto_Botox"].id)).rows] == ["Mariana"]
    assert [r.contact for r in list_inbox(session, organization_id=org, filters=TicketFilters(
        agent_id=world.agents["qa_auditor"].id)).rows] == ["Joana"]
    assert list_inbox(session, organization_id=org, filters=TicketFilters(
        agent_id=world.agents["closing_coach"].id)).rows == []


def test_inbox_paginates(session, world):
    p2 = list_inbox(session, organization_id=world.org.id, page=2, page_size=2)
    assert (p2.total, p2.pages, [r.contact for r in p2.rows]) == (3, 2, ["Carla"])


def test_inbox_never_shows_another_organisation(session, world):
    other = make_world(session)
    add_ticket(session, other, seller=other.sellers[0], contact="Intrusa")
    assert "Intrusa" not in [r.contact for r in list_inbox(session, organization_id=world.org.id).rows]
    # Filtering by the other org's seller id finds nothing here.
    assert list_inbox(session, organization_id=world.org.id,
                      filters=TicketFilters(seller_id=other.sellers[0].id)).total == 0


def test_transcript_in_order_and_scoped(session, world):
    t = world.tickets[1]
    detail = ticket_detail(session, organization_id=world.org.id, ticket_id=t.id)
    assert detail.contact == "Joana" and detail.seller == "Bruno" and detail.campaign == "Laser_Promo"
    assert [m.author for m in detail.messages] == ["lead", "seller", "lead"]
    assert detail.messages[0].sent_at < detail.messages[-1].sent_at
    other = make_world(session)
    with pytest.raises(TicketNotFoundError, match="Ticket não encontrado"):
        ticket_detail(session, organization_id=other.org.id, ticket_id=t.id)
    with pytest.raises(TicketNotFoundError):
        ticket_detail(session, organization_id=world.org.id, ticket_id=uuid.uuid4())


def test_filter_options_are_the_organisations_own(session, world):
    make_world(session)  # a second org with the same names must not leak in
    opts = filter_options(session, organization_id=world.org.id)
    assert [o.label for o in opts.sellers] == ["Ana", "Bruno"]
    assert [o.label for o in opts.campaigns] == ["Agosto_Botox", "Laser_Promo"]
    assert len(opts.agents) == 6


def test_seller_owns_ticket(session, world):
    ana, bruno = world.sellers
    t = world.tickets[0]
    assert seller_owns_ticket(session, organization_id=world.org.id, seller_id=ana.id, ticket_id=t.id)
    assert not seller_owns_ticket(session, organization_id=world.org.id, seller_id=bruno.id, ticket_id=t.id)
