"""Demo seed: idempotent, complete; conversations import as tickets."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.conversation import conversation_from_ticket, load_conversation
from engine.models import AiAgent, Campaign, CampaignSpend, Message, Ticket, User, WhatsappNumber
from engine.seed import DATA_DIR, DEMO_PHONE_NUMBER_ID, import_conversation, seed_demo


def _count(session: Session, model: type, org_id: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.organization_id == org_id)) or 0


def test_seed_demo_idempotent(session: Session) -> None:
    org = seed_demo(session)
    counts = {m: _count(session, m, org.id) for m in (AiAgent, User, Campaign, CampaignSpend, WhatsappNumber)}
    assert counts[AiAgent] == 6 and counts[WhatsappNumber] == 1 and counts[User] >= 7
    assert counts[Campaign] >= 5 and counts[CampaignSpend] >= 5 * 28
    assert session.scalar(select(WhatsappNumber.phone_number_id)) == DEMO_PHONE_NUMBER_ID
    seed_demo(session)
    assert {m: _count(session, m, org.id) for m in counts} == counts


def test_import_round_trip(session: Session) -> None:
    org = seed_demo(session)
    path = sorted((DATA_DIR / "conversations").glob("*.json"))[0]
    conv = load_conversation(path)
    ticket = import_conversation(session, org=org, conv=conv)
    assert import_conversation(session, org=org, conv=conv).id == ticket.id  # idempotent
    assert _count(session, Message, org.id) == len(conv.messages)
    back = conversation_from_ticket(session, organization_id=org.id, ticket_id=ticket.id)
    assert [(m.author, m.text, m.at) for m in back.messages] == [(m.author, m.text, m.at) for m in conv.messages]
    assert back.ticket.status == conv.ticket.status
    assert back.ticket.attribution.ctwa_clid == conv.ticket.attribution.ctwa_clid
    assert back.ticket.seller == conv.ticket.seller
    t = session.get(Ticket, ticket.id)
    assert t is not None and (conv.ticket.attribution.utm_campaign is None or t.campaign_id is not None)
