"""Password hashing (argon2id) and credential checks. Login throttling lives with the Studio session code.

Hashes use the ``PASSWORD_HASH_PROFILE`` parameters: RFC 9106's low-memory profile in production
(time cost 3, 64 MiB, parallelism 4; argon2-cffi's default), argon2-cffi's ``CHEAPEST`` under the
test suite. A hash carries its own parameters, so verifying never depends on the current profile.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.config import get_settings
from engine.models import User

PROFILES = {"rfc_9106_low_memory": profiles.RFC_9106_LOW_MEMORY, "cheapest": profiles.CHEAPEST}


@lru_cache(maxsize=len(PROFILES))
def _hasher_for(profile: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(PROFILES[profile])


def hasher() -> PasswordHasher:
    """The argon2id hasher for the configured ``password_hash_profile``."""
    return _hasher_for(get_settings().password_hash_profile)


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same answer for unknown e-mail)."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower(), User.is_active))
    if user is None:
        hasher().hash(password)  # spend the same time as a real check: no user enumeration by timing
        return None
    return user if verify_password(user.password_hash, password) else None
