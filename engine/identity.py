"""Who a lead is: the contact row found (or created) from a business-scoped user id and/or a phone.

Since April 2026 WhatsApp identifies users by a business-scoped user id (``user_id``, e.g.
``BR.1502576394655843``) and may withhold the phone of users with a username. Rules:

- Lookup by user id first (stable across number changes), then by phone.
- Both kept when both arrive: a contact known by phone gains the user id and the reverse.
- ``user_changed_user_id`` and ``user_changed_number`` move the contact to the new id / phone and
  record the old one in ``identity_history`` (a later message under the new id finds the same lead).
- When the id and the phone point at two different rows, the id's row wins and the conflict is
  recorded in the event's detail (never two contacts silently merged).

Flushes, never commits. Rows are locked (``FOR UPDATE``): events of one contact apply one at a time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.models import Contact


class IdentityError(InvalidInput):
    """Neither a user id nor a phone: the item names no one."""


def _find(session: Session, org_id: uuid.UUID, *, user_id: str | None, phone: str | None) -> Contact | None:
    for column, value in ((Contact.user_id, user_id), (Contact.phone, phone)):
        if value:
            found = session.scalars(select(Contact).where(Contact.organization_id == org_id, column == value)
                                    .with_for_update()).first()
            if found is not None:
                return found
    return None


def _free(session: Session, org_id: uuid.UUID, column: Any, value: str, me: uuid.UUID) -> bool:
    other = session.scalar(select(Contact.id).where(Contact.organization_id == org_id, column == value,
                                                    Contact.id != me))
    return other is None


def resolve_contact(session: Session, org_id: uuid.UUID, *, user_id: str | None, phone: str | None,
                    name: str | None = None, parent_user_id: str | None = None,
                    detail: dict[str, Any] | None = None) -> Contact:
    """The contact for this id/phone (created when new; both identifiers kept). Raises IdentityError."""
    user_id = (user_id or "").strip() or None
    phone = (phone or "").strip() or None
    if not user_id and not phone:
        raise IdentityError("mensagem sem remetente: nem user_id nem telefone (wa_id/from)")
    contact = _find(session, org_id, user_id=user_id, phone=phone)
    if contact is None:
        # Two events of one new contact may be applied concurrently: let the unique keys decide.
        session.execute(insert(Contact).values(
            id=uuid.uuid4(), organization_id=org_id, phone=phone, user_id=user_id, parent_user_id=parent_user_id,
            name=name, identity_history=[], preferences={}).on_conflict_do_nothing())
        contact = _find(session, org_id, user_id=user_id, phone=phone)
        if contact is None:  # pragma: no cover - the insert or the conflicting row guarantees one
            raise RuntimeError("contact vanished")
    if user_id and contact.user_id is None and _free(session, org_id, Contact.user_id, user_id, contact.id):
        contact.user_id = user_id
    if phone and contact.phone is None:
        if _free(session, org_id, Contact.phone, phone, contact.id):
            contact.phone = phone
        elif detail is not None:
            detail["identity_conflict"] = f"telefone {phone} pertence a outro contato; mantido o do user_id {user_id}"
    if parent_user_id and not contact.parent_user_id:
        contact.parent_user_id = parent_user_id
    if name and not contact.name:
        contact.name = name
    session.flush()
    return contact


def change_identity(session: Session, org_id: uuid.UUID, *, kind: str, old: str | None, new: str | None,
                    at: datetime, parent_user_id: str | None = None) -> Contact | None:
    """Apply ``user_changed_user_id`` (ids) or ``user_changed_number`` (phones). Returns the contact
    now holding the new identifier, or None when neither the old nor the new one is known."""
    column = Contact.user_id if kind == "user_changed_user_id" else Contact.phone
    attr = "user_id" if kind == "user_changed_user_id" else "phone"
    if not new:
        return None
    holder = session.scalars(select(Contact).where(Contact.organization_id == org_id, column == new)
                             .with_for_update()).first()
    previous = session.scalars(select(Contact).where(Contact.organization_id == org_id, column == old)
                               .with_for_update()).first() if old else None
    if previous is None:
        return holder
    if holder is not None and holder.id != previous.id:
        return holder  # the new id already has its own lead: do not merge two histories here
    if getattr(previous, attr) != new:
        setattr(previous, attr, new)
        previous.identity_history = [*(previous.identity_history or []),
                                     {"kind": kind, "old": old, "new": new, "at": at.isoformat()}]
    if parent_user_id and kind == "user_changed_user_id":
        previous.parent_user_id = parent_user_id
    session.flush()
    return previous
