"""Ticket inbox and transcript for the Console de Insights (read-only, organisation-scoped).

Every function takes the caller's session and an ``organization_id``; a ticket of another
organisation is simply "not found".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, exists, func, select, text
from sqlalchemy.orm import Session, aliased

from engine.conversation import REACTION_LABELS
from engine.errors import NotFound
from engine.models import (
    ActionStatus,
    AiAgent,
    AiInsight,
    Campaign,
    Contact,
    Message,
    Organization,
    Role,
    Ticket,
    TicketStatus,
    User,
)
from engine.org_settings import OrgSettings
from engine.paging import Page
from engine.wa_content import decorate

INBOX_PAGE_SIZE = 50  # rows per inbox page; the inbox is a working list, not an export


class TicketNotFoundError(NotFound):
    """The ticket does not exist in this organisation (or belongs to another one)."""


@dataclass(frozen=True)
class TicketFilters:
    """Inbox filters. Empty values mean "any". Dates are inclusive, in the organisation's timezone,
    and apply to the ticket's last activity (last message, or opening when it has none)."""

    statuses: tuple[TicketStatus, ...] = ()
    seller_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    agent_id: uuid.UUID | None = None  # tickets with at least one insight from this agent
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class InboxRow:
    id: uuid.UUID
    contact: str
    seller: str | None
    status: TicketStatus
    campaign: str | None
    value: Decimal | None
    last_activity: datetime
    insights: int
    pending: int  # insights still waiting for a decision (SUGGESTION)
    last_insight_at: datetime | None = None  # newest insight on the ticket (the console's "novo" marker)


InboxPage = Page[InboxRow]


@dataclass(frozen=True)
class Option:
    id: uuid.UUID
    label: str


@dataclass(frozen=True)
class FilterOptions:
    sellers: list[Option] = field(default_factory=list)
    campaigns: list[Option] = field(default_factory=list)
    agents: list[Option] = field(default_factory=list)


@dataclass(frozen=True)
class TranscriptMessage:
    id: uuid.UUID  # what an insight's citations name (message_id)
    author: str  # lead | seller | bot
    body: str
    type: str
    sent_at: datetime


@dataclass(frozen=True)
class TicketDetail:
    id: uuid.UUID
    contact: str
    phone: str | None  # None for a WhatsApp user known only by a business-scoped user id
    seller: str | None
    seller_id: uuid.UUID | None
    status: TicketStatus
    value: Decimal | None
    currency: str
    campaign: str | None
    utm_source: str | None
    opened_at: datetime
    messages: list[TranscriptMessage]


def org_timezone(session: Session, organization_id: uuid.UUID) -> ZoneInfo:
    """The organisation's timezone (settings ``timezone``, default America/Sao_Paulo)."""
    raw = session.scalar(select(Organization.settings).where(Organization.id == organization_id))
    return ZoneInfo(OrgSettings.load(raw).timezone)


def custom_plans(session: Session) -> None:
    """Plan these queries for their actual parameters, for the rest of the caller's transaction.

    psycopg prepares a statement after five executions and PostgreSQL may then switch to a generic
    plan; planned for a small organisation it is catastrophic for a large one (0.4 s -> 7 s at
    100,000 insights in bench/bench_studio.py). Planning costs well under a millisecond here."""
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def day_bounds(tz: ZoneInfo, date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    """Inclusive local dates -> half-open [start, end) instants, so range filters can use indexes."""
    start = datetime.combine(date_from, time.min, tzinfo=tz) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz) if date_to else None
    return start, end


def _inbox_where(stmt: Select, *, organization_id: uuid.UUID, filters: TicketFilters,
                 start: datetime | None, end: datetime | None) -> Select:
    activity = func.coalesce(Ticket.last_message_at, Ticket.opened_at)
    stmt = stmt.where(Ticket.organization_id == organization_id)
    if filters.statuses:
        stmt = stmt.where(Ticket.status.in_(filters.statuses))
    if filters.seller_id is not None:
        stmt = stmt.where(Ticket.seller_id == filters.seller_id)
    if filters.campaign_id is not None:
        stmt = stmt.where(Ticket.campaign_id == filters.campaign_id)
    if filters.agent_id is not None:
        stmt = stmt.where(exists().where(
            AiInsight.ticket_id == Ticket.id, AiInsight.organization_id == organization_id,
            AiInsight.agent_id == filters.agent_id))
    if start is not None:
        stmt = stmt.where(activity >= start)
    if end is not None:
        stmt = stmt.where(activity < end)
    return stmt


def list_inbox(
    session: Session, *, organization_id: uuid.UUID, filters: TicketFilters | None = None,
    page: int = 1, page_size: int = INBOX_PAGE_SIZE,
) -> InboxPage:
    """One page of the ticket inbox, most recent activity first, with insight counts per ticket."""
    filters = filters or TicketFilters()
    page = max(1, page)
    custom_plans(session)
    start, end = day_bounds(org_timezone(session, organization_id), filters.date_from, filters.date_to)
    total = session.scalar(_inbox_where(select(func.count()).select_from(Ticket), organization_id=organization_id,
                                        filters=filters, start=start, end=end)) or 0
    seller = aliased(User)
    activity = func.coalesce(Ticket.last_message_at, Ticket.opened_at).label("activity")
    base = (
        select(Ticket.id, func.coalesce(Contact.name, Contact.phone, Contact.user_id).label("contact"), seller.name.label("seller"),
               Ticket.status, func.coalesce(Campaign.name, Ticket.utm_campaign).label("campaign"), Ticket.value,
               activity)
        .select_from(Ticket)
        .join(Contact, Contact.id == Ticket.contact_id)
        .outerjoin(seller, seller.id == Ticket.seller_id)
        .outerjoin(Campaign, Campaign.id == Ticket.campaign_id)
    )
    rows = session.execute(
        _inbox_where(base, organization_id=organization_id, filters=filters, start=start, end=end)
        .order_by(activity.desc(), Ticket.id.desc())
        .limit(page_size).offset((page - 1) * page_size)
    ).all()
    counts = _insight_counts(session, organization_id=organization_id, ticket_ids=[r.id for r in rows])
    none: tuple[int, int, datetime | None] = (0, 0, None)
    return InboxPage(
        rows=[InboxRow(id=r.id, contact=r.contact, seller=r.seller, status=r.status, campaign=r.campaign,
                       value=r.value, last_activity=r.activity, insights=counts.get(r.id, none)[0],
                       pending=counts.get(r.id, none)[1], last_insight_at=counts.get(r.id, none)[2])
              for r in rows],
        total=total, page=page, page_size=page_size,
    )


def _insight_counts(session: Session, *, organization_id: uuid.UUID,
                    ticket_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int, datetime | None]]:
    """(all, pending, newest) insights for one page of tickets only (never the whole table)."""
    if not ticket_ids:
        return {}
    pending = func.count().filter(AiInsight.action_status == ActionStatus.SUGGESTION)
    rows = session.execute(
        select(AiInsight.ticket_id, func.count(), pending, func.max(AiInsight.created_at))
        .where(AiInsight.organization_id == organization_id, AiInsight.ticket_id.in_(ticket_ids))
        .group_by(AiInsight.ticket_id)
    ).all()
    return {r[0]: (int(r[1]), int(r[2]), r[3]) for r in rows if r[0] is not None}


def ticket_detail(session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID) -> TicketDetail:
    """The ticket header and its full transcript (oldest message first)."""
    seller = aliased(User)
    row = session.execute(
        select(Ticket, Contact.name, Contact.phone, Contact.user_id, seller.name.label("seller"), Campaign.name.label("campaign"))
        .join(Contact, Contact.id == Ticket.contact_id)
        .outerjoin(seller, seller.id == Ticket.seller_id)
        .outerjoin(Campaign, Campaign.id == Ticket.campaign_id)
        .where(Ticket.id == ticket_id, Ticket.organization_id == organization_id)
    ).first()
    if row is None:
        raise TicketNotFoundError("Ticket não encontrado nesta organização.")
    ticket: Ticket = row[0]
    messages = session.execute(
        select(Message.id, Message.author, Message.body, Message.type, Message.sent_at, Message.extra)
        .where(Message.organization_id == organization_id, Message.ticket_id == ticket_id)
        .order_by(Message.sent_at, Message.created_at)
    ).all()
    return TicketDetail(
        id=ticket.id, contact=row.name or row.phone or row.user_id or "—", phone=row.phone, seller=row.seller,
        seller_id=ticket.seller_id, status=ticket.status, value=ticket.value, currency=ticket.currency,
        campaign=row.campaign or ticket.utm_campaign, utm_source=ticket.utm_source, opened_at=ticket.opened_at,
        messages=[TranscriptMessage(id=m.id, author=m.author, body=decorate(m.body, m.extra or {}, REACTION_LABELS), type=m.type,
                                    sent_at=m.sent_at) for m in messages],
    )


def filter_options(session: Session, *, organization_id: uuid.UUID) -> FilterOptions:
    """Choices for the inbox and insight filters: the organisation's sellers, campaigns and agents."""
    sellers = session.execute(
        select(User.id, User.name).where(User.organization_id == organization_id, User.role == Role.SELLER)
        .order_by(User.name)).all()
    campaigns = session.execute(
        select(Campaign.id, Campaign.name).where(Campaign.organization_id == organization_id)
        .order_by(Campaign.name)).all()
    agents = session.execute(
        select(AiAgent.id, AiAgent.icon, AiAgent.name).where(AiAgent.organization_id == organization_id)
        .order_by(AiAgent.name)).all()
    return FilterOptions(
        sellers=[Option(r.id, r.name) for r in sellers],
        campaigns=[Option(r.id, r.name) for r in campaigns],
        agents=[Option(r.id, f"{r.icon} {r.name}") for r in agents],
    )


def seller_owns_ticket(session: Session, *, organization_id: uuid.UUID, seller_id: uuid.UUID,
                       ticket_id: uuid.UUID) -> bool:
    """True when the ticket is in the organisation and assigned to this seller."""
    return bool(session.scalar(select(exists().where(and_(
        Ticket.id == ticket_id, Ticket.organization_id == organization_id, Ticket.seller_id == seller_id)))))
