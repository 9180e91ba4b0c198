"""Request models of the ingest API: CRM system events and WhatsApp Cloud API webhook envelopes.

System events are ours, so their schema is strict (``extra="forbid"``: a typo such as
``ocurred_at`` is a 400 naming the field). WhatsApp envelopes are Meta's, so unknown keys are kept
(Meta adds fields without notice and a retried 400 would be redelivered for days).
The same models validate what the API receives, what ``copilot events replay`` reads, and what
``engine.domain.apply_event`` re-reads from the inbox.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from engine.ingest.limits import NOTE_KEY, time_problem, unix_time_problem
from engine.models import TicketStatus
from engine.phones import has_valid_length

SOURCE_CRM = "crm"
SOURCE_WHATSAPP = "whatsapp"
SOURCE_STUDIO = "studio"  # Studio macro buttons (engine.macros)
# Inbox ``event.type`` values of WhatsApp items (CRM items use the SystemEventType value).
WA_MESSAGE = "MESSAGE_RECEIVED"
WA_STATUS = "MESSAGE_STATUS"
WA_ECHO = "MESSAGE_ECHO"  # smb_message_echoes: what the seller typed in the WhatsApp Business app
WA_PREFERENCE = "USER_PREFERENCE"  # user_preferences: e.g. marketing messages stopped / resumed
WHATSAPP_OBJECT = "whatsapp_business_account"
NAME_MAX = 200  # contact.name column
# Referral ids the worker stores in ticket columns (ctwa_clid String(256), ad_id String(64)).
REFERRAL_ID_LIMITS = {"ctwa_clid": 256, "source_id": 64}


class SystemEventType(enum.StrEnum):
    """What happened in the CRM."""

    MESSAGE_SENT = "MESSAGE_SENT"
    MESSAGE_RECEIVED = "MESSAGE_RECEIVED"
    TICKET_WON = "TICKET_WON"
    TICKET_LOST = "TICKET_LOST"
    TICKET_MOVED = "TICKET_MOVED"
    TICKET_ASSIGNED = "TICKET_ASSIGNED"
    MACRO_BUTTON_CLICKED = "MACRO_BUTTON_CLICKED"


MESSAGE_TYPES = (SystemEventType.MESSAGE_SENT, SystemEventType.MESSAGE_RECEIVED)


class AttributionIn(BaseModel):
    """First-touch attribution of the ticket. Applied only while the ticket has none."""

    model_config = ConfigDict(extra="allow")

    utm_source: str | None = Field(default=None, max_length=200)
    utm_medium: str | None = Field(default=None, max_length=200)
    utm_campaign: str | None = Field(default=None, max_length=200)
    utm_content: str | None = Field(default=None, max_length=200)
    utm_term: str | None = Field(default=None, max_length=200)
    ctwa_clid: str | None = Field(default=None, max_length=256, description="Click-to-WhatsApp click id")
    ad_id: str | None = Field(default=None, max_length=64, description="Meta ad id")
    campaign_id: str | None = Field(default=None, max_length=64, description="Meta campaign id")


class TicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str = Field(min_length=1, max_length=128, description="The CRM's ticket id (unique per organisation)")
    status: TicketStatus | None = Field(
        default=None,
        description="Initial status when this event creates the ticket. Status changes come from "
        "TICKET_WON / TICKET_LOST (and TICKET_MOVED with OPEN, which reopens).",
    )
    stage: str | None = Field(default=None, max_length=200, description="Pipeline stage (TICKET_MOVED)")
    value: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2,
                                  description="Deal value in currency units (not cents)")
    currency: str | None = Field(default=None, pattern="^[A-Z]{3}$", description="ISO-4217, e.g. BRL")
    seller: str | None = Field(default=None, min_length=1, max_length=254,
                               description="Seller's name or e-mail, as registered in the organisation")
    attribution: AttributionIn | None = None


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: str = Field(min_length=1, max_length=32, description="With country code, e.g. +5511999990000")
    name: str | None = Field(default=None, max_length=200)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        if not has_valid_length(v):
            raise ValueError("phone must have 8 to 15 digits including the country code")
        return v


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = Field(min_length=1, max_length=200, description="Message id (a wamid when the CRM has one)")
    author: Literal["lead", "seller", "bot"] = Field(alias="from")
    text: str = Field(default="", max_length=20_000)
    type: str = Field(default="text", pattern="^[a-z_]{1,24}$", description="text, image, audio, document...")


class SystemEvent(BaseModel):
    """A system event from the CRM (``POST /v1/events``, one JSONL line of ``copilot events replay``)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"id": "evt-1001", "type": "MESSAGE_RECEIVED", "occurred_at": "2026-08-12T14:03:00-03:00",
                 "ticket": {"ref": "T-77", "seller": "Ana", "value": 1200, "currency": "BRL",
                            "attribution": {"utm_source": "facebook", "utm_campaign": "Agosto_Botox",
                                            "ctwa_clid": "ARAkLk...", "ad_id": "1202..."}},
                 "contact": {"phone": "+5511999990000", "name": "Mariana"},
                 "message": {"id": "crm-msg-1", "from": "lead", "text": "Oi, quanto custa o botox?"}},
                {"id": "evt-1002", "type": "TICKET_WON", "occurred_at": "2026-08-12T18:00:00-03:00",
                 "ticket": {"ref": "T-77", "value": 1290}},
                {"id": "evt-1003", "type": "MACRO_BUTTON_CLICKED", "occurred_at": "2026-08-12T18:01:00-03:00",
                 "ticket": {"ref": "T-77"}, "agent": "capi_auditor"},
            ]
        },
    )

    id: str = Field(min_length=1, max_length=200, pattern=r"^\S+$",
                    description="Event id, unique per organisation: a repeated id is a duplicate delivery")
    type: SystemEventType
    occurred_at: AwareDatetime = Field(description="ISO-8601 with a UTC offset")
    ticket: TicketIn
    contact: ContactIn | None = Field(
        default=None, description="Required when the event creates the ticket (first message of a ticket)")
    message: MessageIn | None = Field(
        default=None, validate_default=True, description="Required for MESSAGE_SENT / MESSAGE_RECEIVED only")
    agent: str | None = Field(
        default=None, validate_default=True, max_length=64,
        description="MACRO_BUTTON_CLICKED: the agent to run now (template key or agent id)")
    reason: str | None = Field(default=None, max_length=2000, description="TICKET_LOST: why (free text)")

    # Field validators (not a model validator) so that errors carry the field's name.
    @field_validator("occurred_at")
    @classmethod
    def _occurred_at(cls, v: datetime) -> datetime:
        problem = time_problem(v)
        if problem is not None:
            raise ValueError(problem)
        return v

    @field_validator("ticket")
    @classmethod
    def _ticket(cls, v: TicketIn, info: ValidationInfo) -> TicketIn:
        kind = info.data.get("type")
        if kind is SystemEventType.TICKET_ASSIGNED and not v.seller:
            raise ValueError("TICKET_ASSIGNED needs ticket.seller")
        if kind is SystemEventType.TICKET_MOVED and v.status not in (None, TicketStatus.OPEN):
            raise ValueError("TICKET_MOVED can only reopen (status OPEN); close with TICKET_WON / TICKET_LOST")
        return v

    @field_validator("message")
    @classmethod
    def _message(cls, v: MessageIn | None, info: ValidationInfo) -> MessageIn | None:
        kind = info.data.get("type")
        if kind is None:
            return v
        if kind in MESSAGE_TYPES:
            if v is None:
                raise ValueError(f"required for {kind.value}")
            if kind is SystemEventType.MESSAGE_RECEIVED and v.author != "lead":
                raise ValueError("MESSAGE_RECEIVED is a lead's message: from must be 'lead'")
            if kind is SystemEventType.MESSAGE_SENT and v.author == "lead":
                raise ValueError("MESSAGE_SENT is the seller's or the bot's: from must be 'seller' or 'bot'")
        elif v is not None:
            raise ValueError("only MESSAGE_SENT and MESSAGE_RECEIVED carry a message")
        return v

    @field_validator("agent")
    @classmethod
    def _agent(cls, v: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("type") is SystemEventType.MACRO_BUTTON_CLICKED and not v:
            raise ValueError("required for MACRO_BUTTON_CLICKED (template key or agent id)")
        return v


# ------------------------------------------------------------------------------ WhatsApp (Meta)
def _int_to_str(v: Any) -> Any:
    return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


UnixSeconds = Annotated[str, BeforeValidator(_int_to_str), Field(pattern=r"^\d{1,12}$")]


class _MetaModel(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class WaMetadata(_MetaModel):
    phone_number_id: str = Field(min_length=1, max_length=64)
    display_phone_number: str | None = None


def _note(model: BaseModel, text: str) -> None:
    """Record a change made to Meta's data in the stored item (``copilot_notes``)."""
    extra = model.__pydantic_extra__ if model.__pydantic_extra__ is not None else {}
    extra.setdefault(NOTE_KEY, []).append(text)


def _clamp_time(model: BaseModel, field: str) -> None:
    """Out-of-range WhatsApp timestamps become the receipt time (original kept, note recorded):
    refusing the item would make Meta redeliver the whole batch."""
    raw = getattr(model, field)
    problem = unix_time_problem(raw)
    if problem is not None:
        setattr(model, field, str(int(datetime.now(UTC).timestamp())))
        _note(model, f"{field}: {problem}; replaced by the receipt time (was {raw})")


class WaProfile(_MetaModel):
    name: str | None = None

    @model_validator(mode="after")
    def _name(self) -> WaProfile:
        if self.name is not None and len(self.name) > NAME_MAX:
            self.name = self.name[:NAME_MAX]
            _note(self, f"name: longer than {NAME_MAX} characters; truncated")
        return self


class WaContact(_MetaModel):
    """``contacts[]``: the phone (``wa_id``) may be withheld for users with a username; the
    business-scoped ``user_id`` (since April 2026) may be the only identifier."""

    wa_id: str | None = Field(default=None, max_length=32)
    user_id: str | None = Field(default=None, max_length=128)
    parent_user_id: str | None = Field(default=None, max_length=128)
    profile: WaProfile | None = None


class WaMessage(_MetaModel):
    """One item of ``messages[]`` or ``message_echoes[]``, validated on its own (a bad item is
    refused alone; its neighbours are stored)."""

    sender: str | None = Field(default=None, alias="from", max_length=32)
    from_user_id: str | None = Field(default=None, max_length=128)
    from_parent_user_id: str | None = Field(default=None, max_length=128)
    to: str | None = Field(default=None, max_length=32)
    to_user_id: str | None = Field(default=None, max_length=128)
    id: str = Field(min_length=1, max_length=200)
    timestamp: UnixSeconds
    type: str = Field(min_length=1, max_length=24)

    @model_validator(mode="after")
    def _storable(self) -> WaMessage:
        _clamp_time(self, "timestamp")
        referral = (self.model_extra or {}).get("referral")
        if isinstance(referral, dict):
            for key, limit in REFERRAL_ID_LIMITS.items():
                value = referral.get(key)
                if value is not None and (not isinstance(value, str | int) or len(str(value)) > limit):
                    del referral[key]
                    _note(self, f"referral.{key}: not an id of at most {limit} characters; dropped")
        return self


class WaStatus(_MetaModel):
    id: str = Field(min_length=1, max_length=200)
    status: str = Field(min_length=1, max_length=24)
    timestamp: UnixSeconds
    recipient_id: str | None = None

    @model_validator(mode="after")
    def _storable(self) -> WaStatus:
        _clamp_time(self, "timestamp")
        return self


class WaValue(_MetaModel):
    metadata: WaMetadata | None = None
    contacts: list[WaContact] = Field(default_factory=list)
    # Items stay raw here and are validated one by one in ``WebhookEnvelope.split``.
    messages: list[Any] = Field(default_factory=list)
    statuses: list[Any] = Field(default_factory=list)
    message_echoes: list[Any] = Field(default_factory=list)
    user_preferences: list[Any] = Field(default_factory=list)


class WaChange(_MetaModel):
    field: str
    value: WaValue


class WaEntry(_MetaModel):
    id: str
    changes: list[WaChange] = Field(default_factory=list)


@dataclass(frozen=True)
class InboxItem:
    """One inbox row to be: a CRM event, one WhatsApp message, echo, preference or status."""

    source: str
    type: str
    external_id: str
    payload: dict[str, Any]
    error: str | None = None  # an invalid item: stored FAILED with this reason, never processed


@dataclass
class WebhookSplit:
    """What a delivery holds: inbox items per receiving number, parts ignored, items refused."""

    by_number: dict[str, list[InboxItem]]
    ignored: list[str]
    errors: list[ItemError]


HANDLED_FIELDS = ("messages", "smb_message_echoes", "user_preferences")


def _item_error(where: str, item: Any, err: ValidationError | str) -> ItemError:
    wamid = item.get("id") if isinstance(item, dict) else None
    if isinstance(err, str):
        return ItemError(item=where, id=str(wamid) if wamid else None, message=err)
    field, message = describe_validation_error(err)
    return ItemError(item=where, id=str(wamid) if wamid else None, message=f"{field}: {message}" if field else message)


def _digits_id(value: str | None) -> str | None:
    """A WhatsApp phone id: digits only (a non-numeric one is refused, never stored as '')."""
    if value is None or not value.strip():
        return None
    v = value.strip().lstrip("+")
    if not v.isdigit() or not 8 <= len(v.lstrip("0")) <= 15:
        raise ValueError(f"telefone do remetente inválido: '{value}'")
    return v.lstrip("0")


def _person(contacts: list[WaContact], phone: str | None, user_id: str | None) -> WaContact | None:
    for c in contacts:
        if (phone and c.wa_id == phone) or (user_id and c.user_id == user_id):
            return c
    return contacts[0] if len(contacts) == 1 else None


def _sender(m: WaMessage, contacts: list[WaContact]) -> dict[str, Any]:
    """The lead of a message: phone and/or user id, from the item or its ``contacts[]`` entry."""
    system = m.model_extra.get("system") if m.model_extra else None
    phone = _digits_id(m.sender)
    user_id = m.from_user_id
    if isinstance(system, dict) and system.get("type") == "user_changed_user_id" and not user_id:
        user_id = system.get("previous_user_id")
    c = _person(contacts, phone, user_id)
    if c is not None:
        phone = phone or _digits_id(c.wa_id)
        user_id = user_id or c.user_id
    if not phone and not user_id:
        raise ValueError("mensagem sem remetente: nem from/from_user_id nem contacts[].wa_id/user_id")
    return {"wa_id": phone, "user_id": user_id,
            "parent_user_id": m.from_parent_user_id or (c.parent_user_id if c else None),
            "name": c.profile.name if c and c.profile else None}


def _recipient(m: WaMessage, contacts: list[WaContact]) -> dict[str, Any]:
    """The lead an echo was sent to (``to`` / ``to_user_id``)."""
    phone = _digits_id(m.to)
    c = _person(contacts, phone, m.to_user_id)
    user_id = m.to_user_id or (c.user_id if c else None)
    phone = phone or (_digits_id(c.wa_id) if c else None)
    if not phone and not user_id:
        raise ValueError("eco sem destinatário: nem to/to_user_id nem contacts[].wa_id/user_id")
    return {"wa_id": phone, "user_id": user_id, "parent_user_id": c.parent_user_id if c else None,
            "name": c.profile.name if c and c.profile else None}


class WebhookEnvelope(_MetaModel):
    """A WhatsApp Cloud API webhook delivery (may carry several messages and statuses)."""

    object: Literal["whatsapp_business_account"]
    entry: list[WaEntry] = Field(min_length=1)

    def split(self) -> WebhookSplit:
        """One inbox item per message (external_id = wamid), echo (``echo:wamid``), preference and
        status (``wamid:status``), grouped by the receiving phone_number_id. Items that cannot be
        stored are refused one by one (``errors``); fields we do not process are listed in ``ignored``."""
        out = WebhookSplit({}, [], [])
        for e_i, entry in enumerate(self.entry):
            for c_i, change in enumerate(entry.changes):
                where = f"entry.{e_i}.changes.{c_i}"
                value = change.value
                if change.field not in HANDLED_FIELDS:
                    out.ignored.append(f"{where}: campo '{change.field}' não é processado")
                    continue
                if value.metadata is None:
                    if value.messages or value.statuses or value.message_echoes or value.user_preferences:
                        out.errors.append(ItemError(item=where, message="value.metadata.phone_number_id ausente"))
                    continue
                for key, extra in (value.model_extra or {}).items():
                    if isinstance(extra, list) and extra:  # e.g. automatic_events, errors: kept visible
                        out.ignored.append(f"{where}: value.{key} não é processado ({len(extra)} item(ns))")
                number = value.metadata.phone_number_id
                bucket = out.by_number.setdefault(number, [])
                base = {"phone_number_id": number, "display_phone_number": value.metadata.display_phone_number,
                        "waba_id": entry.id}
                for kind, items in (("messages", value.messages), ("message_echoes", value.message_echoes)):
                    for i, raw in enumerate(items):
                        item_where = f"{where}.value.{kind}.{i}"
                        try:
                            m = WaMessage.model_validate(raw)
                            person = (_recipient if kind == "message_echoes" else _sender)(m, value.contacts)
                        except ValidationError as err:
                            out.errors.append(_item_error(item_where, raw, err))
                            continue
                        except ValueError as err:
                            out.errors.append(_item_error(item_where, raw, str(err)))
                            continue
                        echo = kind == "message_echoes"
                        bucket.append(InboxItem(SOURCE_WHATSAPP, WA_ECHO if echo else WA_MESSAGE,
                                                f"echo:{m.id}" if echo else m.id, {
                                                    **base, "contact": person,
                                                    "message": m.model_dump(mode="json", by_alias=True)}))
                for i, raw in enumerate(value.statuses):
                    try:
                        s = WaStatus.model_validate(raw)
                    except ValidationError as err:
                        out.errors.append(_item_error(f"{where}.value.statuses.{i}", raw, err))
                        continue
                    bucket.append(InboxItem(SOURCE_WHATSAPP, WA_STATUS, f"{s.id}:{s.status}", {
                        **base, "status": s.model_dump(mode="json", by_alias=True)}))
                for i, raw in enumerate(value.user_preferences):
                    item_where = f"{where}.value.user_preferences.{i}"
                    pref = raw if isinstance(raw, dict) else {}
                    c = _person(value.contacts, str(pref.get("wa_id") or "") or None, pref.get("user_id"))
                    try:
                        phone = _digits_id(str(pref.get("wa_id") or "") or (c.wa_id if c else None))
                    except ValueError as err:
                        out.errors.append(_item_error(item_where, raw, str(err)))
                        continue
                    user_id = pref.get("user_id") or (c.user_id if c else None)
                    if not (phone or user_id) or not pref.get("category"):
                        out.errors.append(_item_error(item_where, raw, "preferência sem contato ou sem category"))
                        continue
                    key = f"pref:{user_id or phone}:{pref['category']}:{pref.get('timestamp', '')}"
                    bucket.append(InboxItem(SOURCE_WHATSAPP, WA_PREFERENCE, key[:256], {
                        **base, "contact": {"wa_id": phone, "user_id": user_id}, "preference": pref}))
        return out

    def items_by_number(self) -> dict[str, list[InboxItem]]:
        """The storable items grouped by receiving number (see ``split``)."""
        return self.split().by_number


# ------------------------------------------------------------------------------ responses, errors
class EventAccepted(BaseModel):
    event_id: str = Field(description="Inbox id of the stored event (the original one for a duplicate)")
    duplicate: bool = Field(description="True when this id was already received: nothing is processed again")


class ItemError(BaseModel):
    item: str = Field(description="Where in the delivery, e.g. entry.0.changes.0.value.messages.1")
    id: str | None = Field(default=None, description="The item's wamid when it has one")
    message: str = Field(description="Why this item was refused (its neighbours were stored)")


class WebhookAccepted(BaseModel):
    accepted: int = Field(description="New inbox events stored (one per message, echo, preference and status)")
    duplicates: int = Field(description="Items already received before (not processed again)")
    ignored: list[str] = Field(default_factory=list,
                               description="Parts not processed, with the reason (unknown number, other fields)")
    errors: list[ItemError] = Field(default_factory=list,
                                    description="Items refused one by one (e.g. no sender id); the rest is stored")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


def describe_validation_error(err: ValidationError) -> tuple[str | None, str]:
    """(field path, message) of the first problem, e.g. ("ticket.ref", "Field required")."""
    first = err.errors(include_url=False)[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    message = first["msg"].removeprefix("Value error, ")
    if err.error_count() > 1:
        message += f" (+{err.error_count() - 1} more)"
    return field, message
