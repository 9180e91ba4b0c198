"""HMAC-SHA256 request signatures (Meta's ``X-Hub-Signature-256`` and our ``X-Copilot-Signature``).

Both use the same form, ``sha256=<hex digest of HMAC-SHA256(secret, raw body)>``, computed over the
exact bytes received: never over re-serialised JSON, which would not round-trip byte for byte.
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str | bytes, body: bytes) -> str:
    """The header value for ``body`` signed with ``secret`` (``sha256=<hex>``)."""
    key = secret.encode() if isinstance(secret, str) else secret
    return PREFIX + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(secret: str | bytes | None, body: bytes, header: str | None) -> bool:
    """True when ``header`` is the signature of ``body`` with ``secret``.

    The comparison is constant-time. A missing secret still computes a digest (with an empty key)
    so that "unknown organisation" and "wrong signature" take the same time and look the same.
    """
    expected = sign(secret or b"", body)
    given = (header or "").strip()
    # Hex digests are case-insensitive; compare_digest needs equal types (ASCII str here).
    if not given.isascii():
        return False
    ok = hmac.compare_digest(expected, given.lower())
    return ok and bool(secret)
