"""Trigger matching: which active agents of an organisation react to an event type.

A macro button click names one agent: only that agent runs (when it is active and belongs to
the organisation), with the throttle rules of its MACRO_BUTTON_CLICKED trigger if it has one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec, list_agents
from engine.models import AiAgent, AiTrigger, EventType
from engine.throttle_rules import ThrottleRules


@dataclass(frozen=True)
class Match:
    """One agent to run for one event, with the rules of the trigger that matched."""

    agent: AgentSpec
    event_type: EventType
    rules: ThrottleRules


def match_agents(
    session: Session, *, organization_id: uuid.UUID, event_type: EventType, agent_id: uuid.UUID | None = None
) -> list[Match]:
    """Active agents of ``organization_id`` with a trigger on ``event_type`` (ordered by creation).

    For MACRO_BUTTON_CLICKED with ``agent_id`` only the named agent is returned (or nothing when it
    is inactive or not in this organisation)."""
    if event_type is EventType.MACRO_BUTTON_CLICKED and agent_id is not None:
        exists = session.scalar(select(AiAgent.id).where(
            AiAgent.id == agent_id, AiAgent.organization_id == organization_id, AiAgent.is_active.is_(True)))
        if exists is None:
            return []
        candidate_ids = {agent_id}
    else:
        candidate_ids = set(session.scalars(
            select(AiTrigger.agent_id)
            .join(AiAgent, AiAgent.id == AiTrigger.agent_id)
            .where(AiTrigger.organization_id == organization_id, AiTrigger.event_type == event_type,
                   AiAgent.organization_id == organization_id, AiAgent.is_active.is_(True))
        ))
    if not candidate_ids:
        return []
    matches: list[Match] = []
    for spec in list_agents(session, organization_id=organization_id, active_only=True):
        if spec.id not in candidate_ids:
            continue
        trigger = next((t for t in spec.triggers if t.event_type is event_type), None)
        matches.append(Match(agent=spec, event_type=event_type,
                             rules=trigger.throttle_rules if trigger else ThrottleRules()))
    return matches
