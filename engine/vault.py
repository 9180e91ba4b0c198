"""Organisation secrets at rest (the events secret, the Meta access token): Fernet-encrypted with the
key in ``SECRETS_KEY`` (``cryptography``'s Fernet: AES-128-CBC + HMAC-SHA256, a maintained library).

- ``seal`` encrypts a value for storage (``fernet:<token>``); without ``SECRETS_KEY`` it stores the value
  as it is (development, tests) — production sets the key.
- ``unseal`` reads either form, so rows written before the key was set keep working (re-saving them
  encrypts them). A sealed value with no key, or the wrong key, raises ``SecretUnavailable``.
- ``mask`` is the only way a secret is shown: "EAAB…x9Zq".

Generate a key with ``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from engine.config import get_settings
from engine.errors import CopilotError

PREFIX = "fernet:"


class SecretUnavailable(CopilotError):
    """A stored secret cannot be decrypted (no key, or another key)."""

    def __init__(self) -> None:
        super().__init__("stored secret cannot be decrypted: SECRETS_KEY is missing or different",
                         user_message="Um segredo armazenado não pôde ser lido: a chave SECRETS_KEY do servidor "
                                      "está ausente ou mudou. Avise o administrador.")


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def _key() -> str | None:
    key = get_settings().secrets_key
    return key.get_secret_value() if key is not None else None


def seal(value: str | None) -> str | None:
    """The form to store (encrypted when SECRETS_KEY is set)."""
    if value is None or value == "" or value.startswith(PREFIX):
        return value
    key = _key()
    return value if key is None else PREFIX + _fernet(key).encrypt(value.encode()).decode()


def unseal(stored: str | None) -> str | None:
    """The usable value of a stored secret (sealed or, for older rows, plain)."""
    if stored is None or not stored.startswith(PREFIX):
        return stored
    key = _key()
    if key is None:
        raise SecretUnavailable()
    try:
        return _fernet(key).decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise SecretUnavailable() from None


def mask(value: str | None) -> str:
    """'EAAB…x9Zq' — enough to recognise a secret, never enough to use it."""
    if not value:
        return ""
    return f"{value[:4]}…{value[-4:]}" if len(value) > 12 else "…" * 3
