"""When did it happen? The time of the message an insight cites as its evidence.

A Purchase reaches Meta with ``event_time`` = the time of the message that evidences it (the pix
receipt, the "paguei"), never the time the auditor happened to notice it: a purchase three months
old must not pass the 7-day window because it was detected today.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.models import AiInsight, Message

NO_EVIDENCE_REASON = "sem mensagem de evidência: o insight não cita a mensagem da compra, então não se sabe quando ela aconteceu"


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def cited_message_time(session: Session, insight: AiInsight) -> datetime | None:
    """The earliest ``sent_at`` among the ticket messages the insight cites (None: none resolvable)."""
    if insight.ticket_id is None:
        return None
    ids = [i for c in (insight.payload or {}).get("citations") or [] if isinstance(c, dict)
           if (i := _uuid(c.get("message_id"))) is not None]
    if not ids:
        return None
    return session.scalar(select(func.min(Message.sent_at)).where(
        Message.organization_id == insight.organization_id, Message.ticket_id == insight.ticket_id,
        Message.id.in_(ids)))
