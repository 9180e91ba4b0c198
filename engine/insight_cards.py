"""One live card per agent and ticket: refresh a materially equal insight, supersede a changed one.

An agent that runs again on a ticket (a new lead message, the inactivity check, a WON event) often
reaches the same conclusion. When its new payload is *materially* the same as its latest live
insight on that ticket -- same ENUM and BOOLEAN values (and enum arrays as sets), the same purchase
value within R$ 1, the same evidence messages -- no card is created: the live one is refreshed
(``refreshed_at``, ``refreshed_run_id``; the run's detail says which card it refreshed). A real
change creates the new card and marks the old one superseded (``superseded_at``, ``superseded_by``);
nothing is deleted. Free text (tips, summaries) is not material: a model words the same finding
differently every time. Organisation-level insights (no ticket) are not cards of a ticket.

Helpers flush, never commit (the caller's transaction records the run in the same breath).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from engine.models import AiInsight, FieldType
from engine.schema_compiler import FieldSpec

VALUE_TOLERANCE = 1.0  # R$ 1 (or 1 unit of the payload's currency)
# Money fields: "within R$ 1". Other numbers (scores, risks, minutes) follow the enum/boolean
# decisions they come with and are not compared on their own.
_MONEY = re.compile(r"value|valor|price|preco|amount|montante", re.IGNORECASE)


def _cited(payload: dict[str, Any]) -> frozenset[str]:
    return frozenset(str(c.get("message_id")) for c in payload.get("citations") or [] if isinstance(c, dict))


def _money(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= VALUE_TOLERANCE
    except (TypeError, ValueError):
        return a == b


def materially_same(old: dict[str, Any], new: dict[str, Any], fields: Iterable[FieldSpec]) -> bool:
    """True when ``new`` says nothing ``old`` did not already say (see the module docstring)."""
    for spec in fields:
        name = spec.field_name
        a, b = old.get(name), new.get(name)
        if spec.field_type in (FieldType.ENUM, FieldType.BOOLEAN):
            if a != b:
                return False
        elif spec.field_type is FieldType.ARRAY and spec.enum_values:
            if set(a or ()) != set(b or ()):
                return False
        elif spec.field_type is FieldType.NUMBER and _MONEY.search(name):
            if not _money(a, b):
                return False
    return _cited(old) == _cited(new)


def latest_live(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID,
                ticket_id: uuid.UUID) -> AiInsight | None:
    """The agent's live (not superseded) card on the ticket. Serialised per (agent, ticket) until the
    caller commits (an advisory lock: two workers recording at once cannot both add a first card)."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"card:{agent_id}:{ticket_id}"})
    return session.scalar(
        select(AiInsight)
        .where(AiInsight.organization_id == organization_id, AiInsight.agent_id == agent_id,
               AiInsight.ticket_id == ticket_id, AiInsight.superseded_at.is_(None))
        .order_by(AiInsight.created_at.desc(), AiInsight.id.desc()).limit(1).with_for_update()
    )


def refresh(session: Session, card: AiInsight, *, run_id: uuid.UUID) -> None:
    """Link ``run_id`` to the live card and stamp it "atualizado às ..." (flushes). ``card`` gets the
    stored values (RETURNING: no second read)."""
    stamped = session.execute(update(AiInsight).where(AiInsight.id == card.id)
                              .values(refreshed_at=func.now(), refreshed_run_id=run_id)
                              .returning(AiInsight.refreshed_at)
                              .execution_options(synchronize_session=False)).scalar_one()
    set_committed_value(card, "refreshed_at", stamped)
    set_committed_value(card, "refreshed_run_id", run_id)


def supersede(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID, ticket_id: uuid.UUID,
              new_id: uuid.UUID) -> list[uuid.UUID]:
    """Mark every other live card of this agent on this ticket as replaced by ``new_id``. Returns their ids."""
    rows = session.execute(
        update(AiInsight)
        .where(AiInsight.organization_id == organization_id, AiInsight.agent_id == agent_id,
               AiInsight.ticket_id == ticket_id, AiInsight.superseded_at.is_(None), AiInsight.id != new_id)
        .values(superseded_at=func.now(), superseded_by=new_id)
        .returning(AiInsight.id)
    ).scalars().all()
    return list(rows)
