"""Retargeting customer-list audience: add / remove leads by hashed phone (PHONE_SHA256).

Phones are normalised by ``engine.phones`` (Meta's form: digits only, country code, no '+' or
leading zeros) and hashed here (SHA-256 hex); the SDK's ``format_params`` is called with
``pre_hashed=True`` because it does not normalise phones for single-key schemas. Batches hold at most 10,000 distinct hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from facebook_business.adobjects.customaudience import CustomAudience

from engine.actions.graph import GraphTarget, call
from engine.phones import checked_phone

MAX_BATCH = 10_000  # Meta's limit of rows per request [src]
SCHEMA = CustomAudience.Schema.phone_hash  # "PHONE_SHA256"


def normalise_phone(phone: str) -> str:
    """The phone in ``engine.phones``' normal form (e.g. ``5511999990000``); PhoneError when too short."""
    return checked_phone(phone, purpose="para a audiência")


def phone_hash(phone: str) -> str:
    """SHA-256 hex of the normalised phone (what PHONE_SHA256 expects)."""
    return hashlib.sha256(normalise_phone(phone).encode("utf-8")).hexdigest()


def batches(hashes: Iterable[str], size: int = MAX_BATCH) -> Iterator[list[str]]:
    """Distinct hashes, in first-seen order, in chunks of at most ``size``."""
    if not 1 <= size <= MAX_BATCH:
        raise ValueError(f"batch size must be 1..{MAX_BATCH}")
    seen: set[str] = set()
    chunk: list[str] = []
    for h in hashes:
        if h in seen:
            continue
        seen.add(h)
        chunk.append(h)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def request_params(hashes: list[str]) -> dict[str, Any]:
    """The SDK's own payload shape for a pre-hashed single-key list."""
    params: dict[str, Any] = CustomAudience.format_params(SCHEMA, hashes, pre_hashed=True)
    return params


def change_users(target: GraphTarget, audience_id: str, hashes: list[str], *, remove: bool) -> dict[str, Any]:
    """POST (add) or DELETE (remove) ``/{audience_id}/users``; raises GraphError."""
    if len(hashes) > MAX_BATCH:
        raise ValueError(f"no máximo {MAX_BATCH} linhas por requisição")
    return call(target, "DELETE" if remove else "POST", (audience_id, "users"), request_params(hashes))
