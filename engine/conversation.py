"""The conversation an agent reads: the fixture format (ARCHITECTURE section 7) and its loaders.

A ``Conversation`` is built either from a fixture file (CLI, tests, Studio samples) or from a
ticket in the database (worker); the engine only ever sees this one shape.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.models import Campaign, Contact, Message, Ticket, TicketStatus, User
from engine.wa_content import decorate

ATTRIBUTION_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
                    "ctwa_clid", "ad_id", "campaign_id")


REACTION_LABELS = {"lead": "do lead", "seller": "do vendedor", "bot": "do bot"}


class ConversationError(InvalidInput):
    """A conversation (file or ticket) cannot be read. The message says what is wrong."""


class Attribution(BaseModel):
    model_config = ConfigDict(extra="allow")

    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_content: str | None = None
    utm_term: str | None = None
    ctwa_clid: str | None = None
    ad_id: str | None = None
    campaign_id: str | None = None


class TicketInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: TicketStatus = TicketStatus.OPEN
    value: Decimal | None = None
    currency: str = "BRL"
    seller: str | None = None
    attribution: Attribution = Field(default_factory=Attribution)


class ContactInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    phone: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str | None = Field(default=None, min_length=1, max_length=256)  # see Conversation._check
    # "system": a WhatsApp notice (number / identity change): shown, never counted as anyone's turn.
    author: Literal["lead", "seller", "bot", "system"] = Field(alias="from")
    text: str = ""
    at: AwareDatetime
    type: Literal["text", "audio", "image", "document", "video", "sticker", "location", "contacts",
                  "interactive", "button", "reaction", "order", "system", "unsupported", "unknown"] = "text"


class Conversation(BaseModel):
    """One ticket's conversation in the fixture format."""

    model_config = ConfigDict(extra="forbid")

    id: str
    now: AwareDatetime | None = None
    ticket: TicketInfo = Field(default_factory=TicketInfo)
    contact: ContactInfo = Field(default_factory=ContactInfo)
    messages: list[ChatMessage]

    @model_validator(mode="after")
    def _check(self) -> Conversation:
        if not self.messages:
            raise ValueError("a conversa não tem mensagens (messages está vazio)")
        # The id an agent cites (ARCHITECTURE section 4): the message's own id, else its 1-based
        # position in the file (given before sorting, so it matches what a person counts in the file).
        for position, m in enumerate(self.messages, start=1):
            if m.id is None:
                m.id = str(position)
        ids = [m.id for m in self.messages]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"id de mensagem repetido: '{dup}'")
        self.messages.sort(key=lambda m: m.at)
        return self

    @property
    def reference_time(self) -> datetime:
        """``now`` when given, else the last message's time."""
        return self.now or self.messages[-1].at


def _format_validation_error(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(raiz)"
    return f"{loc}: {first['msg']}" + (f" (+{err.error_count() - 1} outros erros)" if err.error_count() > 1 else "")


def parse_conversation(data: Any, source: str = "conversation") -> Conversation:
    """Validate a decoded fixture. Raises ConversationError with a one-line reason."""
    if not isinstance(data, dict):
        raise ConversationError(f"{source}: esperado um objeto JSON com 'id' e 'messages'")
    try:
        return Conversation.model_validate(data)
    except ValidationError as err:
        raise ConversationError(f"{source}: {_format_validation_error(err)}") from None


def load_conversation(path: str | Path) -> Conversation:
    """Read a fixture file. Raises ConversationError (missing file, invalid JSON, wrong shape)."""
    p = Path(path)
    if not p.is_file():
        raise ConversationError(f"arquivo não encontrado: {p}")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConversationError(f"{p}: o arquivo não é texto UTF-8") from None
    except json.JSONDecodeError as err:
        raise ConversationError(f"{p}: JSON inválido na linha {err.lineno}, coluna {err.colno}: {err.msg}") from None
    return parse_conversation(data, source=str(p))


def conversation_from_ticket(
    session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, now: datetime | None = None
) -> Conversation:
    """Build the conversation of a stored ticket (scoped to its organisation). Two queries."""
    head = session.execute(
        select(Ticket, Contact.name, Contact.phone, User.name, Campaign.name, Campaign.external_id)
        .outerjoin(Contact, (Contact.id == Ticket.contact_id) & (Contact.organization_id == organization_id))
        .outerjoin(User, (User.id == Ticket.seller_id) & (User.organization_id == organization_id))
        .outerjoin(Campaign, (Campaign.id == Ticket.campaign_id) & (Campaign.organization_id == organization_id))
        .where(Ticket.id == ticket_id, Ticket.organization_id == organization_id)
    ).first()
    if head is None:
        raise ConversationError(f"ticket {ticket_id} não encontrado nesta organização")
    ticket, contact_name, contact_phone, seller_name, campaign_name, campaign_external_id = head
    rows = session.scalars(
        select(Message)
        .where(Message.organization_id == organization_id, Message.ticket_id == ticket_id)
        .order_by(Message.sent_at, Message.created_at)
    ).all()
    if not rows:
        raise ConversationError(f"ticket {ticket_id} não tem mensagens")
    attribution: dict[str, Any] = {k: getattr(ticket, k) for k in ATTRIBUTION_KEYS if k != "campaign_id"}
    if campaign_name is not None:
        attribution["campaign_id"] = campaign_external_id
        attribution["utm_campaign"] = attribution.get("utm_campaign") or campaign_name
    attribution.update({k: v for k, v in (ticket.attribution_extra or {}).items() if isinstance(v, str)})
    known = {"text", "audio", "image", "document", "video", "sticker", "location", "contacts",
             "interactive", "button", "reaction", "order", "system", "unsupported"}
    return Conversation(
        id=str(ticket.external_ref or ticket.id),
        now=now,
        ticket=TicketInfo(
            status=ticket.status,
            value=ticket.value,
            currency=ticket.currency,
            seller=seller_name,
            attribution=Attribution.model_validate({k: v for k, v in attribution.items() if v is not None}),
        ),
        contact=ContactInfo(name=contact_name, phone=contact_phone),
        messages=[
            ChatMessage.model_validate(
                {"id": str(m.id), "from": m.author, "text": decorate(m.body, m.extra or {}, REACTION_LABELS), "at": m.sent_at,
                 "type": m.type if m.type in known else "unknown"}
            )
            for m in rows
        ],
    )
