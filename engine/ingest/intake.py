"""From a validated request to inbox rows: shared by the HTTP API and ``copilot events replay``.

Both paths call these functions, and these call ``engine.inbox.ingest_many``, so a replayed event
and a live one are stored, deduplicated and enqueued the same way.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from engine.db import session_scope
from engine.inbox import IngestItem, IngestResult, ingest_many
from engine.ingest.schemas import SOURCE_CRM, ItemError, SystemEvent, WebhookEnvelope
from engine.models import Organization, WhatsappNumber
from engine.vault import unseal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgCredentials:
    id: uuid.UUID
    slug: str
    events_secret: str


def org_credentials(slug: str, conn: Connection | Session | None = None) -> OrgCredentials | None:
    """The organisation (id + events secret) with this slug, or None (in ``conn``'s transaction if given)."""
    org = Organization.__table__
    stmt = select(org.c.id, org.c.slug, org.c.events_secret).where(org.c.slug == slug)
    if conn is None:
        with session_scope() as own:
            row = own.execute(stmt).first()
    else:
        row = conn.execute(stmt).first()
    return OrgCredentials(row[0], row[1], unseal(row[2]) or "") if row else None


def organizations_for_numbers(numbers: list[str]) -> dict[str, uuid.UUID]:
    """phone_number_id -> organisation id, for the numbers that are registered."""
    if not numbers:
        return {}
    with session_scope() as session:
        rows = session.execute(
            select(WhatsappNumber.phone_number_id, WhatsappNumber.organization_id)
            .where(WhatsappNumber.phone_number_id.in_(numbers))
        ).all()
    return {r[0]: r[1] for r in rows}


def system_event_item(organization_id: uuid.UUID, event: SystemEvent) -> IngestItem:
    """The inbox row of a CRM system event (external id = the event's id, deduplicated per org)."""
    return IngestItem(organization_id, SOURCE_CRM, event.type.value, event.id,
                      event.model_dump(mode="json", by_alias=True, exclude_none=True))


def submit_system_event(organization_id: uuid.UUID, event: SystemEvent) -> IngestResult:
    """Commit a CRM system event to the inbox (then enqueue it when new)."""
    return ingest_many([system_event_item(organization_id, event)])[0]


@dataclass
class WebhookOutcome:
    results: list[IngestResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(not r.duplicate and not r.rejected for r in self.results)

    @property
    def duplicates(self) -> int:
        return sum(r.duplicate for r in self.results)


def webhook_items(envelope: WebhookEnvelope, *, only_org: uuid.UUID | None = None) -> tuple[
        list[IngestItem], list[str], list[ItemError]]:
    """The inbox rows of a WhatsApp delivery, why some parts are ignored, and the items refused.

    Items for a phone_number_id that no organisation owns (or, with ``only_org``, that another
    organisation owns) are dropped and logged: retrying cannot make an unknown number known. An item
    that cannot be stored (no sender id, bad timestamp) is refused alone; its neighbours are kept."""
    split = envelope.split()
    for reason in split.ignored:
        log.info("WhatsApp webhook: %s", reason)
    for err in split.errors:
        log.warning("WhatsApp webhook item refused: %s (%s): %s", err.item, err.id or "sem id", err.message)
    owners = organizations_for_numbers(sorted(split.by_number))
    items: list[IngestItem] = []
    ignored: list[str] = list(split.ignored)
    for number, group in split.by_number.items():
        org_id = owners.get(number)
        if org_id is None or (only_org is not None and org_id != only_org):
            reason = "unknown" if org_id is None else "belongs to another organisation"
            log.warning("WhatsApp webhook for phone_number_id %s ignored (%s); %d item(s) dropped",
                        number, reason, len(group))
            ignored.append(f"phone_number_id {number}: {reason}")
            continue
        items += [IngestItem(org_id, it.source, it.type, it.external_id, it.payload) for it in group]
    return items, ignored, split.errors


def submit_webhook(envelope: WebhookEnvelope, *, only_org: uuid.UUID | None = None) -> WebhookOutcome:
    """Commit every storable item of a WhatsApp delivery to the inbox, in one transaction."""
    items, ignored, errors = webhook_items(envelope, only_org=only_org)
    return WebhookOutcome(results=ingest_many(items) if items else [], ignored=ignored, errors=errors)
