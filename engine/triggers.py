"""Trigger matching: which active agents of an organisation react to an event type.

A macro button click names one agent: only that agent runs (when it is active and belongs to
the organisation), with the throttle rules of its MACRO_BUTTON_CLICKED trigger if it has one.

Hot path: one small query per event lists the organisation's active agents with their ``version``
and ``updated_at``; full specs (fields, triggers, compiled schema) come from an in-process cache
keyed by ``(agent id, version, updated_at)``, so an edit saved in the Builder (which bumps the
version) or any ORM update of the agent row is seen by the next event. Entries also expire after
``SPEC_TTL_SECONDS``, which bounds how long an out-of-band edit of ``ai_trigger`` rows alone (no
agent save: only scripts and tests do that) can go unseen.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec, list_agents
from engine.models import AiAgent, EventType
from engine.throttle_rules import ThrottleRules

SPEC_TTL_SECONDS = 60.0
_CACHE_MAX = 2000

_SpecKey = tuple[uuid.UUID, int, datetime]
_specs: dict[_SpecKey, tuple[float, AgentSpec]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Match:
    """One agent to run for one event, with the rules of the trigger that matched."""

    agent: AgentSpec
    event_type: EventType
    rules: ThrottleRules


def clear_spec_cache() -> None:
    """Forget every cached agent spec (tests; the cache refreshes itself otherwise)."""
    with _lock:
        _specs.clear()


def active_agents(session: Session, *, organization_id: uuid.UUID) -> list[AgentSpec]:
    """Active agents of the organisation, ordered by creation (specs cached per version, see module doc)."""
    rows = session.execute(
        select(AiAgent.id, AiAgent.version, AiAgent.updated_at)
        .where(AiAgent.organization_id == organization_id, AiAgent.is_active.is_(True))
        .order_by(AiAgent.created_at, AiAgent.name)
    ).all()
    if not rows:
        return []
    now = time.monotonic()
    keys: list[_SpecKey] = [(r.id, r.version, r.updated_at) for r in rows]
    with _lock:
        hits = {k: v[1] for k in keys if (v := _specs.get(k)) is not None and now - v[0] < SPEC_TTL_SECONDS}
    if len(hits) < len(keys):
        fresh = {s.id: s for s in list_agents(session, organization_id=organization_id, active_only=True)}
        with _lock:
            if len(_specs) > _CACHE_MAX:
                _specs.clear()
            for k in keys:
                if k not in hits and (spec := fresh.get(k[0])) is not None:
                    hits[k] = spec  # saved in between the two reads: use it, cache it only if it matches
                    if spec.version == k[1]:
                        _specs[k] = (now, spec)
    return [hits[k] for k in keys if k in hits]


def match_agents(
    session: Session, *, organization_id: uuid.UUID, event_type: EventType, agent_id: uuid.UUID | None = None
) -> list[Match]:
    """Active agents of ``organization_id`` with a trigger on ``event_type`` (ordered by creation).

    For MACRO_BUTTON_CLICKED with ``agent_id`` only the named agent is returned (or nothing when it
    is inactive or not in this organisation)."""
    named = event_type is EventType.MACRO_BUTTON_CLICKED and agent_id is not None
    matches: list[Match] = []
    for spec in active_agents(session, organization_id=organization_id):
        trigger = next((t for t in spec.triggers if t.event_type is event_type), None)
        if (spec.id != agent_id) if named else (trigger is None):
            continue
        matches.append(Match(agent=spec, event_type=event_type,
                             rules=trigger.throttle_rules if trigger else ThrottleRules()))
    return matches
