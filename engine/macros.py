"""Macro buttons: a person asks one copilot to look at one ticket now (MACRO_BUTTON_CLICKED).

A button exists for every active agent with a MACRO_BUTTON_CLICKED trigger, for the roles that may
press it (``engine.roles.MACRO_ROLES``; a seller only gets the buttons of agents whose insights
reach the seller's own feed, on the seller's own tickets). A click is an inbox event like any other
(source ``studio``, external id ``macro:<click id>``): stored and enqueued by
``engine.inbox.ingest_many``, so a click submitted twice is one event, applied by
``engine.domain`` and run by the worker with the throttle rules of the agent's trigger.
``buttons`` reads (without admitting anything) whether that rule would refuse a click now, and
until when.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.inbox import IngestItem, IngestResult, ingest_many
from engine.ingest.schemas import SOURCE_STUDIO
from engine.models import Delivery, EventType, Role, Ticket
from engine.roles import can_fire_macro
from engine.throttle import resolve_scope, window_key, window_state
from engine.triggers import Match, match_agents

MACRO_EVENT = EventType.MACRO_BUTTON_CLICKED.value
# What the button says for the built-in copilots; others get "<icon> Rodar <name> agora".
BUTTON_LABELS: dict[str, str] = {
    "capi_auditor": "Auditar compra agora",
    "closing_coach": "Pedir dica ao coach",
}


class MacroRefused(InvalidInput):
    """The click cannot be accepted (role, ticket or agent). ``user_message`` is the pt-BR message."""


@dataclass(frozen=True)
class MacroButton:
    """One button on one ticket: which agent it runs and whether its throttle allows a click now."""

    agent_id: uuid.UUID
    label: str
    icon: str
    agent_name: str
    throttled_until: datetime | None  # None: a click runs the agent now
    runs_in_window: int
    max_runs: int | None
    window_seconds: int | None


def _label(m: Match) -> str:
    return BUTTON_LABELS.get(m.agent.template_key or "", f"Rodar {m.agent.name} agora")


def _ticket(session: Session, organization_id: uuid.UUID, ticket_id: uuid.UUID) -> Ticket | None:
    return session.scalar(select(Ticket).where(Ticket.id == ticket_id, Ticket.organization_id == organization_id))


def _matches(session: Session, *, organization_id: uuid.UUID, role: Role) -> list[Match]:
    if not can_fire_macro(role):
        return []
    matches = match_agents(session, organization_id=organization_id, event_type=EventType.MACRO_BUTTON_CLICKED)
    if role is Role.SELLER:  # the seller would never see the insight of a director-only agent
        matches = [m for m in matches if m.agent.delivery is Delivery.SELLER]
    return matches


def buttons(session: Session, conn: redis.Redis, *, organization_id: uuid.UUID, ticket_id: uuid.UUID,
            role: Role, user_id: uuid.UUID | None = None) -> list[MacroButton]:
    """The macro buttons ``role`` sees on this ticket, with their throttle state (read-only)."""
    ticket = _ticket(session, organization_id, ticket_id)
    if ticket is None or (role is Role.SELLER and ticket.seller_id != user_id):
        return []
    out: list[MacroButton] = []
    for m in _matches(session, organization_id=organization_id, role=role):
        assert m.agent.id is not None  # stored agents always have an id
        scope = resolve_scope(m.rules, organization_id=organization_id, ticket_id=ticket.id,
                              contact_id=ticket.contact_id)
        state = window_state(conn, key=window_key(organization_id, m.agent.id, MACRO_EVENT, scope), rules=m.rules)
        until = None if state.admitted else datetime.now(UTC) + timedelta(milliseconds=state.retry_after_ms)
        out.append(MacroButton(agent_id=m.agent.id, label=_label(m), icon=m.agent.icon, agent_name=m.agent.name,
                               throttled_until=until, runs_in_window=state.runs_in_window,
                               max_runs=m.rules.max_runs, window_seconds=m.rules.window_seconds))
    return out


def press(session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, agent_id: uuid.UUID,
          user_id: uuid.UUID, role: Role, click_id: str) -> IngestResult:
    """Record one click as an inbox event and enqueue it (``duplicate`` when this click id was seen).

    ``session`` is used for the checks only; the event is committed in its own transaction (like an
    API request), so it is never lost with the caller's. Raises MacroRefused (pt-BR)."""
    ticket = _ticket(session, organization_id, ticket_id)
    if ticket is None:
        raise MacroRefused("Ticket não encontrado nesta organização.")
    if role is Role.SELLER and ticket.seller_id != user_id:
        raise MacroRefused("Este ticket não é seu: só o vendedor do ticket pode acionar o copiloto nele.")
    if not any(m.agent.id == agent_id for m in _matches(session, organization_id=organization_id, role=role)):
        raise MacroRefused("Este copiloto não está ativo com botão de macro para o seu perfil.")
    payload = {"ticket_id": str(ticket_id), "agent_id": str(agent_id), "user_id": str(user_id),
               "clicked_at": datetime.now(UTC).isoformat()}
    return ingest_many([IngestItem(organization_id, SOURCE_STUDIO, MACRO_EVENT, f"macro:{click_id}", payload)])[0]
