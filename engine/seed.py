"""Demo organisation and dataset loading (``copilot seed --demo``).

The demo organisation ``clinica-demo`` owns WhatsApp phone_number_id 106540352242922, one user per
role, the four demo sellers, the six templates, the campaigns and their daily spend. Conversations
reach the database through the event pipeline (``copilot events replay``) or, for tests and
offline use, through ``import_conversation``.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.auth import hash_password
from engine.conversation import Conversation
from engine.models import (
    Campaign,
    Contact,
    Message,
    Organization,
    Role,
    Ticket,
    TicketStatus,
    User,
    WhatsappNumber,
)
from engine.phones import normalise_phone
from engine.spend_csv import load_spend_csv
from engine.templates import TEMPLATE_KEYS, install_template
from engine.vault import seal

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEMO_SLUG = "clinica-demo"
DEMO_PHONE_NUMBER_ID = "106540352242922"
DEMO_WABA_ID = "102290129340398"
DEMO_PASSWORD = "copilot-demo"
DEMO_EVENTS_SECRET = "demo-events-secret"
DEMO_USERS = (
    ("diretora@clinica-demo.com.br", "Dra. Helena (Diretora)", Role.DIRECTOR),
    ("coordenacao@clinica-demo.com.br", "Paula (Coordenadora)", Role.COORDINATOR),
    ("trafego@clinica-demo.com.br", "Rafael (Tráfego)", Role.TRAFFIC_MANAGER),
)
DEMO_SELLERS = ("Ana", "Bruno", "Carla", "Diego")


def seller_email(name: str, slug: str = DEMO_SLUG) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '.', name.lower()).strip('.')}@{slug}.com.br"


def get_or_create_org(session: Session, *, slug: str, name: str, events_secret: str | None = None) -> Organization:
    org = session.scalar(select(Organization).where(Organization.slug == slug))
    if org is None:
        org = Organization(slug=slug, name=name, events_secret=seal(events_secret or secrets.token_hex(24)) or "",
                           settings={})
        session.add(org)
        session.flush()
    return org


def ensure_user(session: Session, *, org: Organization, email: str, name: str, role: Role, password: str) -> User:
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(organization_id=org.id, email=email, name=name, role=role, password_hash=hash_password(password))
        session.add(user)
        session.flush()
    return user


def load_campaigns(session: Session, *, org: Organization, path: Path) -> int:
    """Upsert campaigns from a JSON list of {name, campaign_id}. Returns the count."""
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:
        stmt = insert(Campaign).values(organization_id=org.id, name=item["name"], external_id=item.get("campaign_id"))
        session.execute(stmt.on_conflict_do_update(
            index_elements=["organization_id", "name"], set_={"external_id": stmt.excluded.external_id}))
    return len(items)


def import_conversation(session: Session, *, org: Organization, conv: Conversation) -> Ticket:
    """Store a fixture as contact + ticket + messages (idempotent by ticket external_ref = conv.id).

    Message ids are the demo event stream's (``{conv}:msg:{i}``), so an import and a replay dedupe together."""
    existing = session.scalar(select(Ticket).where(Ticket.organization_id == org.id, Ticket.external_ref == conv.id))
    if existing is not None:
        return existing
    phone = normalise_phone(conv.contact.phone or f"0000{uuid.uuid4().int % 10**9}")
    contact = session.scalar(select(Contact).where(Contact.organization_id == org.id, Contact.phone == phone))
    if contact is None:
        contact = Contact(organization_id=org.id, name=conv.contact.name, phone=phone)
        session.add(contact)
        session.flush()
    seller = None
    if conv.ticket.seller:
        seller = ensure_user(session, org=org, email=seller_email(conv.ticket.seller, org.slug),
                             name=conv.ticket.seller, role=Role.SELLER, password=DEMO_PASSWORD)
    attr = conv.ticket.attribution
    campaign = None
    if attr.utm_campaign or attr.campaign_id:
        campaign = session.scalar(select(Campaign).where(
            Campaign.organization_id == org.id,
            (Campaign.name == attr.utm_campaign) | (Campaign.external_id == attr.campaign_id)))
    msgs = conv.messages
    last_lead = next((m.at for m in reversed(msgs) if m.author == "lead"), None)
    ticket = Ticket(
        organization_id=org.id, contact_id=contact.id, seller_id=seller.id if seller else None,
        external_ref=conv.id, status=conv.ticket.status, value=conv.ticket.value, currency=conv.ticket.currency,
        utm_source=attr.utm_source, utm_medium=attr.utm_medium, utm_campaign=attr.utm_campaign,
        utm_content=attr.utm_content, utm_term=attr.utm_term, ctwa_clid=attr.ctwa_clid, ad_id=attr.ad_id,
        campaign_id=campaign.id if campaign else None,
        attribution_extra={"meta_campaign_id": attr.campaign_id} if attr.campaign_id else {},
        opened_at=msgs[0].at, last_message_at=msgs[-1].at, last_lead_message_at=last_lead,
        closed_at=msgs[-1].at if conv.ticket.status is not TicketStatus.OPEN else None,
    )
    session.add(ticket)
    session.flush()
    for i, m in enumerate(msgs):
        session.add(Message(
            organization_id=org.id, ticket_id=ticket.id, direction="INBOUND" if m.author == "lead" else "OUTBOUND",
            author=m.author, body=m.text, type=m.type, external_id=f"{conv.id}:msg:{i}", sent_at=m.at,
        ))
    session.flush()
    return ticket


def seed_demo(session: Session, *, data_dir: Path = DATA_DIR, import_conversations: bool = False) -> Organization:
    """Create (or complete) the demo organisation. Idempotent: running it twice changes nothing."""
    from engine.conversation import load_conversation

    org = get_or_create_org(session, slug=DEMO_SLUG, name="Clínica Demo Estética", events_secret=DEMO_EVENTS_SECRET)
    # The dataset spans August 2026: campaign alerts look at 28 days of lost conversations, not one.
    org.settings = {"alert_window_days": 28, **(org.settings or {})}
    if session.scalar(select(WhatsappNumber).where(WhatsappNumber.phone_number_id == DEMO_PHONE_NUMBER_ID)) is None:
        session.add(WhatsappNumber(organization_id=org.id, phone_number_id=DEMO_PHONE_NUMBER_ID,
                                   display_phone_number="15550783881", waba_id=DEMO_WABA_ID))
    for email, name, role in DEMO_USERS:
        ensure_user(session, org=org, email=email, name=name, role=role, password=DEMO_PASSWORD)
    for seller in DEMO_SELLERS:
        ensure_user(session, org=org, email=seller_email(seller), name=seller, role=Role.SELLER,
                    password=DEMO_PASSWORD)
    for key in TEMPLATE_KEYS:
        try:
            install_template(session, organization_id=org.id, key=key)
        except FileExistsError:
            pass
    if (data_dir / "campaigns.json").is_file():
        load_campaigns(session, org=org, path=data_dir / "campaigns.json")
    if (data_dir / "spend.csv").is_file():
        load_spend_csv(session, org=org, text=(data_dir / "spend.csv").read_text(encoding="utf-8"))
    if import_conversations:
        for path in sorted((data_dir / "conversations").glob("*.json")):
            import_conversation(session, org=org, conv=load_conversation(path))
    session.flush()
    return org


def org_by_slug(session: Session, slug: str) -> Organization | None:
    return session.scalar(select(Organization).where(Organization.slug == slug))
