"""Meta's rules for Conversions API events from business messaging, checked before anything is sent.

- Only ``LeadSubmitted``, ``Purchase``, ``AddToCart``, ``InitiateCheckout`` and ``ViewContent`` are
  accepted for ``action_source = business_messaging`` (Lead / Contact / Schedule fail with subcode
  2804066).
- Attribution window: a conversion more than 7 days after the ad click is not attributable. The
  click time is the first referral message's time (``ticket.attribution_extra["clicked_at"]``, set
  by the WhatsApp ingest; a CRM may send ``attribution.clicked_at`` too). Unknown click time: no
  local refusal (Meta judges).
- Meta rejects a whole request when one event in it is older than 7 days: events of different ages
  never share a request (``requests_by_age``).
- Meta Automatic Events: an organisation that opted in lets Meta detect Purchase itself in
  click-to-WhatsApp threads; sending it again would count the sale twice.

``purchase_time`` is the one place that decides an event's ``event_time``: today the time the
conversion was recorded (the insight); the evidence issue plugs the evidence message's time in here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from engine.actions.binding import CAPI_EVENT_NAMES
from engine.models import ActionLog, Ticket
from engine.org_settings import OrgSettings

ATTRIBUTION_WINDOW = timedelta(days=7)
NAME_REFUSED = ("evento '{name}' não é aceito pela Meta para conversas do WhatsApp (business_messaging); "
                "use um de: " + ", ".join(CAPI_EVENT_NAMES))
AUTOMATIC_EVENTS_SKIP = ("Meta Automatic Events ligado: a própria Meta detecta a compra nesta conversa de anúncio; "
                         "reenviar a Purchase contaria a venda duas vezes")


def event_name_refusal(name: str) -> str | None:
    """The pt-BR reason when Meta does not accept this event name for business messaging."""
    return None if name in CAPI_EVENT_NAMES else NAME_REFUSED.format(name=name)


def click_time(ticket: Ticket) -> datetime | None:
    """When the lead clicked the ad (the first referral message's time), or None when unknown."""
    raw = (ticket.attribution_extra or {}).get("clicked_at")
    if isinstance(raw, str):
        try:
            at = datetime.fromisoformat(raw)
        except ValueError:
            return None
        return at if at.tzinfo else at.replace(tzinfo=UTC)
    return None


def purchase_time(row: ActionLog, ticket: Ticket) -> datetime:
    """The ``event_time`` of a conversion. PLUG-IN POINT (evidence issue): return the time of the
    message that proves the conversion. Today: when the conversion was recorded (the insight)."""
    raw = (row.request or {}).get("event_time")
    return datetime.fromisoformat(raw) if raw else row.created_at


def attribution_refusal(event_time: datetime, clicked_at: datetime | None) -> str | None:
    """The pt-BR reason when the conversion falls outside the 7 days after the ad click."""
    if clicked_at is None or event_time - clicked_at <= ATTRIBUTION_WINDOW:
        return None
    tz_fmt = "%d/%m/%Y %H:%M UTC"
    return (f"compra {(event_time - clicked_at).days} dias depois do clique no anúncio "
            f"(clique em {clicked_at.astimezone(UTC):{tz_fmt}}, compra em {event_time.astimezone(UTC):{tz_fmt}}): "
            "fora da janela de 7 dias de atribuição da Meta; não enviamos")


def automatic_events_refusal(settings: OrgSettings, event_name: str) -> str | None:
    """The pt-BR reason not to send when Meta detects this event itself (Automatic Events on)."""
    if settings.meta_automatic_events and event_name == "Purchase":
        return AUTOMATIC_EVENTS_SKIP
    return None


def value_correction(insight_value: Decimal | None, ticket_value: Decimal | None) -> dict[str, Any] | None:
    """A value the auditor found that differs from the ticket's: flagged for a person to review."""
    if insight_value is None or ticket_value is None or insight_value == ticket_value:
        return None
    return {"insight_value": str(insight_value), "ticket_value": str(ticket_value),
            "note": f"o auditor encontrou {insight_value} e o ticket diz {ticket_value}: revise o valor"}


def requests_by_age(events: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Events grouped so that one request never mixes ages: one request per distinct ``event_time``
    (Meta rejects the whole request when one event in it is older than 7 days)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for ev in events:
        groups.setdefault(ev.get("event_time"), []).append(ev)
    return list(groups.values())
