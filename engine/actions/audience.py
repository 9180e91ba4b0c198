"""Retargeting customer-list audience: add / remove leads by hashed phone (PHONE_SHA256).

Phones are normalised to Meta's form by ``engine.phones`` (digits, country code, no '+' or leading
zeros) and hashed here (SHA-256 hex); the SDK's ``format_params`` is called with ``pre_hashed=True``
because it does not normalise phones for single-key schemas. A Brazilian mobile is sent in both
ninth-digit forms (12 and 13 digits): WhatsApp may know an old account by either.

Batches hold at most ``MAX_BATCH`` hashes. Removals go as ``DELETE /{audience}/users`` with the
payload in the form body (``engine.actions.graph.call``), never in the URL: the SDK's own DELETE
puts it in the query string and servers refuse such URLs (414) from a few hundred rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from facebook_business.adobjects.customaudience import CustomAudience

from engine.actions.graph import GraphTarget, call
from engine.phones import BRAZIL, match_forms, normalise_for_country

MAX_BATCH = 10_000  # Meta's limit of rows per request [src]
SCHEMA = CustomAudience.Schema.phone_hash  # "PHONE_SHA256"


def normalise_phone(phone: str, default_country: str | None = BRAZIL) -> str:
    """Digits only, with country code, no '+' or leading zeros (raises PhoneError, a ValueError)."""
    return normalise_for_country(phone, default_country)


def _sha(digits: str) -> str:
    return hashlib.sha256(digits.encode("utf-8")).hexdigest()


def phone_hashes(phone: str, default_country: str | None = BRAZIL) -> list[str]:
    """SHA-256 hex of every form the list must carry (both ninth-digit forms of a Brazilian mobile)."""
    return [_sha(f) for f in match_forms(normalise_phone(phone, default_country))]


def phone_hash(phone: str, default_country: str | None = BRAZIL) -> str:
    """SHA-256 hex of the normalised phone (its 13-digit form for a Brazilian mobile): the lead's key."""
    return phone_hashes(phone, default_country)[0]


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
    """POST (add) or DELETE (remove) ``/{audience_id}/users``, payload in the body; raises GraphError."""
    if len(hashes) > MAX_BATCH:
        raise ValueError(f"no máximo {MAX_BATCH} linhas por requisição")
    return call(target, "DELETE" if remove else "POST", (audience_id, "users"), request_params(hashes))
