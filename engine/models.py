"""SQLAlchemy 2.x typed models. PRD names kept (ai_agent, ai_trigger, ai_schema_field, ai_insight).

Every row that belongs to an organisation carries ``organization_id``; every query filters by it.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSONB, list[Any]: JSONB}


def _pk() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


def _org_fk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("organization.id", ondelete="CASCADE"), index=True, nullable=False
    )


def _created() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


def _enum(e: type[enum.Enum], name: str) -> Enum:
    return Enum(e, name=name, native_enum=True, values_callable=lambda x: [m.value for m in x])


# ---------------------------------------------------------------------------------------- enums
class Role(enum.StrEnum):
    DIRECTOR = "DIRECTOR"
    COORDINATOR = "COORDINATOR"
    TRAFFIC_MANAGER = "TRAFFIC_MANAGER"
    SELLER = "SELLER"


class TicketStatus(enum.StrEnum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class EventType(enum.StrEnum):
    """Trigger event types (PRD ``AiTrigger.eventType``)."""

    TICKET_WON = "TICKET_WON"
    TICKET_LOST = "TICKET_LOST"
    INACTIVITY_2H = "INACTIVITY_2H"
    NEW_MESSAGE_RECEIVED = "NEW_MESSAGE_RECEIVED"
    MACRO_BUTTON_CLICKED = "MACRO_BUTTON_CLICKED"


class FieldType(enum.StrEnum):
    STRING = "STRING"
    NUMBER = "NUMBER"
    BOOLEAN = "BOOLEAN"
    ARRAY = "ARRAY"
    ENUM = "ENUM"


class Delivery(enum.StrEnum):
    SELLER = "SELLER"
    DIRECTOR = "DIRECTOR"
    TRAFFIC = "TRAFFIC"


class ActionStatus(enum.StrEnum):
    SUGGESTION = "SUGGESTION"
    APPLIED = "APPLIED"
    DISMISSED = "DISMISSED"


class RunStatus(enum.StrEnum):
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    THROTTLED = "THROTTLED"
    SKIPPED = "SKIPPED"


class EventStatus(enum.StrEnum):
    RECEIVED = "RECEIVED"
    PROCESSING = "PROCESSING"
    PROCESSED = "PROCESSED"
    FAILED = "FAILED"
    IGNORED = "IGNORED"


class ActionLogStatus(enum.StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


# ------------------------------------------------------------------------------ organisation
class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[uuid.UUID] = _pk()
    slug: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Typed by engine.org_settings.OrgSettings (inactivity minutes, SLA, Meta ids, thresholds...).
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    # HMAC secret for POST /v1/events from this organisation's CRM.
    events_secret: Mapped[str] = mapped_column(String(512), nullable=False)  # sealed (engine.vault)
    created_at: Mapped[datetime] = _created()


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    created_at: Mapped[datetime] = _created()


class WhatsappNumber(Base):
    __tablename__ = "whatsapp_number"

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    phone_number_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_phone_number: Mapped[str | None] = mapped_column(String(32))
    waba_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created()


class Contact(Base):
    """A lead. Identified by WhatsApp's business-scoped user id (``user_id``, e.g.
    ``BR.1502576394655843``) and/or the phone: Meta may withhold the phone of users with a username,
    so either may be missing, never both (engine.identity keeps both when both arrive)."""

    __tablename__ = "contact"
    __table_args__ = (
        UniqueConstraint("organization_id", "phone"),
        UniqueConstraint("organization_id", "user_id"),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))  # digits only, with country code
    user_id: Mapped[str | None] = mapped_column(String(128))  # business-scoped user id (BSUID)
    parent_user_id: Mapped[str | None] = mapped_column(String(128))
    # Earlier phones / user ids with when and why they changed ([{"kind","old","new","at"}]).
    identity_history: Mapped[list[Any]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    # WhatsApp user_preferences by category, e.g. {"marketing_messages": {"value": "stop", ...}}.
    preferences: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created()


class Campaign(Base):
    __tablename__ = "campaign"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    external_id: Mapped[str | None] = mapped_column(String(64), index=True)  # Meta campaign id
    created_at: Mapped[datetime] = _created()


class CampaignSpend(Base):
    __tablename__ = "campaign_spend"
    __table_args__ = (UniqueConstraint("campaign_id", "day"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    spend: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, server_default="BRL")
    impressions: Mapped[int | None] = mapped_column(BigInteger)
    clicks: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16), nullable=False, server_default="csv")  # csv | meta
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


# ------------------------------------------------------------------------------ conversations
class Ticket(Base):
    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint("organization_id", "external_ref"),
        Index("ix_ticket_org_status_last", "organization_id", "status", "last_message_at"),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    seller_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    external_ref: Mapped[str | None] = mapped_column(String(128))  # CRM ticket id / fixture id
    status: Mapped[TicketStatus] = mapped_column(_enum(TicketStatus, "ticket_status"), nullable=False)
    value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), nullable=False, server_default="BRL")
    # Attribution (first touch; a CTWA referral fills it the first time it is seen)
    utm_source: Mapped[str | None] = mapped_column(String(200))
    utm_medium: Mapped[str | None] = mapped_column(String(200))
    utm_campaign: Mapped[str | None] = mapped_column(String(200))
    utm_content: Mapped[str | None] = mapped_column(String(200))
    utm_term: Mapped[str | None] = mapped_column(String(200))
    ctwa_clid: Mapped[str | None] = mapped_column(String(256))
    ad_id: Mapped[str | None] = mapped_column(String(64))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    attribution_extra: Mapped[dict[str, Any]] = mapped_column(
        JSONB, nullable=False, server_default=text("'{}'::jsonb")
    )  # referral headline, source_url, body, Meta campaign id...
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_lead_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("organization_id", "external_id"),
        Index("ix_message_ticket_sent", "ticket_id", "sent_at"),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False)
    direction: Mapped[str] = mapped_column(String(8), nullable=False)  # INBOUND | OUTBOUND
    author: Mapped[str] = mapped_column(String(8), nullable=False)  # lead | seller | bot
    body: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    type: Mapped[str] = mapped_column(String(24), nullable=False, server_default="text")
    external_id: Mapped[str | None] = mapped_column(String(256))  # wamid / CRM message id
    delivery_status: Mapped[str | None] = mapped_column(String(16))  # sent < delivered < read; failed
    delivery_error: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    extra: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = _created()


# ------------------------------------------------------------------------------ inbox
class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("organization_id", "source", "external_id"),
        Index("ix_event_org_status", "organization_id", "status"),
        Index("ix_event_org_ticket_key", "organization_id", "ticket_key", "occurred_at"),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    source: Mapped[str] = mapped_column(String(16), nullable=False)  # whatsapp | crm | replay | system
    type: Mapped[str] = mapped_column(String(40), nullable=False)
    external_id: Mapped[str] = mapped_column(String(256), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    status: Mapped[EventStatus] = mapped_column(
        _enum(EventStatus, "event_status"), nullable=False, server_default=EventStatus.RECEIVED.value
    )
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Per-ticket ordering (engine.ordering): events of one ticket key apply in occurred_at order.
    ticket_key: Mapped[str | None] = mapped_column(String(300))
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the first apply derived (ticket_id, trigger, agent_id) when it derived a trigger: a retry
    # runs and publishes those, never applies the event again (engine.jobs).
    applied_result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    deferrals: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    parked: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))  # prerequisite missing
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ScheduledTimer(Base):
    """A durable timer (debounced run, inactivity check): PostgreSQL is the source of truth, Redis
    only schedules it. ``engine.timers`` re-creates the RQ job of a pending timer Redis lost."""

    __tablename__ = "scheduled_timer"
    __table_args__ = (Index("ix_scheduled_timer_pending", "done_at", "due_at"),)

    job_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    organization_id: Mapped[uuid.UUID] = _org_fk()
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # debounce | inactivity
    args: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _created()


# ------------------------------------------------------------------------------ agents (PRD)
class AiAgent(Base):
    __tablename__ = "ai_agent"
    __table_args__ = (Index("ix_ai_agent_org_active", "organization_id", "is_active"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    icon: Mapped[str] = mapped_column(String(16), nullable=False, server_default="🤖")
    system_prompt: Mapped[str] = mapped_column(Text, nullable=False)
    model: Mapped[str] = mapped_column(String(200), nullable=False)
    # Generation limits sent on every model call; NULL max_tokens = sized from the output schema.
    max_tokens: Mapped[int | None] = mapped_column(Integer)
    temperature: Mapped[float] = mapped_column(Numeric(3, 2, asdecimal=False), nullable=False, server_default="0")
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    template_key: Mapped[str | None] = mapped_column(String(64))
    template_version: Mapped[int | None] = mapped_column(Integer)
    delivery: Mapped[Delivery] = mapped_column(_enum(Delivery, "agent_delivery"), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    # Closed loop: {"kind": ..., "condition": ..., "mapping": {...}, "autoApply": {...}} (engine.actions)
    action_binding: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class AiAgentVersion(Base):
    """Immutable snapshot of an agent definition; each save creates one, runs record the version."""

    __tablename__ = "ai_agent_version"
    __table_args__ = (UniqueConstraint("agent_id", "version"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ai_agent.id", ondelete="CASCADE"), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created()


class AiTrigger(Base):
    __tablename__ = "ai_trigger"
    __table_args__ = (Index("ix_ai_trigger_org_event", "organization_id", "event_type"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    agent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ai_agent.id", ondelete="CASCADE"), index=True, nullable=False
    )
    event_type: Mapped[EventType] = mapped_column(_enum(EventType, "trigger_event_type"), nullable=False)
    # Validated by engine.throttle.ThrottleRules: {"maxRuns", "windowSeconds", "scope", "debounceSeconds"}
    throttle_rules: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))


class AiSchemaField(Base):
    __tablename__ = "ai_schema_field"
    __table_args__ = (UniqueConstraint("agent_id", "field_name"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    agent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ai_agent.id", ondelete="CASCADE"), index=True, nullable=False
    )
    field_name: Mapped[str] = mapped_column(String(64), nullable=False)
    field_type: Mapped[FieldType] = mapped_column(_enum(FieldType, "schema_field_type"), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    is_required: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    enum_values: Mapped[list[Any] | None] = mapped_column(JSONB)
    # Optional bounds for NUMBER fields (e.g. ghostingRisk 0-100); compiled into ge/le.
    min_value: Mapped[float | None] = mapped_column(Numeric(14, 4, asdecimal=False))
    max_value: Mapped[float | None] = mapped_column(Numeric(14, 4, asdecimal=False))
    position: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")


class AiRun(Base):
    __tablename__ = "ai_run"
    __table_args__ = (
        # Idempotency per (event, agent): a retried job finds the run it already wrote.
        UniqueConstraint("organization_id", "idempotency_key"),
        Index("ix_ai_run_org_agent_created", "organization_id", "agent_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ai_agent.id", ondelete="CASCADE"), nullable=False)
    agent_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"), index=True)
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    trigger_event: Mapped[str | None] = mapped_column(String(40))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus, "run_status"), nullable=False)
    engine: Mapped[str | None] = mapped_column(String(16))  # offline | litellm
    model: Mapped[str | None] = mapped_column(String(200))
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(12, 6), nullable=False, server_default="0")
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    error: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created()


class AiInsight(Base):
    __tablename__ = "ai_insight"
    __table_args__ = (
        Index("ix_ai_insight_org_created", "organization_id", "created_at"),
        Index("ix_ai_insight_ticket_created", "ticket_id", "created_at"),
        Index("ix_ai_insight_org_agent", "organization_id", "agent_id"),
        Index("ix_ai_insight_ticket_agent_live", "ticket_id", "agent_id", "created_at",
              postgresql_where=text("superseded_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"))
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ai_agent.id", ondelete="CASCADE"), nullable=False)
    run_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ai_run.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    summary: Mapped[str] = mapped_column(String(280), nullable=False)
    confidence: Mapped[float | None] = mapped_column(Numeric(4, 3, asdecimal=False))
    engine: Mapped[str] = mapped_column(String(16), nullable=False)
    delivery: Mapped[Delivery] = mapped_column(_enum(Delivery, "agent_delivery"), nullable=False)
    action_status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "insight_action_status"), nullable=False, server_default=ActionStatus.SUGGESTION.value
    )
    actioned_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    actioned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _created()
    # Evidence and the one-live-card rule (engine.insight_cards): no citation survived the check;
    # a later card of the same agent and ticket replaced this one; a materially equal run refreshed it.
    uncited: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    superseded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ai_insight.id", ondelete="SET NULL"))
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refreshed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refreshed_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ai_run.id", ondelete="SET NULL"))


class ActionLog(Base):
    """Durable record of every outbound action (Meta CAPI event, audience change)."""

    __tablename__ = "action_log"
    __table_args__ = (UniqueConstraint("organization_id", "dedupe_key"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    insight_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ai_insight.id", ondelete="SET NULL"), index=True)
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ticket.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)  # capi_event | audience_add | audience_remove
    dedupe_key: Mapped[str] = mapped_column(String(256), nullable=False)
    request: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    response: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    status: Mapped[ActionLogStatus] = mapped_column(
        _enum(ActionLogStatus, "action_log_status"), nullable=False, server_default=ActionLogStatus.PENDING.value
    )
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


# ------------------------------------------------------------------------------ evaluation (labelled sets)
class LabelSet(Base):
    """A labelled set of an organisation: cases with expected values per agent key and field."""

    __tablename__ = "label_set"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    # Default NUMBER tolerance (absolute, +-) for expected numbers given as a plain number.
    tolerance: Mapped[float] = mapped_column(Numeric(14, 4, asdecimal=False), nullable=False, server_default="1")
    source: Mapped[str] = mapped_column(String(16), nullable=False, server_default="manual")  # manual|import|demo|corrections
    created_at: Mapped[datetime] = _created()


class LabelCase(Base):
    """One case: a ticket of the organisation or a fixture conversation, plus expected values.

    ``labels`` is ``{"<agent key>": {"<field>": <expected>}}`` (agent key = template key or agent id)."""

    __tablename__ = "label_case"
    __table_args__ = (UniqueConstraint("set_id", "ref"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    set_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("label_set.id", ondelete="CASCADE"), index=True,
                                              nullable=False)
    ref: Mapped[str] = mapped_column(String(200), nullable=False)  # conversation id / ticket ref
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"))
    conversation: Mapped[dict[str, Any] | None] = mapped_column(JSONB)  # fixture format, when not a ticket
    labels: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class LabelCorrection(Base):
    """A "Corrigir" on an insight: who set which values, when (the values also land in a label case)."""

    __tablename__ = "label_correction"

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    insight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ai_insight.id", ondelete="CASCADE"), index=True,
                                                  nullable=False)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("label_case.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    values: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    created_at: Mapped[datetime] = _created()


class EvalDefault(Base):
    """The default labelled set of an agent key (the Builder evaluates a new version on it)."""

    __tablename__ = "eval_default"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    agent_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    set_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("label_set.id", ondelete="CASCADE"), nullable=False)


class EvalRun(Base):
    """One evaluation of an agent version (optionally with a model override) on a labelled set."""

    __tablename__ = "eval_run"
    __table_args__ = (Index("ix_eval_run_org_agent_created", "organization_id", "agent_key", "created_at"),)

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    set_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("label_set.id", ondelete="CASCADE"), index=True,
                                              nullable=False)
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ai_agent.id", ondelete="SET NULL"))
    agent_key: Mapped[str] = mapped_column(String(64), nullable=False)
    agent_name: Mapped[str] = mapped_column(String(120), nullable=False)
    agent_version: Mapped[int] = mapped_column(Integer, nullable=False)
    model_override: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # COMPLETED | FAILED
    cases: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    # Metrics: fields, overall, schema_valid_rate, evidence_valid_rate, tokens, cost_usd, latency, engines.
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created()


class EvalResult(Base):
    """One case of an evaluation run: the payload (or error) and the per-field outcome."""

    __tablename__ = "eval_result"

    id: Mapped[uuid.UUID] = _pk()
    organization_id: Mapped[uuid.UUID] = _org_fk()
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("eval_run.id", ondelete="CASCADE"), index=True,
                                              nullable=False)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("label_case.id", ondelete="SET NULL"))
    ref: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # SUCCEEDED | FAILED
    engine: Mapped[str | None] = mapped_column(String(16))
    model: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    # {"<field>": {"expected": ..., "got": ..., "hit": bool | null}}
    outcome: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    evidence_valid: Mapped[bool | None] = mapped_column(Boolean)
    latency_ms: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(12, 6), nullable=False, server_default="0")
