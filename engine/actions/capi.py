"""Meta Conversions API for Business Messaging (WhatsApp / Click-to-WhatsApp).

The event is built with the SDK's server-side objects (``Event``, ``UserData``, ``CustomData``), so
phone normalisation and hashing are Meta's own. The SDK's ``UserData`` has no
``whatsapp_business_account_id`` attribute, so that key is added to the normalised dict here
(which id Meta requires is UNCONFIRMED: ``MetaSettings.user_data_id_field`` picks WABA id, page id
or both). The request goes out through ``engine.actions.graph`` (the SDK's ``FacebookAdsApi.call``
pointed at the configured base URL) rather than ``EventRequest.execute``, because ``execute``
re-normalises ``Event`` objects and would drop the WABA id we added.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from facebook_business.adobjects.serverside.action_source import ActionSource
from facebook_business.adobjects.serverside.custom_data import CustomData
from facebook_business.adobjects.serverside.event import Event
from facebook_business.adobjects.serverside.messaging_channel import MessagingChannel
from facebook_business.adobjects.serverside.user_data import UserData

from engine.actions.graph import GraphTarget, call
from engine.errors import InvalidInput
from engine.org_settings import MetaSettings

EVENT_WINDOW = timedelta(days=7)  # Meta rejects the whole request when one event is older [src]
EXPIRED_REASON = "clique expirado: evento com mais de 7 dias"


class CapiConfigError(InvalidInput):
    """The organisation's Meta settings do not allow this event (pt-BR message for the console)."""


def event_id_for(ticket_id: uuid.UUID, event_name: str) -> str:
    """Stable per ticket and event name: a resend after a lost response is deduplicated by Meta."""
    return f"copilot-{ticket_id}-{event_name}"


def dedupe_key_for(ticket_id: uuid.UUID, event_name: str) -> str:
    """Our own dedupe key (action_log unique per organisation): one event per ticket and name, ever."""
    return f"capi:{event_name}:{ticket_id}"


@dataclass(frozen=True)
class CapiEvent:
    """Everything one CAPI event needs, already resolved from the ticket, the insight and the settings."""

    event_name: str
    event_time: datetime
    event_id: str
    phones: tuple[str, ...]  # digits only with country code (both ninth-digit forms); hashed by the SDK
    ctwa_clid: str | None
    value: Decimal | None
    currency: str | None
    custom: dict[str, Any] = field(default_factory=dict)


def check_window(event_time: datetime, now: datetime | None = None) -> str | None:
    """The pt-BR reason not to send, or None when ``event_time`` is inside Meta's 7-day window."""
    now = now or datetime.now(UTC)
    if event_time < now - EVENT_WINDOW:
        return EXPIRED_REASON
    return None


def build_event(ev: CapiEvent, meta: MetaSettings, *, waba_id: str | None, now: datetime | None = None) -> dict[str, Any]:
    """The normalised event dict (hashed ``ph``; raw ``ctwa_clid`` and ids). Raises CapiConfigError."""
    now = now or datetime.now(UTC)
    want_waba = meta.user_data_id_field in ("whatsapp_business_account_id", "both")
    want_page = meta.user_data_id_field in ("page_id", "both")
    if want_waba and not waba_id:
        raise CapiConfigError("configure o WABA id (Integração Meta) para enviar eventos")
    if want_page and not meta.page_id:
        raise CapiConfigError("configure o page id (Integração Meta): o campo de id escolhido o exige")
    if not ev.ctwa_clid:
        raise CapiConfigError("ticket sem ctwa_clid: a conversa não veio de um anúncio Click-to-WhatsApp")
    user = UserData(phones=list(ev.phones) or None, ctwa_clid=ev.ctwa_clid,
                    page_id=meta.page_id if want_page else None)
    custom = CustomData(
        value=float(ev.value) if ev.value is not None else None,
        currency=ev.currency if ev.value is not None else None,
        custom_properties=dict(ev.custom) or None,
    )
    event_time = min(ev.event_time, now)  # Meta also rejects times in the future
    sdk_event = Event(event_name=ev.event_name, event_time=int(event_time.timestamp()), event_id=ev.event_id,
                      user_data=user, custom_data=custom, action_source=ActionSource.BUSINESS_MESSAGING,
                      messaging_channel=MessagingChannel.WHATSAPP)
    body: dict[str, Any] = sdk_event.normalize()
    if want_waba:
        body["user_data"]["whatsapp_business_account_id"] = waba_id
    if not body.get("custom_data"):
        body.pop("custom_data", None)
    return body


def request_params(events: list[dict[str, Any]], test_event_code: str | None) -> dict[str, Any]:
    """The POST parameters for ``/{dataset_id}/events`` (JSON-encoded ``data``; the access token is
    added to the body by ``engine.actions.graph.call``, never the URL). Events of different ages
    never share a request (``meta_rules.requests_by_age``): one old event rejects the whole request."""
    if len({ev.get("event_time") for ev in events}) > 1:
        raise ValueError("eventos de idades diferentes não vão na mesma requisição (meta_rules.requests_by_age)")
    params: dict[str, Any] = {"data": events}
    if test_event_code:
        params["test_event_code"] = test_event_code
    return params


def send_events(target: GraphTarget, dataset_id: str, params: dict[str, Any]) -> dict[str, Any]:
    """POST the events; returns Meta's body (``events_received``, ``messages``, ``fbtrace_id``).

    Raises GraphError (transient or permanent)."""
    return call(target, "POST", (dataset_id, "events"), params)
